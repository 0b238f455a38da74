"""The law error tree: stable codes, a field, and messages in kk, ru and en."""

from __future__ import annotations

from tandau import law
from tandau.crypto.errors import TandauError


def test_codes_are_stable_and_rooted_in_tandau_error() -> None:
    errors = {
        law.MalformedJSON(): "law.invalid_input.json",
        law.MissingField("f"): "law.invalid_input.missing",
        law.UnexpectedField("f"): "law.invalid_input.unexpected",
        law.WrongType("f", "integer"): "law.invalid_input.type",
        law.InvalidDate("f"): "law.invalid_input.date",
        law.NegativeNumber("f"): "law.invalid_input.negative",
        law.InvalidValue("f"): "law.invalid_input.value",
        law.InconsistentInput("f", "duplicate"): "law.invalid_input.duplicate",
        law.BadCommandLine("f"): "law.invalid_input.usage",
        law.UnknownRuleset("x"): "law.unknown_ruleset",
        law.RulesetInvalid("x", ("a: b",)): "law.ruleset_invalid",
    }
    for err, code in errors.items():
        assert err.code == code
        assert isinstance(err, law.InvalidInput)
        assert isinstance(err, law.LawError)
        assert isinstance(err, TandauError)
    assert law.LawError.code == "law.error"


def test_error_shape_names_the_field_in_three_languages() -> None:
    err = law.InvalidDate("polling_day")
    assert err.to_dict() == {
        "code": "law.invalid_input.date",
        "field": "polling_day",
        "message": {
            "kk": "polling_day өрісі ЖЖЖЖ-АА-КК (YYYY-MM-DD) пішіміндегі күн болуға тиіс.",
            "ru": "Поле polling_day должно содержать дату в формате ГГГГ-ММ-ДД (YYYY-MM-DD).",
            "en": "The field polling_day must be a date in the form YYYY-MM-DD.",
        },
    }
    assert err.message == "The field polling_day must be a date in the form YYYY-MM-DD."
    assert err.details == {"field": "polling_day"}


def test_ruleset_invalid_lists_problems_with_a_plural_count() -> None:
    one = law.RulesetInvalid("copy.json", ("a: b",))
    assert one.to_dict()["problems"] == ["a: b"]
    assert one.localized["ru"].endswith("обнаружена 1 ошибка.")
    three = law.RulesetInvalid("copy.json", ("a", "b", "c"))
    assert three.localized["ru"].endswith("обнаружено 3 ошибки.")
    assert three.localized["en"].endswith("3 problems found.")


def test_wrong_type_says_what_is_expected() -> None:
    err = law.WrongType("citizen", "boolean")
    assert err.expected == "boolean"
    assert err.localized["ru"] == "Поле citizen должно иметь значение true или false."


def test_a_class_header_names_its_code_and_a_reason_ends_it() -> None:
    from tandau.crypto.errors import NonCanonicalPoint
    from tandau.law.errors import ReasonedInput

    assert NonCanonicalPoint.code == "crypto.point.non_canonical"
    assert "code" in NonCanonicalPoint.__dict__
    assert law.MissingField.code == "law.invalid_input.missing"
    error = law.InconsistentInput("votes", "votes_exceed_ballots")
    assert isinstance(error, ReasonedInput)
    assert (error.code, error.reason) == (
        "law.invalid_input.votes_exceed_ballots",
        "votes_exceed_ballots",
    )
