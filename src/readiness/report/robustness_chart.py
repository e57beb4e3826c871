"""Robustness charts as deterministic SVG: score intervals on the band zones, rank intervals,
and Sobol bars. Uses the drawing primitives of `readiness.report.charts`.

- Score intervals: one row per country; a bar from the 5th to the 95th percentile of the index
  over the draws, the median marked, the nominal score as a dot, band zones shaded.
- Rank intervals: one row per country; ranks 1..n left to right, the 5-95 % range as a bar and
  the nominal rank as a dot.
- Sobol bars: one row per uncertain input; the total index as a bar with its confidence
  interval as a whisker, the first-order index as a darker inner bar.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from readiness.report.charts import (
    BAND_FILLS,
    GRID,
    INK,
    MUTED,
    Threshold,
    _axis,
    _line,
    _rect,
    _row_label,
    _svg,
    _text,
    _zone_labels,
    _zones,
)

WIDTH, LABEL_W, VALUE_W = 680.0, 170.0, 96.0


@dataclass(frozen=True)
class Interval:
    label: str
    nominal: float  # NaN: no nominal value (a country without a score or rank)
    low: float
    median: float
    high: float
    text: str  # printed at the right
    strong: bool = False


@dataclass(frozen=True)
class SobolBar:
    label: str
    first: float
    total: float
    total_conf: float
    text: str


def score_intervals(rows: Sequence[Interval], thresholds: Sequence[Threshold], title: str) -> str:
    """5-95 % score intervals over 0-100 with the band zones."""
    plot_x = LABEL_W + 8
    plot_w = WIDTH - plot_x - VALUE_W
    top, row_h = 40.0, 26.0
    height = top + row_h * len(rows) + 22
    body: list[str] = []
    zones, spans = _zones(plot_x, top - 6, plot_w, row_h * len(rows) + 6, thresholds)
    body += zones
    body += _zone_labels(plot_x, 20, plot_w, spans)
    for k, row in enumerate(rows):
        cy = top + k * row_h + row_h / 2
        body += _row_label(row.label, LABEL_W, LABEL_W, cy, row.strong)
        body += _interval(row, cy, plot_x, plot_w, 0.0, 100.0)
        body.append(_text(plot_x + plot_w + 6, cy + 3.5, row.text, size=8.5))
    body += _axis(plot_x, top + row_h * len(rows), plot_w)
    return _svg(WIDTH, height, title, body)


def rank_intervals(rows: Sequence[Interval], n_ranks: int, title: str) -> str:
    """5-95 % rank intervals on 1..n (1 at the left)."""
    plot_x = LABEL_W + 8
    plot_w = WIDTH - plot_x - VALUE_W
    top, row_h = 34.0, 26.0
    height = top + row_h * len(rows) + 26
    n = max(n_ranks, 2)
    body: list[str] = []
    for r in range(1, n + 1):
        x = plot_x + (r - 1) / (n - 1) * plot_w
        body.append(_line(x, top - 4, x, top + row_h * len(rows), GRID, 0.5, "2,2"))
        body.append(_text(x, top + row_h * len(rows) + 14, str(r), size=9, anchor="middle"))
    body.append(_text(plot_x, 16, "rank 1 (best)", size=8.5, fill=MUTED))
    body.append(_text(plot_x + plot_w, 16, f"rank {n}", size=8.5, fill=MUTED, anchor="end"))
    for k, row in enumerate(rows):
        cy = top + k * row_h + row_h / 2
        body += _row_label(row.label, LABEL_W, LABEL_W, cy, row.strong)
        body += _interval(row, cy, plot_x, plot_w, 1.0, float(n))
        body.append(_text(plot_x + plot_w + 6, cy + 3.5, row.text, size=8.5))
    return _svg(WIDTH, height, title, body)


def _interval(row: Interval, cy: float, x0: float, w: float, lo: float, hi: float) -> list[str]:
    def at(v: float) -> float:
        return x0 + (min(max(v, lo), hi) - lo) / (hi - lo) * w

    out: list[str] = []
    if math.isnan(row.low):
        out.append(_text(x0 + 4, cy + 3, "no score in any draw", size=8.5, fill=MUTED))
        return out
    a, b = at(row.low), at(row.high)
    out.append(_rect(a, cy - 5, max(b - a, 1.5), 10, BAND_FILLS[2], INK, 0.7))
    m = at(row.median)
    out.append(_line(m, cy - 7, m, cy + 7, INK, 1.4))
    if not math.isnan(row.nominal):
        out.append(
            f'<circle cx="{at(row.nominal):.2f}" cy="{cy:.2f}" r="3.6" fill="#ffffff" '
            f'stroke="{INK}" stroke-width="1.4"/>'
        )
    return out


def sobol_bars(rows: Sequence[SobolBar], title: str) -> str:
    """Total Sobol index (bar, with its confidence interval) and first-order index (inner bar)."""
    plot_x = LABEL_W + 70
    plot_w = WIDTH - plot_x - VALUE_W
    top, row_h = 30.0, 22.0
    height = top + row_h * len(rows) + 26
    body: list[str] = []
    for t in (0.0, 0.25, 0.5, 0.75, 1.0):
        x = plot_x + t * plot_w
        body.append(_line(x, top - 4, x, top + row_h * len(rows), GRID, 0.5, "2,2"))
        body.append(_text(x, top + row_h * len(rows) + 14, f"{t:g}", size=9, anchor="middle"))
    body.append(_rect(plot_x, 8, 10, 8, BAND_FILLS[2], INK, 0.6))
    body.append(_text(plot_x + 14, 15.5, "with its interplay (total)", size=8.5))
    body.append(_rect(plot_x + 150, 8, 10, 8, BAND_FILLS[0], INK, 0.6))
    body.append(_text(plot_x + 164, 15.5, "alone (first-order)", size=8.5))
    for k, row in enumerate(rows):
        cy = top + k * row_h + row_h / 2
        body += _row_label(row.label, plot_x - 8, plot_x - 8, cy, False)
        total = min(max(row.total, 0.0), 1.0)
        first = min(max(row.first, 0.0), total)
        body.append(_rect(plot_x, cy - 6, total * plot_w, 12, BAND_FILLS[2], INK, 0.6))
        body.append(_rect(plot_x, cy - 3, first * plot_w, 6, BAND_FILLS[0]))
        lo = min(max(row.total - row.total_conf, 0.0), 1.0)
        hi = min(max(row.total + row.total_conf, 0.0), 1.0)
        body.append(_line(plot_x + lo * plot_w, cy, plot_x + hi * plot_w, cy, INK, 1.0))
        body.append(_text(plot_x + plot_w + 6, cy + 3.5, row.text, size=8.5))
    return _svg(WIDTH, height, title, body)
