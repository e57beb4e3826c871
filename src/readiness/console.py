"""Plain-text tables for the terminal (the CLI prints these; it formats nothing itself)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from readiness import format as fmt
from readiness.problems import Problem

if TYPE_CHECKING:
    from readiness.engine.result import Result
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


def problems_table(problems: Sequence[Problem]) -> str:
    rows = [[str(p.location), p.severity.value, p.code, p.message] for p in problems]
    return table(["location", "severity", "code", "message"], rows)


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
