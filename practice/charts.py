"""Server-rendered SVG charts: no chart library, no CDN, readable by screen readers, works offline."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

WIDTH = 440
HEIGHT = 200
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 40, 12, 10, 26
Y_TICKS = 4


@dataclass(frozen=True)
class Point:
    """One plotted value; `label` is the tooltip a pointer or a screen reader gets."""

    day: date
    value: float
    label: str


@dataclass(frozen=True)
class Stage:
    """One bar of the funnel."""

    label: str
    count: int
    highlight: bool = False


def _nice_range(values: list[float], band: tuple[float, float] | None,
                bounds: tuple[float, float] | None) -> tuple[float, float]:
    low, high = min(values), max(values)
    if band:
        low, high = min(low, band[0]), max(high, band[1])
    if high - low < 1e-9:
        low, high = low - 1, high + 1
    margin = (high - low) * 0.08
    low, high = low - margin, high + margin
    if bounds:  # a percentage axis never shows 105 %
        low, high = max(low, bounds[0]), min(high, bounds[1])
    return low, high


def _fmt(value: float) -> str:
    whole = abs(value - round(value)) < 1e-9
    return f"{value:.0f}" if abs(value) >= 10 or whole else f"{value:.1f}"


def line_chart(points: list[Point], *, chart_id: str, title: str, desc: str,
               band: tuple[float, float] | None = None, bounds: tuple[float, float] | None = None,
               width: int = WIDTH) -> Markup:
    """A dated line with one dot per point (each with a <title>), and a shaded target band."""
    head = (f'<svg class="chart" viewBox="0 0 {width} {HEIGHT}" role="img" '
            f'aria-labelledby="{chart_id}-title {chart_id}-desc" id="{chart_id}">'
            f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(desc)}</desc>')
    if not points:
        return Markup(head + f'<text class="chart-empty" x="{width / 2}" y="{HEIGHT / 2}" text-anchor="middle">'
                             'No answers yet</text></svg>')
    low, high = _nice_range([p.value for p in points], band, bounds)
    first, last = points[0].day.toordinal(), points[-1].day.toordinal()
    span_days = max(last - first, 1)
    plot_w, plot_h = width - PAD_LEFT - PAD_RIGHT, HEIGHT - PAD_TOP - PAD_BOTTOM

    def x(day: date) -> float:
        if last == first:
            return PAD_LEFT + plot_w / 2
        return PAD_LEFT + plot_w * (day.toordinal() - first) / span_days

    def y(value: float) -> float:
        return PAD_TOP + plot_h * (high - value) / (high - low)

    parts = [head]
    if band:
        top, bottom = y(min(band[1], high)), y(max(band[0], low))
        parts.append(f'<rect class="chart-band" x="{PAD_LEFT}" y="{top:.1f}" width="{plot_w}" '
                     f'height="{max(bottom - top, 0):.1f}">'
                     f'<title>Target {_fmt(band[0])}–{_fmt(band[1])}</title></rect>')
    for i in range(Y_TICKS + 1):
        value = low + (high - low) * i / Y_TICKS
        parts.append(f'<line class="chart-rule" x1="{PAD_LEFT}" x2="{width - PAD_RIGHT}" y1="{y(value):.1f}" '
                     f'y2="{y(value):.1f}"/><text class="chart-tick" x="{PAD_LEFT - 6}" y="{y(value) + 4:.1f}" '
                     f'text-anchor="end">{_fmt(value)}</text>')
    day_labels = ((points[0].day, "start"), (points[-1].day, "end")) if last != first else ((points[0].day, "middle"),)
    for day, anchor in day_labels:
        parts.append(f'<text class="chart-tick" x="{x(day):.1f}" y="{HEIGHT - 8}" text-anchor="{anchor}">'
                     f'{day.strftime("%d %b")}</text>')
    path = " ".join(f"{x(p.day):.1f},{y(p.value):.1f}" for p in points)
    parts.append(f'<polyline class="chart-line" points="{path}"/>')
    for p in points:
        parts.append(f'<circle class="chart-dot" cx="{x(p.day):.1f}" cy="{y(p.value):.1f}" r="2.5">'
                     f'<title>{escape(p.label)}</title></circle>')
    parts.append("</svg>")
    return Markup("".join(parts))


def funnel_chart(stages: list[Stage], *, chart_id: str, title: str, desc: str, width: int = 560) -> Markup:
    """Horizontal bars, widest first, one per stage; the highlighted stage is drawn in the warning colour."""
    row_h, label_w, count_w = 30, 190, 40
    height = row_h * len(stages) + 8
    most = max((s.count for s in stages), default=0) or 1
    bar_w = width - label_w - count_w
    parts = [f'<svg class="chart funnel" viewBox="0 0 {width} {height}" role="img" '
             f'aria-labelledby="{chart_id}-title {chart_id}-desc" id="{chart_id}">'
             f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(desc)}</desc>']
    for i, stage in enumerate(stages):
        top = 4 + i * row_h
        width = bar_w * stage.count / most
        css = "funnel-bar funnel-bar-weak" if stage.highlight else "funnel-bar"
        parts.append(f'<g><title>{escape(stage.label)}: {stage.count} reached</title>'
                     f'<text class="chart-label" x="{label_w - 8}" y="{top + row_h / 2 + 4}" text-anchor="end">'
                     f'{escape(stage.label)}</text>'
                     f'<rect class="{css}" x="{label_w}" y="{top + 3}" width="{max(width, 2):.1f}" '
                     f'height="{row_h - 6}" rx="3"/>'
                     f'<text class="chart-count" x="{label_w + max(width, 2) + 6:.1f}" y="{top + row_h / 2 + 4}">'
                     f'{stage.count}</text></g>')
    parts.append("</svg>")
    return Markup("".join(parts))
