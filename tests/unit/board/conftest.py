"""The board's own tests run on the in-memory store."""

from __future__ import annotations

import pytest

from tandau.board import MemoryBoardStore


@pytest.fixture
def store() -> MemoryBoardStore:
    return MemoryBoardStore()
