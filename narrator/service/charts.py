"""Bar charts as SVG, drawn on the server for the editor's Stats page: no script, no
style sheet of their own (the editor's Content-Security-Policy allows neither inline),
only presentation attributes. Text and bars take the page's text colour
(``currentColor``), so a chart reads in a light and a dark scheme alike. Each chart is an
image with a title and a description for a screen reader; the page puts a table of the
same numbers beside it."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 24, 44
FONT = 13


@dataclass(frozen=True)
class Series:
    """One row of bars: its name (the legend's) and one value per label."""

    name: str
    values: Sequence[float]


def _ticks(top: float, percent: bool) -> list[float]:
    """Gridlines at round values from 0 to at least ``top``."""
    if percent:
        return [0, 25, 50, 75, 100]
    if top <= 0:
        return [0, 1]
    step = 10 ** math.floor(math.log10(top))
    for factor in (1, 2, 5, 10):
        if top / (step * factor) <= 5:
            step *= factor
            break
    count = math.ceil(top / step)
    return [step * i for i in range(count + 1)]


def _number(value: float, percent: bool, tick: bool = False) -> str:
    """A value as the page's tables write it (shares to a tenth of a percent); a tick whole."""
    if percent:
        return f"{value:g}%" if tick else f"{value:.1f}%"
    return f"{value:g}"


def bar_chart(chart_id: str, title: str, description: str, labels: Sequence[str], series: Sequence[Series], *,
              percent: bool = False, label_every: int = 1, values_shown: bool = True) -> Markup:  # fmt: skip
    """A bar chart: one group of bars per label, one bar per series (the first solid, the
    second outlined), the values written above the bars when ``values_shown``, every
    ``label_every``-th label written under its group."""
    top = max([v for s in series for v in s.values] + [0])
    ticks = _ticks(100 if percent else top, percent)
    high = ticks[-1] or 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    group = plot_w / max(1, len(labels))
    bar = group * 0.8 / max(1, len(series))

    def y(value: float) -> float:
        return TOP + plot_h - plot_h * value / high

    legend = len(series) > 1
    height = HEIGHT + (24 if legend else 0)
    parts = [
        f'<svg class="chart" id="{chart_id}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" font-size="{FONT}" font-family="system-ui, sans-serif" '
        f'fill="currentColor" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for tick in ticks:
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
                     f'stroke="currentColor" stroke-opacity="{0.6 if tick == 0 else 0.2}"/>')  # fmt: skip
        parts.append(
            f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{_number(tick, percent, True)}</text>'
        )
    for i, label in enumerate(labels):
        x0 = LEFT + group * i + group * 0.1
        for j, one in enumerate(series):
            value = one.values[i]
            x = x0 + bar * j
            h = max(0.0, y(0) - y(value))
            fill = 'fill="currentColor"' if j == 0 else 'fill="none" stroke="currentColor" stroke-width="1.5"'
            if h:
                parts.append(f'<rect x="{x:.1f}" y="{y(value):.1f}" width="{bar - 1:.1f}" height="{h:.1f}" {fill}/>')
            if values_shown and value:
                parts.append(f'<text x="{x + bar / 2:.1f}" y="{y(value) - 4:.1f}" text-anchor="middle">'
                             f"{_number(value, percent)}</text>")  # fmt: skip
        if i % label_every == 0:
            parts.append(f'<text x="{LEFT + group * (i + 0.5):.1f}" y="{TOP + plot_h + 18}" '
                         f'text-anchor="middle">{escape(label)}</text>')  # fmt: skip
    if legend:
        x = LEFT
        for j, one in enumerate(series):
            fill = 'fill="currentColor"' if j == 0 else 'fill="none" stroke="currentColor" stroke-width="1.5"'
            parts.append(f'<rect x="{x}" y="{HEIGHT - 2}" width="14" height="14" {fill}/>')
            parts.append(f'<text x="{x + 20}" y="{HEIGHT + 10}">{escape(one.name)}</text>')
            x += 40 + 8 * len(one.name)
    parts.append("</svg>")
    return Markup("\n".join(parts))
