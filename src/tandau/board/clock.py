"""The injected clock and the one time format of the board (board spec §B1.3).

Board times are ISO-8601 UTC with microseconds and a ``Z``:
``2026-09-17T08:00:00.000000Z``.  Times are informative: the order of events
is the order of ``seq``, never of ``time``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from .errors import InvalidEntry

__all__ = ["Clock", "FixedClock", "SystemClock", "format_time", "parse_time"]

_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z")


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware."""
        ...


@dataclass(frozen=True, slots=True)
class SystemClock:
    """The machine's clock, in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class FixedClock:
    """Always the same instant (tests, reproducible examples)."""

    at: datetime

    def __post_init__(self) -> None:
        if self.at.tzinfo is None:
            raise ValueError("a clock's time must be timezone-aware")

    def now(self) -> datetime:
        return self.at


def format_time(moment: datetime) -> str:
    """The board form of an aware datetime (§B1.3)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("board times must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_time(text: str) -> datetime:
    """Parse a board time, refusing every other spelling (§B1.3)."""
    if not isinstance(text, str) or not _TIME.fullmatch(text):
        raise InvalidEntry("a board time is YYYY-MM-DDTHH:MM:SS.ffffffZ", value=str(text)[:40])
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    except ValueError as exc:
        raise InvalidEntry("not a valid date and time", value=text) from exc
