"""Server-rendered SVG charts for the results page: no script, no inline style.

Each chart is an ``<svg role="img">`` with a ``<title>`` and ``<desc>`` for
screen readers, horizontal bars (long candidate names fit on a phone: each
label sits above its bar) and the value written at the end of the bar.
Colours come from classes styled in ``tandau.css``; every chart on the page
is also followed by a table with the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

__all__ = ["Bar", "Segment", "bar_chart", "stacked_chart"]

_WIDTH = 420
_LABEL = 20  # the label line above a bar
_BAR = 22
_GAP = 14
_VALUE_ROOM = 100  # room right of the longest bar for its value


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    text: str  # the value as shown ("1 234", "57.1 %")
    css: str = "bar"


@dataclass(frozen=True, slots=True)
class Segment:
    value: float
    css: str


def _frame(chart_id: str, title: str, desc: str, height: int, body: list[str]) -> Markup:
    head = (
        f'<svg class="chart" id="{escape(chart_id)}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-t {escape(chart_id)}-d" '
        f'viewBox="0 0 {_WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{escape(chart_id)}-t">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-d">{escape(desc)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")  # noqa: S704 - every part is escaped above


def _scale(values: Sequence[float]) -> float:
    top = max(values, default=0.0)
    return (_WIDTH - _VALUE_ROOM) / top if top > 0 else 0.0


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar]) -> Markup:
    """One bar per row, scaled to the largest value."""
    scale = _scale([b.value for b in bars])
    body: list[str] = []
    y = 0
    for bar in bars:
        width = max(bar.value * scale, 0.0)
        body.append(f'<text class="label" x="0" y="{y + 15}">{escape(bar.label)}</text>')
        body.append(
            f'<rect class="{escape(bar.css)}" x="0" y="{y + _LABEL}" '
            f'width="{width:.1f}" height="{_BAR}"/>'
        )
        value_at = f'x="{width + 6:.1f}" y="{y + _LABEL + 16}"'
        body.append(f'<text class="value" {value_at}>{escape(bar.text)}</text>')
        y += _LABEL + _BAR + _GAP
    desc = "; ".join(f"{b.label}: {b.text}" for b in bars)
    return _frame(chart_id, title, desc, max(y, 1), body)


def stacked_chart(
    chart_id: str,
    title: str,
    rows: Sequence[tuple[str, Sequence[Segment], str]],
    legend: Sequence[tuple[str, str]],
) -> Markup:
    """One bar per row made of segments (e.g. e-votes then paper votes); a legend on top.

    ``rows`` are ``(label, segments, total text)``; ``legend`` is ``(css class, name)``.
    """
    scale = _scale([sum(s.value for s in segs) for _, segs, _ in rows])
    body: list[str] = []
    x = 0
    for css, name in legend:
        body.append(f'<rect class="{escape(css)}" x="{x}" y="2" width="16" height="16"/>')
        body.append(f'<text class="label" x="{x + 22}" y="15">{escape(name)}</text>')
        x += 22 + 9 * len(name) + 24
    y = 30
    for label, segments, total in rows:
        body.append(f'<text class="label" x="0" y="{y + 15}">{escape(label)}</text>')
        left = 0.0
        for seg in segments:
            width = max(seg.value * scale, 0.0)
            body.append(
                f'<rect class="{escape(seg.css)}" x="{left:.1f}" y="{y + _LABEL}" '
                f'width="{width:.1f}" height="{_BAR}"/>'
            )
            left += width
        body.append(
            f'<text class="value" x="{left + 6:.1f}" y="{y + _LABEL + 16}">{escape(total)}</text>'
        )
        y += _LABEL + _BAR + _GAP
    parts = []
    for label, segments, total in rows:
        shares = ", ".join(
            f"{name} {seg.value:g}" for (_, name), seg in zip(legend, segments, strict=False)
        )
        parts.append(f"{label}: {total} ({shares})")
    return _frame(chart_id, title, "; ".join(parts), y, body)
