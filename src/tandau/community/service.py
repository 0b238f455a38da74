"""The community service: register, delegation, sessions, open votes, the akim's answers.

Like the administration's services, each public method (1) takes a validated input
model (strict types, ``YYYY-MM-DD`` dates; :class:`~tandau.law.InvalidInput`
otherwise), (2) opens ONE transaction, checks the records and the rules —
:class:`~tandau.community.errors.CommunityRefused` otherwise — and (3) writes.  A
refused or invalid call stores nothing.

Who may vote is the *register* for a body on a day: for a gathering the residents
on the register that day, for the meeting its serving members.  Quorum and majority
come from :func:`tandau.community.rules.decide` with the community's district
ruleset; where no rule is known the stored result says ``maslikhat_decision_required``.
"""

from __future__ import annotations

import json
import re
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import date
from typing import Any

from .errors import CommunityRefused
from .inputs import (
    AttendIn,
    CommissionIn,
    CommunityIn,
    ConveneIn,
    ElectIn,
    ReplaceIn,
    ResidentIn,
    ResponseIn,
    SecretResultIn,
    SignIn,
    VoteIn,
)
from .messages import KIND_LABELS
from .minutes import SignedMinutes, canonical_hash, minutes_document
from .records import (
    AkimResponse,
    Choice,
    Community,
    Member,
    OpenVote,
    Resident,
    ResponseKind,
    Session,
    SessionStatus,
    as_dict,
)
from .rowstore import CommunityTx, RowStore, typed_transaction
from .rules import Decision, decide
from .ruleset import DistrictRuleset, national_ruleset_on, parse_district_ruleset

__all__ = [
    "AttendIn",
    "CommissionIn",
    "CommunityIn",
    "CommunityService",
    "ConveneIn",
    "ElectIn",
    "ReplaceIn",
    "ResidentIn",
    "ResponseIn",
    "SecretResultIn",
    "SignIn",
    "VoteIn",
]


#: Twelve digits in a row: an IIN (or something that may be one) in a register identifier.
_PUBLISHED_NUMBER = re.compile(r"[0-9]{12}")


def _not_found(kind: str, id: str) -> CommunityRefused:
    return CommunityRefused("not_found", kind=KIND_LABELS[kind], id=id)


class CommunityService:
    """The community's state changes, each in one transaction (see the module docstring)."""

    def __init__(self, store: RowStore) -> None:
        self._store = store

    def _tx(self) -> AbstractContextManager[CommunityTx]:
        return typed_transaction(self._store, CommunityTx)

    @staticmethod
    def _community(tx: CommunityTx, id: str) -> Community:
        c = tx.community(id)
        if c is None:
            raise _not_found("community", id)
        return c

    @staticmethod
    def district_ruleset(c: Community) -> DistrictRuleset | None:
        if c.district_ruleset is None:
            return None
        return parse_district_ruleset(json.dumps(c.district_ruleset), f"{c.id}.district_ruleset")

    # -- communities and the register -----------------------------------------------

    def create_community(self, data: CommunityIn) -> Community:
        c = Community(
            data.id,
            data.name.model_dump(),
            data.population,
            tuple(data.settlements),
            data.district_ruleset,
            data.commission,
        )
        self.district_ruleset(c)  # validate before storing
        with self._tx() as tx:
            if tx.community(c.id) is not None:
                raise CommunityRefused("exists", kind=KIND_LABELS["community"], id=c.id)
            tx.put_community(c, new=True)
        return c

    def set_commission(self, data: CommissionIn) -> Community:
        """Give a community its akim's office, or replace it naming the one replaced."""
        with self._tx() as tx:
            c = self._community(tx, data.community)
            if c.commission != data.replaces:
                if c.commission is None:
                    raise CommunityRefused("no_commission", replaces=data.replaces)
                raise CommunityRefused("commission_set", commission=c.commission)
            c = replace(c, commission=data.commission)
            tx.put_community(c, new=False)
        return c

    def add_resident(self, data: ResidentIn) -> Resident:
        """Put a resident on the register under the office's identifier.

        Register identifiers are published (``/c/…``: members, those present, open
        votes), so an identifier holding 12 digits in a row — any IIN — is refused
        (ADR 0026).
        """
        if _PUBLISHED_NUMBER.search(data.id):
            raise CommunityRefused("register_id_is_a_number", id=data.id)
        r = Resident(data.community, data.id, data.name, data.settlement, data.street, data.since)
        with self._tx() as tx:
            c = self._community(tx, r.community)
            if r.settlement not in c.settlements:
                raise CommunityRefused("unknown_settlement", settlement=r.settlement)
            if tx.resident(r.community, r.id) is not None:
                raise CommunityRefused("exists", kind=KIND_LABELS["resident"], id=r.id)
            tx.put_resident(r, new=True)
        return r

    def register(self, community: str, body: str, day: date) -> list[str]:
        """Who may vote in ``body`` on ``day``: residents on the register, or serving members."""
        with self._tx() as tx:
            self._community(tx, community)
            return self._register(tx, community, body, day)

    @staticmethod
    def _register(tx: CommunityTx, community: str, body: str, day: date) -> list[str]:
        if body == "meeting":
            return sorted(m.person for m in tx.members(community) if m.serving(day))
        return sorted(r.id for r in tx.residents(community) if r.on_register(day))

    # -- delegation to the meeting --------------------------------------------------

    def _eligible(self, tx: CommunityTx, community: str, person: str, day: date) -> None:
        r = tx.resident(community, person)
        if r is None or not r.on_register(day):
            raise CommunityRefused("not_on_register", person=person, date=day.isoformat())
        m = tx.member(community, person)
        if m is not None and m.serving(day):
            raise CommunityRefused("already_serving", person=person, date=day.isoformat())

    def elect_members(self, data: ElectIn) -> list[Member]:
        """A (separate) gathering delegates members for the term (Order 295 item 3-1)."""
        national = national_ruleset_on(data.term_start, "term_start")
        years = national.parameters.meeting.term.value.years
        end = _add_years(data.term_start, years)
        with self._tx() as tx:
            c = self._community(tx, data.community)
            for person in data.persons:
                self._eligible(tx, c.id, person, data.term_start)
            if len(set(data.persons)) != len(data.persons):
                dup = next(p for p in data.persons if data.persons.count(p) > 1)
                raise CommunityRefused("already_serving", person=dup, date=str(data.term_start))
            serving = self._register(tx, c.id, "meeting", data.term_start)
            band = next(
                b
                for b in national.parameters.meeting.size_bands.value
                if b.up_to is None or c.population <= b.up_to
            )
            count = len(serving) + len(data.persons)
            if count > band.max:
                raise CommunityRefused("meeting_full", max=band.max, count=count)
            members = [Member(c.id, p, data.gathering, data.term_start, end) for p in data.persons]
            for m in members:
                tx.put_member(m, new=tx.member(c.id, m.person) is None)
        return members

    def replace_member(self, data: ReplaceIn) -> Member:
        """A member leaves; the successor serves the rest of the term."""
        with self._tx() as tx:
            c = self._community(tx, data.community)
            old = tx.member(c.id, data.person)
            if old is None or not old.serving(data.on):
                raise CommunityRefused("not_serving", person=data.person, date=str(data.on))
            self._eligible(tx, c.id, data.by, data.on)
            ended = Member(
                old.community,
                old.person,
                old.gathering,
                old.term_start,
                old.term_end,
                data.on,
                data.by,
                old.replaces,
            )
            new = Member(c.id, data.by, old.gathering, data.on, old.term_end, replaces=old.person)
            tx.put_member(ended, new=False)
            tx.put_member(new, new=tx.member(c.id, data.by) is None)
        return new

    # -- sessions -------------------------------------------------------------------

    def convene(self, data: ConveneIn) -> Session:
        """Convene a gathering or meeting with its agenda; the district's notice rule applies."""
        if data.convened_on > data.day:
            raise CommunityRefused("convened_after")
        with self._tx() as tx:
            c = self._community(tx, data.community)
            district = self.district_ruleset(c)
            if district is not None and district.in_force(data.day):
                days = district.body(data.body).notice_days.value
                if days is not None and (data.day - data.convened_on).days < days:
                    raise CommunityRefused("notice_too_short", days=days)
            if tx.session(c.id, data.id) is not None:
                raise CommunityRefused("exists", kind=KIND_LABELS["session"], id=data.id)
            s = Session(
                c.id,
                data.id,
                data.body,
                data.day,
                data.place,
                tuple(data.agenda),
                data.convened_on,
            )
            tx.put_session(s, new=True)
        return s

    def _open_session(
        self, tx: CommunityTx, community: str, id: str, *want: SessionStatus
    ) -> Session:
        s = tx.session(community, id)
        if s is None:
            raise _not_found("session", id)
        if s.status not in want:
            raise CommunityRefused("wrong_status", session=id, status=s.status.value)
        return s

    def attend(self, data: AttendIn) -> Session:
        """Register those present (and remote participants); the session opens."""
        with self._tx() as tx:
            c = self._community(tx, data.community)
            s = self._open_session(tx, c.id, data.session, SessionStatus.CONVENED)
            allowed = set(self._register(tx, c.id, s.body_kind, s.day))
            for person in [*data.present, *data.remote]:
                if person not in allowed:
                    raise CommunityRefused("not_on_register", person=person, date=str(s.day))
            opened = replace(
                s,
                status=SessionStatus.OPEN,
                present=tuple(sorted(set(data.present))),
                remote=tuple(sorted(set(data.remote) - set(data.present))),
            )
            tx.put_session(opened, new=False)
        return opened

    def _item_to_vote(
        self, tx: CommunityTx, community: str, session: str, item: int
    ) -> tuple[Community, Session]:
        """The community and open session of an agenda item not yet voted on."""
        c = self._community(tx, community)
        s = self._open_session(tx, c.id, session, SessionStatus.OPEN)
        if item > len(s.agenda):
            raise CommunityRefused("no_such_item", item=item)
        if any(v.item == item for v in tx.votes(c.id, s.id)):
            raise CommunityRefused("already_voted", item=item)
        return c, s

    def vote(self, data: VoteIn) -> OpenVote:
        """An open vote by name on one agenda item; the rules decide adoption."""
        with self._tx() as tx:
            c, s = self._item_to_vote(tx, data.community, data.session, data.item)
            district = self.district_ruleset(c)
            remote_counts = bool(
                district is not None
                and district.in_force(s.day)
                and district.body(s.body_kind).remote_counts_for_quorum.value
            )
            counted = set(s.present) | (set(s.remote) if remote_counts else set())
            for person in data.ballots:
                if person not in counted:
                    raise CommunityRefused("not_present", person=person)
            ballots: dict[str, Choice] = dict(sorted(data.ballots.items()))
            figures = [list(ballots.values()).count(k) for k in ("for", "against", "abstained")]
            result = self._decide(tx, c, s, len(counted), figures)
            v = OpenVote(c.id, s.id, data.item, data.proposal, ballots, result)
            tx.add_vote(v)
        return v

    def record_secret_result(self, data: SecretResultIn) -> OpenVote:
        """Record a secret vote's verified counts; the rules decide, nobody's choice is kept."""
        with self._tx() as tx:
            c, s = self._item_to_vote(tx, data.community, data.session, data.item)
            figures = [data.counts.get(k, 0) for k in ("for", "against", "abstained")]
            if sum(figures) > len(s.present):
                raise CommunityRefused(
                    "votes_exceed_present", votes=sum(figures), present=len(s.present)
                )
            result = self._decide(tx, c, s, len(s.present), figures)
            result |= {"secret": True, "election": data.election, "figures": figures}
            v = OpenVote(c.id, s.id, data.item, data.proposal, {}, result)
            tx.add_vote(v)
        return v

    def _decide(
        self, tx: CommunityTx, c: Community, s: Session, present: int, figures: list[int]
    ) -> dict[str, Any]:
        members = len(self._register(tx, c.id, s.body_kind, s.day))
        question = Decision.model_validate(
            {
                "body": s.body_kind,
                "members": members,
                "present": present,
                "for": figures[0],
                "against": figures[1],
                "abstained": figures[2],
                "date": s.day,
            }
        )
        result = decide(question, national_ruleset_on(s.day), self.district_ruleset(c))
        return {k: v for k, v in result.items() if k != "message"}

    def close(self, community: str, session: str) -> Session:
        with self._tx() as tx:
            s = self._open_session(tx, community, session, SessionStatus.OPEN)
            closed = Session(
                s.community,
                s.id,
                s.body_kind,
                s.day,
                s.place,
                s.agenda,
                s.convened_on,
                SessionStatus.CLOSED,
                s.present,
                s.remote,
            )
            tx.put_session(closed, new=False)
        return closed

    def respond(self, data: ResponseIn) -> AkimResponse:
        """The akim's answer to an adopted decision: implemented, refused (why), escalated."""
        with self._tx() as tx:
            c = self._community(tx, data.community)
            if tx.session(c.id, data.session) is None:
                raise _not_found("session", data.session)
            vote = next((v for v in tx.votes(c.id, data.session) if v.item == data.item), None)
            if vote is None or vote.result.get("adopted") is not True:
                raise CommunityRefused("not_adopted", item=data.item)
            if any(r.item == data.item for r in tx.responses(c.id, data.session)):
                raise CommunityRefused("already_answered", item=data.item)
            r = AkimResponse(
                c.id, data.session, data.item, ResponseKind(data.kind), data.text, data.on
            )
            tx.add_response(r)
        return r

    # -- minutes ----------------------------------------------------------------------

    def sign_minutes(self, data: SignIn) -> SignedMinutes:
        """Sign the minutes of a closed session; once signed they never change.

        A second signing of the same session must be a correction: ``corrects``
        names the latest minutes of the session (and ``correction`` says why).
        """
        with self._tx() as tx:
            c = self._community(tx, data.community)
            s = self._open_session(tx, c.id, data.session, SessionStatus.CLOSED)
            earlier = [m for m in tx.all_minutes(c.id) if m.session == s.id]
            if earlier and data.corrects is None:
                raise CommunityRefused("already_signed", session=s.id, id=earlier[-1].id)
            if data.corrects is not None and (not earlier or data.corrects != earlier[-1].id):
                latest = earlier[-1].id if earlier else "-"
                raise CommunityRefused("not_latest", id=latest)
            snapshot = self._snapshot(tx, c)
            session = next(x for x in snapshot["sessions"] if x["id"] == s.id)
            register = self._register(tx, c.id, s.body_kind, s.day)
            document = minutes_document(snapshot["community"], session, register)
            if data.correction is not None:
                document["correction"] = data.correction
            m = SignedMinutes(
                c.id,
                f"{s.id}.{len(earlier) + 1}",
                s.id,
                document,
                canonical_hash(document),
                tuple(x.model_dump() for x in data.signers),
                data.on,
                data.corrects,
                data.correction,
            )
            tx.add_minutes(m)
        return m

    def minutes(self, community: str, id: str) -> SignedMinutes:
        with self._tx() as tx:
            m = tx.minutes(community, id)
            if m is None:
                raise _not_found("minutes", id)
            return m

    # -- reading ----------------------------------------------------------------------

    def snapshot(self, community: str) -> dict[str, Any]:
        """Everything public about a community (never a secret vote's choices)."""
        with self._tx() as tx:
            return self._snapshot(tx, self._community(tx, community))

    @staticmethod
    def _snapshot(tx: CommunityTx, c: Community) -> dict[str, Any]:
        sessions = tx.sessions(c.id)
        return {
            "community": as_dict(c),
            "members": [as_dict(m) for m in tx.members(c.id)],
            "minutes": [m.to_dict() for m in tx.all_minutes(c.id)],
            "sessions": [
                {
                    **as_dict(s),
                    "votes": [as_dict(v) for v in tx.votes(c.id, s.id)],
                    "responses": [as_dict(r) for r in tx.responses(c.id, s.id)],
                }
                for s in sessions
            ],
        }


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
