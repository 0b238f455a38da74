"""A small community for the community tests: Akdala, 12 residents, 9 meeting members.

The district ruleset is the shipped example (10% / half of members, simple majority of
those present, all [U]).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib.resources import files
from typing import Any

import pytest

from tandau.community.errors import CommunityRefused
from tandau.community.inputs import (
    AttendIn,
    CommunityIn,
    ConveneIn,
    ElectIn,
    ResidentIn,
    ResponseIn,
    VoteIn,
)
from tandau.community.member_ballots import MemberBallots
from tandau.community.records import AkimResponse, OpenVote
from tandau.community.rowstore import TABLE_KEYS, RowStore
from tandau.community.service import CommunityService
from tandau.law import parse_input
from tandau.schema import SqlCommunityStore
from tandau.storage import make_engine, upgrade

EXAMPLE = json.loads(
    files("tandau.community")
    .joinpath("rulesets", "districts", "example-district-u.json")
    .read_text(encoding="utf-8")
)
PEOPLE = [f"r{i}" for i in range(1, 13)]


def sql_store(url: str) -> Iterator[SqlCommunityStore]:
    """A community store on a freshly migrated database, its engine disposed after use."""
    upgrade(url)
    engine = make_engine(url)
    try:
        yield SqlCommunityStore(engine)
    finally:
        engine.dispose()


def make(model: Any, **data: Any) -> Any:
    return parse_input(model, json.dumps(data))


def world(
    store: RowStore, ruleset: dict[str, Any] | None = EXAMPLE, commission: str | None = None
) -> CommunityService:
    """Akdala; ``commission`` names its akim's office (the commission whose console runs it)."""
    svc = CommunityService(store)
    svc.create_community(
        make(
            CommunityIn,
            id="akdala",
            name={"kk": "Ақдала", "ru": "Акдала", "en": "Akdala"},
            population=2490,
            settlements=["Akdala", "Kenes"],
            district_ruleset=ruleset,
            commission=commission,
        )
    )
    for i, p in enumerate(PEOPLE):
        svc.add_resident(
            make(
                ResidentIn,
                community="akdala",
                id=p,
                name=f"Resident {p}",
                settlement="Akdala" if i % 3 else "Kenes",
                since="2020-01-01",
            )
        )
    svc.elect_members(
        make(
            ElectIn,
            community="akdala",
            gathering="Akdala",
            persons=PEOPLE[:9],
            term_start="2025-01-10",
        )
    )
    return svc


def convening(**changes: Any) -> Any:
    """The notice of meeting m1 of Akdala on 1 March 2026 (override with ``changes``)."""
    notice = {
        "community": "akdala",
        "id": "m1",
        "body": "meeting",
        "day": "2026-03-01",
        "place": "School hall",
        "agenda": ["Budget 2026", "Street lights"],
        "convened_on": "2026-02-20",
    }
    return make(ConveneIn, **{**notice, **changes})


def meeting(svc: CommunityService, present: list[str]) -> None:
    svc.convene(convening())
    svc.attend(make(AttendIn, community="akdala", session="m1", present=present))


def open_vote(svc: CommunityService, item: int, proposal: str, ballots: dict[str, str]) -> OpenVote:
    """The members present at meeting m1 vote by name on an agenda item."""
    data = {"item": item, "proposal": proposal, "ballots": ballots}
    return svc.vote(make(VoteIn, community="akdala", session="m1", **data))


def akim_answers(svc: CommunityService, item: int, kind: str, text: str, on: str) -> AkimResponse:
    """The akim's answer to the decision on an agenda item of meeting m1."""
    data = {"item": item, "kind": kind, "text": text, "on": on}
    return svc.respond(make(ResponseIn, community="akdala", session="m1", **data))


def community_cli(db: str, args: list[str], stdin: Any = None) -> tuple[int, Any]:
    """``tandau community ARGS --db DB`` in process, ``stdin`` given as JSON: the exit code
    and what it printed (parsed when it is JSON, None when it printed nothing)."""
    from typer.testing import CliRunner

    from tandau.cli.main import app

    done = CliRunner().invoke(
        app,
        ["community", *args, "--db", db],
        input=None if stdin is None else json.dumps(stdin),
    )
    out = done.stdout.strip()
    return done.exit_code, json.loads(out) if out.startswith(("{", "[")) else (out or None)


def member_codes(store: RowStore) -> dict[str, str]:
    """On the web demo's community (``seed_community``): meeting m2 convened and opened
    with resident-01 and resident-02 present; each one's code for open ballots."""
    svc = CommunityService(store)
    meeting = {"community": "aksu", "id": "m2", "body": "meeting", "day": "2026-12-10"}
    meeting |= {"place": "Hall", "agenda": ["Lighting plan"], "convened_on": "2026-12-01"}
    svc.convene(make(ConveneIn, **meeting))
    present = {"community": "aksu", "session": "m2", "present": ["resident-01", "resident-02"]}
    svc.attend(make(AttendIn, **present))
    return MemberBallots(store).issue_codes("aksu", "m2")


def refused(svc: CommunityService, store: RowStore, call: Any, reason: str) -> None:
    before = dump(store)
    with pytest.raises(CommunityRefused) as err:
        call()
    assert err.value.reason == reason
    assert set(err.value.localized) == {"kk", "ru", "en"}
    assert dump(store) == before, "a refused call stored something"


def dump(store: RowStore) -> str:
    with store.transaction() as rows:
        return json.dumps({t: rows.select(t, {}) for t in TABLE_KEYS}, default=str, sort_keys=True)
