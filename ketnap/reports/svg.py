"""Charts drawn on the server as inline SVG: no script, a few kilobytes, readable on a
slow connection; every chart has its table beside it on the page."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 240, 44, 40, 12
# The funnel is drawn narrower: its stage names stay readable (11 px and more) when the
# chart is shrunk to a 390 px phone screen.
FUNNEL_WIDTH, FUNNEL_LABEL_WIDTH = 420, 190
# Presentation attributes, not a <style> element: the pages' CSP allows no inline style.
_TICK = 'font-family="sans-serif" font-size="11" text-anchor="end" fill="#555"'
_LABEL = 'font-family="sans-serif" font-size="11" text-anchor="middle" fill="#333"'
_NAME = 'font-family="sans-serif" font-size="12" fill="#111"'
_PLAN = 'fill="none" stroke="#c0392b" stroke-width="2" stroke-dasharray="6 3"'


def _n(value: float) -> str:
    whole = int(value) if float(value).is_integer() else value
    return number_format(whole, use_l10n=True, force_grouping=True)


def _scale_max(values: Sequence[float]) -> float:
    """A round top of the axis at or above the largest value."""
    top = max([1.0, *values])
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if top <= step * 4:
            return float(step * 4)
    return top


def bar_chart(title: str, points: Sequence[tuple[str, int]], plan: Sequence[int | None] | None = None) -> SafeString:
    """Bars for the counts by label, and the plan as a line when there is one."""
    values = [float(v) for _, v in points] + [float(p) for p in plan or [] if p is not None]
    top = _scale_max(values)
    inner_w, inner_h = WIDTH - LEFT - 8, HEIGHT - BOTTOM - TOP
    slot = inner_w / max(1, len(points))
    parts = [_axis(top, inner_h)]
    for index, (label, value) in enumerate(points):
        height = inner_h * value / top
        x, y = LEFT + index * slot + slot * 0.15, TOP + inner_h - height
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{height:.1f}" fill="#2f6fb0">'
            f"<title>{escape(label)}: {_n(value)}</title></rect>"
        )
        parts.append(f'<text x="{x + slot * 0.35:.1f}" y="{HEIGHT - BOTTOM + 14}" {_LABEL}>{escape(label)}</text>')
    if plan:
        coords = [
            f"{LEFT + i * slot + slot / 2:.1f},{TOP + inner_h - inner_h * p / top:.1f}"
            for i, p in enumerate(plan)
            if p is not None
        ]
        parts.append(f'<polyline points="{" ".join(coords)}" {_PLAN}/>')
    return _svg(title, parts)


def _axis(top: float, inner_h: float) -> str:
    lines = []
    for tick in range(5):
        value = top * tick / 4
        y = TOP + inner_h - inner_h * tick / 4
        lines.append(f'<line x1="{LEFT}" x2="{WIDTH - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        lines.append(f'<text x="{LEFT - 4}" y="{y + 4:.1f}" {_TICK}>{_n(value)}</text>')
    return "".join(lines)


def _svg(title: str, parts: list[str], width: int = WIDTH, kind: str = "") -> SafeString:
    body = "".join(parts)
    css_class = f"chart {kind}".strip()
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {HEIGHT}" role="img" '
        f'aria-label="{escape(title)}" class="{css_class}"><title>{escape(title)}</title>{body}</svg>'
    )


def funnel_chart(title: str, stages: Sequence[tuple[str, int]]) -> SafeString:
    """One horizontal bar a stage, as long as the number who reached it."""
    top = max([1, *(value for _, value in stages)])
    row = (HEIGHT - 8) / max(1, len(stages))
    label_w = FUNNEL_LABEL_WIDTH
    parts = []
    for index, (label, value) in enumerate(stages):
        y = 4 + index * row
        width = (FUNNEL_WIDTH - label_w - 50) * value / top
        parts.append(
            f'<text x="{label_w - 6}" y="{y + row * 0.65:.1f}" {_NAME} text-anchor="end">{escape(label)}</text>'
        )
        parts.append(
            f'<rect x="{label_w}" y="{y + row * 0.15:.1f}" width="{width:.1f}" height="{row * 0.7:.1f}" fill="#2f6fb0">'
            f"<title>{escape(label)}: {_n(value)}</title></rect>"
        )
        parts.append(f'<text x="{label_w + width + 4:.1f}" y="{y + row * 0.65:.1f}" {_NAME}>{_n(value)}</text>')
    return _svg(title, parts, FUNNEL_WIDTH, "funnel")
