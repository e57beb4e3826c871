"""What-if scenarios: score the result again with some values changed, beside the baseline.

A scenario is scored by the engine itself (one `score` call on the changed raw frame, with the
same evidence, attributes and period), so every rule of the rubric applies and the new result
can be rendered like any other. The comparison lists, per unit, index score, band and rank
before and after, and the change in score.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from readiness.engine.result import Result
from readiness.engine.score import score


@dataclass(frozen=True)
class CellChange:
    """One changed raw value (indicator or denominator)."""

    unit: str
    indicator: str
    before: float
    after: float
    note: str = ""


@dataclass(frozen=True)
class UnitComparison:
    """One unit's index before and after the scenario."""

    unit: str
    name: str
    score_before: float
    score_after: float
    band_before: str | None
    band_after: str | None
    rank_before: int | None
    rank_after: int | None

    @property
    def delta(self) -> float:
        return self.score_after - self.score_before


@dataclass(frozen=True)
class ScenarioOutcome:
    title: str
    changes: tuple[CellChange, ...]
    units: tuple[UnitComparison, ...]  # in the scenario's ranking order
    baseline: Result
    result: Result  # the full result with the changes applied


def run_scenario(
    result: Result, changes: Sequence[tuple[str, str, float, str]], title: str = ""
) -> ScenarioOutcome:
    """Score `result`'s inputs with `changes` = (unit, indicator or denominator, new raw value,
    note) applied, and compare with the baseline."""
    raw = pd.concat([result.raw, result.denominators], axis=1)
    applied = []
    for unit, ind_id, value, note in changes:
        before = float(raw.at[unit, ind_id])
        raw.at[unit, ind_id] = float(value)
        applied.append(CellChange(unit, ind_id, before, float(value), note))
    after = score(
        result.rubric,
        raw,
        evidence=result.evidence,
        attributes=result.attributes,
        period=result.period,
        origin=result.origin,
        sha256=result.sha256,
    )
    root = result.rubric.root.id
    units = []
    for unit in [str(u) for u in after.ranking()["unit"]]:
        units.append(
            UnitComparison(
                unit=unit,
                name=str(after.unit_names.get(unit, unit)),
                score_before=float(result.scores.at[unit, root]),
                score_after=float(after.scores.at[unit, root]),
                band_before=result.band_of(unit),
                band_after=after.band_of(unit),
                rank_before=_rank(result, unit),
                rank_after=_rank(after, unit),
            )
        )
    return ScenarioOutcome(title, tuple(applied), tuple(units), result, after)


def _rank(result: Result, unit: str) -> int | None:
    value = result.ranks.at[unit, result.rubric.root.id]
    return None if pd.isna(value) else int(value)


def changed(a: float, b: float) -> bool:
    """Whether two scores differ (both missing is no change)."""
    if math.isnan(a) and math.isnan(b):
        return False
    return not np.isclose(a, b, rtol=0, atol=1e-9)
