"""The trend chart: scores over the recorded periods on the band zones, as deterministic SVG.

Periods run left to right at equal steps; the 0-100 axis runs up, numbered at the band
thresholds, the plot shaded by band zone with a dashed line at each threshold and the band's
name in the margin beside its zone. Each line is one series (the
index and the pillars of one country, or the index of every country); a period without a score
breaks the line: a gap, never a drop to zero. Lines differ in colour, dash pattern and marker
shape, so the chart reads in greyscale too; each line is named at its last point and in the
legend. Uses the drawing primitives of `readiness.report.charts`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from readiness.report.charts import (
    GRID,
    INK,
    MUTED,
    ZONE_SHADES,
    Threshold,
    _f,
    _line,
    _rect,
    _svg,
    _text,
    text_width,
    wrap,
)

# Line styles: colour, dash pattern, marker. Colours differ in lightness as well as hue.
COLOURS = ("#1a1a1a", "#b2182b", "#2166ac", "#1b7837", "#762a83", "#b35806", "#4d4d4d")
DASHES = ("", "5,2", "2,2", "7,2,2,2", "1,2", "9,3", "4,1,1,1")
MARKERS = ("circle", "square", "triangle", "diamond", "down", "circle-open", "square-open")
MAX_PERIOD_LABELS = 10


@dataclass(frozen=True)
class Line:
    label: str  # in the legend
    values: tuple[float | None, ...]  # one per period; None = no score (a gap)
    style: int  # index into COLOURS / DASHES / MARKERS
    end_label: str = ""  # short name at the line's last point
    strong: bool = False  # the headline series: thicker, its values printed
    texts: tuple[str, ...] = ()  # the printed values of a strong line ("" = none)


def _marker(shape: str, x: float, y: float, colour: str, r: float) -> str:
    if shape.startswith("circle"):
        fill = "#ffffff" if shape.endswith("open") else colour
        return (
            f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(r)}" fill="{fill}" stroke="{colour}" '
            'stroke-width="1"/>'
        )
    if shape.startswith("square"):
        fill = "#ffffff" if shape.endswith("open") else colour
        return _rect(x - r, y - r, 2 * r, 2 * r, fill, stroke=colour, sw=1)
    points = {
        "triangle": ((0, -1.2), (1.1, 0.8), (-1.1, 0.8)),
        "down": ((0, 1.2), (1.1, -0.8), (-1.1, -0.8)),
        "diamond": ((0, -1.3), (1.1, 0), (0, 1.3), (-1.1, 0)),
    }[shape]
    text = " ".join(f"{_f(x + dx * r)},{_f(y + dy * r)}" for dx, dy in points)
    return f'<polygon points="{text}" fill="{colour}" stroke="{colour}" stroke-width="1"/>'


def _segments(values: Sequence[float | None]) -> list[list[int]]:
    """Runs of consecutive periods with a score."""
    runs: list[list[int]] = []
    current: list[int] = []
    for k, v in enumerate(values):
        if v is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(k)
    if current:
        runs.append(current)
    return runs


def _spread(
    wanted: list[tuple[float, int]], gap: float, low: float, high: float
) -> dict[int, float]:
    """Label positions near the wanted y, at least `gap` apart, within [low, high]."""
    placed: dict[int, float] = {}
    last = low - gap
    for y, key in sorted(wanted):
        y = max(y, last + gap)
        placed[key] = y
        last = y
    overflow = last - high
    if overflow > 0:
        for key in placed:
            placed[key] -= overflow
    return placed


def trend_chart(
    periods: Sequence[str],
    lines: Sequence[Line],
    thresholds: Sequence[Threshold],
    title: str,
    *,
    width: float = 500,
    plot_height: float = 170,
) -> str:
    """SVG of `lines` over `periods` on the band zones of `thresholds`."""
    left, top, end_room = 94.0, 10.0, 92.0
    plot_w = width - left - end_room
    bottom = top + plot_height
    n = len(periods)
    step = plot_w / max(n - 1, 1)

    def x_at(k: int) -> float:
        return left + (k * step if n > 1 else plot_w / 2)

    def y_at(v: float) -> float:
        return bottom - max(0.0, min(100.0, v)) / 100 * plot_height

    # Band zones across the plot; the band names in the margin, left of the axis, so that no
    # line ever runs over them; the axis is numbered at the thresholds.
    body: list[str] = []
    bounds = sorted(thresholds, key=lambda t: t.min)
    ticks = {0.0, 100.0}
    for k, t in enumerate(bounds):
        hi = bounds[k + 1].min if k + 1 < len(bounds) else 100.0
        lo = max(0.0, t.min)
        ticks.add(lo)
        shade = ZONE_SHADES[(len(bounds) - 1 - k) % 2]
        body.append(_rect(left, y_at(hi), plot_w, y_at(lo) - y_at(hi), shade))
        if 0 < lo < 100:
            body.append(_line(left, y_at(lo), left + plot_w, y_at(lo), "#4d4d4d", 0.9, "3,2"))
        if y_at(lo) - y_at(hi) >= 8:
            name = wrap(t.label, left - 22, 6.5, max_lines=1)[0]
            mid = (y_at(lo) + y_at(hi)) / 2 + 2.3
            body.append(
                _text(left - 20, mid, name, size=6.5, anchor="end", fill=MUTED, italic=True)
            )
    body.append(_line(left, top, left, bottom, INK, 0.8))
    body.append(_line(left, bottom, left + plot_w, bottom, INK, 0.8))
    for tick in sorted(ticks):
        body.append(_line(left - 3, y_at(tick), left, y_at(tick), INK, 0.8))
        body.append(_text(left - 5, y_at(tick) + 2.5, f"{tick:g}", size=7, anchor="end"))
    every = max(1, -(-n // MAX_PERIOD_LABELS))
    for k, period in enumerate(periods):
        body.append(_line(x_at(k), bottom, x_at(k), bottom + 3, INK, 0.8))
        if k % every == 0 or k == n - 1:
            body.append(_text(x_at(k), bottom + 12, period, size=7.5, anchor="middle"))
        if 0 < k < n and k % every == 0:
            body.append(_line(x_at(k), top, x_at(k), bottom, GRID, 0.3, "1,3"))

    ends: list[tuple[float, int]] = []
    for j, line in enumerate(lines):
        colour = COLOURS[line.style % len(COLOURS)]
        dash = DASHES[line.style % len(DASHES)]
        shape = MARKERS[line.style % len(MARKERS)]
        sw = 2.2 if line.strong else 1.2
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        for run in _segments(line.values):
            if len(run) > 1:
                points = " ".join(
                    f"{_f(x_at(k))},{_f(y_at(float(line.values[k] or 0)))}" for k in run
                )
                body.append(
                    f'<polyline points="{points}" fill="none" stroke="{colour}" '
                    f'stroke-width="{_f(sw)}"{dashed} stroke-linejoin="round"/>'
                )
            for k in run:
                value = float(line.values[k] or 0)
                body.append(
                    _marker(shape, x_at(k), y_at(value), colour, 2.8 if line.strong else 2.2)
                )
                text = line.texts[k] if k < len(line.texts) else ""
                if line.strong and text:
                    body.append(
                        _text(
                            x_at(k), y_at(value) - 6, text, size=7, anchor="middle", weight="bold"
                        )
                    )
        present = [k for k, v in enumerate(line.values) if v is not None]
        if present and line.end_label:
            ends.append((y_at(float(line.values[present[-1]] or 0)), j))
    placed = _spread(ends, 9.0, top + 4, bottom)
    for j, y in placed.items():
        line = lines[j]
        present = [k for k, v in enumerate(line.values) if v is not None]
        x = x_at(present[-1]) + 6
        colour = COLOURS[line.style % len(COLOURS)]
        label = wrap(line.end_label, width - x - 2, 7.5, max_lines=1)[0]
        body.append(_text(x, y + 3, label, size=7.5, fill=colour, weight="bold"))

    # legend: one row of swatches per line, wrapped
    y = bottom + 28
    x = left
    for line in lines:
        colour = COLOURS[line.style % len(COLOURS)]
        dash = DASHES[line.style % len(DASHES)]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        entry = 26 + text_width(line.label, 7.5) + 12
        if x + entry > width - 4 and x > left:
            x, y = left, y + 12
        body.append(
            f'<line x1="{_f(x)}" y1="{_f(y - 2.5)}" x2="{_f(x + 20)}" y2="{_f(y - 2.5)}" '
            f'stroke="{colour}" stroke-width="{_f(2.2 if line.strong else 1.2)}"{dashed}/>'
        )
        body.append(_marker(MARKERS[line.style % len(MARKERS)], x + 10, y - 2.5, colour, 2.2))
        body.append(_text(x + 24, y, line.label, size=7.5))
        x += entry
    height = y + 8
    return _svg(width, height, title, body)
