"""The scores over time that the trend charts draw, read from the history database.

`Trend` holds every recorded period up to the one being reported, and for each unit the index
and each aggregate per period (None where there is no score: a gap, never a zero), plus the
attribution of the latest change (`attribution.attribute`), computed by the caller.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from readiness import sources
from readiness.history import read
from readiness.trend.attribution import Attribution


@dataclass(frozen=True)
class Trend:
    periods: tuple[str, ...]  # oldest first, the reported period last
    rubric_versions: tuple[str, ...]  # the rubric version of each period
    scores: dict[tuple[str, str], tuple[float | None, ...]]  # (unit, item) -> one per period
    attribution: Attribution | None = None  # the reported period against the one before
    rubric_ids: tuple[str, ...] = ()  # the rubric id of each period (empty: not known)

    def series(self, unit: str, item: str) -> tuple[float | None, ...]:
        return self.scores.get((unit, item), (None,) * len(self.periods))

    def with_attribution(self, attribution: Attribution | None) -> Trend:
        return Trend(self.periods, self.rubric_versions, self.scores, attribution, self.rubric_ids)

    def rubric_of(self, k: int) -> tuple[str, str]:
        """(rubric id, version) of period k; the id is "" when not known."""
        rubric_id = self.rubric_ids[k] if k < len(self.rubric_ids) else ""
        return rubric_id, self.rubric_versions[k]


def from_history(conn: sqlite3.Connection, upto: str) -> Trend:
    """Every recorded period up to `upto` with the index and aggregate scores of every unit."""
    last = sources.period_key(upto)
    infos = [p for p in read.periods(conn) if sources.period_key(p.period) <= last]
    periods = tuple(p.period for p in infos)
    position = {p: k for k, p in enumerate(periods)}
    rows = conn.execute(
        "SELECT period, unit, item, score FROM results WHERE kind != 'indicator'"
    ).fetchall()
    columns: dict[tuple[str, str], list[float | None]] = {}
    for period, unit, item, score in rows:
        if period not in position:
            continue
        column = columns.setdefault((str(unit), str(item)), [None] * len(periods))
        column[position[period]] = None if score is None else float(score)
    return Trend(
        periods,
        tuple(p.rubric_version for p in infos),
        {key: tuple(values) for key, values in sorted(columns.items())},
        rubric_ids=tuple(p.rubric_id for p in infos),
    )
