"""Names are checked when they are entered (nomination, members), not at e-voting setup."""

from __future__ import annotations

import pytest
from admin_builders import TEC, nominee

from tandau.admin.names import MAX_NAME, BadName, check_name
from tandau.i18n import gettext

from .conftest import World

BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
        "\u2069", "\u200e", "\u200f", "\u061c"]  # fmt: skip
OTHER_CONTROLS = ["\x00", "\x1b", "\n", "\u200b", "\ufeff", "\u2028", "\ue000"]


@pytest.mark.parametrize("char", BIDI + OTHER_CONTROLS)
def test_control_and_direction_characters_are_refused_citing_the_rule(char: str) -> None:
    with pytest.raises(BadName) as err:
        check_name(f"Әлиев{char} Серік", "name")
    assert err.value.rule == "names.characters" and err.value.field == "name"
    assert f"U+{ord(char):04X}" in err.value.localized["ru"]
    for lang in ("kk", "ru", "en"):
        assert "names.characters" in err.value.localized[lang]
    assert err.value.localized["kk"] != err.value.localized["en"]


def test_names_as_people_write_them_pass_unchanged() -> None:
    for name in ("Әлиев Серік", "Ұлан & <Мұрат> 'Ә' \"Ң\"", "O'Brien-Қасым", "x" * MAX_NAME):
        assert check_name(name, "name") == name


def test_a_name_longer_than_a_manifest_holds_is_refused() -> None:
    with pytest.raises(BadName) as err:
        check_name("Ә" * (MAX_NAME + 1), "name")
    assert err.value.rule == "names.length"
    assert str(MAX_NAME) in err.value.localized["kk"]
    assert gettext("ru", "The request is not valid.") != err.value.localized["ru"]


@pytest.mark.parametrize(
    "changes",
    [
        {"name": "Әлиев \u202eСерік"},
        {"name": "Ә" * (MAX_NAME + 1)},
        {"party": "Amanat\u2066"},
        {"name": "Серік\x07"},
    ],
)
def test_nomination_refuses_a_bad_name_and_stores_nothing(
    nominating: World, changes: dict[str, str]
) -> None:
    with nominating.unchanged(), pytest.raises(BadName):
        nominating.admin.nominations.nominate(**nominee(**changes))


def test_a_member_name_is_checked_too(world: World) -> None:
    commission = world.admin.commissions
    with world.unchanged(), pytest.raises(BadName):
        commission.appoint(
            commission=TEC,
            person="p-x",
            name="Асқар\u202e",
            role="member",
            elected_on="2024-01-10",
        )
