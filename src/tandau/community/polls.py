"""Civic polls (consultative): a community's polls on the verifiable engine, by name.

A civic poll is an election in manifest mode ``community`` whose ID is
``<community>-poll-<id>`` (``tandau community poll-create``), so the community's
public page finds its polls on the board without a second register.  Its results'
outcome reason says it is consultative: the counts advise the akim and the
maslikhat; they decide nothing.  The summary shows counts only once published and
never a ballot.
"""

from __future__ import annotations

from typing import Any

from tandau.admin.election import ElectionService
from tandau.board import Board
from tandau.protocol.manifest import Manifest

__all__ = [
    "POLL_OUTCOME_REASON",
    "is_poll_of",
    "poll_election_id",
    "poll_summary",
    "summarize_poll",
]

#: The reason every poll's results give: the count advises, it does not decide.
POLL_OUTCOME_REASON = "consultative civic poll: the counts advise the akim and the maslikhat"


def poll_election_id(community: str, poll: str) -> str:
    return f"{community}-poll-{poll}"


def is_poll_of(community: str, election: str) -> bool:
    return election.startswith(poll_election_id(community, ""))


def poll_summary(board: Board) -> dict[str, Any]:
    """The poll's question, options, stage and (once published) counts: public data only."""
    st = ElectionService(board).sync()
    return summarize_poll(
        st.require_manifest(), opened=st.opened, closed=st.closed, results=st.results
    )


def summarize_poll(
    m: Manifest, *, opened: bool, closed: bool, results: dict[str, Any] | None
) -> dict[str, Any]:
    """The summary from what the poll's board says (a replay, or a reader's kept index)."""
    stage = (
        "published"
        if results is not None
        else "closed"
        if closed
        else "open"
        if opened
        else "preparing"
    )
    counts = None
    if results is not None:
        counts = {o["id"]: o["total"] for o in results["options"]}
    return {
        "election": m.election_id,
        "question": dict(m.title),
        "day": m.polling_day,
        "options": [{"id": o.id, "name": dict(o.name)} for o in m.options],
        "stage": stage,
        "counts": counts,
        "consultative": True,
    }
