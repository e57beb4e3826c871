"""The trend chart: scores over the recorded periods on the band zones, as deterministic SVG.

Periods run left to right at equal steps; the 0-100 axis runs up, numbered at the band
thresholds, the plot shaded by band zone with a dashed line at each threshold and the band's
name in the margin beside its zone. Each line is one series (the index and the pillars of one
country, or the index of every country); a period without a score breaks the line: a gap, never
a drop to zero. Lines differ in colour, dash pattern and marker shape, so the chart reads in
greyscale too; each line is named in full at its last point and in the legend.

A rubric change between two periods is a dashed vertical rule labelled with the new rubric,
and no line runs across it from a score of the old rubric: scores either side of it are not on
the same scale. Where the earlier period's values were scored again under the new rubric, the
line crosses the rule from that score (a hollow marker where it differs from the published
one), so the segment across compares like with like.

The headline line's values are printed in a row under the period labels, each under its
period: lines that run close together (a country's index among its pillars) would leave no
place beside a marker that another marker does not crowd. End labels are measured with the
report font's own widths (`text_metrics`), wrapped rather than cut, and spread so that none
overlaps another. Uses the drawing primitives of `readiness.report.charts`.

Reference jurisdictions, when given, are small hollow grey diamonds at the last period only (the
comparison chart's look), their codes in italic in the right margin, spread with the end labels
so that none overlaps another; references whose scores lie closer than a label's height share
one label ("AUS · CAN").
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

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
    wrap,
)
from readiness.report.text_metrics import advance

# Line styles: colour, dash pattern, marker. Colours differ in lightness as well as hue.
COLOURS = ("#1a1a1a", "#b2182b", "#2166ac", "#1b7837", "#762a83", "#b35806", "#4d4d4d")
DASHES = ("", "5,2", "2,2", "7,2,2,2", "1,2", "9,3", "4,1,1,1")
MARKERS = ("circle", "square", "triangle", "diamond", "down", "circle-open", "square-open")
MAX_PERIOD_LABELS = 10
VALUE_SIZE = 7.0  # printed values of the strong line
END_SIZE = 7.5  # names at the lines' ends
END_PITCH = 9.0  # line pitch of a wrapped end label
ASCENT, DESCENT = 0.76, 0.24  # of the font size: a text line's extent around its baseline
ROW_PITCH = 11.0  # a row of printed values under the period labels
END_ROOM = (48.0, 132.0)  # the right margin for end labels: at least, at most
LEFT = 94.0  # the left margin: band names and the axis numbers
REF_SIZE = 7.0  # the italic codes of the reference jurisdictions
REF_HALF = 3.2  # half the width and height of a reference diamond
REF_STROKE = "#6f6f6f"  # grey: a reference is a yardstick, not one of the lines


@dataclass(frozen=True)
class Line:
    label: str  # in the legend
    values: tuple[float | None, ...]  # one per period; None = no score (a gap)
    style: int  # index into COLOURS / DASHES / MARKERS
    end_label: str = ""  # name at the line's last point, printed in full (wrapped)
    strong: bool = False  # the headline series: thicker, its values printed under the axis
    texts: tuple[str, ...] = ()  # the printed values of a strong line ("" = none)
    # (k, score): the values of period k-1 scored under the rubric of period k, for a rubric
    # change at k. The line crosses the change from this score, never from the published one.
    rescored: tuple[tuple[int, float], ...] = ()


@dataclass(frozen=True)
class RubricChange:
    at: int  # the first period scored with the new rubric
    label: str  # over the rule: "rubric 2.0.0"
    rescored: str = ""  # legend of the hollow markers: "2025-Q4 values under rubric 2.0.0"


def _marker(shape: str, x: float, y: float, colour: str, r: float, *, hollow: bool = False) -> str:
    fill = "#ffffff" if hollow or shape.endswith("open") else colour
    if shape.startswith("circle"):
        return (
            f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(r)}" fill="{fill}" stroke="{colour}" '
            f'stroke-width="{_f(1.2 if hollow else 1)}"/>'
        )
    if shape.startswith("square"):
        return _rect(x - r, y - r, 2 * r, 2 * r, fill, stroke=colour, sw=1.2 if hollow else 1)
    points = {
        "triangle": ((0, -1.2), (1.1, 0.8), (-1.1, 0.8)),
        "down": ((0, 1.2), (1.1, -0.8), (-1.1, -0.8)),
        "diamond": ((0, -1.3), (1.1, 0), (0, 1.3), (-1.1, 0)),
    }[shape]
    text = " ".join(f"{_f(x + dx * r)},{_f(y + dy * r)}" for dx, dy in points)
    return (
        f'<polygon points="{text}" fill="{fill}" stroke="{colour}" '
        f'stroke-width="{_f(1.2 if hollow else 1)}"/>'
    )


def _segments(
    values: Sequence[float | None], cuts: frozenset[int] = frozenset()
) -> list[list[int]]:
    """Runs of consecutive periods with a score; a run also ends before each period in `cuts`
    (the first period of a new rubric)."""
    runs: list[list[int]] = []
    current: list[int] = []
    for k, v in enumerate(values):
        if k in cuts and current:
            runs.append(current)
            current = []
        if v is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(k)
    if current:
        runs.append(current)
    return runs


def _wrap(text: str, width: float, size: float, *, bold: bool) -> list[str]:
    """Greedy word wrap by measured width; never cut (a word wider than `width` stands alone)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if not current or advance(candidate, size, bold=bold) <= width:
            current = candidate
            continue
        lines.append(current)
        current = word
    if current:
        lines.append(current)
    return lines or [""]


def _spread(
    wanted: list[tuple[float, float, int]], gap: float, low: float, high: float
) -> dict[int, float]:
    """Tops of label boxes (wanted centre, height, key) as near their centres as they can be,
    at least `gap` apart and within [low, high] where the room allows (when it does not, they
    keep apart and run above `low`)."""
    order = sorted(wanted)
    tops: list[float] = []
    floor = low
    for centre, height, _ in order:
        top = max(centre - height / 2, floor)
        tops.append(top)
        floor = top + height + gap
    ceiling = high
    for j in range(len(order) - 1, -1, -1):
        height = order[j][1]
        tops[j] = min(tops[j], ceiling - height)
        ceiling = tops[j] - gap
    return {key: top for top, (_, _, key) in zip(tops, order, strict=True)}


def _diamond(x: float, y: float, d: float = REF_HALF) -> str:
    """A reference jurisdiction's marker: a hollow grey diamond (as in the comparison chart)."""
    return (
        f'<polygon class="reference" points="{_f(x)},{_f(y - d)} {_f(x + d)},{_f(y)} '
        f'{_f(x)},{_f(y + d)} {_f(x - d)},{_f(y)}" fill="#ffffff" stroke="{REF_STROKE}" '
        'stroke-width="1.1"/>'
    )


def _reference_groups(
    references: Sequence[tuple[str, float]], y_at: Callable[[float], float]
) -> list[tuple[str, float]]:
    """(label, y) of the reference codes, in score order: codes whose markers lie closer than
    a label's height share one label ("AUS · CAN") at their mean height."""
    height = (ASCENT + DESCENT) * REF_SIZE
    groups: list[list[tuple[str, float]]] = []
    for code, score in sorted(references, key=lambda r: (-r[1], r[0])):
        y = y_at(score)
        if groups and y - groups[-1][-1][1] < height:
            groups[-1].append((code, y))
        else:
            groups.append([(code, y)])
    return [
        (" · ".join(code for code, _ in group), sum(y for _, y in group) / len(group))
        for group in groups
    ]


def trend_chart(
    periods: Sequence[str],
    lines: Sequence[Line],
    thresholds: Sequence[Threshold],
    title: str,
    *,
    changes: Sequence[RubricChange] = (),
    references: Sequence[tuple[str, float]] = (),
    reference_legend: str = "",
    width: float = 500,
    plot_height: float = 170,
) -> str:
    """SVG of `lines` over `periods` on the band zones of `thresholds`, with a rule at each
    rubric change; `references` (code, score) are drawn at the last period, named in the
    legend by `reference_legend`."""
    references = [(c, v) for c, v in references if not math.isnan(v)]
    ends_wanted = [
        advance(line.end_label, END_SIZE, bold=True)
        for line in lines
        if line.end_label and any(v is not None for v in line.values)
    ]
    ends_wanted += [
        advance(" · ".join(c for c, _ in references), REF_SIZE, bold=False) if references else 0.0
    ]
    end_room = min(END_ROOM[1], max(END_ROOM[0], max(ends_wanted, default=0.0) + 14))
    left, top = LEFT, 10.0 + (14.0 if changes else 0.0)
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

    # Each rubric change: a dashed rule between its two periods, the new rubric named above it.
    cuts = frozenset(c.at for c in changes if 0 < c.at < n)
    for change in changes:
        if change.at not in cuts:
            continue
        x = (x_at(change.at - 1) + x_at(change.at)) / 2
        body.append(
            f'<line class="rubric-change" x1="{_f(x)}" y1="{_f(top - 10)}" x2="{_f(x)}" '
            f'y2="{_f(bottom)}" stroke="{INK}" stroke-width="1" stroke-dasharray="4,2"/>'
        )
        body.append(
            f'<text class="rubric-change" x="{_f(x)}" y="{_f(top - 12)}" font-size="7" '
            f'text-anchor="middle" font-weight="bold" fill="{INK}">{escape(change.label)}</text>'
        )

    # Lines first, markers over them.
    markers: list[str] = []
    hollow_drawn = False
    for line in lines:
        colour = COLOURS[line.style % len(COLOURS)]
        dash = DASHES[line.style % len(DASHES)]
        shape = MARKERS[line.style % len(MARKERS)]
        sw = 2.2 if line.strong else 1.2
        r = 2.8 if line.strong else 2.2
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        pieces: list[list[tuple[float, float]]] = []
        for run in _segments(line.values, cuts):
            pieces.append([(x_at(k), y_at(float(line.values[k] or 0))) for k in run])
            for k in run:
                x, y = x_at(k), y_at(float(line.values[k] or 0))
                markers.append(_marker(shape, x, y, colour, r))
        for k, value in line.rescored:
            after = line.values[k] if k in cuts else None
            if after is None:
                continue
            x, y = x_at(k - 1), y_at(value)
            pieces.append([(x, y), (x_at(k), y_at(after))])
            published = line.values[k - 1]
            if published is None or abs(published - value) >= 0.05:
                hollow_drawn = True
                markers.append(_marker(shape, x, y, colour, r, hollow=True))
        for piece in pieces:
            if len(piece) > 1:
                points = " ".join(f"{_f(px)},{_f(py)}" for px, py in piece)
                body.append(
                    f'<polyline points="{points}" fill="none" stroke="{colour}" '
                    f'stroke-width="{_f(sw)}"{dashed} stroke-linejoin="round"/>'
                )
    body += markers
    refs = _reference_groups(references, y_at) if n else []
    for _, score in references:
        body.append(_diamond(x_at(n - 1), y_at(score)))

    # Names at the lines' ends, in full, spread so that none overlaps another; a thin leader
    # joins a name moved away from its line's end.
    ends: list[tuple[float, float, int]] = []
    wrapped: dict[int, list[str]] = {}
    for j, line in enumerate(lines):
        present = [k for k, v in enumerate(line.values) if v is not None]
        if present and line.end_label:
            x = x_at(present[-1]) + 8
            rows = _wrap(line.end_label, width - x - 2, END_SIZE, bold=True)
            wrapped[j] = rows
            height = (len(rows) - 1) * END_PITCH + (ASCENT + DESCENT) * END_SIZE
            ends.append((y_at(float(line.values[present[-1]] or 0)), height, j))
    ref_height = (ASCENT + DESCENT) * REF_SIZE
    ref_ends = [(y, ref_height, len(lines) + i) for i, (_, y) in enumerate(refs)]
    placed = _spread(ends + ref_ends, 1.5, top, bottom + 8)
    for centre, height, key in ref_ends:
        x_pt = x_at(n - 1)
        x = x_pt + 8
        box_top = placed[key]
        if abs(box_top + height / 2 - centre) > 3:
            body.append(
                _line(x_pt + REF_HALF + 0.5, centre, x - 1.5, box_top + height / 2, GRID, 0.6)
            )
        body.append(
            f'<text class="reference" x="{_f(x)}" y="{_f(box_top + ASCENT * REF_SIZE)}" '
            f'font-size="{_f(REF_SIZE)}" text-anchor="start" font-style="italic" '
            f'fill="{MUTED}">{escape(refs[key - len(lines)][0])}</text>'
        )
    for centre, height, j in ends:
        line = lines[j]
        present = [k for k, v in enumerate(line.values) if v is not None]
        x_pt = x_at(present[-1])
        x = x_pt + 8
        colour = COLOURS[line.style % len(COLOURS)]
        box_top = placed[j]
        rows = wrapped[j]
        if abs(box_top + height / 2 - centre) > 3:
            body.append(_line(x_pt + 3.5, centre, x - 1.5, box_top + height / 2, colour, 0.6))
        for i, row in enumerate(rows):
            baseline = box_top + ASCENT * END_SIZE + i * END_PITCH
            body.append(
                f'<text class="end" x="{_f(x)}" y="{_f(baseline)}" font-size="{_f(END_SIZE)}" '
                f'text-anchor="start" font-weight="bold" fill="{colour}">{escape(row)}</text>'
            )

    # The strong lines' values in rows under the period labels, each under its period and
    # named in the margin: never over a marker or a line, however close the lines run.
    y = bottom + 12
    printed = [line for line in lines if line.strong and any(v is not None for v in line.values)]
    for line in (line for line in printed if line.texts):
        y += ROW_PITCH
        printed_to = -1e9  # right edge of the last value printed: a value never overlaps it
        widest = max(advance(t, VALUE_SIZE, bold=True) for t in line.texts)
        body.append(
            _text(
                x_at(0) - widest / 2 - 4,
                y,
                line.label,
                size=VALUE_SIZE,
                anchor="end",
                weight="bold",
            )
        )
        for k, text in enumerate(line.texts[:n]):
            half = advance(text, VALUE_SIZE, bold=True) / 2
            if not text or x_at(k) - half < printed_to + 3:
                continue
            body.append(
                f'<text class="value" x="{_f(x_at(k))}" y="{_f(y)}" '
                f'font-size="{_f(VALUE_SIZE)}" text-anchor="middle" font-weight="bold" '
                f'fill="{INK}">{escape(text)}</text>'
            )
            printed_to = x_at(k) + half

    # legend: one row of swatches per line, wrapped; the hollow marker explained when drawn
    y += 16
    x = left
    entries = [(line.label, line.style, 2.2 if line.strong else 1.2, False) for line in lines]
    legend_hollow = next((c.rescored for c in changes if c.rescored), "")
    if hollow_drawn and legend_hollow:
        entries.append((legend_hollow, -1, 0.0, True))
    if references and reference_legend:
        entries.append((reference_legend, -2, 0.0, True))
    for label, style, sw, hollow in entries:
        entry = 26 + advance(label, 7.5) + 12
        if x + entry > width - 4 and x > left:
            x, y = left, y + 12
        if style == -2:  # a grey diamond alone: the reference jurisdictions
            body.append(_diamond(x + 10, y - 2.5))
        elif hollow:  # a hollow marker alone: the earlier values under the new rubric
            body.append(_marker("circle", x + 10, y - 2.5, MUTED, 2.2, hollow=True))
        else:
            colour = COLOURS[style % len(COLOURS)]
            dash = DASHES[style % len(DASHES)]
            body.append(_line(x, y - 2.5, x + 20, y - 2.5, colour, sw, dash))
            body.append(_marker(MARKERS[style % len(MARKERS)], x + 10, y - 2.5, colour, 2.2))
        body.append(_text(x + 24, y, label, size=7.5))
        x += entry
    height = y + 8
    return _svg(width, height, title, body)
