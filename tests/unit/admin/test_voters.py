"""Voter lists: import with the law's eligibility check, one list per voter, corrections."""

from __future__ import annotations

from datetime import date

import pytest
from admin_builders import ELECTION, PRECINCTS, call_kainar_election

from tandau.admin.demo_data import demo_iin
from tandau.admin.errors import AdminInvalidInput, NotFound, Refused
from tandau.law import InvalidDate, InvalidInput, WrongType

from .conftest import World

HEADER = "iin,name,birth_date,citizen,residence_unit,precinct,incapacitated,imprisoned\n"
ADULT = demo_iin(date(1990, 5, 5), 7000)


def addition(**changes: object) -> dict[str, object]:
    """A voter added by hand to the first precinct of the demo election (override with
    ``changes``): the arguments of ``voters.add``."""
    facts = {
        "election": ELECTION,
        "iin": ADULT,
        "name": "X",
        "birth_date": "1990-05-05",
        "citizen": True,
        "residence_unit": "991011001",
        "precinct": PRECINCTS[0],
        "reason": "r",
    }
    return {**facts, **changes}


def row(iin: str = ADULT, **changes: str) -> str:
    facts = {
        "name": "Жаңа Сайлаушы",
        "birth_date": "1990-05-05",
        "citizen": "true",
        "residence_unit": "991011003",
        "precinct": PRECINCTS[0],
        "incapacitated": "false",
        "imprisoned": "false",
    }
    facts.update(changes)
    return ",".join([iin, *facts.values()]) + "\n"


def test_the_import_lists_the_eligible_and_reports_the_rest(called: World) -> None:
    """`voter.min_age` (CLE Art. 4), `voter.residence` (CLE Art. 4), `voter.citizen`
    (CLE Art. 4), `voter.bars.incapacitated` (CLE Art. 4): the law decides who is listed;
    a village of the okrug counts as residence in the okrug."""
    minor = demo_iin(date(2009, 9, 20), 7001)  # turns 18 the day after polling day
    eighteen = demo_iin(date(2009, 9, 19), 7002)  # turns 18 on polling day: votes
    text = (
        HEADER
        + row()
        + row(minor, birth_date="2009-09-20")
        + row(eighteen, birth_date="2009-09-19")
        + row(demo_iin(date(1970, 1, 1), 7003), birth_date="1970-01-01", residence_unit="991013001")
        + row(demo_iin(date(1971, 1, 1), 7004), birth_date="1971-01-01", citizen="false")
        + row(demo_iin(date(1972, 1, 1), 7005), birth_date="1972-01-01", incapacitated="true")
    )
    result = called.admin.voters.import_csv(election=ELECTION, text=text)
    assert result.added == 2
    assert [(r.line, [v.rule for v in r.violations]) for r in result.refused] == [
        (3, ["voter.min_age"]),
        (5, ["voter.residence"]),
        (6, ["voter.citizen"]),
        (7, ["voter.bars.incapacitated"]),
    ]
    assert result.refused[0].violations[0].article == "CLE Art. 4"
    kind, payload = called.sink.events[-1]
    assert kind == "admin.voters.imported"
    assert payload["refused_by_rule"]["voter.min_age"] == 1
    assert payload["list_sizes"] == {PRECINCTS[0]: 152, PRECINCTS[1]: 150}
    assert ADULT not in str(payload)


def test_one_voter_on_one_list(called: World) -> None:
    """`voter_list.one_list` (CLE Ch. 10-2): a voter already listed — in this election, or
    in another election the same day — is not listed again."""
    listed = called.iins[0]
    result = called.admin.voters.import_csv(election=ELECTION, text=HEADER + row(listed))
    assert result.added == 0
    assert [v.rule for v in result.refused[0].violations] == ["voter_list.one_list"]
    call_kainar_election(called.admin)
    called.admin.districts.form_district(election="kainar-2027", number=2, precincts=["P-201"])
    with called.unchanged(), pytest.raises(Refused) as err:
        moved = addition(iin=listed, name="Moved", birth_date="1950-01-01", reason="moved house")
        moved.update(election="kainar-2027", residence_unit="991013001", precinct="P-201")
        called.admin.voters.add(**moved)
    assert [(v.rule, v.article) for v in err.value.violations] == [
        ("voter_list.one_list", "CLE Ch. 10-2")
    ]
    assert PRECINCTS[0] in err.value.violations[0].message["kk"]


@pytest.mark.parametrize(
    ("line", "error", "code", "field"),
    [
        (row(birth_date="05.05.1990"), InvalidDate, "law.invalid_input.date", "csv[3].birth_date"),
        (row(citizen="yes"), WrongType, "law.invalid_input.type", "csv[3].citizen"),
        (row("123456789012"), AdminInvalidInput, "admin.invalid_input.iin", "csv[3].iin"),
        (
            row(precinct="P-999"),
            AdminInvalidInput,
            "admin.invalid_input.unknown_precinct",
            "csv[3].precinct",
        ),
        (
            row(residence_unit="123000000"),
            AdminInvalidInput,
            "admin.invalid_input.unknown_unit",
            "csv[3].residence_unit",
        ),
        (row(name=" "), InvalidInput, "admin.invalid_input.blank", "csv[3].name"),
        ("1,2\n", AdminInvalidInput, "admin.invalid_input.csv", "csv[3]"),
    ],
)
def test_a_malformed_row_stops_the_import_and_stores_nothing(
    called: World, line: str, error: type[InvalidInput], code: str, field: str
) -> None:
    with called.unchanged(), pytest.raises(error) as err:
        called.admin.voters.import_csv(election=ELECTION, text=HEADER + row() + line)
    assert (err.value.code, err.value.field) == (code, field)


def test_corrections_keep_an_audit_trail(called: World) -> None:
    """Add, move and remove are corrections with a reason, numbered in the trail; the
    board sees the action and the list sizes, never the person."""
    v = called.admin.voters
    v.add(**addition(name="Жаңа", reason="Came of age abroad"))
    v.move(election=ELECTION, iin=ADULT, precinct=PRECINCTS[1], reason="Moved to Zhanaturmys")
    v.remove(election=ELECTION, iin=called.iins[0], reason="Death certificate No. 12")
    trail = v.corrections(ELECTION)
    assert [(c.seq, c.action, c.precinct_from, c.precinct_to) for c in trail] == [
        (1, "add", None, PRECINCTS[0]),
        (2, "move", PRECINCTS[0], PRECINCTS[1]),
        (3, "remove", PRECINCTS[0], None),
    ]
    assert trail[2].reason == "Death certificate No. 12"
    assert v.count(ELECTION) == 300
    assert v.count(ELECTION, PRECINCTS[1]) == 151
    events = [p for t, p in called.sink.events if t == "admin.voters.corrected"]
    assert [e["action"] for e in events] == ["add", "move", "remove"]
    assert events[-1]["list_sizes"] == {PRECINCTS[0]: 149, PRECINCTS[1]: 151}
    assert not any(ADULT in str(e) or "Death" in str(e) for e in events)
    with called.unchanged(), pytest.raises(NotFound):
        v.remove(election=ELECTION, iin=called.iins[0], reason="twice")
    v.add(**addition(iin=called.iins[0], name="Back", birth_date="1950-01-01", reason="Error"))
    assert v.count(ELECTION) == 301


def test_an_ineligible_addition_is_refused_with_the_law(called: World) -> None:
    """`voter.bars.imprisoned` (CLE Art. 4)."""
    with called.unchanged(), pytest.raises(Refused) as err:
        called.admin.voters.add(**addition(imprisoned=True))
    assert [(v.rule, v.article) for v in err.value.violations] == [
        ("voter.bars.imprisoned", "CLE Art. 4")
    ]


def test_the_list_is_frozen_after_polling(called: World) -> None:
    """`voter_list.frozen` (CLE Ch. 10-2): no correction once polling has closed."""
    called.advance_to("counting")
    with called.unchanged(), pytest.raises(Refused) as err:
        called.admin.voters.remove(election=ELECTION, iin=called.iins[0], reason="late")
    assert [(v.rule, v.article) for v in err.value.violations] == [
        ("voter_list.frozen", "CLE Ch. 10-2")
    ]


def test_voters_of_a_precinct(called: World) -> None:
    voters = called.admin.voters.voters(ELECTION, PRECINCTS[1])
    assert len(voters) == 150
    assert all(v.precinct == PRECINCTS[1] and v.active for v in voters)


@pytest.mark.parametrize("header", ['"iin,name\n', "iin\rname\n", '"iin"x,name\n'])
def test_a_header_csv_cannot_read_is_refused_not_a_crash(called: World, header: str) -> None:
    """A header the csv module itself rejects (the fuzzer's find) is a localised refusal."""
    with called.unchanged(), pytest.raises(AdminInvalidInput) as err:
        called.admin.voters.import_csv(election=ELECTION, text=header + row())
    assert err.value.code == "admin.invalid_input.csv"
    assert set(err.value.localized) == {"kk", "ru", "en"}
