"""The ballot: candidate order and the "against all" line.

``ballot.order`` is ``alphabetical`` (the common practice; the law is unknown [U])
or ``registration`` (the order in which candidates were registered).
Alphabetical order follows the alphabet of the ballot's language — Kazakh
Cyrillic (42 letters: А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ
Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я), Russian (33 letters) or English — ignoring case; letters
outside the alphabet sort after it, by code point.  ``ballot.against_all`` adds
the line "Барлығына қарсы / Против всех / Against all" after the candidates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .messages import AGAINST_ALL
from .ruleset import Ruleset

__all__ = [
    "ALPHABETS",
    "BallotLine",
    "ballot_lines",
    "collation_key",
    "order_candidates",
]

ALPHABETS: dict[str, str] = {
    "kk": "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "en": "abcdefghijklmnopqrstuvwxyz",
}


@dataclass(frozen=True, slots=True)
class BallotLine:
    id: str
    kind: str  # "candidate" or "against_all"
    name: str


def collation_key(name: str, language: str) -> tuple[tuple[int, int], ...]:
    """A sort key putting ``name`` in the order of ``language``'s alphabet, ignoring case."""
    alphabet = ALPHABETS[language]
    size = len(alphabet)
    key: list[tuple[int, int]] = []
    for char in name.casefold():
        if char.isspace() or char in "-'’":
            key.append((0, 0))
            continue
        pos = alphabet.find(char)
        key.append((1, pos) if pos >= 0 else (2, size + ord(char)))
    return tuple(key)


def order_candidates(
    ruleset: Ruleset, candidates: Sequence[tuple[str, str]], language: str
) -> list[tuple[str, str]]:
    """``(id, name)`` pairs in ballot order; ``candidates`` come in registration order."""
    if ruleset.parameters.ballot.order.value == "registration":
        return list(candidates)
    return sorted(candidates, key=lambda c: (collation_key(c[1], language), c[0]))


def ballot_lines(
    ruleset: Ruleset, candidates: Sequence[tuple[str, str]], language: str
) -> list[BallotLine]:
    """The ballot's lines: candidates in order, then "against all" when the ruleset has it."""
    lines = [
        BallotLine(cid, "candidate", name)
        for cid, name in order_candidates(ruleset, candidates, language)
    ]
    if ruleset.parameters.ballot.against_all.value:
        lines.append(BallotLine("against_all", "against_all", AGAINST_ALL.render(language)))
    return lines
