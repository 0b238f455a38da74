"""Is a newer snapshot of a board an extension of an older one? (board spec §B8, RFC 9162 §2.1.4)

Each snapshot is an exported record, checked on its own first (chain, every
signed head's root and signature).  Then a consistency proof between the old
snapshot's last signed head and the new one's, computed from the new
snapshot's leaves, must verify against both signed roots: the old board is
then a prefix of the new, byte for byte.  A shorter new snapshot was
truncated; a proof that fails means the board was forked or rewritten, and the
first entry that differs is named.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tandau.crypto import merkle
from tandau.crypto.errors import MerkleError
from tandau.i18n import CLI

from .errors import CliError
from .record_file import Snapshot

__all__ = ["Comparison", "compare_snapshots"]


@dataclass(frozen=True, slots=True)
class Comparison:
    """The proof that the old head is a prefix of the new one."""

    election: str
    old_size: int
    new_size: int
    old_root: bytes
    new_root: bytes
    proof: tuple[bytes, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "election": self.election,
            "consistent": True,
            "old": {"tree_size": self.old_size, "root": self.old_root.hex()},
            "new": {"tree_size": self.new_size, "root": self.new_root.hex()},
            "consistency_proof": [p.hex() for p in self.proof],
            "appended": self.new_size - self.old_size,
        }


def compare_snapshots(old: Snapshot, new: Snapshot) -> Comparison:
    """Raise a CliError naming the problem unless ``new`` extends ``old``."""
    if old.election != new.election or old.manifest.fingerprint != new.manifest.fingerprint:
        raise CliError(CLI.compare_other_election, old=old.path, new=new.path)
    n1, n2 = old.size, new.size
    if n1 > n2:
        raise CliError(CLI.compare_truncated, old_size=n1, new_size=n2)
    r1, r2 = old.last_head.root, new.last_head.root
    proof = new.tree.consistency_proof(n1, n2)
    try:
        merkle.verify_consistency(n1, n2, r1, r2, proof)
    except MerkleError as exc:
        raise CliError(CLI.compare_forked, seq=_first_difference(old, new), size=n1) from exc
    return Comparison(old.election, n1, n2, r1, r2, tuple(proof))


def _first_difference(old: Snapshot, new: Snapshot) -> int:
    ours, theirs = old.tree.levels[0], new.tree.levels[0]
    for seq, (a, b) in enumerate(zip(ours, theirs, strict=False)):
        if a != b:
            return seq
    return min(len(ours), len(theirs))
