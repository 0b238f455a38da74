"""The public bulletin board: an append-only, hash-chained Merkle log per election.

Normative rules: ``docs/spec/board.md`` (§B1–§B10).  The board layer defines
the ``BoardStore`` interface and an in-memory store; ``tandau.storage``
implements it on SQLite and PostgreSQL.
"""

from __future__ import annotations

from .clock import Clock, FixedClock, SystemClock, format_time, parse_time
from .entry import ZERO_HASH, Entry
from .errors import (
    AppendOnlyViolation,
    BoardError,
    ChainError,
    ForkError,
    InvalidEntry,
    NoSigningKey,
    OutOfRange,
    StaleBoard,
    UnknownElection,
)
from .heads import SignedHead, TreeHead, head_message, sign_head
from .log import AppendResult, Board, ChainReport
from .memory import MemoryBoardStore
from .store import (
    AppendContext,
    BoardStore,
    Builder,
    PreparedEntry,
    StoredEntry,
    StoredHead,
    check_prepared,
)

__all__ = [
    "ZERO_HASH",
    "AppendContext",
    "AppendOnlyViolation",
    "AppendResult",
    "Board",
    "BoardError",
    "BoardStore",
    "Builder",
    "ChainError",
    "ChainReport",
    "Clock",
    "Entry",
    "FixedClock",
    "ForkError",
    "InvalidEntry",
    "MemoryBoardStore",
    "NoSigningKey",
    "OutOfRange",
    "PreparedEntry",
    "SignedHead",
    "StaleBoard",
    "StoredEntry",
    "StoredHead",
    "SystemClock",
    "TreeHead",
    "UnknownElection",
    "check_prepared",
    "format_time",
    "head_message",
    "parse_time",
    "sign_head",
]
