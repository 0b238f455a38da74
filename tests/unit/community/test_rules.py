"""The community rules as pure functions: each test names the rule and its source.

Rule 9 (meeting size, Order 295 item 3-1), rule 10 (seats, items 3-2/3-3 with
Tandau's documented rounding), §5 (quorum and majority arithmetic) of
``shared/brief/self-government.md``.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from tandau.community import (
    CommunityInputError,
    Decision,
    QuorumQuestion,
    SeatsQuestion,
    apportion_seats,
    decide,
    meeting_size,
    national_ruleset_on,
    quorum,
)
from tandau.community.ruleset import DistrictRuleset, parse_district_ruleset
from tandau.law import parse_input

NATIONAL = national_ruleset_on(date(2026, 3, 1))
HALF_OF_MEMBERS = {"numerator": 1, "denominator": 2, "of": "members", "strictly_more": True}
HALF_PRESENT = {"numerator": 1, "denominator": 2, "of": "present", "strictly_more": True}


def _seats(size: int, *gatherings: tuple[str, str, int]) -> dict[str, int]:
    question = SeatsQuestion.model_validate(
        {"gatherings": [{"id": i, "settlement": s, "population": p} for i, s, p in gatherings]}
    )
    out = apportion_seats(NATIONAL, size, question)
    assert out["method"] == "settlement-floor+largest-remainder"
    assert sum(out["seats"].values()) == size
    seats: dict[str, int] = out["seats"]
    return seats


def _quorum(**fields: Any) -> dict[str, Any]:
    base = {"body": "meeting", "members": 9, "present": 5, "date": "2026-03-01"}
    return quorum(parse_input(QuorumQuestion, json.dumps({**base, **fields})), NATIONAL)


def _decide(district: DistrictRuleset | None = None, **fields: Any) -> dict[str, Any]:
    base = {"body": "meeting", "members": 9, "present": 7, "for": 4, "against": 2}
    base |= {"abstained": 1, "date": "2026-03-01"}
    question = parse_input(Decision, json.dumps({**base, **fields}))
    return decide(question, NATIONAL, district)


# -- rule 9: the meeting's size -------------------------------------------------------


@pytest.mark.parametrize(
    ("population", "band"),
    [
        (1, (5, 10)),
        (10_000, (5, 10)),
        (10_001, (11, 15)),
        (15_000, (11, 15)),
        (15_001, (16, 20)),
        (20_000, (16, 20)),
        (20_001, (21, 25)),
        (1_000_000, (21, 25)),
    ],
)
def test_size_bands_with_inclusive_upper_bounds(population: int, band: tuple[int, int]) -> None:
    out = meeting_size(NATIONAL, population, 1)
    assert (out["min"], out["max"]) == band
    assert "Order" in out["source"] and "295" in out["source"] and "inclusive" in out["source"]


@pytest.mark.parametrize(("population", "settlements"), [(0, 1), (900, 0)])
def test_size_needs_people_and_a_settlement(population: int, settlements: int) -> None:
    with pytest.raises(CommunityInputError) as err:
        meeting_size(NATIONAL, population, settlements)
    assert err.value.code == "community.invalid_input.not_positive"


def test_size_says_when_settlements_outnumber_the_band() -> None:
    assert meeting_size(NATIONAL, 900, 10)["feasible"] is True
    assert meeting_size(NATIONAL, 900, 11)["feasible"] is False


def test_no_ruleset_before_order_88() -> None:
    with pytest.raises(CommunityInputError) as err:
        national_ruleset_on(date(2021, 9, 29))
    assert err.value.code == "community.invalid_input.no_ruleset_in_force"


# -- rule 10: seats -------------------------------------------------------------------


def test_seats_one_village_three_streets() -> None:
    seats = _seats(6, ("north", "A", 600), ("centre", "A", 900), ("south", "A", 300))
    assert seats == {"north": 2, "centre": 3, "south": 1}


def test_the_guaranteed_seat_goes_to_the_most_populous_gathering_of_a_settlement() -> None:
    # B has two streets: the larger gets B's guaranteed seat; the rest by remainder.
    seats = _seats(5, ("a", "A", 1000), ("b1", "B", 30), ("b2", "B", 50))
    assert seats == {"a": 4, "b1": 0, "b2": 1}


def test_tie_for_the_guaranteed_seat_goes_to_the_smallest_id() -> None:
    seats = _seats(5, ("big", "A", 2000), ("y", "B", 40), ("x", "B", 40))
    assert seats["x"] == 1 and seats["y"] == 0


def test_tie_of_remainders_goes_to_the_larger_population_then_the_smaller_id() -> None:
    # 5 seats, one settlement: 4 by quota over 400: a 1.5, b 1.5, c 1.0.
    seats = _seats(5, ("b", "S", 150), ("a", "S", 150), ("c", "S", 100))
    # Guaranteed seat: a (tie 150, smaller id). Remainders a=b=0.5: tie by population, then id.
    assert seats == {"a": 3, "b": 1, "c": 1}
    seats = _seats(5, ("p", "S", 300), ("q", "S", 100), ("r", "S", 100), ("s", "S", 100))
    # 4 by quota over 600: p 2.0, q/r/s 0.667 each (equal populations) → q, r by id.
    assert seats == {"p": 3, "q": 1, "r": 1, "s": 0}


def test_remainder_tie_prefers_larger_population() -> None:
    # 7 seats, one settlement, 6 by quota over 2000: a 3.6, b 1.2, c 1.2 → a.
    assert _seats(7, ("c", "S", 400), ("b", "S", 400), ("a", "S", 1200)) == {
        "a": 5,
        "b": 1,
        "c": 1,
    }
    # 4 by quota over 1000: m 2.4, k 1.2, j 0.4; m and j tie at 0.4: the larger population
    # wins although "j" < "m".
    assert _seats(5, ("m", "S", 600), ("k", "S", 300), ("j", "S", 100)) == {
        "m": 4,
        "k": 1,
        "j": 0,
    }


def test_three_villages() -> None:
    seats = _seats(
        7, ("akdala", "Akdala", 1500), ("baiterek", "Baiterek", 700), ("kenes", "Kenes", 120)
    )
    assert seats == {"akdala": 4, "baiterek": 2, "kenes": 1}


@pytest.mark.parametrize(
    ("size", "gatherings", "reason"),
    [
        (11, [("a", "A", 1200), ("b", "B", 800)], "size_outside_band"),
        (4, [("a", "A", 1200)], "size_outside_band"),
        (5, [(f"s{i}", f"S{i}", 100) for i in range(6)], "fewer_seats_than_settlements"),
        (5, [("a", "A", 100), ("a", "B", 100)], "duplicate_id"),
        (5, [("a", "A", 100), ("b", "B", 0)], "not_positive"),
    ],
)
def test_seats_refusals(size: int, gatherings: list[tuple[str, str, int]], reason: str) -> None:
    with pytest.raises(CommunityInputError) as err:
        _seats(size, *gatherings)
    assert err.value.reason == reason
    assert set(err.value.localized) == {"kk", "ru", "en"}


def test_the_band_follows_the_total_population() -> None:
    many = [(f"g{i}", "S", 1001) for i in range(10)]
    assert sum(_seats(11, *many).values()) == 11  # 10,010 people → 11-15
    with pytest.raises(CommunityInputError):
        _seats(10, *many)


# -- §5: quorum -----------------------------------------------------------------------


def test_quorum_without_a_rule_is_for_the_maslikhat() -> None:
    out = _quorum()
    assert out["status"] == "maslikhat_decision_required"
    assert out["rule"] == "quorum" and set(out["message"]) == {"kk", "ru", "en"}
    assert "[U]" in out["source"]


@pytest.mark.parametrize(
    ("members", "n", "d", "strictly", "required"),
    [(9, 1, 2, True, 5), (10, 1, 2, True, 6), (10, 1, 2, False, 5), (1234, 1, 10, False, 124)],
)
def test_quorum_arithmetic(members: int, n: int, d: int, strictly: bool, required: int) -> None:
    rule = {"numerator": n, "denominator": d, "of": "members", "strictly_more": strictly}
    out = _quorum(members=members, present=required, rules={"quorum": rule})
    assert out == {**out, "quorate": True, "required": required}
    out = _quorum(members=members, present=required - 1, rules={"quorum": rule})
    assert out["quorate"] is False


def test_quorum_refuses_more_present_than_members_and_a_zero_denominator() -> None:
    with pytest.raises(CommunityInputError) as err:
        _quorum(present=10)
    assert err.value.reason == "present_exceeds_members"
    bad = {**HALF_OF_MEMBERS, "denominator": 0}
    with pytest.raises(CommunityInputError) as err:
        _quorum(rules={"quorum": bad})
    assert err.value.reason == "denominator" and err.value.field == "rules.quorum.denominator"


# -- §5: decisions --------------------------------------------------------------------


def test_decide_without_a_rule_is_for_the_maslikhat() -> None:
    out = _decide()
    assert out["status"] == "maslikhat_decision_required" and out["rule"] == "majority"


def test_majority_of_present() -> None:
    assert _decide(rules={"quorum": HALF_OF_MEMBERS, "majority": HALF_PRESENT})["adopted"] is True
    out = _decide(**{"for": 3, "against": 3}, rules={"majority": HALF_PRESENT})
    assert out["adopted"] is False and out["votes_required"] == 4


def test_no_quorum_adopts_nothing_even_without_a_majority_rule() -> None:
    out = _decide(
        members=11,
        present=5,
        **{"for": 5, "against": 0, "abstained": 0},
        rules={"quorum": HALF_OF_MEMBERS},
    )
    assert out["adopted"] is False and out["reason"] == "no_quorum"


@pytest.mark.parametrize(
    ("of", "strictly", "votes_for", "adopted"),
    [
        ("members", True, 4, False),  # 4 > 9/2? no
        ("members", True, 5, True),
        ("votes_cast", True, 3, True),  # for+against = 5: 3 > 2.5
        ("votes_cast", False, 3, True),
        ("present", False, 4, True),  # ⌈7/2⌉ = 4
        ("present", False, 3, False),
    ],
)
def test_majority_bases(of: str, strictly: bool, votes_for: int, adopted: bool) -> None:
    rule = {"numerator": 1, "denominator": 2, "of": of, "strictly_more": strictly}
    fields = {"for": votes_for, "against": 2, "abstained": 0}
    assert _decide(**fields, rules={"majority": rule})["adopted"] is adopted


def test_abstentions_are_not_votes_cast() -> None:
    rule = {"numerator": 1, "denominator": 2, "of": "votes_cast", "strictly_more": True}
    fields = {"for": 2, "against": 1, "abstained": 4}
    assert _decide(**fields, rules={"majority": rule})["adopted"] is True
    rule_present = {**rule, "of": "present"}
    assert _decide(**fields, rules={"majority": rule_present})["adopted"] is False


def test_two_thirds_strictly_or_not() -> None:
    rule = {"numerator": 2, "denominator": 3, "of": "members", "strictly_more": False}
    fields = {"present": 9, "for": 6, "against": 3, "abstained": 0}
    assert _decide(**fields, rules={"majority": rule})["adopted"] is True
    strict = {**rule, "strictly_more": True}
    assert _decide(**fields, rules={"majority": strict})["adopted"] is False


def test_decide_refusals() -> None:
    with pytest.raises(CommunityInputError) as err:
        _decide(**{"for": 5})
    assert err.value.reason == "votes_exceed_present"
    with pytest.raises(CommunityInputError) as err:
        _decide(present=10)
    assert err.value.reason == "present_exceeds_members"
    with pytest.raises(CommunityInputError) as err:
        _decide(rules={"majority": {**HALF_PRESENT, "denominator": -1}})
    assert err.value.reason == "denominator"


# -- district rulesets ----------------------------------------------------------------


def _district(**changes: Any) -> DistrictRuleset:
    from importlib.resources import files

    path = files("tandau.community").joinpath("rulesets", "districts", "example-district-u.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(changes)
    return parse_district_ruleset(json.dumps(data), "test")


def test_a_district_ruleset_in_force_supplies_the_rule() -> None:
    district = _district()
    out = _decide(district)
    assert out["adopted"] is True and out["quorum"] == {"quorate": True, "required": 5}
    assert "EXAMPLE-1" in out["source"] and "[U]" in out["source"]
    gathering = _decide(district, body="gathering", members=1234, present=123, **{"for": 100})
    assert gathering == {**gathering, "adopted": False, "reason": "no_quorum"}


def test_a_district_ruleset_not_yet_in_force_is_not_applied() -> None:
    district = _district(
        effective_from="2026-06-01",
        decision={
            "number": "5/1",
            "date": "2026-05-20",
            "link": "https://adilet.zan.kz/rus/docs/X",
        },
    )
    out = _decide(district)
    assert out["status"] == "maslikhat_decision_required"
    assert "5/1" not in out["source"] and out["notes"][0]["en"].startswith("The district")


def test_rules_in_the_input_override_the_district_ruleset() -> None:
    strict = {"numerator": 2, "denominator": 3, "of": "present", "strictly_more": True}
    out = _decide(_district(), rules={"majority": strict})
    assert out["adopted"] is False and out["source"].startswith("district rule given")
