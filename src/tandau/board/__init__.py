"""The public bulletin board: an append-only, hash-chained Merkle log per election.

Owns: entries and their canonical bytes (:mod:`.entry`), the log with its
single writer, signed heads and inclusion/consistency proofs (:mod:`.log`,
:mod:`.heads`), the ``BoardStore`` interface and an in-memory store
(:mod:`.store`, :mod:`.memory`), the clock seam (:mod:`.clock`) and the election
record's bytes (:mod:`.record`).  Normative: ``docs/spec/board.md`` (§B1–§B10).

May import: ``tandau.protocol`` and ``tandau.crypto``.  ``tandau.storage``
implements ``BoardStore`` on SQLite and PostgreSQL; the entry points wire it in.

Entry points: ``Board(store, election, key=…)`` — ``append``, ``entries``,
``head``, ``inclusion_proof``; ``record.record_lines``.
"""

from __future__ import annotations

from .clock import Clock, FixedClock, SystemClock, format_time, parse_time
from .entry import ZERO_HASH, Entry
from .errors import (
    AppendOnlyViolation,
    BoardError,
    ChainError,
    ForkError,
    HeadMismatch,
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
    "HeadMismatch",
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
