"""Commissions and members; observers' and proxies' accreditation; precincts and districts."""

from __future__ import annotations

from datetime import date

import pytest
from admin_builders import ELECTION, PRECINCTS, TEC, accredit, call_kainar_election, nominee

from tandau.admin.commissions import term_until
from tandau.admin.errors import AdminInvalidInput, AlreadyExists, NotFound, Refused
from tandau.admin.records import CommissionKind, Role
from tandau.law import InconsistentInput

from .conftest import World


def test_commissions_and_members(world: World) -> None:
    members = world.admin.commissions.members(TEC)
    assert [m.role for m in members] == [
        Role.CHAIR,
        Role.SECRETARY,
        Role.MEMBER,
        Role.MEMBER,
        Role.MEMBER,
    ]
    assert members[0].term_until == date(2029, 3, 1)
    kinds = [p["kind"] for t, p in world.sink.events if t == "admin.commission.created"]
    assert kinds == ["territorial", "precinct", "precinct"]


def test_one_chair_and_one_secretary(world: World) -> None:
    """`commission.roles` (CLE Ch. 10-2): a second chair is refused."""
    with world.unchanged(), pytest.raises(Refused) as err:
        world.admin.commissions.appoint(
            commission=TEC, person="m9", name="Nine", role="chair", elected_on="2024-03-01"
        )
    assert [(v.rule, v.article) for v in err.value.violations] == [
        ("commission.roles", "CLE Ch. 10-2")
    ]
    with world.unchanged(), pytest.raises(AlreadyExists):
        world.admin.commissions.appoint(
            commission=TEC, person="m1", name="Again", role="member", elected_on="2024-03-01"
        )
    with world.unchanged(), pytest.raises(NotFound):
        world.admin.commissions.appoint(
            commission="nowhere", person="x", name="X", role="member", elected_on="2024-03-01"
        )


def test_a_term_of_five_years() -> None:
    """`commission.term` (CLE Ch. 10-2): five years from the election by the maslikhat."""
    assert term_until(date(2024, 3, 1)) == date(2029, 3, 1)
    assert term_until(date(2024, 2, 29)) == date(2029, 2, 28)


def test_commission_places(world: World) -> None:
    c = world.admin.commissions
    with world.unchanged(), pytest.raises(AdminInvalidInput) as err:
        c.create(id="t2", kind="territorial", unit="991011000", name="Okrug TEC")
    assert err.value.code == "admin.invalid_input.unit_level"
    with world.unchanged(), pytest.raises(AdminInvalidInput) as err:
        c.create(id="p2", kind="precinct", precinct="P-999", name="Nowhere")
    assert err.value.code == "admin.invalid_input.unknown_precinct"
    regional = c.create(id="tec-region", kind="territorial", unit="990000000", name="Region TEC")
    assert regional.kind is CommissionKind.TERRITORIAL


def test_observers_are_accredited_by_their_sponsor(called: World) -> None:
    """`observers.domestic` (CLE Art. 20-1) and `observers.foreign` (CLE Art. 20-2): who
    may send an observer."""
    c = called.admin.commissions
    ok = accredit(
        c,
        "obs-1",
        "observer",
        "non_commercial_organisation",
        name="Observer One",
        sponsor="Fair Vote PF",
    )
    assert ok.candidate is None
    assert called.sink.events[-1][0] == "admin.accreditation.granted"
    cases = [
        ("observer", "foreign_state", "observers.domestic", "CLE Art. 20-1"),
        ("foreign_observer", "party", "observers.foreign", "CLE Art. 20-2"),
    ]
    for kind, sponsor_kind, rule, article in cases:
        with called.unchanged(), pytest.raises(Refused) as err:
            accredit(c, f"x-{kind}", kind, sponsor_kind)
        assert [(v.rule, v.article) for v in err.value.violations] == [(rule, article)]
    accredit(
        c,
        "obs-2",
        "foreign_observer",
        "international_organisation",
        name="Observer Two",
        sponsor="OSCE/ODIHR",
    )
    assert [a.id for a in c.accreditations(ELECTION)] == ["obs-1", "obs-2"]
    with called.unchanged(), pytest.raises(AlreadyExists):
        accredit(c, "obs-1", "observer", "party")


def test_a_proxy_represents_a_standing_candidate(nominating: World) -> None:
    """`proxies.candidate` (CLE Ch. 10-2): a proxy of a nominee, not of anyone else."""
    c = nominating.admin.commissions
    nominating.admin.nominations.nominate(**nominee())
    proxy = accredit(
        c, "px-1", "proxy", "candidate", name="Proxy", sponsor="Әлиев Серік", candidate="c-aliyev"
    )
    assert proxy.candidate == "c-aliyev"
    for candidate in ("c-nobody", None):
        with nominating.unchanged(), pytest.raises(Refused) as err:
            accredit(c, "px-2", "proxy", "candidate", name="P", candidate=candidate)
        assert [(v.rule, v.article) for v in err.value.violations] == [
            ("proxies.candidate", "CLE Ch. 10-2")
        ]


def test_precincts_lie_in_settlements_or_okrugs(world: World) -> None:
    d = world.admin.districts
    with world.unchanged(), pytest.raises(AdminInvalidInput) as err:
        d.create_precinct(code="P-9", number=9, unit="991000000", address="Akimat")
    assert err.value.code == "admin.invalid_input.unit_level"
    with world.unchanged(), pytest.raises(AlreadyExists):
        d.create_precinct(code=PRECINCTS[0], number=1, unit="991011001", address="x")
    precinct = d.precinct(PRECINCTS[0])
    assert precinct is not None and precinct.number == 101


def test_the_district_is_formed_from_precincts_inside_the_unit(called: World) -> None:
    d = called.admin.districts
    assert d.district(ELECTION).precincts == PRECINCTS
    with called.unchanged(), pytest.raises(AlreadyExists):
        d.form_district(election=ELECTION, number=1, precincts=list(PRECINCTS))
    call_kainar_election(called.admin)
    cases = [
        (["P-201", "P-201"], InconsistentInput, "precincts[1]"),
        (["P-201", PRECINCTS[0]], AdminInvalidInput, "precincts[1]"),
        (["P-999"], AdminInvalidInput, "precincts[0]"),
    ]
    for precincts, error, field in cases:
        with called.unchanged(), pytest.raises(error) as err:
            d.form_district(election="kainar-2027", number=2, precincts=precincts)
        assert err.value.field == field  # type: ignore[attr-defined]
