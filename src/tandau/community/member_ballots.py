"""Open votes cast by members from their own phones, then counted by the secretary.

At an open session the secretary issues one code per member present (shown once,
only its SHA-256 is kept).  A member casts an open ballot on an agenda item with
the code — one ballot per member and item; the vote is open and by name, so the
member's name is recorded with the choice.  Counting turns the item's ballots into
the open vote of :meth:`CommunityService.vote`, where the rules decide.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from .errors import CommunityRefused
from .inputs import VoteIn
from .records import BALLOTS, MEMBER_CODES, Choice, OpenVote, Session, SessionStatus
from .rowstore import CommunityTx, RowStore
from .service import CommunityService

__all__ = ["MemberBallots"]


def _hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


def _open_session(tx: CommunityTx, community: str, session: str) -> Session:
    """The session, refused unless it is open (a missing one has status "-")."""
    s = tx.session(community, session)
    if s is None or s.status is not SessionStatus.OPEN:
        status = "-" if s is None else s.status.value
        raise CommunityRefused("wrong_status", session=session, status=status)
    return s


class MemberBallots:
    """Codes for members present, their ballots, and the count."""

    def __init__(self, store: RowStore) -> None:
        self._store = store
        self._service = CommunityService(store)

    def issue_codes(self, community: str, session: str) -> dict[str, str]:
        """One fresh code per member present; returned once, only hashes are stored."""
        with self._store.transaction() as rows:
            tx = CommunityTx(rows)
            s = _open_session(tx, community, session)
            if any(k.startswith(f"{session}:") for k, _ in tx.bodies(MEMBER_CODES, community)):
                raise CommunityRefused("codes_issued", session=session)
            codes = {p: secrets.token_hex(4).upper() for p in s.present}
            for person, code in codes.items():
                body = {"sha256": _hash(code)}
                tx.put_body(MEMBER_CODES, community, f"{session}:{person}", body, new=True)
        return codes

    def _member(self, tx: CommunityTx, community: str, session: str, code: str) -> str:
        digest = _hash(code)
        for key, body in tx.bodies(MEMBER_CODES, community):
            if key.startswith(f"{session}:") and secrets.compare_digest(body["sha256"], digest):
                return key.split(":", 1)[1]
        raise CommunityRefused("wrong_code")

    def cast(
        self, community: str, session: str, item: int, code: str, choice: Choice
    ) -> dict[str, Any]:
        """A member's open ballot on ``item``; refused after the item is counted."""
        with self._store.transaction() as rows:
            tx = CommunityTx(rows)
            s = _open_session(tx, community, session)
            if not 1 <= item <= len(s.agenda):
                raise CommunityRefused("no_such_item", item=item)
            if any(v.item == item for v in tx.votes(community, session)):
                raise CommunityRefused("already_voted", item=item)
            person = self._member(tx, community, session, code)
            key = f"{session}:{item}:{person}"
            if tx.body(BALLOTS, community, key) is not None:
                raise CommunityRefused("already_cast", item=item)
            tx.put_body(BALLOTS, community, key, {"choice": choice}, new=True)
        return {"person": person, "item": item, "choice": choice}

    def count(self, community: str, session: str, item: int, proposal: str) -> OpenVote:
        """The item's ballots become its open vote; the rules decide."""
        with self._store.transaction() as rows:
            prefix = f"{session}:{item}:"
            ballots = {
                k.removeprefix(prefix): b["choice"]
                for k, b in CommunityTx(rows).bodies(BALLOTS, community)
                if k.startswith(prefix)
            }
        data = VoteIn.model_validate(
            {
                "community": community,
                "session": session,
                "item": item,
                "proposal": proposal,
                "ballots": ballots,
            }
        )
        return self._service.vote(data)
