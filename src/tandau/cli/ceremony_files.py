"""The key ceremony's files (crypto spec §6), exchanged between offline laptops.

Public files — parameters, setups, dealings, responses, reveals, the result —
are copied between trustees and the commission; a command takes a pile of
them (files or directories) and sorts them by their ``format``.  Secret files
(``*.secret.json``: box key, polynomial, received shares, key share) stay in
the trustee's own directory and are read only from there.

File names in a trustee's directory::

    setup-J.json  box-key-J.secret.json  dealing-J.json  dealer-J.secret.json
    response-J.json  shares-J.secret.json  reveal-I-J.json
    ceremony-result.json  key-share-J.secret.json  decryption-J.json
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from tandau.crypto.ceremony import (
    CeremonyParameters,
    CeremonyResult,
    Dealing,
    Response,
    Reveal,
    TrusteeSetup,
)
from tandau.i18n import CLI
from tandau.protocol.ceremony_files import CeremonyFiles
from tandau.protocol.manifest import Manifest

from .errors import BAD_INPUT, CliError
from .files import decode, format_of, is_secret, read_json

__all__ = [
    "PARAMS",
    "CeremonyPile",
    "load_pile",
    "output_name",
    "params_document",
]

PARAMS = "ceremony-params"
SETUP = "trustee-setup"
DEALING = "dealing"
RESPONSE = "response"
REVEAL = "reveal"
RESULT = "ceremony-result"

T = TypeVar("T")

#: Each per-trustee public file: the field holding it, its reader, and whose it is.
_BY_TRUSTEE: dict[str, tuple[str, Callable[[Any], Any], Callable[[Any], int]]] = {
    SETUP: ("setup", TrusteeSetup.from_dict, lambda s: s.index),
    DEALING: ("dealing", Dealing.from_dict, lambda d: d.dealer),
    RESPONSE: ("response", Response.from_dict, lambda r: r.recipient),
}

_NAMES = {
    "setup": "setup-{j}.json",
    "box_key": "box-key-{j}.secret.json",
    "dealing": "dealing-{j}.json",
    "dealer": "dealer-{j}.secret.json",
    "response": "response-{j}.json",
    "shares": "shares-{j}.secret.json",
    "reveal": "reveal-{i}-{j}.json",
    "result": "ceremony-result.json",
    "key_share": "key-share-{j}.secret.json",
    "decryption": "decryption-{j}.json",
}


def output_name(what: str, **indices: int) -> str:
    return _NAMES[what].format(**indices)


def params_document(manifest: Manifest) -> dict[str, Any]:
    """The body of the parameters file: the parameters and the manifest they come from."""
    params = CeremonyParameters(manifest.fingerprint, len(manifest.trustees), manifest.threshold)
    return {
        "election": manifest.election_id,
        "parameters": params.to_dict(),
        "manifest": manifest.to_dict(),
    }


class CeremonyPile(CeremonyFiles):
    """The public ceremony files found, checked to be of one election, by trustee index."""

    def by_trustee(self, kind: str) -> dict[int, Any]:
        """The files of one per-trustee kind (setups, dealings or responses)."""
        found: dict[str, dict[int, Any]] = {
            SETUP: self.setups,
            DEALING: self.dealings,
            RESPONSE: self.responses,
        }
        return found[kind]

    def setup_list(self) -> list[TrusteeSetup]:
        missing = [j for j in self.params.indices if j not in self.setups]
        if missing:
            raise CliError(CLI.ceremony_missing_setups, trustees=_ids(missing))
        return [self.setups[j] for j in self.params.indices]

    def trustee_name(self, j: int) -> str:
        for t in self.manifest.trustees:
            if t.index == j:
                return t.name
        raise CliError(CLI.no_such_trustee, exit_code=BAD_INPUT, index=j)


def _ids(items: Iterable[int]) -> str:
    return ", ".join(str(i) for i in items)


def _expand(paths: Iterable[Path]) -> list[tuple[Path, bool]]:
    """Files named, and the public ``*.json`` files of directories named (flagged as found)."""
    out: list[tuple[Path, bool]] = []
    for p in paths:
        if p.is_dir():
            out.extend((f, True) for f in sorted(p.glob("*.json")) if not is_secret(f))
        else:
            out.append((p, False))
    return out


def _put(table: dict[Any, T], key: Any, value: T, path: Path) -> None:
    if key in table and table[key] != value:
        raise CliError(CLI.ceremony_conflict, exit_code=BAD_INPUT, path=path)
    table[key] = value


def _parse(path: Path, kind: str, doc: dict[str, Any], name: str, fn: Callable[[Any], T]) -> T:
    return decode(path, kind, lambda: fn(doc[name]))


def load_pile(paths: Iterable[Path]) -> CeremonyPile:
    """Read the public files; exactly one parameters file, every file of the same election."""
    docs: list[tuple[Path, str, dict[str, Any]]] = []
    kinds = {format_of(k): k for k in (PARAMS, SETUP, DEALING, RESPONSE, REVEAL, RESULT)}
    for path, found in _expand(paths):
        obj = read_json(path)
        kind = kinds.get(str(obj.get("format"))) if isinstance(obj, dict) else None
        if kind is None:
            if found:
                continue  # another kind of file in a shared directory
            raise CliError(CLI.ceremony_not_a_file, exit_code=BAD_INPUT, path=path)
        docs.append((path, kind, obj))
    params_docs = [(p, d) for p, k, d in docs if k == PARAMS]
    if not params_docs:
        raise CliError(CLI.ceremony_no_params, exit_code=BAD_INPUT)
    path0, doc0 = params_docs[0]
    params = _parse(path0, PARAMS, doc0, "parameters", CeremonyParameters.from_dict)
    manifest = _parse(path0, PARAMS, doc0, "manifest", Manifest.from_dict)
    if (
        manifest.fingerprint != params.fingerprint
        or len(manifest.trustees) != params.trustees
        or manifest.threshold != params.threshold
    ):
        raise CliError(CLI.ceremony_params_mismatch, exit_code=BAD_INPUT, path=path0)
    pile = CeremonyPile(manifest, params)
    fp = params.fingerprint.hex()
    for path, kind, doc in docs:
        holder = doc.get("parameters") if kind == PARAMS else doc
        theirs = holder.get("fingerprint") if isinstance(holder, dict) else None
        if theirs != fp:
            raise CliError(CLI.file_other_election, exit_code=BAD_INPUT, path=path)
        if kind in _BY_TRUSTEE:
            name, read, trustee = _BY_TRUSTEE[kind]
            item = _parse(path, kind, doc, name, read)
            params.require_trustee(trustee(item))
            _put(pile.by_trustee(kind), trustee(item), item, path)
        elif kind == REVEAL:
            v = _parse(path, kind, doc, "reveal", Reveal.from_dict)
            _put(pile.reveals, (v.dealer, v.recipient), v, path)
        elif kind == RESULT:
            res = _parse(path, kind, doc, "result", CeremonyResult.from_dict)
            if pile.result is not None and pile.result != res:
                raise CliError(CLI.ceremony_conflict, exit_code=BAD_INPUT, path=path)
            pile.result = res
    return pile
