"""The checks a voter (or an auditor) runs on receipts, shared by the casting tests."""

from __future__ import annotations

from typing import Any

from tandau.board import Board, SignedHead
from tandau.crypto import merkle
from tandau.crypto.canonical import dumps
from tandau.crypto.signatures import HeadSigningKey


def check_receipts(board: Board, head_key: HeadSigningKey, receipts: list[dict[str, Any]]) -> None:
    """Each receipt's proof holds against its own signed head, which the final head extends."""
    final = board.head()
    final.verify(head_key.verify_key)
    for r in receipts:
        head = SignedHead.from_stored(dumps(r["head"]), bytes.fromhex(r["head_signature"]))
        head.verify(head_key.verify_key)
        leaf, seq = bytes.fromhex(r["leaf_hash"]), r["seq"]
        proof = [bytes.fromhex(p) for p in r["inclusion_proof"]]
        merkle.verify_inclusion(leaf, seq, head.tree_size, proof, head.root)
        merkle.verify_consistency(
            head.tree_size,
            final.tree_size,
            head.root,
            final.root,
            board.consistency_proof(head.tree_size, final.tree_size),
        )
        merkle.verify_inclusion(
            leaf, seq, final.tree_size, board.inclusion_proof(seq, final.tree_size), final.root
        )
