"""Printable documents: credential sheets and the official results protocol (kk, ru).

reportlab draws them with the DejaVu TrueType fonts (Debian's ``fonts-dejavu-core``,
installed by ``scripts/system-deps.sh``), embedded as subsets so that Kazakh
letters (Ә Ғ Қ Ң Ө Ұ Ү Һ І) print anywhere.  Documents carry no creation date
of their own and no author beyond the commission's name.

- :func:`credential_sheets` — one voter code per A4 sheet, with its QR code and
  instructions in Kazakh and Russian; the codes exist only in this PDF.
- :func:`results_protocol` — the commission's protocol of the results in one
  language: figures, e-votes and paper votes per option, the law's outcome with
  rule and article, annulled precincts, the decision, the board's signed head,
  and lines for the members' signatures.

Their texts are ``PDF.<name>`` (``pdf.sheet_title`` …): kk, ru and en in the
catalogue only (ADR 0024).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from tandau.analysis.printing import a4_document, document_styles, register_fonts
from tandau.i18n import PDF, Message

from .console.report import ProtocolReport

__all__ = ["credential_sheets", "results_protocol"]


#: The members' roles, for the signature lines.
ROLE_NAMES: Mapping[str, Message] = {
    "chair": PDF.role_chair,
    "secretary": PDF.role_secretary,
    "member": PDF.role_member,
}


def _styles() -> dict[str, ParagraphStyle]:
    # The credential code's monospace font is this module's own.
    register_fonts({"Tandau-Mono": "DejaVuSansMono-Bold.ttf"})
    code = ParagraphStyle("code", fontName="Tandau-Mono", fontSize=20, leading=26, alignment=1)
    return {**document_styles(title_size=16), "code": code}


def _text(lang: str, message: Message, **params: Any) -> str:
    """Plain text, for table cells (drawn as they are)."""
    return message.render(lang, params)


def _t(lang: str, message: Message, **params: Any) -> str:
    """Paragraph markup: reportlab reads ``&`` and ``<`` as markup, so they are escaped."""
    return escape(_text(lang, message, **params))


def _qr(text: str, size: float = 45 * mm) -> Drawing:
    widget = QrCodeWidget(text, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def credential_sheets(
    *, title: dict[str, str], precinct: str, codes: Sequence[str], commission: str
) -> bytes:
    """One A4 page per code: the code, its QR code, and instructions in kk and ru."""
    st = _styles()
    out = io.BytesIO()
    doc = a4_document(out, f"{title['kk']} — {precinct}", author=commission)
    story: list[Any] = []
    total = len(codes)
    for number, code in enumerate(codes, start=1):
        for lang in ("kk", "ru"):
            story.append(Paragraph(_t(lang, PDF.sheet_title), st["title"]))
            story.append(Paragraph(escape(title[lang]), st["body"]))
            story.append(
                Paragraph(
                    _t(lang, PDF.sheet_precinct, precinct=precinct, number=number, total=total),
                    st["small"],
                )
            )
            story.append(Spacer(1, 3 * mm))
        story.append(Spacer(1, 6 * mm))
        story.append(
            Paragraph(f"{_t('kk', PDF.sheet_code)} / {_t('ru', PDF.sheet_code)}", st["h2"])
        )
        story.append(Spacer(1, 3 * mm))
        story.append(Paragraph(escape(code), st["code"]))
        story.append(Spacer(1, 4 * mm))
        qr = Table([[_qr(code)]], colWidths=[170 * mm])
        qr.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER")]))
        story.append(qr)
        story.append(Spacer(1, 6 * mm))
        for lang in ("kk", "ru"):
            story.append(Paragraph(_t(lang, PDF.sheet_steps), st["body"]))
            story.append(Spacer(1, 2 * mm))
            story.append(Paragraph(_t(lang, PDF.sheet_secret), st["body"]))
            story.append(Spacer(1, 4 * mm))
        if number < total:
            story.append(PageBreak())
    doc.build(story)
    return out.getvalue()


def _number_table(rows: list[list[str]], widths: list[float], header: bool) -> Table:
    table = Table(rows, colWidths=widths)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), "Tandau"),
        ("FONTSIZE", (0, 0), (-1, -1), 10),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    if header:
        style += [
            ("FONTNAME", (0, 0), (-1, 0), "Tandau-Bold"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
        ]
    table.setStyle(TableStyle(style))
    return table


def results_protocol(report: ProtocolReport, lang: str) -> bytes:
    """The protocol of the results in ``lang`` (kk or ru; en for reference)."""
    st = _styles()
    out = io.BytesIO()
    doc = a4_document(out, PDF.protocol_title.render(lang), author=report.commission)
    story: list[Any] = [
        Paragraph(_t(lang, PDF.protocol_title), st["title"]),
        Paragraph(escape(report.title[lang]), st["h2"]),
        Paragraph(_t(lang, PDF.protocol_commission, commission=report.commission), st["body"]),
        Paragraph(_t(lang, PDF.protocol_day, day=report.polling_day), st["body"]),
        Paragraph(_t(lang, PDF.protocol_ruleset, ruleset=report.ruleset), st["body"]),
        Spacer(1, 5 * mm),
    ]
    figures = [
        [_text(lang, PDF.row_voters), str(report.voters_on_list)],
        [_text(lang, PDF.row_paper), str(report.paper_ballots)],
        [_text(lang, PDF.row_electronic), str(report.e_ballots)],
        [_text(lang, PDF.row_invalid), str(report.invalid)],
        [_text(lang, PDF.row_turnout), report.turnout_percent.replace(".", ",")],
    ]
    story += [_number_table(figures, [120 * mm, 40 * mm], header=False), Spacer(1, 5 * mm)]
    rows: list[list[Any]] = [
        [_text(lang, c) for c in (PDF.col_option, PDF.col_electronic, PDF.col_paper, PDF.col_total)]
    ]
    for r in report.rows:
        label = r.name[lang]
        if r.kind == "candidate":
            label += f" ({r.party})" if r.party else f" ({PDF.self_nominated.render(lang)})"
        rows.append([Paragraph(escape(label), st["body"]), *map(str, (r.e_votes, r.paper_votes))])
        rows[-1].append(str(r.total))
    story += [
        _number_table(rows, [85 * mm, 25 * mm, 25 * mm, 25 * mm], header=True),
        Spacer(1, 5 * mm),
    ]
    if report.status == "elected" and report.winner is not None:
        story.append(Paragraph(_t(lang, PDF.outcome_elected, name=report.winner[lang]), st["h2"]))
    elif report.status == "no_candidates":
        story.append(Paragraph(_t(lang, PDF.outcome_none), st["h2"]))
    else:
        story.append(Paragraph(_t(lang, PDF.outcome_decision), st["h2"]))
    if report.reasons:
        story.append(Paragraph(_t(lang, PDF.reasons), st["body"]))
        for reason in report.reasons:
            message = reason.get("message", {}).get(lang, "")
            story.append(
                Paragraph(
                    f"• {escape(message)} ({escape(reason.get('rule', ''))}, "
                    f"{escape(reason.get('article', ''))})",
                    st["body"],
                )
            )
    if report.annulled:
        story.append(
            Paragraph(_t(lang, PDF.annulled, precincts=", ".join(report.annulled)), st["body"])
        )
    if report.decision is not None:
        d = report.decision
        story.append(
            Paragraph(
                _t(
                    lang,
                    PDF.decision,
                    decision=d.get("decision", ""),
                    rule=d.get("rule", ""),
                    article=d.get("article", ""),
                    reason=d.get("reason", ""),
                ),
                st["body"],
            )
        )
    story.append(Spacer(1, 4 * mm))
    story.append(
        Paragraph(
            _t(lang, PDF.trustees, trustees=", ".join(str(j) for j in report.trustees_used)),
            st["small"],
        )
    )
    story.append(
        Paragraph(
            _t(
                lang,
                PDF.record,
                fingerprint=report.fingerprint,
                size=report.head_size,
                root=report.head_root,
            ),
            st["small"],
        )
    )
    signatures: list[Any] = [Spacer(1, 6 * mm), Paragraph(_t(lang, PDF.signatures), st["h2"])]
    lines = [[ROLE_NAMES[role].render(lang), name, "_" * 24] for name, role in report.members]
    if lines:
        table = Table(lines, colWidths=[35 * mm, 80 * mm, 50 * mm])
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), "Tandau"),
                    ("FONTSIZE", (0, 0), (-1, -1), 10),
                    ("TOPPADDING", (0, 0), (-1, -1), 8),
                ]
            )
        )
        signatures.append(table)
    story.append(KeepTogether(signatures))
    doc.build(story)
    return out.getvalue()
