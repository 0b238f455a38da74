"""Age on a given day, with the ruleset's rule for birthdays on 29 February.

A person born on 29 February reaches a new age in a common year on 28 February
(``february_28``, the civil-law rule for a period ending in a month without that
day) or on 1 March (``march_1``); the ruleset parameter ``age.leap_day_birthday``
chooses.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Literal

from .errors import InconsistentInput

__all__ = ["age_on"]


def age_on(
    birth_date: date,
    day: date,
    leap_day_birthday: Literal["february_28", "march_1"] = "february_28",
    *,
    birth_field: str = "birth_date",
) -> int:
    """Full years of age on ``day``; a birth date after ``day`` is invalid input."""
    if birth_date > day:
        raise InconsistentInput(birth_field, "birth_after_date")
    birthday = (birth_date.month, birth_date.day)
    if birthday == (2, 29) and not calendar.isleap(day.year):
        birthday = (2, 28) if leap_day_birthday == "february_28" else (3, 1)
    years = day.year - birth_date.year
    if (day.month, day.day) < birthday:
        years -= 1
    return years
