"""Age on a day, and the ruleset's rule for 29 February birthdays."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from tandau.law import InconsistentInput, Ruleset, age_on

Variant = Callable[..., Ruleset]


def test_age_turns_on_the_birthday() -> None:
    """Full years: one day before the birthday the person is still a year younger."""
    assert age_on(date(2008, 9, 17), date(2026, 9, 17)) == 18
    assert age_on(date(2008, 9, 17), date(2026, 9, 16)) == 17


def test_leap_day_birthday_rule(rural2023: Ruleset) -> None:
    """`age.leap_day_birthday` (CLE Art. 4): 28 February in a common year, by assumption [U]."""
    param = rural2023.parameters.age.leap_day_birthday
    assert (param.value, param.confidence) == ("february_28", "U")
    born = date(2008, 2, 29)
    assert age_on(born, date(2026, 2, 28), param.value) == 18
    assert age_on(born, date(2026, 2, 28), "march_1") == 17
    assert age_on(born, date(2026, 3, 1), "march_1") == 18
    assert age_on(born, date(2028, 2, 28), param.value) == 19
    assert age_on(born, date(2028, 2, 29), param.value) == 20


def test_birth_after_the_day_is_invalid_input() -> None:
    """A birth date after the day the age is counted on is invalid input naming the field."""
    with pytest.raises(InconsistentInput) as info:
        age_on(date(2030, 1, 1), date(2026, 1, 1))
    assert info.value.field == "birth_date"
    assert info.value.code == "law.invalid_input.birth_after_date"
