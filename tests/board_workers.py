"""Work run in child processes by the storage concurrency tests.

Lives outside the test modules so that a spawned interpreter can import it
(``tests/`` is on the path).
"""

from __future__ import annotations

from typing import Any

from tandau.board import Board
from tandau.storage import SqlBoardStore


def append_many(url: str, election: str, writer: int, count: int, start: Any) -> int:
    """Append ``count`` entries after ``start`` (an Event) is set; return how many."""
    with SqlBoardStore.from_url(url) as store:
        board = Board(store, election)
        start.wait(60)
        for i in range(count):
            board.append("ballot", {"writer": writer, "i": i})
    return count
