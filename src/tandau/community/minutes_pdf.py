"""Printed minutes in Kazakh or Russian (reportlab with the DejaVu fonts, embedded).

The same fonts and conventions as ``tandau.web.pdf``: no creation date of its own
(``invariant``), so the same signed minutes always print to the same bytes.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from tandau.analysis.printing import a4_document, document_styles

from .messages import MINUTES_LABELS as L
from .minutes import SignedMinutes

__all__ = ["minutes_pdf"]


def _result(lang: str, v: dict[str, Any]) -> str:
    if v["reason"] == "no_quorum":
        return L["no_quorum"].render(lang)
    if v["adopted"] is None:
        return L["undecided"].render(lang)
    return L["adopted" if v["adopted"] else "rejected"].render(lang)


def minutes_pdf(minutes: SignedMinutes, lang: str) -> bytes:
    """The signed minutes as an A4 PDF in ``lang`` (``kk`` or ``ru``; ``en`` for reading)."""
    st = document_styles(title_size=15)
    d = minutes.document

    def p(key: str, style: str = "body", **params: object) -> Paragraph:
        return Paragraph(escape(L[key].render(lang, params)), st[style])

    out = io.BytesIO()
    doc = a4_document(out, L[f"title.{d['body']}"].render(lang), author=d["community_name"][lang])
    flow: list[Any] = [p(f"title.{d['body']}", "title"), Spacer(1, 4 * mm)]
    flow += [
        p("community", name=d["community_name"][lang]),
        p("day", day=d["day"]),
        p("place", place=d["place"]),
        p("convened", day=d["convened_on"]),
        p("members", count=len(d["members"])),
        p("present", count=len(d["present"])),
        Paragraph(escape(", ".join(d["present"])), st["small"]),
    ]
    if d["remote"]:
        flow.append(p("remote", names=", ".join(d["remote"])))
    q = d["quorum"]
    if q is None:
        flow.append(p("quorum_unknown"))
    else:
        status = L["quorate" if q["quorate"] else "not_quorate"].render(lang)
        flow.append(p("quorum", required=q["required"], status=status))
    flow += [Spacer(1, 3 * mm), p("agenda", "h2")]
    flow += [Paragraph(escape(f"{i}. {a}"), st["body"]) for i, a in enumerate(d["agenda"], 1)]
    flow += [Spacer(1, 3 * mm), p("votes", "h2")]
    head = [L[k].render(lang) for k in ("agenda", "for", "against", "abstained")] + [""]
    rows: list[list[Any]] = [head]
    for v in d["votes"]:
        rows.append(
            [
                Paragraph(escape(f"{v['item']}. {v['proposal']}"), st["body"]),
                str(v["for"]),
                str(v["against"]),
                str(v["abstained"]),
                Paragraph(escape(_result(lang, v)), st["body"]),
            ]
        )
    table = Table(rows, colWidths=[70 * mm, 18 * mm, 18 * mm, 18 * mm, 50 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), "Tandau", 9),
                ("FONT", (0, 0), (-1, 0), "Tandau-Bold", 9),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    flow.append(table)
    for v in d["votes"]:
        names = ", ".join(f"{k}: {L[c].render(lang)}" for k, c in v["by_name"].items())
        flow.append(
            Paragraph(
                escape(f"{v['item']}. ") + escape(L["by_name"].render(lang, {"names": names})),
                st["small"],
            )
        )
    if d["responses"]:
        flow += [Spacer(1, 3 * mm), p("responses", "h2")]
        for r in d["responses"]:
            flow.append(
                Paragraph(
                    escape(f"{r['item']}. {L[r['kind']].render(lang)}: {r['text']} ({r['on']})"),
                    st["body"],
                )
            )
    flow += [Spacer(1, 5 * mm), p("signatures", "h2")]
    for s in minutes.signers:
        flow.append(
            Paragraph(escape(f"{s['role']}: {s['name']}  ____________________"), st["body"])
        )
    flow.append(p("signed", "small", day=minutes.signed_on.isoformat(), sha256=minutes.sha256))
    if minutes.corrects is not None:
        flow.append(p("corrects", "small", id=minutes.corrects, note=minutes.correction or ""))
    doc.build(flow)
    return out.getvalue()
