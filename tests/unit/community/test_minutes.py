"""Minutes: signed once (SHA-256 of the content), corrections reference the original, and
the PDF (kk, ru) and CSV say what the minutes must say — read back with pypdf."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pypdf
import pytest
from community_world import EXAMPLE, PEOPLE, akim_answers, dump, make, meeting, open_vote, world

from tandau.community.errors import CommunityRefused
from tandau.community.minutes import SignedMinutes, canonical_hash, minutes_csv
from tandau.community.minutes_pdf import minutes_pdf
from tandau.community.rowstore import MemoryRowStore, RowStore
from tandau.community.service import CommunityService, SignIn

SIGNERS = [
    {"role": "Төраға / Председатель", "name": "Ә. Қасымов"},
    {"role": "Хатшы / Секретарь", "name": "Н. Ержанова"},
]


def _closed(store: RowStore) -> CommunityService:
    svc = world(store, EXAMPLE)
    meeting(svc, PEOPLE[:7])
    ballots = {p: "for" for p in PEOPLE[:4]} | {"r5": "against", "r6": "against", "r7": "abstained"}
    open_vote(svc, 1, "Approve the draft budget", ballots)
    akim_answers(svc, 1, "implemented", "Sent to the maslikhat", on="2026-03-05")
    svc.close("akdala", "m1")
    return svc


def _sign(svc: CommunityService, **extra: Any) -> SignedMinutes:
    return svc.sign_minutes(
        make(SignIn, community="akdala", session="m1", signers=SIGNERS, on="2026-03-02", **extra)
    )


def test_signing_stores_the_content_and_its_hash(store: RowStore) -> None:
    svc = _closed(store)
    m = _sign(svc)
    assert m.id == "m1.1" and m.sha256 == canonical_hash(m.document)
    d = m.document
    assert (d["day"], d["place"], d["agenda"]) == (
        "2026-03-01",
        "School hall",
        ["Budget 2026", "Street lights"],
    )
    assert len(d["members"]) == 9 and len(d["present"]) == 7
    assert d["quorum"] == {"quorate": True, "required": 5}
    vote = d["votes"][0]
    assert (vote["for"], vote["against"], vote["abstained"], vote["adopted"]) == (4, 2, 1, True)
    assert vote["by_name"]["r5"] == "against"
    assert d["responses"][0]["kind"] == "implemented"
    assert svc.minutes("akdala", "m1.1") == m


def test_signed_minutes_never_change_a_correction_references_them(store: RowStore) -> None:
    svc = _closed(store)
    first = _sign(svc)
    before = dump(store)
    with pytest.raises(CommunityRefused) as err:
        _sign(svc)
    assert err.value.reason == "already_signed" and dump(store) == before
    with pytest.raises(CommunityRefused) as err:
        _sign(svc, corrects="m1.9", correction="typo")
    assert err.value.reason == "not_latest" and dump(store) == before
    fix = _sign(svc, corrects="m1.1", correction="The place was the club, not the school.")
    assert fix.id == "m1.2" and fix.corrects == "m1.1" and fix.sha256 != first.sha256
    assert svc.minutes("akdala", "m1.1") == first


def test_minutes_only_for_a_closed_session(store: RowStore) -> None:
    svc = world(store, EXAMPLE)
    meeting(svc, PEOPLE[:7])
    before = dump(store)
    with pytest.raises(CommunityRefused) as err:
        _sign(svc)
    assert err.value.reason == "wrong_status" and dump(store) == before


def _text(pdf: bytes) -> str:
    assert pdf.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


@pytest.mark.parametrize(
    ("lang", "title", "adopted", "quorum"),
    [
        ("kk", "Жергілікті қоғамдастық жиналысының хаттамасы", "Қабылданды", "Кворум"),
        ("ru", "Протокол собрания местного сообщества", "Принято", "Кворум"),
    ],
)
def test_the_pdf_says_what_the_minutes_must_say(
    lang: str, title: str, adopted: str, quorum: str
) -> None:
    m = _sign(_closed(MemoryRowStore()))
    text = _text(minutes_pdf(m, lang))
    for expected in (
        title,
        "2026-03-01",
        "School hall",
        "Budget 2026",
        "Street lights",
        adopted,
        quorum,
        "Ә. Қасымов",
        "Н. Ержанова",
        m.sha256[:16],
    ):
        assert expected in text, (lang, expected, text)
    assert "Approve the draft budget" in text
    assert minutes_pdf(m, lang) == minutes_pdf(m, lang)  # no creation date: same bytes


def test_the_csv_has_one_row_per_vote() -> None:
    m = _sign(_closed(MemoryRowStore()))
    rows = list(csv.DictReader(io.StringIO(minutes_csv(m))))
    assert len(rows) == 1
    assert rows[0] | {"for": "4", "against": "2", "abstained": "1", "adopted": "true"} == rows[0]
    assert rows[0]["sha256"] == m.sha256
    assert json.loads(json.dumps(m.to_dict()))["document"]["votes"][0]["item"] == 1
