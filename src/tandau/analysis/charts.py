"""The one plotting module: horizontal bar charts as static SVG (web, HTML) and as
reportlab drawings (PDF), from the same :class:`BarChart` value.

Horizontal bars keep long Kazakh and Russian labels readable on a phone; a bar
may carry a 95 % interval drawn as a whisker.  The SVG has a ``viewBox`` and no
fixed width, so it scales to the page and prints sharp; it carries ``role="img"``
and a ``<title>`` for screen readers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors

__all__ = ["BarChart"]

_BAR = "#2a6f97"
_WHISKER = "#1d3557"
_ROW = 22
_LABEL_W = 230
_PLOT_W = 330
_TOP = 8


@dataclass(frozen=True)
class BarChart:
    """Bars with labels and values; ``low``/``high`` whiskers; ``percent`` shows values as %."""

    title: str
    labels: Sequence[str]
    values: Sequence[float]
    low: Sequence[float | None] = field(default_factory=tuple)
    high: Sequence[float | None] = field(default_factory=tuple)
    percent: bool = False

    def _scale(self) -> float:
        top = max([*self.values, *(h for h in self.high if h is not None), 0.0])
        if self.percent:
            return 1.0 if top <= 1.0 else top
        return top or 1.0

    def _text(self, value: float) -> str:
        return f"{value * 100:.1f}%" if self.percent else f"{value:,.2f}".rstrip("0").rstrip(".")

    def _whisker(self, i: int) -> tuple[float, float] | None:
        if i < len(self.low) and i < len(self.high):
            lo, hi = self.low[i], self.high[i]
            if lo is not None and hi is not None:
                return lo, hi
        return None

    @property
    def height(self) -> int:
        return _TOP + _ROW * max(1, len(self.labels)) + 8

    def svg(self) -> str:
        """A self-contained ``<svg>`` element."""
        width = _LABEL_W + _PLOT_W + 70
        scale = _PLOT_W / self._scale()
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
            f'viewBox="0 0 {width} {self.height}" preserveAspectRatio="xMinYMin meet">',
            f"<title>{escape(self.title)}</title>",
        ]
        for i, (label, value) in enumerate(zip(self.labels, self.values, strict=True)):
            y = _TOP + i * _ROW
            parts.append(
                f'<text x="{_LABEL_W - 6}" y="{y + 14}" text-anchor="end" font-size="11" '
                f'font-family="DejaVu Sans, sans-serif">{escape(str(label))}</text>'
            )
            parts.append(
                f'<rect class="bar" x="{_LABEL_W}" y="{y + 3}" '
                f'width="{max(0.5, value * scale):.1f}" height="{_ROW - 8}" fill="{_BAR}"/>'
            )
            whisker = self._whisker(i)
            if whisker:
                x1, x2 = _LABEL_W + whisker[0] * scale, _LABEL_W + whisker[1] * scale
                parts.append(
                    f'<line x1="{x1:.1f}" x2="{x2:.1f}" y1="{y + 11}" y2="{y + 11}" '
                    f'stroke="{_WHISKER}" stroke-width="1.5"/>'
                )
            end = max(value, whisker[1] if whisker else value)
            parts.append(
                f'<text x="{_LABEL_W + end * scale + 4:.1f}" y="{y + 14}" font-size="10" '
                f'font-family="DejaVu Sans, sans-serif">{escape(self._text(value))}</text>'
            )
        parts.append("</svg>")
        return "".join(parts)

    def drawing(self, font: str = "Helvetica", width: float = 480) -> Drawing:
        """The same chart for reportlab (PDF), ``width`` points wide."""
        label_w, plot_w = width * 0.42, width * 0.45
        row = 16
        height = row * max(1, len(self.labels)) + 6
        d = Drawing(width, height)
        scale = plot_w / self._scale()
        for i, (label, value) in enumerate(zip(self.labels, self.values, strict=True)):
            y = height - (i + 1) * row
            d.add(
                String(
                    label_w - 4, y + 4, str(label)[:48], fontName=font, fontSize=7, textAnchor="end"
                )
            )
            d.add(
                Rect(
                    label_w,
                    y + 2,
                    max(0.5, value * scale),
                    row - 6,
                    fillColor=colors.HexColor(_BAR),
                    strokeColor=None,
                )
            )
            whisker = self._whisker(i)
            if whisker:
                d.add(
                    Line(
                        label_w + whisker[0] * scale,
                        y + row / 2 - 1,
                        label_w + whisker[1] * scale,
                        y + row / 2 - 1,
                        strokeColor=colors.HexColor(_WHISKER),
                    )
                )
            end = max(value, whisker[1] if whisker else value)
            d.add(
                String(
                    label_w + end * scale + 3, y + 4, self._text(value), fontName=font, fontSize=7
                )
            )
        return d
