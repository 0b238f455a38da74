"""Rendering messages: in one locale, in all three, with parameters and plurals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tandau.i18n import (
    N_,
    NP_,
    Message,
    UnsupportedLocale,
    gettext,
    localized,
    ngettext,
    nlocalized,
    translation,
)

SHARE = (
    "A self-nominee needs the signatures of at least {share}% of the district's voters: "
    "at least {required} valid signature."
)
SHARES = SHARE.replace("valid signature.", "valid signatures.")


def test_localized_gives_the_three_locales() -> None:
    out = localized("The field {field} is required.", field="voters")
    assert out == {
        "kk": "voters өрісін толтыру міндетті.",
        "ru": "Поле voters обязательно для заполнения.",
        "en": "The field voters is required.",
    }


def test_nlocalized_picks_each_locales_form() -> None:
    out = nlocalized(SHARE, SHARES, "required", share=Decimal("0.5"), required=21)
    assert out["ru"].endswith("не менее 21 действительной подписи.")
    assert "0,5%" in out["ru"] and "0,5%" in out["kk"] and "0.5%" in out["en"]
    assert out["en"].endswith("at least 21 valid signatures.")
    few = nlocalized(SHARE, SHARES, "required", share=1, required=13)
    assert few["ru"].endswith("не менее 13 действительных подписей.")


def test_a_message_parameter_is_rendered_in_the_same_locale() -> None:
    doc = N_("the receipt for the election deposit")
    out = N_("The registration file lacks a required document: {document}.").localize(document=doc)
    assert out["ru"].endswith("квитанция об уплате избирательного взноса.")
    assert out["kk"].endswith("сайлау жарнасының төленгені туралы түбіртек.")


def test_gettext_and_ngettext() -> None:
    assert gettext("ru", "Against all") == "Против всех"
    assert gettext("kk", "Against all") == "Барлығына қарсы"
    assert gettext("en", "not in the catalogue") == "not in the catalogue"
    assert ngettext("en", "one", "many", 2) == "many"
    assert translation("ru") is translation("ru")


def test_unsupported_locale() -> None:
    with pytest.raises(UnsupportedLocale) as info:
        gettext("de", "Against all")
    assert info.value.code == "i18n.unsupported_locale"


def test_message_validation() -> None:
    with pytest.raises(ValueError, match="plural"):
        Message("x", plural="xs")
    with pytest.raises(TypeError, match="count"):
        NP_(SHARE, SHARES, "required").render("en", {"share": 1, "required": "8"})
    assert N_("Against all").render("en", {"unused": True}) == "Against all"
