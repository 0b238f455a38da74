"""The board's named errors (board spec §B9, §B10).

::

    TandauError
    └── BoardError              board.error
        ├── UnknownElection     board.unknown_election  no board for this election
        ├── InvalidEntry        board.invalid_entry     a malformed envelope, head, type or payload
        ├── OutOfRange          board.out_of_range      a seq or tree size beyond the board
        ├── StaleBoard          board.stale             another writer appended first
        ├── ChainError          board.chain             stored bytes break the chain or the tree
        │   └── HeadMismatch    board.head_mismatch     a signed head or index disagrees
        ├── ForkError           board.fork              a second entry at an existing height
        ├── AppendOnlyViolation board.append_only       an attempt to change or remove stored data
        └── NoSigningKey        board.no_signing_key    a new head to sign, but no key
"""

from __future__ import annotations

from tandau.crypto.errors import TandauError

__all__ = [
    "AppendOnlyViolation",
    "BoardError",
    "ChainError",
    "ForkError",
    "HeadMismatch",
    "InvalidEntry",
    "NoSigningKey",
    "OutOfRange",
    "StaleBoard",
    "UnknownElection",
]


class BoardError(TandauError, title="The bulletin board refused this entry."):
    code = "board.error"
    operator_text = "The board refused the step ({code}): {detail}"


class UnknownElection(BoardError, title="There is no such election."):
    code = "board.unknown_election"
    operator_text = "There is no such election in this database: {detail}"


class InvalidEntry(BoardError, title=BoardError.title, code="board.invalid_entry"):
    """A malformed envelope, head, entry type or payload."""


class OutOfRange(BoardError, title="Nothing was found at this address.", code="board.out_of_range"):
    """A seq or tree size beyond the board."""


class ChainError(BoardError, title=BoardError.title, code="board.chain"):
    """Stored bytes break the hash chain or the Merkle tree."""


class HeadMismatch(
    ChainError,
    title="The board does not match what was signed or indexed for it: it may have been altered.",
    code="board.head_mismatch",
):
    """A stored signed head whose root is not the board's root at its size, or an index
    that points at an entry the board does not hold: evidence, never "not found"."""


class ForkError(BoardError, title=BoardError.title, code="board.fork"):
    """A second entry at an existing height."""


class AppendOnlyViolation(BoardError, title=BoardError.title, code="board.append_only"):
    """An attempt to change or remove stored data."""


class StaleBoard(BoardError, title="The board is busy. Please try again."):
    """Another writer appended first: the caller's view of the board is out of date."""

    code = "board.stale"
    operator_text = "The board kept changing while this step ran; run it again."


class NoSigningKey(BoardError, title=BoardError.title):
    code = "board.no_signing_key"
    operator_text = "A new board head must be signed: give the commission key with --key."
