"""Canonical JSON: one byte string per value (board spec §B2).

Every object Tandau hashes or signs is serialised by ``dumps``; every byte
string a verifier reads is parsed by ``loads_canonical``, which refuses any
input that is not exactly what ``dumps`` would produce for the value it
denotes.  The rules (§B2):

- UTF-8, no byte order mark, no whitespace outside strings;
- object keys are strings, unique, sorted by Unicode code point;
- separators ``,`` and ``:``;
- strings escape only ``"``, ``\\`` and the control characters U+0000–U+001F
  (``\\b \\f \\n \\r \\t`` in short form, the rest as ``\\u00xx``, lower-case
  hex); every other character is written as itself; lone surrogates are
  refused;
- numbers are integers in the interoperable range −(2^53 − 1) … 2^53 − 1,
  written in shortest decimal form; no floats, exponents, NaN or infinities;
- ``true``, ``false`` and ``null`` as themselves.

Only the standard library is used, so the standalone verifier can rely on it.
"""

from __future__ import annotations

import json
from typing import Any, NoReturn

from .errors import EncodingError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_DEPTH",
    "MAX_SAFE_INTEGER",
    "NonCanonicalJson",
    "dumps",
    "dumps_checked",
    "loads_canonical",
    "record_lists",
    "record_object",
]

#: The largest integer every JSON implementation represents exactly (2^53 − 1).
MAX_SAFE_INTEGER = 2**53 - 1
#: Default bound on one document's size (a large credential list fits).
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
#: Default bound on nesting of arrays and objects.
DEFAULT_MAX_DEPTH = 64


class NonCanonicalJson(EncodingError, title=EncodingError.title):
    """A value or a byte string that is not canonical JSON (§B2)."""

    code = "crypto.json.non_canonical"


def _fail(message: str) -> NoReturn:
    raise NonCanonicalJson(message)


def _check(value: object, depth: int, max_depth: int) -> None:
    """Refuse anything outside the canonical value space (§B2)."""
    if depth > max_depth:
        _fail(f"nesting deeper than {max_depth}")
    if value is None or isinstance(value, bool | str):
        return
    if isinstance(value, int):
        if not -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER:
            _fail("integer outside the safe range ±(2^53 − 1)")
        return
    if isinstance(value, float):
        _fail("floats are not allowed in canonical JSON")
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                _fail("object keys must be strings")
            _check(item, depth + 1, max_depth)
        return
    if isinstance(value, list | tuple):
        for item in value:
            _check(item, depth + 1, max_depth)
        return
    _fail(f"{type(value).__name__} has no canonical JSON form")


def dumps(obj: Any, *, max_depth: int = DEFAULT_MAX_DEPTH) -> bytes:
    """The canonical JSON bytes of ``obj`` (§B2); raises NonCanonicalJson.

    Accepts dicts with string keys, lists and tuples, strings, safe-range
    integers, booleans and None.
    """
    _check(obj, 0, max_depth)
    return _encode(obj)


_ENCODER = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
)


def _encode(obj: Any) -> bytes:
    """The bytes ``dumps`` writes, for a value already known to be in the canonical space."""
    try:
        return _ENCODER.encode(obj).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise NonCanonicalJson("a string holds a lone surrogate") from exc


def dumps_checked(value: Any) -> bytes:
    """The canonical bytes of a value already known to be in the canonical space.

    That is a value parsed from a line ``loads_canonical`` accepted, or a part of
    a value ``dumps`` accepted: its integers and depth were checked with the
    whole, so only the encoding is left to do.
    """
    return _encode(value)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            _fail(f"duplicate key {key!r}")
        out[key] = value
    return out


def _no_float(text: str) -> NoReturn:
    _fail(f"non-integer number {text[:20]!r}")


def _no_constant(text: str) -> NoReturn:
    _fail(f"{text} is not JSON")


def loads_canonical(
    data: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Any:
    """Parse ``data`` and check it is exactly the canonical form of its value (§B2).

    Raises NonCanonicalJson for invalid UTF-8 or JSON, duplicate keys, floats,
    out-of-range integers, nesting deeper than ``max_depth``, input longer
    than ``max_bytes``, and any byte that ``dumps`` would have written
    differently (whitespace, key order, escapes, number form).
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise NonCanonicalJson("canonical JSON is parsed from bytes")
    raw = bytes(data)
    if len(raw) > max_bytes:
        _fail(f"document larger than {max_bytes} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NonCanonicalJson("not valid UTF-8") from exc
    wide: list[int] = []

    def parse_int(digits: str) -> int:
        n = int(digits)
        if not -MAX_SAFE_INTEGER <= n <= MAX_SAFE_INTEGER:
            wide.append(n)
        return n

    try:
        value = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_float=_no_float,
            parse_int=parse_int,
            parse_constant=_no_constant,
        )
    except NonCanonicalJson:
        raise
    except RecursionError as exc:
        raise NonCanonicalJson("nesting too deep") from exc
    except ValueError as exc:  # JSONDecodeError, or an integer too long to convert
        raise NonCanonicalJson(f"not JSON: {exc}") from exc
    # A line with no wide integer and fewer brackets than the depth bound is in the
    # canonical value space (nothing else can be parsed), so the walk of
    # ``dumps`` is skipped; otherwise it runs and names the first fault as before.
    if wide or raw.count(b"{") + raw.count(b"[") > max_depth:
        encoded = dumps(value, max_depth=max_depth)
    else:
        encoded = _encode(value)
    if encoded != raw:
        _fail("bytes are not in canonical form")
    return value


def record_object(d: Any, keys: tuple[str, ...], what: str) -> dict[str, Any]:
    """``d`` when it is a JSON object with exactly ``keys``; else EncodingError.

    The one check at the top of every record form's ``from_dict``; the error reads
    ``{what} is {key, key…}``.
    """
    if not isinstance(d, dict) or set(d) != set(keys):
        raise EncodingError(f"{what} is {{{', '.join(keys)}}}")
    return d


def record_lists(
    d: dict[str, Any], keys: tuple[str, str], most: int, what: str, *, matching: bool = False
) -> tuple[list[Any], list[Any]]:
    """The two lists a record holds under ``keys``, the first at most ``most`` long
    (``matching``: both as long); else EncodingError ``what``."""
    first, second = d[keys[0]], d[keys[1]]
    if (
        not isinstance(first, list)
        or not isinstance(second, list)
        or len(first) > most
        or (matching and len(first) != len(second))
    ):
        raise EncodingError(what)
    return first, second
