"""Board times (board spec §B1.3)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from tandau.board import FixedClock, InvalidEntry, SystemClock, format_time, parse_time


def test_format_is_utc_with_microseconds() -> None:
    almaty = timezone(timedelta(hours=5))
    moment = datetime(2026, 9, 17, 13, 0, 0, 5, tzinfo=almaty)
    assert format_time(moment) == "2026-09-17T08:00:00.000005Z"
    assert parse_time("2026-09-17T08:00:00.000005Z") == moment


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError):
        format_time(datetime(2026, 9, 17))
    with pytest.raises(ValueError):
        FixedClock(datetime(2026, 9, 17))


@pytest.mark.parametrize(
    "text",
    [
        "2026-09-17T08:00:00Z",
        "2026-09-17T08:00:00.000000+00:00",
        "2026-09-17 08:00:00.000000Z",
        "2026-13-01T08:00:00.000000Z",
        "２026-09-17T08:00:00.000000Z",
        "",
    ],
)
def test_other_spellings_are_refused(text: str) -> None:
    with pytest.raises(InvalidEntry):
        parse_time(text)


def test_clocks() -> None:
    at = datetime(2026, 9, 17, 8, tzinfo=UTC)
    assert FixedClock(at).now() == at
    now = SystemClock().now()
    assert now.tzinfo is not None
    assert abs(now - datetime.now(UTC)) < timedelta(seconds=5)
