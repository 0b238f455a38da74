"""The public index shows a precinct once: a correction replaces its protocol (§R5.1 P6)."""

from __future__ import annotations

from typing import Any

from tandau.board.entry import Entry
from tandau.protocol import events as ev
from tandau.web.views import ElectionIndex


def _protocol(seq: int, cast: int, corrects: int | None) -> Entry:
    payload: dict[str, Any] = {"precinct": "P-1", "ballots_cast": cast, "corrects": corrects}
    return Entry("e", seq, b"", ev.PAPER_PROTOCOL, "", payload, b"", b"")


def test_a_correction_replaces_the_precincts_protocol() -> None:
    index = ElectionIndex("e")
    index.size = 5
    index.apply(_protocol(5, 3, None))
    index.apply(_protocol(6, 2, 5))
    assert [p["ballots_cast"] for p in index.paper] == [2]
