"""Reading an exported election record (record spec §R1) without a database.

``RecordFile`` streams a record's entries in order, checking the hash chain as
it goes; ``Snapshot`` reads a whole record into its leaf hashes, checks every
signed head against them and against the commission key of the manifest, and
answers Merkle proofs from the leaves (RFC 9162) — what an auditor comparing
two snapshots or a voter checking a receipt offline needs.  Memory grows by
32 bytes per entry plus the complete subtrees over them, never with entry size.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from tandau.board import ZERO_HASH, Entry, SignedHead
from tandau.crypto import merkle
from tandau.crypto.canonical import dumps, loads_canonical
from tandau.crypto.errors import TandauError
from tandau.crypto.merkle import Coord
from tandau.crypto.signatures import HeadVerifyKey
from tandau.i18n import CLI
from tandau.protocol.manifest import Manifest

from .errors import BAD_INPUT, CliError

__all__ = ["RECORD_FORMAT", "LeafTree", "RecordFile", "Snapshot"]

RECORD_FORMAT = "tandau-record/v1"


def _invalid(path: Path, detail: str) -> CliError:
    return CliError(CLI.record_invalid, exit_code=BAD_INPUT, path=path, detail=detail)


@dataclass
class RecordFile:
    """A record's header and signed heads; its entries streamed on demand."""

    path: Path
    header: dict[str, Any]
    heads: list[SignedHead]

    @classmethod
    def open(cls, path: Path) -> RecordFile:
        if not path.is_file():
            raise CliError(CLI.file_missing, exit_code=BAD_INPUT, path=path)
        with path.open("rb") as f:
            header = cls._header(path, f.readline())
            heads = [cls._head(path, f.readline()) for _ in range(header["heads"])]
        return cls(path, header, heads)

    @staticmethod
    def _header(path: Path, line: bytes) -> dict[str, Any]:
        try:
            header = loads_canonical(line.rstrip(b"\n"))
        except TandauError as exc:
            raise _invalid(path, "the first line is not the record header") from exc
        if not isinstance(header, dict) or header.get("format") != RECORD_FORMAT:
            raise _invalid(path, f"the header does not say {RECORD_FORMAT}")
        for k in ("entries", "heads"):
            v = header.get(k)
            if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                raise _invalid(path, f"the header's {k} is not a count")
        if not isinstance(header.get("election"), str):
            raise _invalid(path, "the header names no election")
        return header

    @staticmethod
    def _head(path: Path, line: bytes) -> SignedHead:
        try:
            obj = json.loads(line)
            return SignedHead.from_stored(dumps(obj["head"]), bytes.fromhex(obj["signature"]))
        except (TandauError, ValueError, KeyError, TypeError) as exc:
            raise _invalid(path, "a signed head line is malformed") from exc

    @property
    def election(self) -> str:
        return str(self.header["election"])

    @property
    def size(self) -> int:
        return int(self.header["entries"])

    def raw_entries(self) -> Iterator[bytes]:
        """The exact bytes of entries 0 … n−1; a short record is an error."""
        with self.path.open("rb") as f:
            for _ in range(1 + len(self.heads)):
                f.readline()
            yield from _lines(self.path, f, self.size)

    def entries(self) -> Iterator[Entry]:
        """Entries in order, each parsed strictly and linked to its predecessor."""
        prev = ZERO_HASH
        for seq, raw in enumerate(self.raw_entries()):
            try:
                entry = Entry.parse(raw)
            except TandauError as exc:
                raise _invalid(self.path, f"entry {seq}: {exc.message}") from exc
            if entry.seq != seq or entry.election != self.election or entry.prev != prev:
                raise _invalid(self.path, f"entry {seq} is out of place or unlinked")
            prev = entry.leaf_hash
            yield entry

    def manifest(self) -> Manifest:
        for entry in self.entries():
            try:
                return Manifest.from_dict(entry.payload["manifest"])
            except (TandauError, KeyError, TypeError) as exc:
                raise _invalid(self.path, "entry 0 is not a manifest") from exc
        raise _invalid(self.path, "the record has no entries")


def _lines(path: Path, f: IO[bytes], count: int) -> Iterator[bytes]:
    for seq in range(count):
        line = f.readline()
        if not line:
            raise _invalid(path, f"the record ends at entry {seq} of {count}")
        yield line.rstrip(b"\n")


class LeafTree:
    """Every complete subtree over a list of leaf hashes: any RFC 9162 proof, from memory."""

    def __init__(self, leaves: Sequence[bytes]) -> None:
        self.levels: list[list[bytes]] = [list(leaves)]
        while len(self.levels[-1]) > 1:
            below = self.levels[-1]
            self.levels.append(
                [merkle.node_hash(below[i], below[i + 1]) for i in range(0, len(below) - 1, 2)]
            )

    @property
    def size(self) -> int:
        return len(self.levels[0])

    def read(self, coords: Sequence[Coord]) -> list[bytes]:
        return [self.levels[level][index] for level, index in coords]

    def root(self, size: int) -> bytes:
        return merkle.root_from_nodes(size, self.read)

    def inclusion_proof(self, seq: int, size: int) -> list[bytes]:
        return merkle.inclusion_proof(seq, size, self.read)

    def consistency_proof(self, size1: int, size2: int) -> list[bytes]:
        return merkle.consistency_proof(size1, size2, self.read)


@dataclass
class Snapshot:
    """A record read and checked: its leaves match its chain and every signed head."""

    path: Path
    election: str
    manifest: Manifest
    manifest_bytes: bytes
    heads: list[SignedHead]
    tree: LeafTree

    @property
    def size(self) -> int:
        return self.tree.size

    @property
    def last_head(self) -> SignedHead:
        return self.heads[-1]

    @classmethod
    def load(cls, path: Path) -> Snapshot:
        record = RecordFile.open(path)
        leaves: list[bytes] = []
        manifest: Manifest | None = None
        manifest_bytes = b""
        for entry in record.entries():
            if entry.seq == 0:
                try:
                    manifest = Manifest.from_dict(entry.payload["manifest"])
                except (TandauError, KeyError, TypeError) as exc:
                    raise _invalid(path, "entry 0 is not a manifest") from exc
                manifest_bytes = entry.data
            leaves.append(entry.leaf_hash)
        if manifest is None:
            raise _invalid(path, "the record has no entries")
        snap = cls(path, record.election, manifest, manifest_bytes, record.heads, LeafTree(leaves))
        snap._check_heads()
        return snap

    def _check_heads(self) -> None:
        if not self.heads or self.heads[-1].tree_size != self.size:
            raise _invalid(self.path, "no signed head covers the whole record")
        key = HeadVerifyKey.from_hex(self.manifest.commission_key)
        last = -1
        for head in self.heads:
            if head.tree_size <= last or head.election != self.election:
                raise _invalid(self.path, "the signed heads are out of order")
            last = head.tree_size
            if head.root != self.tree.root(head.tree_size):
                raise CliError(CLI.head_root_mismatch, path=self.path, size=head.tree_size)
            try:
                head.verify(key)
            except TandauError as exc:
                raise CliError(CLI.head_not_signed, path=self.path, size=head.tree_size) from exc
