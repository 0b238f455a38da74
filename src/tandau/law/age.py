"""Age on a given day, with the ruleset's rule for birthdays on 29 February, and the
citizenship and minimum-age rules that voters and candidates share.

A person born on 29 February reaches a new age in a common year on 28 February
(``february_28``, the civil-law rule for a period ending in a month without that
day) or on 1 March (``march_1``); the ruleset parameter ``age.leap_day_birthday``
chooses.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Literal

from .decisions import Violation, cite
from .errors import InconsistentInput
from .ruleset import Ruleset

__all__ = ["age_on", "citizen_of_age"]


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


def citizen_of_age(
    ruleset: Ruleset,
    who: Literal["voter", "candidate"],
    citizen: bool,
    birth_date: date,
    day: date,
) -> list[Violation]:
    """The ``{who}.citizen`` and ``{who}.min_age`` rules this person breaks on ``day``."""
    rules = ruleset.parameters.voter if who == "voter" else ruleset.parameters.candidate
    out: list[Violation] = []
    if rules.citizen.value and not citizen:
        out.append(cite(ruleset, f"{who}.citizen"))
    age = age_on(birth_date, day, ruleset.parameters.age.leap_day_birthday.value)
    if age < rules.min_age.value:
        out.append(
            cite(
                ruleset,
                f"{who}.min_age",
                min_age=rules.min_age.value,
                details={"age": age, "min_age": rules.min_age.value},
            )
        )
    return out
