"""A meeting's secret vote that members cast from their own devices.

The question is an election in manifest mode ``community`` (``secret_vote``) whose
ID is ``<community>-<session>-item<N>``; the session's public page links it.  Only
the members registered as **present** receive a credential: a secret ballot
cannot be told apart afterwards, so a remote participant — consultative where the
law requires presence (brief §6) — takes no part in a secret decision and is
listed as such.  The verified counts become the item's vote through
:meth:`CommunityService.record_secret_result`, where the rules decide.

Publishing records the vote *before* the results reach the board: recording checks,
in one transaction, that the session is still open and the item unvoted, so a
session closed meanwhile refuses it and nothing is written anywhere.  If the
board's write then fails, the vote names its election and
:func:`recorded_secret_vote` lets the next run post the same results, never record
them twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import CommunityRefused
from .messages import KIND_LABELS
from .records import OpenVote, Session, SessionStatus
from .rowstore import CommunityTx, RowStore

__all__ = [
    "BALLOT_OUTCOME_REASON",
    "SecretQuestion",
    "recorded_secret_vote",
    "secret_election_id",
    "secret_question",
]

#: The reason the results give: the community's rules decide on the counts.
BALLOT_OUTCOME_REASON = (
    "secret vote of a community body: the district's rules decide on these counts "
    "(the session's decision cites them)"
)


def secret_election_id(community: str, session: str, item: int) -> str:
    return f"{community}-{session}-item{item}"


@dataclass(frozen=True, slots=True)
class SecretQuestion:
    """An open session's agenda item put to a secret vote, and who may cast a ballot."""

    session: Session
    item: int
    election: str
    voters: tuple[str, ...]
    remote_consultative: tuple[str, ...]

    @property
    def agenda(self) -> str:
        return self.session.agenda[self.item - 1]


def secret_question(store: RowStore, community: str, session: str, item: int) -> SecretQuestion:
    """The item of an open session not yet voted on; refused (nothing stored) otherwise."""
    with store.transaction() as rows:
        tx = CommunityTx(rows)
        if tx.community(community) is None:
            raise CommunityRefused("not_found", kind=KIND_LABELS["community"], id=community)
        s = tx.session(community, session)
        if s is None:
            raise CommunityRefused("not_found", kind=KIND_LABELS["session"], id=session)
        if s.status is not SessionStatus.OPEN:
            raise CommunityRefused("wrong_status", session=session, status=s.status.value)
        if not 1 <= item <= len(s.agenda):
            raise CommunityRefused("no_such_item", item=item)
        if any(v.item == item for v in tx.votes(community, session)):
            raise CommunityRefused("already_voted", item=item)
    election = secret_election_id(community, session, item)
    return SecretQuestion(s, item, election, s.present, s.remote)


def recorded_secret_vote(
    store: RowStore, community: str, session: str, item: int
) -> OpenVote | None:
    """The item's vote if it was recorded from its own secret question's counts."""
    election = secret_election_id(community, session, item)
    with store.transaction() as rows:
        tx = CommunityTx(rows)
        if tx.community(community) is None or tx.session(community, session) is None:
            return None
        votes = tx.votes(community, session)
    return next((v for v in votes if v.item == item and v.result.get("election") == election), None)
