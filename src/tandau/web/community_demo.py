"""`tandau serve --demo`: the demo rural district's community (Aksu), ready to browse.

A register of residents, a meeting of nine members, a past meeting with an open vote
by name, a secret vote run on the verifiable engine (its election has the usual
public pages and record, which ``tandau-verify`` accepts), the akim's answer, signed
minutes, an upcoming gathering, and the akim's report to the population with
residents' questions (one answered), and a published civic poll (consultative).
Districts' rules: the example ruleset (all U).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from importlib.resources import files
from typing import Any

from tandau.board import Board
from tandau.community.budget import (
    ApprovalIn,
    BudgetLineIn,
    BudgetProposalIn,
    BudgetService,
    ExecutionIn,
)
from tandau.community.petitions import PetitionIn, PetitionService, SignatureIn
from tandau.community.polls import POLL_OUTCOME_REASON, poll_election_id
from tandau.community.reports import QuestionIn, ReplyIn, ReportIn, ReportService
from tandau.community.rowstore import RowStore
from tandau.community.secret_vote import (
    YES_NO_ABSTAIN,
    Answer,
    SecretVoteResult,
    question_manifest,
    run_secret_vote,
)
from tandau.community.service import (
    AttendIn,
    CommunityIn,
    CommunityService,
    ConveneIn,
    ElectIn,
    ResidentIn,
    ResponseIn,
    SecretResultIn,
    SignIn,
    VoteIn,
)
from tandau.law import parse_input
from tandau.schema import SqlCommunityStore
from tandau.storage import SqlBoardStore

from .context import WebContext
from .demo import DEMO_TEC

__all__ = ["DEMO_COMMUNITY", "DEMO_COMMUNITY_POLL", "seed_community"]

DEMO_COMMUNITY = "aksu"
DEMO_COMMUNITY_POLL = "aksu-m1-item2"
_PEOPLE = [f"resident-{i:02d}" for i in range(1, 13)]


def _in(model: Any, **data: Any) -> Any:
    return parse_input(model, json.dumps(data))


def _example_rules() -> dict[str, Any]:
    path = files("tandau.community").joinpath("rulesets", "districts", "example-district-u.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def seed_community(
    ctx: WebContext, today: date | None = None, commission: str | None = DEMO_TEC
) -> str:
    """Create the demo community on a migrated database; return its ID.

    Its akim's office is ``commission`` (the demo's commission, whose chair the demo
    prints), so the office's console runs it at ``/commission/c/aksu``.
    """
    today = today or date.today()
    svc = CommunityService(SqlCommunityStore(ctx.engine))
    names = {"kk": "Ақсу ауылдық округі", "ru": "Аксуский сельский округ", "en": "Aksu rural okrug"}
    svc.create_community(
        _in(
            CommunityIn,
            id=DEMO_COMMUNITY,
            name=names,
            population=2490,
            settlements=["Aksu", "Kenes"],
            district_ruleset=_example_rules(),
            commission=commission,
        )
    )
    for i, p in enumerate(_PEOPLE):
        resident = {"community": DEMO_COMMUNITY, "id": p, "name": p, "since": "2020-01-01"}
        svc.add_resident(_in(ResidentIn, **resident, settlement="Kenes" if i % 4 == 0 else "Aksu"))
    svc.elect_members(
        _in(
            ElectIn,
            community=DEMO_COMMUNITY,
            gathering="Aksu",
            persons=_PEOPLE[:9],
            term_start=(today - timedelta(days=300)).isoformat(),
        )
    )
    held = today - timedelta(days=10)
    meeting = {"community": DEMO_COMMUNITY, "id": "m1", "body": "meeting"}
    agenda = ["Draft budget of the rural district for next year", "Street lighting in Kenes"]
    svc.convene(
        _in(
            ConveneIn,
            **meeting,
            day=held.isoformat(),
            place="Aksu school hall",
            agenda=agenda,
            convened_on=(held - timedelta(days=14)).isoformat(),
        )
    )
    svc.attend(_in(AttendIn, community=DEMO_COMMUNITY, session="m1", present=_PEOPLE[:7]))
    ballots = {p: "for" for p in _PEOPLE[:5]} | {_PEOPLE[5]: "against", _PEOPLE[6]: "abstained"}
    item = {"community": DEMO_COMMUNITY, "session": "m1"}
    svc.vote(_in(VoteIn, **item, item=1, proposal="Approve the draft budget", ballots=ballots))
    counts = _secret_vote(ctx, names, held)
    svc.record_secret_result(
        _in(
            SecretResultIn,
            **item,
            item=2,
            proposal="Ask the akim to light Kenes's main street",
            election=DEMO_COMMUNITY_POLL,
            counts=counts,
        )
    )
    svc.respond(
        _in(
            ResponseIn,
            **item,
            item=1,
            kind="escalated",
            text="Sent to the district maslikhat for approval.",
            on=(held + timedelta(days=3)).isoformat(),
        )
    )
    svc.close(DEMO_COMMUNITY, "m1")
    signers = [
        {"role": "Төраға / Chair", "name": "resident-01"},
        {"role": "Хатшы / Secretary", "name": "resident-02"},
    ]
    svc.sign_minutes(
        _in(SignIn, **item, signers=signers, on=(held + timedelta(days=1)).isoformat())
    )
    _budget_and_petition(ctx, today, held)
    upcoming = today + timedelta(days=14)
    svc.convene(
        _in(
            ConveneIn,
            community=DEMO_COMMUNITY,
            id="g1",
            body="gathering",
            day=upcoming.isoformat(),
            place="Kenes club",
            agenda=["Delegate a member for Kenes", "The akim's report to the population"],
            convened_on=today.isoformat(),
        )
    )
    return DEMO_COMMUNITY


def _secret_vote(ctx: WebContext, names: dict[str, str], day: date) -> dict[str, int]:
    question = {
        "kk": "Кенес ауылының негізгі көшесін жарықтандыруды әкімнен сұрау",
        "ru": "Просить акима осветить главную улицу Кенеса",
        "en": "Ask the akim to light Kenes's main street",
    }
    choices = ["for", "for", "for", "against", "for", "abstained", "for"]
    vote = (DEMO_COMMUNITY_POLL, names, question, "meeting", day, YES_NO_ABSTAIN, choices)
    return _run_vote(ctx, vote, "example district rule [U]").counts


#: A demo vote: its election, unit names, question, body, day, answers and each voter's choice.
_Vote = tuple[str, Mapping[str, str], Mapping[str, str], str, date, Sequence[Answer], list[str]]


def _run_vote(ctx: WebContext, vote: _Vote, reason: str) -> SecretVoteResult:
    """A demo vote run in process: its board key, its manifest (three trustees, two
    needed) and one ballot per choice, counted under ``reason``."""
    election, names, question, body, day, answers, choices = vote
    key = ctx.keys.create(election, ctx.rng)
    manifest = question_manifest(
        election,
        "991000000",
        names,
        question,
        body,
        day,
        answers,
        ["Trustee 1", "Trustee 2", "Trustee 3"],
        2,
        key.verify_key.hex(),
    )
    board = Board(SqlBoardStore(ctx.engine), election, key=key)
    return run_secret_vote(board, manifest, choices, ctx.rng, reason)


def _budget_and_petition(ctx: WebContext, today: date, held: date) -> None:
    store = SqlCommunityStore(ctx.engine)
    budget = BudgetService(store)
    lines = (("lighting", "Street lighting", 4_200_000), ("roads", "Village roads", 9_800_000))
    for year in (today.year - 1, today.year):
        for line, title, draft in lines:
            base = {"community": DEMO_COMMUNITY, "year": year, "line": line}
            budget.add_line(_in(BudgetLineIn, **base, title=title, draft=draft))
            if year < today.year:
                budget.report_execution(_in(ExecutionIn, **base, executed=draft * 9 // 10))
    budget.propose(
        _in(
            BudgetProposalIn,
            community=DEMO_COMMUNITY,
            year=today.year,
            line="lighting",
            resident=_PEOPLE[8],
            text="Light the road to the Kenes school first.",
            amount=600_000,
            on=(held - timedelta(days=5)).isoformat(),
        )
    )
    budget.approve(_in(ApprovalIn, community=DEMO_COMMUNITY, year=today.year, session="m1", item=1))
    petitions = PetitionService(store)
    petitions.open(
        _in(
            PetitionIn,
            community=DEMO_COMMUNITY,
            id="bus-stop",
            title="A bus stop with a shelter in Kenes",
            text="Children wait for the school bus in the cold.",
            author=_PEOPLE[10],
            opened_on=(today - timedelta(days=3)).isoformat(),
        )
    )
    for p in _PEOPLE[:4]:
        petitions.sign(
            _in(
                SignatureIn,
                community=DEMO_COMMUNITY,
                petition="bus-stop",
                resident=p,
                on=today.isoformat(),
            )
        )
    _seed_report(store, today)
    _civic_poll(ctx, today - timedelta(days=7))


def _seed_report(store: RowStore, today: date) -> None:
    reports = ReportService(store)
    presented = today - timedelta(days=20)
    reports.publish(
        _in(
            ReportIn,
            community=DEMO_COMMUNITY,
            id=str(today.year - 1),
            title=f"The akim's report for {today.year - 1}",
            text="Streets lit in Aksu and Kenes, the school roof repaired, the club reopened.",
            figures=[
                {"label": "Streets lit", "value": 14, "unit": "streets"},
                {"label": "Budget executed", "value": 95, "unit": "%"},
            ],
            presented_on=presented.isoformat(),
            questions_until=(presented + timedelta(days=30)).isoformat(),
        )
    )
    base = {"community": DEMO_COMMUNITY, "report": str(today.year - 1)}
    for person, text, days in (
        (_PEOPLE[8], "When will the road to Kenes be repaired?", 1),
        (_PEOPLE[9], "Will the club have a library?", 2),
    ):
        reports.ask(
            _in(
                QuestionIn,
                **base,
                resident=person,
                text=text,
                on=(presented + timedelta(days=days)).isoformat(),
            )
        )
    reply = "The road is in next year's draft budget."
    reports.answer(
        _in(ReplyIn, **base, question=1, text=reply, on=(presented + timedelta(days=5)).isoformat())
    )


def _civic_poll(ctx: WebContext, day: date) -> None:
    """A civic poll of the residents, run in process like the meeting's secret vote."""
    question = {
        "kk": "Жаңа саябақ қай жерде болсын?",
        "ru": "Где разбить новый парк?",
        "en": "Where should the new park be?",
    }
    answers = (
        Answer("centre", {"kk": "Орталықта", "ru": "В центре", "en": "In the centre"}),
        Answer("river", {"kk": "Өзен жағасында", "ru": "У реки", "en": "By the river"}),
    )
    names = {"kk": "Ақсу ауылдық округі", "ru": "Аксуский сельский округ", "en": "Aksu rural okrug"}
    choices = ["centre", "river", "centre", "centre", "river", "centre", "centre", "river"]
    eid = poll_election_id(DEMO_COMMUNITY, "park")
    _run_vote(ctx, (eid, names, question, "poll", day, answers, choices), POLL_OUTCOME_REASON)
