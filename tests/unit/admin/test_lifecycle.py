"""The election lifecycle: calling, the state machine, the calendar's deadlines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from admin_builders import (
    ELECTION,
    POLLING_DAY,
    PRECINCTS,
    RULESET,
    TEC,
    local,
    nominee,
    paper_protocol,
)

from tandau.admin.errors import AlreadyExists, NotFound, Refused
from tandau.admin.lifecycle import NEXT_STAGE, TRANSITIONS, check_transition, percent
from tandau.admin.protocols import ElectronicTotals
from tandau.admin.records import Stage
from tandau.law import (
    InconsistentInput,
    InvalidDate,
    InvalidInput,
    UnknownRuleset,
    load_ruleset,
)

from .conftest import World

OKRUG = "991011000"


def call(world: World, **changes: object) -> None:
    args: dict[str, object] = {
        "election": "kainar-2027",
        "ruleset": RULESET,
        "unit": "991013000",
        "commission": TEC,
        "polling_day": POLLING_DAY,
    }
    args.update(changes)
    world.admin.lifecycle.call(**args)  # type: ignore[arg-type]


def refused(err: pytest.ExceptionInfo[Refused]) -> list[tuple[str, str]]:
    return [(v.rule, v.article) for v in err.value.violations]


def test_calling_publishes_the_calendar(world: World) -> None:
    """The TEC calls the election; its calendar (E − (N + 1) at 18:00) is on the board."""
    world.clock.set("2027-07-20 10:00")
    call(world)
    election = world.admin.lifecycle.election("kainar-2027")
    assert election.stage is Stage.CALLED
    assert election.called_on.isoformat() == "2027-07-20"
    kind, payload = world.sink.events[-1]
    assert kind == "admin.election.called"
    assert payload["calendar"]["nomination_opens"] == "2027-07-21"
    assert payload["calendar"]["nomination_closes"] == "2027-08-24T18:00"
    assert payload["calendar"]["registration_closes"] == "2027-08-29T18:00"
    assert payload["ruleset"] == RULESET


def test_only_the_district_tec_calls(world: World) -> None:
    """`lifecycle.called_by_tec` (CLE Art. 113-1): a precinct commission, or the TEC of
    another district, may not call the election."""
    world.clock.set("2027-07-20 10:00")
    world.admin.commissions.create(
        id="tec-kokozek", kind="territorial", unit="992000000", name="Kokozek TEC"
    )
    for commission in ("pec-101", "tec-kokozek"):
        with world.unchanged(), pytest.raises(Refused) as err:
            call(world, commission=commission)
        assert refused(err) == [("lifecycle.called_by_tec", "CLE Art. 113-1")]
        assert set(err.value.violations[0].message) == {"kk", "ru", "en"}


def test_the_office_fits_the_unit(world: World) -> None:
    """`lifecycle.office` (CLE Ch. 10-2): rural akims are elected in rural okrugs and
    settlements, district akims in districts."""
    world.clock.set("2027-07-20 10:00")
    with world.unchanged(), pytest.raises(Refused) as err:
        call(world, unit="991000000")
    assert refused(err) == [("lifecycle.office", "CLE Ch. 10-2")]
    with world.unchanged(), pytest.raises(Refused) as err:
        call(world, ruleset="kz-district-akim-2023")
    assert refused(err) == [("lifecycle.office", "CLE Ch. 10-2")]


def test_the_ruleset_must_be_in_force(world: World) -> None:
    """`lifecycle.ruleset_in_force` (CLE Ch. 10-2): the 2021 rules ended on 5 November 2022."""
    world.clock.set("2027-07-20 10:00")
    with world.unchanged(), pytest.raises(Refused) as err:
        call(world, ruleset="kz-rural-akim-2021")
    assert refused(err) == [("lifecycle.ruleset_in_force", "CLE Ch. 10-2")]
    assert "kz-rural-akim-2021" in err.value.violations[0].message["ru"]


def test_one_district_per_unit(called: World) -> None:
    """`lifecycle.one_district` (CLE Art. 113-1): one electoral district per unit; a second
    election in a unit whose election is in progress is refused."""
    with called.unchanged(), pytest.raises(Refused) as err:
        call(called, election="birlik-again", unit=OKRUG)
    assert refused(err) == [("lifecycle.one_district", "CLE Art. 113-1")]


def test_term_deadlines(world: World) -> None:
    """`calendar.call_before_term_end` (CLE Art. 113-1) and `calendar.hold_before_term_end`
    (CLE Art. 113-1): called no later than 40 days and held no later than 10 days before
    the term ends."""
    world.clock.set("2027-08-20 10:00")
    with world.unchanged(), pytest.raises(Refused) as err:
        call(world, term_ends="2027-09-20", polling_day="2027-09-19")
    assert refused(err) == [
        ("calendar.call_before_term_end", "CLE Art. 113-1"),
        ("calendar.hold_before_term_end", "CLE Art. 113-1"),
    ]
    assert "2027-08-11" in err.value.violations[0].message["en"]
    world.clock.set("2027-07-20 10:00")
    call(world, term_ends="2027-10-01")


@pytest.mark.parametrize(
    ("changes", "error", "field"),
    [
        ({"polling_day": "19.09.2027"}, InvalidDate, "polling_day"),
        ({"polling_day": "2027-02-30"}, InvalidDate, "polling_day"),
        ({"ruleset": "kz-rural-akim-2099"}, UnknownRuleset, "ruleset"),
        ({"ruleset": "../../etc/passwd.json"}, UnknownRuleset, "ruleset"),
        ({"polling_day": "2027-08-01"}, InconsistentInput, "polling_day"),
    ],
)
def test_bad_input_is_a_clear_error_and_stores_nothing(
    world: World, changes: dict[str, object], error: type[Exception], field: str
) -> None:
    """A date in the wrong format, an unknown ruleset or a polling day too close to the
    calling: a named error with the field and a message in kk, ru and en."""
    world.clock.set("2027-07-20 10:00")
    with world.unchanged(), pytest.raises(error) as err:
        call(world, **changes)
    assert err.value.field == field  # type: ignore[attr-defined]
    assert set(err.value.localized) == {"kk", "ru", "en"}  # type: ignore[attr-defined]


def test_unknown_commission_and_duplicate_election(called: World) -> None:
    with called.unchanged(), pytest.raises(NotFound):
        call(called, commission="tec-nowhere")
    with called.unchanged(), pytest.raises(AlreadyExists):
        call(called, election=ELECTION)


def test_the_stages_in_order(called: World) -> None:
    """Every time-driven stage is reached at its moment, and each step is published."""
    called.advance_to("counting")
    stages = [p["to"] for t, p in called.sink.events if t == "admin.election.stage"]
    assert stages == ["nomination", "registration", "campaign", "silence", "polling", "counting"]


@pytest.mark.parametrize(
    ("stage", "early", "rule", "article"),
    [
        ("nomination", "2027-07-20 23:59", "calendar.nomination_opens", "CLE Art. 113-1"),
        ("registration", "2027-08-24 17:59", "calendar.nomination_closes", "CLE Ch. 10-2"),
        ("campaign", "2027-08-29 17:59", "calendar.registration_closes", "CLE Ch. 10-2"),
        ("silence", "2027-09-17 23:59", "calendar.campaign_ends", "CLE Ch. 10-2"),
        ("polling", "2027-09-19 06:59", "calendar.polling_hours", "CLE Ch. 10-2"),
        ("counting", "2027-09-19 19:59", "calendar.polling_hours", "CLE Ch. 10-2"),
    ],
)
def test_no_stage_begins_before_its_moment(
    called: World, stage: str, early: str, rule: str, article: str
) -> None:
    """`calendar.nomination_opens` (CLE Art. 113-1), `calendar.nomination_closes`
    (CLE Ch. 10-2), `calendar.registration_closes` (CLE Ch. 10-2), `calendar.campaign_ends`
    (CLE Ch. 10-2), `calendar.polling_hours` (CLE Ch. 10-2): one minute early is refused."""
    order = list(NEXT_STAGE.values())
    previous = Stage.CALLED if stage == "nomination" else order[order.index(Stage(stage)) - 1]
    if previous is not Stage.CALLED:
        called.advance_to(previous.value)
    if stage == "registration":  # two nominees, so nomination is not extended
        called.admin.nominations.nominate(**nominee())
        called.admin.nominations.nominate(**nominee(id="c2", party="Respublica"))
    if stage == "campaign":
        for c in called.admin.nominations.candidates(ELECTION):
            called.admin.nominations.decide_registration(election=ELECTION, candidate=c.id)
    called.clock.set(early)
    with called.unchanged(), pytest.raises(Refused) as err:
        called.admin.lifecycle.advance(ELECTION)
    assert refused(err) == [(rule, article)]
    called.clock.at = local(early) + timedelta(minutes=1)
    assert called.admin.lifecycle.advance(ELECTION).stage.value == stage


def test_local_time_comes_from_the_election_offset(called: World) -> None:
    """A UTC clock: 2027-07-20 19:00Z is 2027-07-21 00:00 in Kazakhstan (UTC+5)."""
    called.clock.at = datetime(2027, 7, 20, 19, 0, tzinfo=UTC)
    assert called.admin.lifecycle.advance(ELECTION).stage is Stage.NOMINATION


def test_nomination_is_extended_when_too_few_are_nominated(nominating: World) -> None:
    """`nomination.extension` (CLE Ch. 10-2): fewer than two nominees at the close extends
    nomination once by five days; the election stays in nomination meanwhile."""
    nominating.admin.nominations.nominate(**nominee())
    nominating.clock.set("2027-08-24 18:00")
    extended = nominating.admin.lifecycle.advance(ELECTION)
    assert extended.stage is Stage.NOMINATION
    assert extended.nomination_extended_until == datetime(2027, 8, 29, 18, 0)
    kind, payload = nominating.sink.events[-1]
    assert kind == "admin.nomination.extended"
    assert payload["reason"]["rule"] == "nomination.extension"
    assert payload["reason"]["article"] == "CLE Ch. 10-2"
    assert "2027-08-29 18:00" in payload["reason"]["message"]["ru"]
    nominating.clock.set("2027-08-26 12:00")
    nominating.admin.nominations.nominate(**nominee(id="late", party="Respublica"))
    with pytest.raises(Refused) as err:
        nominating.admin.lifecycle.advance(ELECTION)
    assert refused(err) == [("calendar.nomination_closes", "CLE Ch. 10-2")]
    nominating.clock.set("2027-08-29 18:00")
    assert nominating.admin.lifecycle.advance(ELECTION).stage is Stage.REGISTRATION


def test_every_nominee_is_decided_before_the_campaign(nominating: World) -> None:
    """`lifecycle.nominees_decided` (CLE Art. 113-5): a nominee still awaiting a decision
    when registration closes keeps the campaign from starting."""
    admin = nominating.admin
    admin.nominations.nominate(**nominee())
    admin.nominations.nominate(**nominee(id="c2", party="Respublica"))
    admin.nominations.decide_registration(election=ELECTION, candidate="c-aliyev")
    nominating.advance_to("registration")
    nominating.clock.set("2027-08-29 18:00")
    with nominating.unchanged(), pytest.raises(Refused) as err:
        admin.lifecycle.advance(ELECTION)
    assert refused(err) == [("lifecycle.nominees_decided", "CLE Art. 113-5")]
    assert err.value.violations[0].details == {"candidates": ["c2"]}


def test_steps_out_of_order_are_refused(called: World) -> None:
    """`lifecycle.order` (CLE Ch. 10-2): a step of another stage is refused, naming both."""
    with called.unchanged(), pytest.raises(Refused) as err:
        called.admin.lifecycle.set_results(ELECTION)
    assert refused(err) == [("lifecycle.order", "CLE Ch. 10-2")]
    assert "«назначены»" in err.value.violations[0].message["ru"]
    assert "«подсчёт голосов»" in err.value.violations[0].message["ru"]
    with pytest.raises(Refused):
        called.admin.lifecycle.register_winner(ELECTION)


def test_the_transition_table() -> None:
    assert TRANSITIONS[Stage.RESULTS] == (Stage.WINNER_REGISTERED, Stage.FAILED)
    assert TRANSITIONS[Stage.FAILED] == ()
    assert all(Stage(s) in TRANSITIONS for s in Stage)


def test_check_transition_refuses_a_jump(called: World) -> None:
    election = called.admin.lifecycle.election(ELECTION)
    with pytest.raises(Refused) as err:
        check_transition(load_ruleset(RULESET), election, Stage.POLLING, datetime(2027, 9, 19, 8))
    assert refused(err) == [("lifecycle.order", "CLE Ch. 10-2")]


def test_results_need_every_protocol(called: World) -> None:
    """`results.all_protocols` (CLE Ch. 10-2): the result waits for every precinct."""
    admin = called.admin
    _two_registered_to_counting(called)
    votes = {"c-aliyev": 50, "c2": 40}
    admin.protocols.enter(**paper_protocol(PRECINCTS[0], 150, votes, received=150, against_all=10))
    with called.unchanged(), pytest.raises(Refused) as err:
        admin.lifecycle.set_results(ELECTION)
    assert refused(err) == [("results.all_protocols", "CLE Ch. 10-2")]
    assert PRECINCTS[1] in err.value.violations[0].message["kk"]


def _two_registered_to_counting(world: World) -> None:
    """Two party nominees, c-aliyev and c2, registered; the election reaches counting."""
    admin = world.admin
    world.advance_to("nomination")
    admin.nominations.nominate(**nominee())
    admin.nominations.nominate(**nominee(id="c2", party="Respublica"))
    for cid in ("c-aliyev", "c2"):
        admin.nominations.decide_registration(election=ELECTION, candidate=cid)
    world.advance_to("counting")


def _counted(world: World, a: int, b: int) -> None:
    admin = world.admin
    _two_registered_to_counting(world)
    for precinct in PRECINCTS:
        votes = {"c-aliyev": a, "c2": b}
        admin.protocols.enter(**paper_protocol(precinct, 150, votes, received=150))


def test_results_and_winner_deadlines(called: World) -> None:
    """`calendar.results_due` (CLE Ch. 10-2) and `calendar.winner_registration_due`
    (CLE Ch. 10-2): the result within 3 days, the akim registered within 7 days."""
    _counted(called, 60, 30)
    called.clock.set("2027-09-23 00:00")
    with called.unchanged(), pytest.raises(Refused) as err:
        called.admin.lifecycle.set_results(ELECTION)
    assert refused(err) == [("calendar.results_due", "CLE Ch. 10-2")]
    called.clock.set("2027-09-22 23:59")
    result = called.admin.lifecycle.set_results(ELECTION)
    assert result.winner == "c-aliyev"
    assert result.outcome is not None and result.outcome["turnout_percent"] == "60.00"
    called.clock.set("2027-09-27 00:00")
    with called.unchanged(), pytest.raises(Refused) as err:
        called.admin.lifecycle.register_winner(ELECTION)
    assert refused(err) == [("calendar.winner_registration_due", "CLE Ch. 10-2")]
    called.clock.set("2027-09-26 12:00")
    assert called.admin.lifecycle.register_winner(ELECTION).stage is Stage.WINNER_REGISTERED
    kind, payload = called.sink.events[-1]
    assert (kind, payload["candidate"]) == ("admin.winner.registered", "c-aliyev")


def test_no_winner_no_registration(called: World) -> None:
    """`winner.known` (CLE Ch. 10-2): a tie leaves no winner until the commission decides."""
    _counted(called, 40, 40)
    called.clock.set("2027-09-20 10:00")
    result = called.admin.lifecycle.set_results(ELECTION)
    assert result.outcome is not None
    assert result.outcome["status"] == "commission_decision_required"
    with called.unchanged(), pytest.raises(Refused) as err:
        called.admin.lifecycle.register_winner(ELECTION)
    assert refused(err) == [("winner.known", "CLE Ch. 10-2")]


@pytest.mark.parametrize(
    ("part", "whole", "text"),
    [(1797, 2490, "72.17"), (1, 3, "33.33"), (2, 3, "66.67"), (0, 0, "0.00")],
)
def test_percent(part: int, whole: int, text: str) -> None:
    assert percent(part, whole) == text


def test_electronic_totals_join_the_paper_before_the_ruleset_decides(called: World) -> None:
    """The result counts paper and e-votes together (CLE Ch. 10-2, Ch. 9-1): a tie on
    paper is decided by the e-votes the board's trustees decrypted."""
    _counted(called, 40, 40)
    called.clock.set("2027-09-20 10:00")
    e = ElectronicTotals(counted=9, candidates={"c-aliyev": 2, "c2": 6}, against_all=1)
    result = called.admin.lifecycle.set_results(ELECTION, e)
    assert result.winner == "c2"
    assert result.outcome is not None
    assert result.outcome["electronic_ballots"] == 9 and result.outcome["ballots_cast"] == 169
    assert result.outcome["against_all"] == 1


@pytest.mark.parametrize(
    ("totals", "code"),
    [
        (ElectronicTotals(3, {"c-aliyev": 3}), "admin.invalid_input.candidates_mismatch"),
        (ElectronicTotals(3, {"c-aliyev": 1, "c2": 1}), "admin.invalid_input.ballots_unaccounted"),
        (ElectronicTotals(0, {"c-aliyev": -1, "c2": 1}), "law.invalid_input.value"),
    ],
)
def test_bad_electronic_totals_store_nothing(
    called: World, totals: ElectronicTotals, code: str
) -> None:
    _counted(called, 40, 40)
    called.clock.set("2027-09-20 10:00")
    with called.unchanged(), pytest.raises(InvalidInput) as err:
        called.admin.lifecycle.set_results(ELECTION, totals)
    assert err.value.code == code


def test_stage_until_lists_the_stages_from_calling_in_order() -> None:
    assert Stage.until(Stage.CALLED) == (Stage.CALLED,)
    assert Stage.until(Stage.POLLING) == (
        Stage.CALLED,
        Stage.NOMINATION,
        Stage.REGISTRATION,
        Stage.CAMPAIGN,
        Stage.SILENCE,
        Stage.POLLING,
    )
    assert Stage.until(Stage.COUNTING)[-2:] == (Stage.POLLING, Stage.COUNTING)
