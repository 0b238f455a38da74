"""Laying the report's sections out: self-contained HTML (inline CSS and SVG) and PDF.

The sections come from :func:`tandau.analysis.report.build_sections`; the web
pages under ``/analysis`` use the same template blocks through :func:`render_html`.
"""

from __future__ import annotations

import io
from importlib.resources import files
from pathlib import Path

from jinja2 import Environment

from .dataset import DATASET_VERSION, load_aggregates, load_results
from .report import Progress, Section, Words, build_sections

__all__ = ["render_html", "render_pdf", "write_report"]


def _template() -> str:
    return files("tandau.analysis").joinpath("templates", "report.html").read_text("utf-8")


def render_html(sections: list[Section], lang: str) -> str:
    """One self-contained HTML document (inline CSS and SVG, no scripts, no fetches)."""
    w = Words(lang)
    env = Environment(autoescape=True)
    return env.from_string(_template()).render(
        lang=lang,
        title=w("title"),
        intro=w("intro"),
        generated=w(
            "generated",
            version=DATASET_VERSION,
            elections=len(load_results()),
            aggregates=len(load_aggregates()),
        ),
        contents=w("contents"),
        method=w("method"),
        sources=w("sources"),
        n_label=lambda n: w("n", n=n),
        sections=sections,
    )


_FONTS = {"TandauReport": "DejaVuSans.ttf", "TandauReport-Bold": "DejaVuSans-Bold.ttf"}


def render_pdf(sections: list[Section], lang: str) -> bytes:
    """The same sections as a PDF (DejaVu fonts embedded, so Kazakh letters print)."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, TableStyle
    from reportlab.platypus import Table as PdfTable

    # Imported here, as reportlab is, so that the HTML report starts fast.
    from .printing import a4_document, register_fonts

    register_fonts(_FONTS)
    w = Words(lang)
    body = ParagraphStyle("b", fontName="TandauReport", fontSize=8.5, leading=11)
    small = ParagraphStyle("s", parent=body, fontSize=6.5, leading=8)
    head = ParagraphStyle("h", fontName="TandauReport-Bold", fontSize=12, leading=15, spaceBefore=8)
    title = ParagraphStyle("t", fontName="TandauReport-Bold", fontSize=15, leading=19)
    story: list[object] = [
        Paragraph(escape(w("title")), title),
        Paragraph(escape(w("intro")), body),
    ]
    width = A4[0] - 30 * mm
    for i, s in enumerate(sections, start=1):
        story += [
            Paragraph(escape(f"{i}. {s.title}"), head),
            s.chart.drawing("TandauReport", width),
        ]
        cells = [[Paragraph(escape(h), small) for h in s.table.headers]]
        cells += [[Paragraph(escape(c), small) for c in row] for row in s.table.rows]
        table = PdfTable(
            cells, repeatRows=1, colWidths=[width / len(s.table.headers)] * len(s.table.headers)
        )
        table.setStyle(
            TableStyle(
                [("GRID", (0, 0), (-1, -1), 0.25, "#999999"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
            )
        )
        story += [Spacer(1, 4), table, Spacer(1, 4)]
        story.append(Paragraph(escape(f"{w('method')}: {s.method}"), body))
        story.append(Paragraph(escape(w("n", n=s.n)), body))
        story.append(Paragraph(escape(f"{w('sources')}: " + " ; ".join(s.sources)), small))
    buffer = io.BytesIO()
    a4_document(buffer, w("title"), side_mm=15, top_mm=15).build(story)
    return buffer.getvalue()


def write_report(out: Path, lang: str, progress: Progress | None = None) -> tuple[Path, Path]:
    """``report-<lang>.html`` and ``report-<lang>.pdf`` in ``out``."""
    sections = build_sections(lang, progress)
    out.mkdir(parents=True, exist_ok=True)
    html, pdf = out / f"report-{lang}.html", out / f"report-{lang}.pdf"
    html.write_text(render_html(sections, lang), encoding="utf-8")
    pdf.write_bytes(render_pdf(sections, lang))
    return html, pdf
