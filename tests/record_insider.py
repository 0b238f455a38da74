"""What an insider holding the commission key can do to a record: edit, re-chain, re-sign.

Shared by the mutation suite and the fuzz test (record spec §R8).  Hash
chain, Merkle roots, head signatures and the header's fingerprint are all
made valid again, so only the verifier's semantic checks can catch the edit.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from tempfile import mkdtemp
from typing import Any

from tandau.cli.demo import run_demo
from tandau.crypto import merkle
from tandau.crypto.canonical import NonCanonicalJson, dumps
from tandau.crypto.hashing import encode_parts, hash_bytes, tag
from tandau.crypto.rng import DeterministicRng
from tandau.crypto.signatures import HeadSigningKey

__all__ = ["Record", "genuine", "serialise"]

SEED = "insider"


def serialise(value: Any) -> bytes:
    """Canonical bytes where the value allows, else the closest JSON an insider could write."""
    try:
        return dumps(value)
    except (NonCanonicalJson, RecursionError):
        text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return text.encode()


@dataclass
class Record:
    """A record opened for editing: header, head objects and entry envelopes."""

    header: dict[str, Any]
    heads: list[dict[str, Any]]
    entries: list[dict[str, Any]]
    key: HeadSigningKey
    #: Raw line edits applied after rebuilding: (line index, new bytes or None to delete).
    line_edits: list[tuple[int, bytes | None]] = field(default_factory=list)

    @classmethod
    def open(cls, path: Path, key: HeadSigningKey) -> Record:
        lines = path.read_bytes().splitlines()
        header = json.loads(lines[0])
        h = header["heads"]
        heads = [json.loads(x)["head"] for x in lines[1 : 1 + h]]
        entries = [json.loads(x) for x in lines[1 + h :]]
        return cls(header, heads, entries, key)

    def of_type(self, etype: str) -> list[int]:
        return [i for i, e in enumerate(self.entries) if e["type"] == etype]

    def payload(self, etype: str, nth: int = 0) -> dict[str, Any]:
        return dict(self.entries[self.of_type(etype)[nth]]["payload"])

    def insert(self, at: int, etype: str, payload: dict[str, Any]) -> None:
        """A new entry at position ``at``, stamped with its predecessor's time."""
        template = dict(self.entries[at - 1])
        self.entries.insert(at, {**template, "type": etype, "payload": payload})

    def write(
        self,
        path: Path,
        *,
        head_sizes: list[int] | None = None,
        keep_entries: int | None = None,
        rechain: bool = True,
    ) -> Path:
        """Re-chain every entry, sign heads at ``head_sizes`` (default: the full size)."""
        first = self.entries[0] if self.entries else None
        payload = first.get("payload") if isinstance(first, dict) else None
        manifest = payload.get("manifest") if isinstance(payload, dict) else None
        if isinstance(manifest, dict):
            with_fp = hash_bytes("manifest", serialise(manifest))[:32].hex()
            self.header["fingerprint"] = with_fp
        raws: list[bytes] = []
        prev = "0" * 64
        for i, e in enumerate(self.entries):
            env = {**e, "seq": i, "prev": prev} if rechain and isinstance(e, dict) else e
            raw = serialise(env)
            raws.append(raw)
            prev = merkle.leaf_hash(raw).hex()
        leaves = [merkle.leaf_hash(r) for r in raws]
        sizes = head_sizes if head_sizes is not None else [len(raws)]
        head_lines = []
        for n in sizes:
            head = {
                "v": 1,
                "election": self.header["election"],
                "tree_size": n,
                "root": merkle.root(leaves[:n]).hex(),
                "time": _time(self.entries[max(n, 1) - 1]),
            }
            head.update(self.head_overrides)
            sig = self.key.sign(encode_parts([tag("board/head"), dumps(head)]))
            head_lines.append(dumps({"head": head, "signature": sig.hex()}))
        kept = raws if keep_entries is None else raws[:keep_entries]
        header = {**self.header, "entries": len(kept), "heads": len(head_lines)}
        lines = [dumps(header), *head_lines, *kept]
        for index, new in sorted(self.line_edits, reverse=True):
            if new is None:
                del lines[index]
            else:
                lines[index] = new
        path.write_bytes(b"".join(x + b"\n" for x in lines))
        return path

    head_overrides: dict[str, Any] = field(default_factory=dict)


def _time(entry: Any) -> Any:
    t = entry.get("time") if isinstance(entry, dict) else None
    return t if isinstance(t, str) else "2026-01-01T00:00:00.000000Z"


@cache
def _genuine() -> tuple[Path, bytes]:
    out = Path(mkdtemp(prefix="tandau-insider-"))
    summary = run_demo(8, 2, out, seed=SEED, verify=False)
    return Path(str(summary["record"])), HeadSigningKey.generate(
        DeterministicRng(SEED.encode())
    ).seed


def genuine() -> tuple[Path, HeadSigningKey]:
    """A genuine demo record (built once per session) and the commission's signing key."""
    path, seed = _genuine()
    key = HeadSigningKey.from_seed(seed)
    return path, key


Mutation = Callable[[Record], None]
