"""An engine that is disposed of when the ``with`` block ends, however it ends."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine


@contextmanager
def disposing(engine: Engine) -> Iterator[Engine]:
    """``engine`` for the block, then ``engine.dispose()`` (its pool closed)."""
    try:
        yield engine
    finally:
        engine.dispose()
