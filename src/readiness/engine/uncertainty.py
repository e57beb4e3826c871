"""Uncertainty analysis: how far each score, rank and band moves when the inputs that are
matters of judgement or measurement move (OECD/JRC Handbook on Constructing Composite
Indicators, 2008, step 7; COINr `get_sensitivity(SA_type = "UA")`).

Monte Carlo: D points u ~ U[0, 1)^k, each mapped to a draw by `design.Design` and scored by the
batch kernel. Per unit: the nominal score, rank and band (the engine's); the median and the 5th
and 95th percentiles of score and rank over the draws in which the unit has a score; the share
of draws in each band. Ranks are among the assessed units scored in that draw (reference units
are scored and banded, never ranked), ties sharing the best rank, on scores rounded to 1e-9.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from readiness.engine.batch import score_draws
from readiness.engine.design import Design
from readiness.engine.plan import Plan
from readiness.engine.rank import SCORE_DECIMALS
from readiness.engine.result import Result
from readiness.rubric.model import RankTies, Uncertainty

CHUNK = 2048  # draws made and scored at once


@dataclass(frozen=True)
class UnitRobustness:
    """One unit's nominal result and how it moves over the draws."""

    unit: str
    name: str
    reference: bool
    score: float  # nominal (NaN: no score)
    rank: int | None  # nominal
    band: str | None  # nominal
    score_median: float
    score_low: float  # 5th percentile
    score_high: float  # 95th percentile
    rank_median: float
    rank_low: float  # 5th percentile (the better end)
    rank_high: float  # 95th percentile
    p_scored: float  # share of draws with an index score
    p_band: tuple[float, ...]  # share of draws in each band, rubric order (highest first)
    p_same_rank: float  # share of draws with the nominal rank (NaN: not ranked)
    p_same_band: float  # share of draws in the nominal band (NaN: no nominal band)


@dataclass(frozen=True)
class Robustness:
    """The uncertainty analysis of one result."""

    rubric_id: str
    period: str | None
    draws: int
    seed: int
    varied: tuple[str, ...]  # what was varied, in words
    bands: tuple[str, ...]  # band labels, highest first
    units: tuple[UnitRobustness, ...]  # in ranking order (then unscored, then references)
    fragile_below: float
    index_draws: np.ndarray  # (D, U) index score of each unit in each draw (rubric unit order)

    def band_share(self, unit: UnitRobustness, label: str) -> float:
        return unit.p_band[self.bands.index(label)]

    def by_unit(self) -> dict[str, UnitRobustness]:
        return {u.unit: u for u in self.units}


def spec_of(result: Result, draws: int | None = None, seed: int | None = None) -> Uncertainty:
    """The rubric's uncertainty section (defaults when it has none), with overrides."""
    spec = result.rubric.uncertainty or Uncertainty()
    update: dict[str, int] = {}
    if draws is not None:
        update["draws"] = draws
    if seed is not None:
        update["seed"] = seed
    return Uncertainty.model_validate({**spec.model_dump(), **update}) if update else spec


def setup(result: Result, spec: Uncertainty) -> tuple[Plan, np.ndarray, Design]:
    """The plan, raw matrix and factor design of `result` under `spec`."""
    plan = Plan.build(result.rubric, result.units, result.attributes)
    raw = pd.concat([result.raw, result.denominators], axis=1)
    matrix = raw.reindex(columns=list(plan.columns)).to_numpy(dtype=float)
    return plan, matrix, Design(plan, matrix, result.evidence, spec)


def draw_ranks(scores: np.ndarray, rankable: np.ndarray, ties: RankTies) -> np.ndarray:
    """Ranks (1 = best) of each row's scores among the `rankable` units with a score, ties
    sharing the best rank (`min`: 1, 1, 3) or the next (`dense`: 1, 1, 2); NaN elsewhere.
    Scores are compared rounded to 1e-9, as the engine's `rank` does."""
    s = np.where(rankable[np.newaxis, :], np.round(scores, SCORE_DECIMALS), np.nan)
    order = np.argsort(-s, axis=1, kind="stable")  # NaN last
    sorted_ = np.take_along_axis(-s, order, axis=1)
    n = s.shape[1]
    pos = np.broadcast_to(np.arange(n, dtype=float), s.shape)
    new = np.ones(s.shape, dtype=bool)
    new[:, 1:] = sorted_[:, 1:] != sorted_[:, :-1]
    if ties is RankTies.DENSE:
        ranked = np.cumsum(new, axis=1).astype(float)
    else:
        ranked = np.maximum.accumulate(np.where(new, pos, 0.0), axis=1) + 1.0
    ranked = np.where(np.isnan(sorted_), np.nan, ranked)
    out = np.empty_like(ranked)
    np.put_along_axis(out, order, ranked, axis=1)
    return out


def mean_rank_shift(ranks: np.ndarray, nominal: np.ndarray) -> np.ndarray:
    """Per draw: mean over the units ranked both nominally and in the draw of
    |rank_draw - rank_nominal| (the output COINr's sensitivity analysis explains)."""
    both = ~np.isnan(ranks) & ~np.isnan(nominal)[np.newaxis, :]
    shift = np.where(both, np.abs(ranks - nominal[np.newaxis, :]), 0.0)
    count = both.sum(axis=1)
    return np.where(count > 0, shift.sum(axis=1) / np.maximum(count, 1), 0.0)


def analyse(
    result: Result,
    *,
    draws: int | None = None,
    seed: int | None = None,
    rng: np.random.Generator | None = None,
) -> Robustness:
    """Run the uncertainty analysis of `result` (its rubric's `uncertainty:` section, or the
    defaults). `rng` defaults to numpy's PCG64 seeded with the spec's seed."""
    spec = spec_of(result, draws, seed)
    plan, raw, design = setup(result, spec)
    rng = rng if rng is not None else np.random.default_rng(spec.seed)
    root = plan.rubric.root.id
    index = np.empty((spec.draws, len(plan.units)))
    # Draws are made and scored a chunk at a time (the same stream of numbers as one call):
    # with thousands of uncertain values, all draws' points at once would not fit in memory.
    for start in range(0, spec.draws, CHUNK):
        n = min(CHUNK, spec.draws - start)
        u = rng.random((n, design.k))
        index[start : start + n] = score_draws(plan, raw, design.draws(u))[root]
    return summarise(result, spec, design, index)


def summarise(result: Result, spec: Uncertainty, design: Design, index: np.ndarray) -> Robustness:
    """Per-unit statistics of the draws' index scores."""
    rubric = result.rubric
    plan = design.plan
    rankable = ~plan.reference
    ranks = draw_ranks(index, rankable, rubric.rank_ties)
    rounded = np.round(index, SCORE_DECIMALS)
    bands = rubric.bands
    root = rubric.root.id
    units = []
    n = index.shape[0]
    score_q = _column_quantiles(index, "linear")  # (3, U): 5th, 50th, 95th percentiles
    rank_q = _column_quantiles(ranks, "inverted_cdf")
    for k, unit in enumerate(plan.units):
        col = index[:, k]
        have = ~np.isnan(col)
        rank_col = ranks[:, k]
        nominal_rank = result.ranks.at[unit, root]
        nominal_rank_int = None if pd.isna(nominal_rank) else int(nominal_rank)
        band = result.bands.at[unit]
        shares = []
        below = np.full(n, True)
        for b in bands:  # highest threshold first
            inside = have & below & (rounded[:, k] >= b.min)
            shares.append(float(inside.sum()) / n)
            below &= ~inside
        same = (
            float(np.mean(rank_col == nominal_rank_int)) if nominal_rank_int is not None else np.nan
        )
        labels = [b.label for b in bands]
        same_band = np.nan if pd.isna(band) else shares[labels.index(str(band))]
        units.append(
            UnitRobustness(
                unit=unit,
                name=str(result.unit_names.get(unit, unit)),
                reference=bool(plan.reference[k]),
                score=float(result.scores.at[unit, root]),
                rank=nominal_rank_int,
                band=None if pd.isna(band) else str(band),
                score_median=float(score_q[1, k]),
                score_low=float(score_q[0, k]),
                score_high=float(score_q[2, k]),
                rank_median=float(rank_q[1, k]),
                rank_low=float(rank_q[0, k]),
                rank_high=float(rank_q[2, k]),
                p_scored=float(have.mean()) if n else np.nan,
                p_band=tuple(shares),
                p_same_rank=same,
                p_same_band=same_band,
            )
        )
    order = {str(u): k for k, u in enumerate(result.ranking()["unit"])}
    units.sort(key=lambda r: (r.reference, order.get(r.unit, 10**9)))
    return Robustness(
        rubric_id=rubric.id,
        period=result.period,
        draws=n,
        seed=spec.seed,
        varied=tuple(design.varied()),
        bands=tuple(b.label for b in bands),
        units=tuple(units),
        fragile_below=spec.fragile_below,
        index_draws=index,
    )


def _column_quantiles(x: np.ndarray, method: str) -> np.ndarray:
    """5th, 50th and 95th percentiles of each column over its non-missing rows (NaN for a
    column with none), all columns at once."""
    out = np.full((3, x.shape[1]), np.nan)
    have = ~np.isnan(x).all(axis=0)
    if have.any():
        with np.errstate(invalid="ignore"):
            out[:, have] = np.nanquantile(  # type: ignore[call-overload]
                x[:, have], [0.05, 0.5, 0.95], axis=0, method=method
            )
    return out
