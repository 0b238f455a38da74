"""What the public sees of a board: pages of entries, signed heads, proofs, a tracked ballot.

Every proof handed out is checked here before it is shown, with the same
functions the verifier uses (``tandau.crypto.merkle``, the commission's head
key from the manifest), so a page never says "verified" about something the
server itself could not check; voters and observers can re-check it with
``tandau-verify`` on the downloaded record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tandau.board import Board, HeadMismatch, NoSigningKey, OutOfRange, SignedHead
from tandau.crypto import merkle
from tandau.crypto.canonical import dumps
from tandau.crypto.signatures import HeadVerifyKey
from tandau.protocol import events as ev
from tandau.protocol.ballot import tracking_code

from .views import ElectionIndex

__all__ = [
    "MAX_PAGE",
    "TrackedBallot",
    "board_page",
    "consistency",
    "current_head",
    "entry_dict",
    "head_dict",
    "heads_page",
    "summary",
    "track",
]

#: The most entries or heads one page shows.
MAX_PAGE = 100


def entry_dict(entry: Any) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "type": entry.type,
        "time": entry.time,
        "prev": entry.prev.hex(),
        "leaf_hash": entry.leaf_hash.hex(),
        "payload": entry.payload,
    }


def summary(entry: dict[str, Any]) -> dict[str, Any]:
    """The few facts of an entry the board page shows in its table (the rest is in the JSON)."""
    p = entry["payload"]
    kind = entry["type"]
    if kind == ev.BALLOT:
        return {"tracking_code": tracking_code(dumps(p["ballot"]))}
    if kind == ev.CREDENTIALS_LIST:
        return {"credentials": len(p.get("credentials", []))}
    if kind in (ev.CEREMONY_DEALING, ev.CEREMONY_RESPONSE, ev.CEREMONY_REVEAL, ev.TALLY_SHARE):
        return {"trustee": p.get("trustee")}
    if kind in (ev.PAPER_PROTOCOL, ev.BALLOT_CANCELLED):
        return {"precinct": p.get("precinct")}
    if kind == ev.TALLY_ENCRYPTED:
        return {"counted": p.get("tally", {}).get("counted")}
    return {}


def head_dict(head: SignedHead) -> dict[str, Any]:
    return {
        "tree_size": head.tree_size,
        "root": head.root.hex(),
        "time": head.time,
        "head": head.to_dict()["head"],
        "signature": head.signature.hex(),
    }


def _bounds(start: int, limit: int) -> tuple[int, int]:
    if start < 0:
        raise OutOfRange("start must be a non-negative integer")
    if not 1 <= limit <= MAX_PAGE:
        raise OutOfRange("limit must be between 1 and the page size", limit=limit)
    return start, limit


def board_page(board: Board, start: int, limit: int) -> dict[str, Any]:
    """Entries ``start`` … ``start + limit − 1`` (fewer at the end of the board)."""
    start, limit = _bounds(start, limit)
    size = board.size()
    if start > size:
        raise OutOfRange("start is beyond the board", start=start, size=size)
    entries = [entry_dict(e) for e in board.entries(start, min(start + limit, size))]
    return {"election": board.election, "size": size, "start": start, "limit": limit,
            "entries": entries}  # fmt: skip


def heads_page(board: Board, start: int, limit: int) -> dict[str, Any]:
    """Signed heads with tree size ≥ ``start``, smallest first, and the latest one."""
    start, limit = _bounds(start, limit)
    heads: list[dict[str, Any]] = []
    more = False
    for head in board.heads(start):  # the store seeks to ``start``: no scan of earlier heads
        if len(heads) == limit:
            more = True
            break
        heads.append(head_dict(head))
    latest = board.latest_head()
    return {
        "election": board.election,
        "size": board.size(),
        "start": start,
        "limit": limit,
        "heads": heads,
        "more": more,
        "latest": None if latest is None else head_dict(latest),
    }


def current_head(board: Board) -> SignedHead | None:
    """A signed head of the whole board: signed now if this server holds the key."""
    try:
        return board.head()
    except NoSigningKey:
        return board.latest_head()


def _verify_key(index: ElectionIndex) -> HeadVerifyKey:
    return HeadVerifyKey.from_hex(index.require_manifest().commission_key)


def consistency(board: Board, index: ElectionIndex, first: int, second: int) -> dict[str, Any]:
    """The proof that the board at ``first`` entries is a prefix of it at ``second`` (§B8)."""
    proof = board.consistency_proof(first, second)
    root1, root2 = board.root(first), board.root(second)
    merkle.verify_consistency(first, second, root1, root2, proof)
    heads = {}
    key = _verify_key(index)
    for name, size, root in (("first_head", first, root1), ("second_head", second, root2)):
        stored = board.store.head_at(board.election, size)
        head = None if stored is None else SignedHead.from_stored(stored.data, stored.signature)
        if head is not None:
            head.verify(key)
            if head.root != root:
                raise HeadMismatch("a signed head does not match the board", tree_size=size)
        heads[name] = None if head is None else head_dict(head)
    return {
        "election": board.election,
        "first": first,
        "second": second,
        "first_root": root1.hex(),
        "second_root": root2.hex(),
        "proof": [p.hex() for p in proof],
        "verified": True,
        **heads,
    }


@dataclass(frozen=True, slots=True)
class TrackedBallot:
    """A ballot found by its tracking code, with its proof of inclusion, checked."""

    tracking_code: str
    seq: int
    status: str  # counted | superseded | cancelled
    latest_seq: int | None
    entry: dict[str, Any]
    leaf_hash: str
    head: dict[str, Any]
    head_signature: str
    tree_size: int
    inclusion_proof: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "election": self.entry["election"],
            "tracking_code": self.tracking_code,
            "seq": self.seq,
            "status": self.status,
            "latest_seq": self.latest_seq,
            "entry": self.entry,
            "leaf_hash": self.leaf_hash,
            "head": self.head,
            "head_signature": self.head_signature,
            "inclusion_proof": self.inclusion_proof,
            "verified": True,
        }


def track(board: Board, index: ElectionIndex, code: str) -> TrackedBallot | None:
    """The ballot with this tracking code, or None; its inclusion proof is verified."""
    seq = index.by_code.get(code)
    if seq is None:
        return None
    entry = board.entry(seq)
    if entry.type != ev.BALLOT:  # the index and the board disagree: never show a wrong proof
        raise HeadMismatch("the index and the board disagree at this position", seq=seq)
    head = current_head(board)
    if head is None or head.tree_size <= seq:
        raise NoSigningKey("no signed head covers this ballot yet", seq=seq)
    head.verify(_verify_key(index))
    proof = board.inclusion_proof(seq, head.tree_size)
    merkle.verify_inclusion(entry.leaf_hash, seq, head.tree_size, proof, head.root)
    credential = str(entry.payload["ballot"]["credential"])
    return TrackedBallot(
        tracking_code=code,
        seq=seq,
        status=index.ballot_status(credential, seq),
        latest_seq=index.latest.get(credential),
        entry={
            "election": entry.election,
            "seq": entry.seq,
            "prev": entry.prev.hex(),
            "type": entry.type,
            "time": entry.time,
            "payload": entry.payload,
        },
        leaf_hash=entry.leaf_hash.hex(),
        head=head.to_dict()["head"],
        head_signature=head.signature.hex(),
        tree_size=head.tree_size,
        inclusion_proof=[p.hex() for p in proof],
    )
