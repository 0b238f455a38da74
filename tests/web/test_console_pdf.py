"""Printed documents: valid PDFs with embedded DejaVu fonts, in Kazakh and Russian."""

from __future__ import annotations

import io

import pypdf

from tandau.web.console.report import ProtocolReport, ResultRow
from tandau.web.pdf import credential_sheets, results_protocol

TITLE = {
    "kk": "Әкім сайлауы: Қайнар ауылдық округі",
    "ru": "Выборы акима: Кайнарский округ",
    "en": "Election of the akim: Kainar",
}
CODES = ["ABCDE-FGHJK-LMNPQ-RSTUV-3", "23456-789AB-CDEFG-HJKLM-N"]


def _read(data: bytes) -> tuple[pypdf.PdfReader, str, set[str]]:
    assert data.startswith(b"%PDF-1.")
    reader = pypdf.PdfReader(io.BytesIO(data))
    embedded = set()
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                embedded.add(str(font["/BaseFont"]))
    text = "\n".join(p.extract_text() for p in reader.pages)
    return reader, text, embedded


def test_credential_sheets_one_code_per_page_in_kazakh_and_russian() -> None:
    data = credential_sheets(title=TITLE, precinct="P-101", codes=CODES, commission="Ақжар ТСК")
    reader, text, fonts = _read(data)
    assert len(reader.pages) == 2
    assert fonts and all("DejaVu" in f for f in fonts)
    assert "Сайлаушының дауыс беру коды" in text and "Код избирателя для голосования" in text
    assert "Қайнар" in text and "Кайнарский" in text
    pages = [p.extract_text() for p in reader.pages]
    assert CODES[0] in pages[0] and CODES[1] in pages[1] and CODES[1] not in pages[0]
    assert "Храните этот лист в тайне" in text
    assert reader.metadata is not None and reader.metadata.author == "Ақжар ТСК"


def _report(status: str = "elected") -> ProtocolReport:
    names = {"kk": "Әлиев Серік", "ru": "Әлиев Серік", "en": "Әлиев Серік"}
    return ProtocolReport(
        election="kainar-2027",
        title=TITLE,
        unit={"kk": "Қайнар", "ru": "Кайнар", "en": "Kainar"},
        polling_day="2027-09-19",
        ruleset="kz-rural-akim-2023",
        commission="Ақжар ТСК",
        voters_on_list=100,
        paper_ballots=40,
        e_ballots=30,
        invalid=2,
        turnout_percent="70.00",
        rows=(
            ResultRow("c-aliyev", "candidate", names, "Amanat", 20, 25, 45),
            ResultRow(
                "against",
                "against_all",
                {"kk": "Барлығына қарсы", "ru": "Против всех", "en": "Against all"},
                None,
                10,
                13,
                23,
            ),
        ),
        status=status,
        winner=names if status == "elected" else None,
        reasons=(
            {
                "rule": "outcome.method",
                "article": "CLE Art. 113-7",
                "message": {
                    "kk": "Көп дауыс алған кандидат сайланады.",
                    "ru": "Избирается кандидат, получивший больше голосов.",
                    "en": "The candidate with the most votes is elected.",
                },
            },
        ),
        annulled=("P-102",),
        decision=None,
        members=(("Әлия Сейітова", "chair"),),
        head_size=42,
        head_root="ab" * 32,
        head_signature="cd" * 64,
        fingerprint="ef" * 32,
        trustees_used=(1, 3),
    )


def test_the_results_protocol_in_kazakh() -> None:
    _, text, fonts = _read(results_protocol(_report(), "kk"))
    assert fonts
    for expected in (
        "Сайлау қорытындылары туралы хаттама",
        "Сайланды: Әлиев Серік",
        "Тізімдегі сайлаушылар",
        "70,00",
        "P-102",
        "outcome.method",
        "CLE Art. 113-7",
        "Төраға",
        "Әлия Сейітова",
        "tandau-verify",
        "1, 3",
    ):
        assert expected in text, expected


def test_the_results_protocol_in_russian() -> None:
    _, text, _ = _read(results_protocol(_report("commission_decision_required"), "ru"))
    for expected in (
        "Протокол об итогах выборов",
        "По закону итог определяет решение комиссии.",
        "Избирается кандидат",
        "Против всех",
        "Председатель",
        "(Amanat)",
    ):
        assert expected in text, expected
    assert "Избран:" not in text


#: Names a commission may enter: markup characters, quotes and Kazakh letters.
HOSTILE = "Әлі & <Серік> 'Қ' \"Ң\""


def test_names_print_exactly_as_entered_never_as_entities() -> None:
    names = {"kk": HOSTILE, "ru": HOSTILE, "en": HOSTILE}
    base = _report()
    rows = (ResultRow("c-aliyev", "candidate", names, "A & B <party>", 20, 25, 45), *base.rows[1:])
    report = ProtocolReport(
        **{
            **{f: getattr(base, f) for f in base.__dataclass_fields__},
            "rows": rows,
            "winner": names,
            "commission": "Ақжар & Co <ТСК>",
            "members": (("Ұлан & <Мұрат> 'Ә'", "chair"),),
        }
    )
    for lang in ("kk", "ru"):
        _, text, _ = _read(results_protocol(report, lang))
        flat = " ".join(text.split())
        assert HOSTILE in flat, flat
        assert "Ұлан & <Мұрат> 'Ә'" in flat
        assert "A & B <party>" in flat
        assert "&amp;" not in text and "&lt;" not in text and "&#" not in text
    sheets = credential_sheets(
        title={"kk": HOSTILE, "ru": HOSTILE}, precinct="P-1", codes=CODES[:1], commission="x"
    )
    _, text, _ = _read(sheets)
    assert HOSTILE in " ".join(text.split()) and "&amp;" not in text
