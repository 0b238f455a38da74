"""Calendar rules (ruleset group ``calendar``): each test names the rule and its article.

Dates are the ones in law.md's calendar table and in the observed commission notices.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest

from tandau.law import (
    InconsistentInput,
    NegativeNumber,
    Ruleset,
    deadline_before,
    election_calendar,
    extended_nomination_close,
    load_ruleset,
    term_deadlines,
)

Variant = Callable[..., Ruleset]

TABLE = [
    # ruleset, polling day, nomination closes, registration closes (law.md §1 Calendar)
    ("kz-rural-akim-2021", date(2021, 7, 25), datetime(2021, 7, 9, 18), datetime(2021, 7, 14, 18)),
    ("kz-rural-akim-2023", date(2023, 9, 17), datetime(2023, 8, 22, 18), datetime(2023, 8, 27, 18)),
    (
        "kz-district-akim-2023",
        date(2023, 11, 5),
        datetime(2023, 10, 5, 18),
        datetime(2023, 10, 10, 18),
    ),
]


@pytest.mark.parametrize("deadline", ["nomination_closes", "registration_closes"])
@pytest.mark.parametrize(("ruleset_id", "polling_day", "nomination", "registration"), TABLE)
def test_closing_deadlines_match_law_table(
    deadline: str, ruleset_id: str, polling_day: date, nomination: datetime, registration: datetime
) -> None:
    """`calendar.nomination_closes` (CLE Ch. 10-2): E−15 / E−25 / E−30, and
    `calendar.registration_closes` (CLE Ch. 10-2): E−10 / E−20 / E−25, at 18:00 as in law.md."""
    cal = election_calendar(load_ruleset(ruleset_id), polling_day)
    expected = {"nomination_closes": nomination, "registration_closes": registration}[deadline]
    assert getattr(cal, deadline) == expected


def test_deadline_rule_counts_n_plus_one_days_at_18(rural2021: Ruleset) -> None:
    """`calendar.deadline_rule` (CLE Ch. 10-2): "15 days before" 25 July 2021 is 9 July, 18:00."""
    assert deadline_before(rural2021, date(2021, 7, 25), 15) == datetime(2021, 7, 9, 18, 0)


def test_deadline_rule_is_data(variant: Variant) -> None:
    """`calendar.deadline_rule` (CLE Ch. 10-2): E − N at 17:00 moves every deadline."""
    r = variant(calendar__deadline_rule={"extra_days": 0, "time": "17:00"})
    cal = election_calendar(r, date(2023, 9, 17))
    assert cal.nomination_closes == datetime(2023, 8, 23, 17, 0)
    assert cal.registration_closes == datetime(2023, 8, 28, 17, 0)


def test_nomination_opens_the_day_after_calling(rural2023: Ruleset) -> None:
    """`calendar.nomination_opens` (CLE Art. 113-1): the day after the TEC calls the election."""
    assert election_calendar(rural2023, date(2023, 9, 17)).nomination_opens is None
    cal = election_calendar(rural2023, date(2023, 9, 17), called_on=date(2023, 7, 20))
    assert cal.nomination_opens == date(2023, 7, 21)
    assert cal.to_dict()["nomination_opens"] == "2023-07-21"


def test_nomination_cannot_open_after_it_closes(rural2023: Ruleset) -> None:
    """`calendar.nomination_opens` (CLE Art. 113-1): a calling date after the close is refused."""
    with pytest.raises(InconsistentInput) as info:
        election_calendar(rural2023, date(2023, 9, 17), called_on=date(2023, 9, 1))
    assert info.value.field == "called_on"
    assert info.value.code == "law.invalid_input.date_order"


def test_campaign_ends_at_midnight_before_silence(rural2021: Ruleset) -> None:
    """`calendar.campaign_ends` (CLE Ch. 10-2): the campaign ends at 00:00 of E−1."""
    cal = election_calendar(rural2021, date(2021, 7, 25))
    assert cal.campaign_ends == datetime(2021, 7, 24, 0, 0)


def test_silence_day_is_the_eve(district2023: Ruleset) -> None:
    """`calendar.silence` (CLE Ch. 10-2): E−1 is the day of silence."""
    assert election_calendar(district2023, date(2023, 11, 5)).silence_day == date(2023, 11, 4)


def test_polling_hours(rural2023: Ruleset) -> None:
    """`calendar.polling_hours` (CLE Ch. 10-2): polling 07:00–20:00 local time."""
    cal = election_calendar(rural2023, date(2023, 9, 17))
    assert cal.polling_opens == datetime(2023, 9, 17, 7, 0)
    assert cal.polling_closes == datetime(2023, 9, 17, 20, 0)


def test_results_due_within_three_days(rural2021: Ruleset) -> None:
    """`calendar.results_due` (CLE Ch. 10-2): result within 3 days (28 July 2021)."""
    assert election_calendar(rural2021, date(2021, 7, 25)).results_due == date(2021, 7, 28)


def test_winner_registered_within_seven_days(rural2021: Ruleset) -> None:
    """`calendar.winner_registration_due` (CLE Ch. 10-2): within 7 days (1 August 2021)."""
    cal = election_calendar(rural2021, date(2021, 7, 25))
    assert cal.winner_registration_due == date(2021, 8, 1)


def test_term_is_four_years(rural2021: Ruleset, rural2023: Ruleset, district2023: Ruleset) -> None:
    """`calendar.term` (CLE Ch. 10-2): an elected akim serves 4 years [S]."""
    for r in (rural2021, rural2023, district2023):
        assert r.parameters.calendar.term.value.years == 4
        assert r.parameters.calendar.term.confidence == "S"


def test_call_before_term_end_is_plain_subtraction(rural2023: Ruleset) -> None:
    """`calendar.call_before_term_end` (CLE Art. 113-1): called no later than 40 days before."""
    assert term_deadlines(rural2023, date(2026, 9, 1)).call_no_later_than == date(2026, 7, 23)


def test_hold_before_term_end_is_plain_subtraction(rural2023: Ruleset) -> None:
    """`calendar.hold_before_term_end` (CLE Art. 113-1): held no later than 10 days before."""
    deadlines = term_deadlines(rural2023, date(2026, 9, 1))
    assert deadlines.hold_no_later_than == date(2026, 8, 22)
    assert deadlines.to_dict() == {
        "call_no_later_than": "2026-07-23",
        "hold_no_later_than": "2026-08-22",
    }


def test_calendar_shape_is_the_cli_contract(rural2021: Ruleset) -> None:
    """The calendar serialises dates as YYYY-MM-DD and moments as YYYY-MM-DDTHH:MM."""
    assert election_calendar(rural2021, date(2021, 7, 25)).to_dict() == {
        "nomination_opens": None,
        "nomination_closes": "2021-07-09T18:00",
        "registration_closes": "2021-07-14T18:00",
        "campaign_ends": "2021-07-24T00:00",
        "silence_day": "2021-07-24",
        "polling_opens": "2021-07-25T07:00",
        "polling_closes": "2021-07-25T20:00",
        "results_due": "2021-07-28",
        "winner_registration_due": "2021-08-01",
    }


def test_nomination_extension_2021_is_five_days(rural2021: Ruleset) -> None:
    """`nomination.extension` (CLE Ch. 10-2): fewer than two nominated → up to 5 days (2021 [C])."""
    cal = election_calendar(rural2021, date(2021, 7, 25))
    assert extended_nomination_close(rural2021, cal, 1) == datetime(2021, 7, 14, 18, 0)
    assert extended_nomination_close(rural2021, cal, 0) == datetime(2021, 7, 14, 18, 0)
    assert extended_nomination_close(rural2021, cal, 2) is None
    assert rural2021.parameters.nomination.extension.confidence == "C"


def test_nomination_extension_district_is_three_days(district2023: Ruleset) -> None:
    """`nomination.extension` (CLE Ch. 10-2): up to 3 days for the 2023 district pilot [S]."""
    cal = election_calendar(district2023, date(2023, 11, 5))
    assert extended_nomination_close(district2023, cal, 1) == datetime(2023, 10, 8, 18, 0)
    assert extended_nomination_close(district2023, cal, 3) is None


def test_nomination_extension_rejects_a_negative_count(rural2021: Ruleset) -> None:
    """`nomination.extension` (CLE Ch. 10-2): a negative number nominated is invalid input."""
    cal = election_calendar(rural2021, date(2021, 7, 25))
    with pytest.raises(NegativeNumber):
        extended_nomination_close(rural2021, cal, -1)
