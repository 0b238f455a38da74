"""Checking a voter's receipt (record spec §R4.4, board spec §B7, §B8).

A receipt holds the ballot's tracking code, its position, its leaf hash, a
signed tree head and the inclusion proof of the leaf in that head.  The
check, with nothing but the manifest's commission key: the head's signature,
then the inclusion proof to the head's root.  Against the board (a database
or an exported record) it also checks that the board's latest signed head is
an extension of the receipt's head (a consistency proof) and that the entry at
that position is the ballot with this tracking code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tandau.board import Board, Entry, SignedHead
from tandau.crypto import merkle
from tandau.crypto.canonical import dumps
from tandau.crypto.errors import MerkleError, TandauError
from tandau.crypto.group import strict_hex
from tandau.crypto.signatures import HeadVerifyKey
from tandau.i18n import CLI
from tandau.protocol import events as ev
from tandau.protocol.ballot import Ballot
from tandau.protocol.manifest import Manifest

from .errors import BAD_INPUT, CliError
from .files import read_json
from .record_file import RecordFile, Snapshot

__all__ = ["Receipt", "check_against_board", "check_against_record", "read_receipt"]


@dataclass(frozen=True, slots=True)
class Receipt:
    tracking_code: str
    seq: int
    leaf_hash: bytes
    head: SignedHead
    proof: tuple[bytes, ...]


def _hex32(v: Any) -> bytes:
    raw = strict_hex(v, 32)
    if raw is None:
        raise ValueError("a hash is 64 lower-case hex digits")
    return raw


def read_receipt(path: Path) -> Receipt:
    obj = read_json(path)
    try:
        sig = strict_hex(obj["head_signature"], 64)
        if sig is None:
            raise ValueError("the head signature is 128 lower-case hex digits")
        seq = obj["seq"]
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
            raise ValueError("seq is a position")
        code = obj["tracking_code"]
        if not isinstance(code, str):
            raise ValueError("the tracking code is text")
        return Receipt(
            code,
            seq,
            _hex32(obj["leaf_hash"]),
            SignedHead.from_stored(dumps(obj["head"]), sig),
            tuple(_hex32(p) for p in obj["inclusion_proof"]),
        )
    except (TandauError, KeyError, TypeError, ValueError) as exc:
        raise CliError(CLI.receipt_malformed, exit_code=BAD_INPUT, path=path) from exc


def check_signed(receipt: Receipt, manifest: Manifest, election: str) -> None:
    """The head is the commission's, and the leaf is in it."""
    if receipt.head.election != election:
        raise CliError(CLI.receipt_other_election)
    try:
        receipt.head.verify(HeadVerifyKey.from_hex(manifest.commission_key))
    except TandauError as exc:
        raise CliError(CLI.receipt_head_not_signed) from exc
    try:
        merkle.verify_inclusion(
            receipt.leaf_hash,
            receipt.seq,
            receipt.head.tree_size,
            receipt.proof,
            receipt.head.root,
        )
    except MerkleError as exc:
        raise CliError(CLI.receipt_not_included, code=receipt.tracking_code) from exc


def _check_entry(receipt: Receipt, entry: Entry) -> None:
    if entry.leaf_hash != receipt.leaf_hash or entry.type != ev.BALLOT:
        raise CliError(CLI.receipt_entry_differs, seq=receipt.seq)
    try:
        code = Ballot.from_dict(entry.payload["ballot"]).tracking_code
    except (TandauError, KeyError, TypeError) as exc:
        raise CliError(CLI.receipt_entry_differs, seq=receipt.seq) from exc
    if code != receipt.tracking_code:
        raise CliError(CLI.receipt_entry_differs, seq=receipt.seq)


def _check_extension(receipt: Receipt, latest: SignedHead, proof: list[bytes]) -> None:
    try:
        merkle.verify_consistency(
            receipt.head.tree_size, latest.tree_size, receipt.head.root, latest.root, proof
        )
    except MerkleError as exc:
        raise CliError(CLI.receipt_board_forked, size=receipt.head.tree_size) from exc


def _summary(receipt: Receipt, latest: SignedHead) -> dict[str, Any]:
    return {
        "tracking_code": receipt.tracking_code,
        "seq": receipt.seq,
        "included": True,
        "receipt_tree_size": receipt.head.tree_size,
        "board_tree_size": latest.tree_size,
        "board_root": latest.root.hex(),
    }


def check_against_board(receipt: Receipt, board: Board, manifest: Manifest) -> dict[str, Any]:
    check_signed(receipt, manifest, board.election)
    latest = board.latest_head()
    if latest is None or latest.tree_size < receipt.head.tree_size:
        raise CliError(CLI.receipt_board_shorter, size=receipt.head.tree_size)
    latest.verify(HeadVerifyKey.from_hex(manifest.commission_key))
    proof = board.consistency_proof(receipt.head.tree_size, latest.tree_size)
    _check_extension(receipt, latest, proof)
    _check_entry(receipt, board.entry(receipt.seq))
    return _summary(receipt, latest)


def check_against_record(receipt: Receipt, path: Path) -> dict[str, Any]:
    snap = Snapshot.load(path)
    check_signed(receipt, snap.manifest, snap.election)
    latest = snap.last_head
    if latest.tree_size < receipt.head.tree_size:
        raise CliError(CLI.receipt_board_shorter, size=receipt.head.tree_size)
    proof = snap.tree.consistency_proof(receipt.head.tree_size, latest.tree_size)
    _check_extension(receipt, latest, proof)
    for entry in RecordFile.open(path).entries():
        if entry.seq == receipt.seq:
            _check_entry(receipt, entry)
            break
    return _summary(receipt, latest)
