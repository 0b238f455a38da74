"""The files the command line reads and writes: self-describing JSON documents.

Every document the CLI writes names its kind and version in a ``format`` field
(``tandau-dealing/v1``…) and, where it belongs to one election, the election's
fingerprint; a file of the wrong kind or election is refused with its path.
A file appears whole or not at all (written aside, then linked into place),
an existing file is never overwritten, and secret files (keys, shares,
credential codes) are created readable by their owner only.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from tandau.crypto.errors import TandauError
from tandau.i18n import CLI

from .errors import BAD_INPUT, CliError

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "decode",
    "document",
    "format_of",
    "is_secret",
    "read_document",
    "read_json",
    "write_bytes",
    "write_document",
]

#: The largest JSON document read whole (records are streamed, never read this way).
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024

T = TypeVar("T")


def format_of(kind: str) -> str:
    return f"tandau-{kind}/v1"


def is_secret(path: Path) -> bool:
    return path.name.endswith(".secret.json")


def read_json(path: Path) -> Any:
    """The JSON value in ``path``; a clear error if it is missing, too big or not JSON."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise CliError(CLI.file_missing, exit_code=BAD_INPUT, path=path) from exc
    if path.is_dir():
        raise CliError(CLI.file_is_directory, exit_code=BAD_INPUT, path=path)
    if size > MAX_DOCUMENT_BYTES:
        raise CliError(CLI.file_too_big, exit_code=BAD_INPUT, path=path)
    raw = path.read_bytes()
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise CliError(CLI.file_not_json, exit_code=BAD_INPUT, path=path) from exc


def document(path: Path, obj: Any, kind: str) -> dict[str, Any]:
    """``obj`` (read from ``path``) if it is a document of ``kind``."""
    if not isinstance(obj, dict) or obj.get("format") != format_of(kind):
        raise CliError(CLI.file_wrong_kind, exit_code=BAD_INPUT, path=path, kind=format_of(kind))
    return obj


def read_document(path: Path, kind: str, fingerprint: bytes | None = None) -> dict[str, Any]:
    """The document of ``kind`` in ``path``, of the election with ``fingerprint`` if given."""
    doc = document(path, read_json(path), kind)
    if fingerprint is not None and doc.get("fingerprint") != fingerprint.hex():
        raise CliError(CLI.file_other_election, exit_code=BAD_INPUT, path=path)
    return doc


def decode(path: Path, kind: str, parse: Callable[[], T]) -> T:
    """Run ``parse`` on a document's content; any decoding failure names the file."""
    try:
        return parse()
    except (TandauError, KeyError, TypeError, ValueError, AttributeError) as exc:
        if isinstance(exc, CliError):
            raise
        detail = exc.message if isinstance(exc, TandauError) else repr(exc)
        raise CliError(
            CLI.file_invalid, exit_code=BAD_INPUT, path=path, kind=format_of(kind), detail=detail
        ) from exc


def write_bytes(path: Path, data: bytes, *, secret: bool = False) -> Path:
    """Create ``path`` with ``data``: refused if it exists; whole or not at all."""
    if path.exists():
        raise CliError(CLI.file_exists, path=path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if secret else 0o644)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        # A hard link refuses an existing target, so two writers cannot both win.
        os.link(tmp, path)
    except FileExistsError as exc:
        raise CliError(CLI.file_exists, path=path) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return path


def write_document(
    path: Path,
    kind: str,
    body: dict[str, Any],
    *,
    fingerprint: bytes | None = None,
    secret: bool = False,
) -> Path:
    """Write a document of ``kind``: ``{"format", ["fingerprint"], …body}``."""
    doc: dict[str, Any] = {"format": format_of(kind)}
    if fingerprint is not None:
        doc["fingerprint"] = fingerprint.hex()
    doc.update(body)
    data = (json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
    return write_bytes(path, data, secret=secret)
