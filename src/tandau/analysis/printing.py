"""A4 PDFs with the DejaVu fonts embedded: one page setup for every printed document.

The analysis report, the community minutes and the web's credential sheets and
results protocol all print through here, so that Kazakh letters (Ә Ғ Қ Ң Ө Ұ Ү Һ І)
embed the same way and no document carries a creation date of its own
(``invariant``): the same content always prints to the same bytes.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import SimpleDocTemplate

__all__ = ["FONT_DIR", "a4_document", "document_styles", "register_fonts"]

# Debian's fonts-dejavu-core, installed by scripts/system-deps.sh.
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


@functools.cache
def _register(name: str, file: str) -> None:
    pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))


def register_fonts(fonts: dict[str, str]) -> None:
    """Register each reportlab font name with its DejaVu file (once a process)."""
    for name, file in fonts.items():
        _register(name, file)


def document_styles(title_size: int) -> dict[str, ParagraphStyle]:
    """The paragraph styles of a commission's or a community's document (fonts registered)."""
    register_fonts({"Tandau": "DejaVuSans.ttf", "Tandau-Bold": "DejaVuSans-Bold.ttf"})
    return {
        "title": ParagraphStyle(
            "title", fontName="Tandau-Bold", fontSize=title_size, leading=title_size + 4
        ),
        "h2": ParagraphStyle("h2", fontName="Tandau-Bold", fontSize=12, leading=16),
        "body": ParagraphStyle("body", fontName="Tandau", fontSize=10, leading=13),
        "small": ParagraphStyle("small", fontName="Tandau", fontSize=8, leading=10),
    }


def a4_document(
    out: io.BytesIO,
    title: str,
    *,
    author: str | None = None,
    side_mm: float = 18,
    top_mm: float = 16,
) -> SimpleDocTemplate:
    """An A4 page template writing to ``out``; ``creator`` is Tandau when an author is named."""
    return SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=side_mm * mm,
        rightMargin=side_mm * mm,
        topMargin=top_mm * mm,
        bottomMargin=top_mm * mm,
        title=title,
        author=author,
        creator="Tandau" if author is not None else None,
        invariant=1,
    )
