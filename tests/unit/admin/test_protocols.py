"""Paper precinct protocols, their annulment, and decisions of the commission."""

from __future__ import annotations

from typing import Any

import pytest
from admin_builders import ELECTION, MEMBERS, PRECINCTS, nominee, paper_protocol

from tandau.admin.errors import AdminInvalidInput, AlreadyExists, Refused
from tandau.admin.records import Stage
from tandau.law import InconsistentInput, InvalidInput, NegativeNumber

from .conftest import World


@pytest.fixture
def counting(nominating: World) -> World:
    n = nominating.admin.nominations
    n.nominate(**nominee())
    n.nominate(**nominee(id="c2", name="Бекова Сәуле", party="Respublica"))
    for cid in ("c-aliyev", "c2"):
        n.decide_registration(election=ELECTION, candidate=cid)
    nominating.advance_to("counting")
    return nominating


def figures(**changes: Any) -> dict[str, Any]:
    votes = {"c-aliyev": 60, "c2": 40}
    out = paper_protocol(
        PRECINCTS[0], 150, votes, received=150, spoiled=2, invalid=3, against_all=15
    )
    return {**out, **changes}


def test_a_consistent_protocol_is_entered_and_published(counting: World) -> None:
    protocol = counting.admin.protocols.enter(**figures())
    assert protocol.ballots_cast == 118 and not protocol.annulled
    kind, payload = counting.sink.events[-1]
    assert kind == "admin.protocol.entered"
    assert payload["votes"] == {"c-aliyev": 60, "c2": 40}
    with counting.unchanged(), pytest.raises(AlreadyExists):
        counting.admin.protocols.enter(**figures())


@pytest.mark.parametrize(
    ("changes", "error", "code", "field"),
    [
        (
            {"votes": {"c-aliyev": -1, "c2": 40}},
            NegativeNumber,
            "law.invalid_input.negative",
            "votes.c-aliyev",
        ),
        ({"invalid": -3}, NegativeNumber, "law.invalid_input.negative", "invalid"),
        (
            {"votes": {"c-aliyev": 61, "c2": 40}},
            InconsistentInput,
            "law.invalid_input.votes_exceed_ballots",
            "ballots_cast",
        ),
        (
            {"votes": {"c-aliyev": 59, "c2": 40}},
            AdminInvalidInput,
            "admin.invalid_input.ballots_unaccounted",
            "ballots_cast",
        ),
        (
            {"ballots_spoiled": 3},
            AdminInvalidInput,
            "admin.invalid_input.issued_mismatch",
            "ballots_issued",
        ),
        (
            {"ballots_unused": 31},
            AdminInvalidInput,
            "admin.invalid_input.received_mismatch",
            "ballots_received",
        ),
        (
            {"voters_on_list": 119},
            AdminInvalidInput,
            "admin.invalid_input.issued_exceed_voters",
            "ballots_issued",
        ),
        (
            {"votes": {"c-aliyev": 100}},
            AdminInvalidInput,
            "admin.invalid_input.candidates_mismatch",
            "votes",
        ),
        (
            {"votes": {"c-aliyev": 60, "c2": 30, "c9": 10}},
            AdminInvalidInput,
            "admin.invalid_input.candidates_mismatch",
            "votes",
        ),
        (
            {"precinct": "P-999"},
            AdminInvalidInput,
            "admin.invalid_input.unknown_precinct",
            "precinct",
        ),
        ({"ballots_cast": "118"}, InvalidInput, "law.invalid_input.type", "ballots_cast"),
    ],
)
def test_bad_figures_are_a_clear_error_and_store_nothing(
    counting: World, changes: dict[str, Any], error: type[InvalidInput], code: str, field: str
) -> None:
    """Negative votes, votes that add up to more than the ballots cast, ballots that do not
    balance (issued = cast + spoiled, received = issued + unused): named errors in kk, ru
    and en, and nothing is stored."""
    with counting.unchanged(), pytest.raises(error) as err:
        counting.admin.protocols.enter(**figures(**changes))
    assert (err.value.code, err.value.field) == (code, field)
    assert set(err.value.localized) == {"kk", "ru", "en"}


def test_protocols_are_entered_while_counting(nominating: World) -> None:
    """`lifecycle.order` (CLE Ch. 10-2): no protocol before polling closes."""
    with nominating.unchanged(), pytest.raises(Refused) as err:
        nominating.admin.protocols.enter(**figures(votes={}))
    assert err.value.rules == ("lifecycle.order",)


def test_annulment_is_a_decision_of_the_tec(counting: World) -> None:
    """`protocols.annulment` (CLE Ch. 10-2): an entered protocol is annulled once, by a
    decision with its reason; the decision is published before the annulment."""
    p = counting.admin.protocols
    with counting.unchanged(), pytest.raises(Refused) as err:
        p.annul(election=ELECTION, precinct=PRECINCTS[0], reason="r", present=list(MEMBERS))
    assert [(v.rule, v.article) for v in err.value.violations] == [
        ("protocols.annulment", "CLE Ch. 10-2")
    ]
    p.enter(**figures())
    annulled = p.annul(
        election=ELECTION,
        precinct=PRECINCTS[0],
        reason="Ballot stuffing proven by video",
        present=["m1", "m2", "m3"],
    )
    assert annulled.annulled and annulled.annulled_by == 1
    assert counting.sink.types()[-2:] == ["admin.decision.recorded", "admin.protocol.annulled"]
    (decision,) = counting.admin.decisions.decisions(ELECTION)
    assert (decision.kind, decision.subject, decision.rule) == (
        "annulment",
        PRECINCTS[0],
        "protocols.annulment",
    )
    with counting.unchanged(), pytest.raises(Refused):
        p.annul(election=ELECTION, precinct=PRECINCTS[0], reason="again", present=list(MEMBERS))


def test_decisions_need_a_quorum_of_serving_members(counting: World) -> None:
    """`decisions.quorum` (CLE Ch. 10-2), `decisions.members` (CLE Ch. 10-2) and
    `commission.term` (CLE Ch. 10-2): more than half of the serving members, all of them
    members whose term runs."""
    p = counting.admin.protocols
    p.enter(**figures())
    cases = [
        (["m1", "m2"], "decisions.quorum"),
        (["m1", "m2", "outsider"], "decisions.members"),
    ]
    for present, rule in cases:
        with counting.unchanged(), pytest.raises(Refused) as err:
            p.annul(election=ELECTION, precinct=PRECINCTS[0], reason="r", present=present)
        assert [(v.rule, v.article) for v in err.value.violations] == [(rule, "CLE Ch. 10-2")]
    counting.admin.commissions.appoint(
        commission="tec-akzhar", person="old", name="Old", role="member", elected_on="2022-01-01"
    )
    with counting.unchanged(), pytest.raises(Refused) as err:
        p.annul(election=ELECTION, precinct=PRECINCTS[0], reason="r", present=["m1", "m2", "old"])
    assert err.value.rules == ("commission.term",)
    assert "2027-01-01" in err.value.violations[0].message["ru"]
    with counting.unchanged(), pytest.raises(InconsistentInput):
        p.annul(election=ELECTION, precinct=PRECINCTS[0], reason="r", present=["m1", "m1", "m2"])


def _tie(counting: World) -> None:
    p = counting.admin.protocols
    p.enter(**figures())
    p.enter(**figures(precinct=PRECINCTS[1], votes={"c-aliyev": 40, "c2": 60}))
    counting.clock.set("2027-09-20 10:00")
    counting.admin.lifecycle.set_results(ELECTION)


def test_a_tie_waits_for_the_commissions_decision(counting: World) -> None:
    """`decisions.candidate` (CLE Ch. 10-2): the decision elects one of the tied candidates;
    the decision cites the rule that required it (`outcome.tie`)."""
    _tie(counting)
    d = counting.admin.decisions
    with counting.unchanged(), pytest.raises(Refused) as err:
        d.decide_outcome(
            election=ELECTION,
            resolution="elect",
            candidate="c-other",
            reason="r",
            present=list(MEMBERS),
        )
    assert [(v.rule, v.article) for v in err.value.violations] == [
        ("decisions.candidate", "CLE Ch. 10-2")
    ]
    assert "c-aliyev, c2" in err.value.violations[0].message["en"]
    decision = d.decide_outcome(
        election=ELECTION,
        resolution="elect",
        candidate="c2",
        reason="Drawing of lots in public session",
        present=list(MEMBERS),
    )
    assert (decision.rule, decision.article, decision.subject) == (
        "outcome.tie",
        "CLE Ch. 10-2",
        "c2",
    )
    assert counting.admin.lifecycle.election(ELECTION).winner == "c2"
    assert counting.admin.lifecycle.register_winner(ELECTION).stage is Stage.WINNER_REGISTERED


def test_a_decision_only_where_the_ruleset_requires_one(counting: World) -> None:
    """`decisions.required` (CLE Ch. 10-2): a plurality winner needs no decision, and a
    decided result is not decided again."""
    p = counting.admin.protocols
    p.enter(**figures())
    p.enter(**figures(precinct=PRECINCTS[1]))
    counting.clock.set("2027-09-20 10:00")
    assert counting.admin.lifecycle.set_results(ELECTION).winner == "c-aliyev"
    with counting.unchanged(), pytest.raises(Refused) as err:
        counting.admin.decisions.decide_outcome(
            election=ELECTION, resolution="failed", reason="r", present=list(MEMBERS)
        )
    assert [(v.rule, v.article) for v in err.value.violations] == [
        ("decisions.required", "CLE Ch. 10-2")
    ]


def test_the_commission_may_find_no_akim_elected(counting: World) -> None:
    _tie(counting)
    counting.admin.decisions.decide_outcome(
        election=ELECTION, resolution="failed", reason="Repeat election", present=list(MEMBERS)
    )
    election = counting.admin.lifecycle.election(ELECTION)
    assert election.stage is Stage.FAILED and election.winner is None
    assert counting.sink.events[-1][1]["to"] == "failed"
    with pytest.raises(Refused):
        counting.admin.decisions.decide_outcome(
            election=ELECTION, resolution="failed", reason="again", present=list(MEMBERS)
        )


def test_electing_needs_a_candidate(counting: World) -> None:
    _tie(counting)
    with counting.unchanged(), pytest.raises(AdminInvalidInput) as err:
        counting.admin.decisions.decide_outcome(
            election=ELECTION, resolution="elect", reason="r", present=list(MEMBERS)
        )
    assert err.value.field == "candidate"
