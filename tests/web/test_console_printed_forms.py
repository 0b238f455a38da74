"""The secretary's printable forms: candidates' list, a precinct's voter list extract and the
blank protocol form, as PDFs in Kazakh and Russian, read back with pypdf."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from console_world import ELECTION, World, make_world

from tandau.i18n import gettext

E = f"/commission/e/{ELECTION}/forms"


@pytest.fixture
def world(db_url: str, tmp_path: Path) -> Iterator[World]:
    yield from make_world(db_url, tmp_path, campaign=(3, 2))


def _text(data: bytes) -> str:
    assert data.startswith(b"%PDF-1.")
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(p.extract_text() for p in reader.pages)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_forms_print_in_kazakh_and_russian(world: World, lang: str) -> None:
    secretary = world.client("secretary")
    r = secretary.get(f"{E}/candidates-{lang}.pdf")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    text = _text(r.content)
    assert gettext(lang, "List of candidates") in text
    assert "Бекова Сәуле" in text and "Respublica" in text
    assert gettext(lang, "registered") in text

    r = secretary.get(f"{E}/P-101/voters-{lang}.pdf")
    text = _text(r.content)
    assert gettext(lang, "Extract from the voter list: precinct {precinct}").format(
        precinct="P-101"
    ) in text.replace("\n", " ")
    assert gettext(lang, "Voters on this extract: {n}").format(n=3) in text
    assert gettext(lang, "Signature") in text

    r = secretary.get(f"{E}/P-102/protocol-{lang}.pdf")
    text = _text(r.content)
    assert gettext(lang, "Ballots found in the boxes") in text
    assert gettext(lang, "Votes for {name}").format(name="Бекова Сәуле") in text


def test_the_forms_are_refused_where_they_must_be(world: World) -> None:
    secretary = world.client("secretary")
    assert secretary.get(f"{E}/P-999/voters-ru.pdf").status_code == 404
    assert secretary.get(f"{E}/candidates-en.pdf").status_code == 400  # kk or ru
    assert world.client("trustee1").get(f"{E}/P-101/voters-kk.pdf").status_code == 403
    assert world.client().get(f"{E}/candidates-kk.pdf").status_code == 401
