"""The election calendar: deadlines counted from polling day E.

Rules (ruleset group ``calendar``; times are local time of the district):

- a deadline "N days before the election" falls at ``deadline_rule.time`` (18:00) on
  the date E − (N + ``deadline_rule.extra_days``), i.e. E − (N + 1): every observed
  notice does so (25 July 2021 − 15 days → 9 July 2021, 18:00);
- nomination opens ``nomination_opens.days_after_calling`` (1) day after the
  commission calls the election (unknown without the calling date);
- the campaign ends at ``campaign_ends.time`` (00:00) of E − 1; E − 1 is the silence day;
- polling runs from ``polling_hours.opens`` to ``polling_hours.closes`` on E;
- the result is due within ``results_due`` days and the winner's registration
  within ``winner_registration_due`` days of E (plain addition);
- on expiry of a term, the election is called no later than
  ``call_before_term_end`` and held no later than ``hold_before_term_end`` days
  before the term ends (plain subtraction, no 18:00 rule).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .errors import InconsistentInput, NegativeNumber
from .ruleset import Ruleset

__all__ = [
    "ElectionCalendar",
    "TermDeadlines",
    "deadline_before",
    "election_calendar",
    "extended_nomination_close",
    "term_deadlines",
]

_MINUTE = "%Y-%m-%dT%H:%M"


def _clock(text: str) -> time:
    return time.fromisoformat(text)


@dataclass(frozen=True, slots=True)
class ElectionCalendar:
    polling_day: date
    nomination_opens: date | None
    nomination_closes: datetime
    registration_closes: datetime
    campaign_ends: datetime
    silence_day: date
    polling_opens: datetime
    polling_closes: datetime
    results_due: date
    winner_registration_due: date

    def to_dict(self) -> dict[str, str | None]:
        """The command-line shape: dates ``YYYY-MM-DD``, moments ``YYYY-MM-DDTHH:MM``."""
        opens = self.nomination_opens
        return {
            "nomination_opens": opens.isoformat() if opens is not None else None,
            "nomination_closes": self.nomination_closes.strftime(_MINUTE),
            "registration_closes": self.registration_closes.strftime(_MINUTE),
            "campaign_ends": self.campaign_ends.strftime(_MINUTE),
            "silence_day": self.silence_day.isoformat(),
            "polling_opens": self.polling_opens.strftime(_MINUTE),
            "polling_closes": self.polling_closes.strftime(_MINUTE),
            "results_due": self.results_due.isoformat(),
            "winner_registration_due": self.winner_registration_due.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class TermDeadlines:
    call_no_later_than: date
    hold_no_later_than: date

    def to_dict(self) -> dict[str, str]:
        return {
            "call_no_later_than": self.call_no_later_than.isoformat(),
            "hold_no_later_than": self.hold_no_later_than.isoformat(),
        }


def deadline_before(ruleset: Ruleset, polling_day: date, days_before: int) -> datetime:
    """The moment of a deadline "``days_before`` days before the election" (rule E − (N + 1))."""
    rule = ruleset.parameters.calendar.deadline_rule.value
    day = polling_day - timedelta(days=days_before + rule.extra_days)
    return datetime.combine(day, _clock(rule.time))


def election_calendar(
    ruleset: Ruleset, polling_day: date, called_on: date | None = None
) -> ElectionCalendar:
    """The calendar of an election held on ``polling_day`` (called on ``called_on`` if known)."""
    cal = ruleset.parameters.calendar
    nomination_closes = deadline_before(
        ruleset, polling_day, cal.nomination_closes.value.days_before
    )
    nomination_opens = None
    if called_on is not None:
        nomination_opens = called_on + timedelta(days=cal.nomination_opens.value.days_after_calling)
        if nomination_opens > nomination_closes.date():
            raise InconsistentInput("called_on", "date_order")
    campaign = cal.campaign_ends.value
    hours = cal.polling_hours.value
    return ElectionCalendar(
        polling_day=polling_day,
        nomination_opens=nomination_opens,
        nomination_closes=nomination_closes,
        registration_closes=deadline_before(
            ruleset, polling_day, cal.registration_closes.value.days_before
        ),
        campaign_ends=datetime.combine(
            polling_day - timedelta(days=campaign.days_before), _clock(campaign.time)
        ),
        silence_day=polling_day - timedelta(days=cal.silence.value.days_before),
        polling_opens=datetime.combine(polling_day, _clock(hours.opens)),
        polling_closes=datetime.combine(polling_day, _clock(hours.closes)),
        results_due=polling_day + timedelta(days=cal.results_due.value.days_after),
        winner_registration_due=polling_day
        + timedelta(days=cal.winner_registration_due.value.days_after),
    )


def term_deadlines(ruleset: Ruleset, term_ends: date) -> TermDeadlines:
    """When an election on expiry of a term ending on ``term_ends`` must be called and held."""
    cal = ruleset.parameters.calendar
    return TermDeadlines(
        call_no_later_than=term_ends - timedelta(days=cal.call_before_term_end.value.days_before),
        hold_no_later_than=term_ends - timedelta(days=cal.hold_before_term_end.value.days_before),
    )


def extended_nomination_close(
    ruleset: Ruleset, calendar: ElectionCalendar, nominated: int
) -> datetime | None:
    """The extended close of nomination when too few were nominated, else ``None``.

    With fewer than ``nomination.extension.if_fewer_than`` (2) candidates nominated at
    the close, nomination is extended by up to ``nomination.extension.days`` days
    (5 for 2021 rural akims, 3 for the 2023 district pilot).
    """
    if nominated < 0:
        raise NegativeNumber("nominated")
    ext = ruleset.parameters.nomination.extension.value
    if nominated >= ext.if_fewer_than or ext.days == 0:
        return None
    return calendar.nomination_closes + timedelta(days=ext.days)
