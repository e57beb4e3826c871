"""Plain-text tables for the terminal (the CLI prints these; it formats nothing itself)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from readiness import format as fmt
from readiness.engine.result import Result
from readiness.problems import Problem


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
