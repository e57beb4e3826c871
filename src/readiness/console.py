"""Plain-text tables for the terminal (the CLI prints these; it formats nothing itself)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from readiness import format as fmt

if TYPE_CHECKING:
    from readiness.engine.result import Result
    from readiness.engine.scenarios import ScenarioOutcome
    from readiness.engine.sensitivity import Sensitivity
    from readiness.engine.uncertainty import Robustness
    from readiness.history.read import PeriodInfo, Point, Standing


def table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], right: frozenset[int] = frozenset()
) -> str:
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]

    def fmt(row: Sequence[str]) -> str:
        cells = [
            c.rjust(w) if k in right else c.ljust(w)
            for k, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        return "  ".join(cells).rstrip()

    return "\n".join([fmt(headers), fmt(["-" * w for w in widths]), *(fmt(r) for r in rows)])


def ranking_table(result: Result) -> str:
    import pandas as pd

    rows = []
    for rec in result.ranking().itertuples(index=False):
        score = "" if math.isnan(rec.score) else fmt.score(rec.score, result.rubric.thresholds)
        rank = "" if rec.rank is pd.NA else str(rec.rank)
        band = "" if rec.band is pd.NA else str(rec.band)
        note = rec.reason or ""
        rows.append(
            [rank, str(rec.unit), str(rec.name), score, band, fmt.percent(rec.coverage), note]
        )
    title = f"{result.rubric.title} (rubric {result.rubric.version})"
    if result.period:
        title += f", period {result.period}"
    body = table(
        ["rank", "unit", "name", "score", "band", "coverage", "note"],
        rows,
        right=frozenset({0, 3, 5}),
    )
    return f"{title}\n{body}"


def _score(value: float | None, thresholds: Sequence[float] = ()) -> str:
    """Printed as everywhere else (`readiness.format`), but empty rather than a dash."""
    return "" if value is None else fmt.score(value, thresholds)


def history_table(
    periods: Sequence[PeriodInfo],
    units: Sequence[str],
    index: dict[tuple[str, str], Point],
    thresholds: dict[str, tuple[float, ...]],
) -> str:
    """One row per recorded period: its rubric version and each unit's index score
    (empty where the unit has no index score that period)."""
    rows = []
    for info in periods:
        cells = [info.period, info.rubric_version]
        for unit in units:
            point = index.get((info.period, unit))
            bands = thresholds.get(info.period, ())
            cells.append(_score(point.score, bands) if point is not None else "")
        rows.append(cells)
    headers = ["period", "rubric", *units]
    return table(headers, rows, right=frozenset(range(2, 2 + len(units))))


def trajectory_table(
    unit: str,
    name: str,
    points: Sequence[Point],
    items: Sequence[str],
    thresholds: dict[str, tuple[float, ...]],
) -> str:
    """One unit's index, band and rank, then each aggregate's score, period by period."""
    by_period: dict[str, dict[str, Point]] = {}
    for point in points:
        by_period.setdefault(point.period, {})[point.item] = point
    index = next((p.item for p in points if p.kind == "index"), "")
    rows = []
    for period, found in by_period.items():
        top = found.get(index)
        rows.append(
            [
                period,
                _score(top.score, thresholds.get(period, ())) if top else "",
                (top.band or "") if top else "",
                str(top.rank) if top and top.rank is not None else "",
                *(_score(found[i].score) if i in found else "" for i in items),
                (top.reason if top and top.score is None else ""),
            ]
        )
    headers = ["period", index, "band", "rank", *items, "note"]
    body = table(headers, rows, right=frozenset({1, 3, *range(4, 4 + len(items))}))
    return f"{name} ({unit})\n{body}"


def standings_table(
    title: str, standings: Sequence[Standing], thresholds: Sequence[float] = ()
) -> str:
    """The ranking of one recorded period, laid out as `ranking_table` lays out a result."""
    rows = [
        [
            "" if s.rank is None else str(s.rank),
            s.unit,
            s.name,
            _score(s.score, thresholds),
            s.band or "",
            "" if s.coverage is None else f"{s.coverage:.0%}",
            s.reason if s.score is None else ("reference" if s.role == "reference" else ""),
        ]
        for s in standings
    ]
    body = table(
        ["rank", "unit", "name", "score", "band", "coverage", "note"],
        rows,
        right=frozenset({0, 3, 5}),
    )
    return f"{title}\n{body}"


def scenario_table(outcome: ScenarioOutcome) -> str:
    """The scenario's changes, then each unit's score, band and rank before and after."""
    rubric = outcome.result.rubric
    marks = rubric.thresholds
    lines = [f"Scenario: {outcome.title}" if outcome.title else "Scenario"]
    change_rows = [
        [c.unit, c.indicator, fmt.number(c.before), fmt.number(c.after), c.note]
        for c in outcome.changes
    ]
    lines.append(table(["unit", "indicator", "before", "after", "note"], change_rows))
    lines.append("")
    rows = []
    for u in outcome.units:
        delta = u.score_after - u.score_before
        rows.append(
            [
                u.unit,
                u.name,
                "" if math.isnan(u.score_before) else fmt.score(u.score_before, marks),
                "" if math.isnan(u.score_after) else fmt.score(u.score_after, marks),
                "" if math.isnan(delta) else f"{delta:+.2f}",
                u.band_before or "",
                u.band_after or "",
                "" if u.rank_before is None else str(u.rank_before),
                "" if u.rank_after is None else str(u.rank_after),
            ]
        )
    headers = ["unit", "name", "score", "new", "change", "band", "new band", "rank", "new rank"]
    lines.append(table(headers, rows, right=frozenset({2, 3, 4, 7, 8})))
    return "\n".join(lines)


def robustness_table(rob: Robustness, sens: Sensitivity | None) -> str:
    """Per unit: nominal score and rank, their 5-95 % intervals and band shares; then the
    largest Sobol total indices."""
    lines = [f"Uncertainty analysis: {rob.draws:,} draws, seed {rob.seed}"]
    lines += [f"  varied: {v}" for v in rob.varied]
    rows = []
    for u in rob.units:
        bands = ", ".join(
            f"{label} {share:.0%}"
            for label, share in zip(rob.bands, u.p_band, strict=True)
            if share
        )
        rows.append(
            [
                u.unit,
                "" if math.isnan(u.score) else f"{u.score:.1f}",
                "" if math.isnan(u.score_low) else f"{u.score_low:.1f}-{u.score_high:.1f}",
                "reference" if u.reference else ("" if u.rank is None else str(u.rank)),
                "" if math.isnan(u.rank_low) else f"{u.rank_low:.0f}-{u.rank_high:.0f}",
                bands or "no score",
            ]
        )
    lines.append(table(["unit", "score", "5-95 %", "rank", "5-95 %", "bands"], rows))
    if sens is not None and sens.indices:
        lines.append("")
        lines.append(f"Sobol indices of the {sens.output} ({sens.runs:,} runs):")
        top = [
            [
                i.group,
                f"{i.first:.2f} +/- {i.first_conf:.2f}",
                f"{i.total:.2f} +/- {i.total_conf:.2f}",
            ]
            for i in sens.indices[:10]
        ]
        lines.append(table(["input", "first-order", "total"], top))
    return "\n".join(lines)


def _share(p: float) -> str:
    """A share of draws as printed: never 0 % for something that happened, never 100 % for
    something that did not always happen."""
    if 0 < p < 0.005:
        return "<1%"
    if 0.995 <= p < 1:
        return ">99%"
    return f"{p:.0%}"
