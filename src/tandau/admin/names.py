"""Names as people enter them: printed, published and signed exactly as typed.

A name (a candidate's, a party's, a member's) is checked once, when it is first
entered, by :func:`check_name` — every entry point (the console, the JSON API,
``tandau admin``) reaches it through the service.  Refused:

- control and format characters (Unicode categories Cc, Cf, Cs, Co, Cn, Zl, Zp),
  among them the bidirectional controls U+202A–U+202E, U+2066–U+2069, U+200E,
  U+200F and U+061C, which can make a ballot line read differently from what it
  holds (rule ``names.characters``);
- names longer than an election manifest holds (``MAX_NAME``; rule ``names.length``),
  so that no nomination fails later, when e-voting is set up.
"""

from __future__ import annotations

import unicodedata

from tandau.i18n import N_
from tandau.law import InvalidInput
from tandau.protocol.manifest import MAX_NAME

__all__ = ["BIDI_CONTROLS", "MAX_NAME", "BadName", "check_name"]

#: The bidirectional controls, named because they are the dangerous ones (Trojan Source).
BIDI_CONTROLS = frozenset(
    [
        *map(chr, range(0x202A, 0x202F)),
        *map(chr, range(0x2066, 0x206A)),
        "\u200e",
        "\u200f",
        "\u061c",
    ]
)
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})

_CHARACTERS = N_(
    "The name in {field} holds an invisible control or text-direction character "
    "({char}); type the name again without it (rule names.characters)."
)
_LENGTH = N_(
    "The name in {field} is {length} characters long; an election can hold at most "
    "{max} (rule names.length)."
)


class BadName(InvalidInput, title=InvalidInput.title):
    """A name breaks ``names.characters`` or ``names.length``; ``rule`` says which."""

    code = "admin.invalid_input.name"

    def __init__(self, field: str, rule: str, **params: object) -> None:
        self.rule = rule
        message = _CHARACTERS if rule == "names.characters" else _LENGTH
        super().__init__(field, message=message, rule=rule, **params)


def check_name(value: str, field: str) -> str:
    """The name unchanged, or :class:`BadName` citing the rule it breaks."""
    for ch in value:
        if ch in BIDI_CONTROLS or unicodedata.category(ch) in _REFUSED_CATEGORIES:
            raise BadName(field, "names.characters", char=f"U+{ord(ch):04X}")
    if len(value) > MAX_NAME:
        raise BadName(field, "names.length", length=len(value), max=MAX_NAME)
    return value
