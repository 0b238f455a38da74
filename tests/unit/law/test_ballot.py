"""Ballot rules (ruleset group ``ballot``): candidate order and the "against all" line."""

from __future__ import annotations

from collections.abc import Callable

from tandau.law import Ruleset, ballot_lines, order_candidates
from tandau.law.ballot import ALPHABETS

Variant = Callable[..., Ruleset]

KK = [
    ("1", "Өмірзақов Б."),
    ("2", "Әбілов Қ."),
    ("3", "Бекова А."),
    ("4", "Оспанов Е."),
    ("5", "Аманов Т."),
]


def test_alphabets_are_complete() -> None:
    """The Kazakh Cyrillic alphabet has 42 letters, the Russian 33, the English 26."""
    assert {k: len(v) for k, v in ALPHABETS.items()} == {"kk": 42, "ru": 33, "en": 26}
    assert all(len(set(v)) == len(v) for v in ALPHABETS.values())


def test_alphabetical_order_in_kazakh(rural2023: Ruleset) -> None:
    """`ballot.order` (CLE Ch. 10-2): alphabetical in the ballot's language [U]: Ә, Ө."""
    order = [cid for cid, _ in order_candidates(rural2023, KK, "kk")]
    assert order == ["5", "2", "3", "4", "1"]
    assert rural2023.parameters.ballot.order.confidence == "U"


def test_alphabetical_order_in_russian(rural2023: Ruleset) -> None:
    """`ballot.order` (CLE Ch. 10-2): Ё sorts after Е, case is ignored, ties by ID."""
    names = [("b", "ёлкин"), ("a", "Ершов"), ("c", "Жуков"), ("d", "Ершов")]
    assert [cid for cid, _ in order_candidates(rural2023, names, "ru")] == ["a", "d", "b", "c"]


def test_registration_order_in_a_variant(variant: Variant) -> None:
    """`ballot.order` (CLE Ch. 10-2): a variant keeping the order of registration."""
    r = variant(ballot__order="registration")
    assert order_candidates(r, KK, "kk") == KK


def test_against_all_line_closes_the_ballot(rural2023: Ruleset, variant: Variant) -> None:
    """`ballot.against_all` (CLE Ch. 10-2): all candidates plus "against all" [S]."""
    lines = ballot_lines(rural2023, KK, "kk")
    assert len(lines) == 6
    assert (lines[-1].kind, lines[-1].name) == ("against_all", "Барлығына қарсы")
    assert ballot_lines(rural2023, KK, "ru")[-1].name == "Против всех"
    without = ballot_lines(variant(ballot__against_all=False), KK, "en")
    assert [line.kind for line in without] == ["candidate"] * 5
