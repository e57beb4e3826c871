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

from readiness.engine.batch import Kernel
from readiness.engine.design import Design, Varied
from readiness.engine.plan import Plan
from readiness.engine.rank import SCORE_DECIMALS
from readiness.engine.result import Result
from readiness.rubric.model import RankTies, Uncertainty

CHUNK_BYTES = 1 << 27  # points and values of the draws made and scored at once (128 MiB)
MAX_CHUNK = 4096
QUANTILES = (0.05, 0.5, 0.95)


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
    varied: tuple[Varied, ...]  # what was varied, one item per kind of input
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
    return _rank_rows(np.round(scores, SCORE_DECIMALS), rankable, ties)


def _rank_rows(rounded: np.ndarray, rankable: np.ndarray, ties: RankTies) -> np.ndarray:
    """`draw_ranks` of scores already rounded to 1e-9."""
    s = np.negative(rounded)
    if not rankable.all():
        s[:, ~rankable] = np.nan
    # Any order among tied scores gives them the same rank: no stable sort needed.
    order = np.argsort(s, axis=1)  # NaN last
    sorted_ = np.take_along_axis(s, order, axis=1)
    n = s.shape[1]
    new = np.ones(s.shape, dtype=bool)
    np.not_equal(sorted_[:, 1:], sorted_[:, :-1], out=new[:, 1:])
    if ties is RankTies.DENSE:
        ranked = np.cumsum(new, axis=1).astype(float)
    else:
        ranked = np.where(new, np.arange(1.0, n + 1.0), 0.0)
        np.maximum.accumulate(ranked, axis=1, out=ranked)
    ranked[np.isnan(sorted_)] = np.nan
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
    kernel = Kernel(plan, raw, design.methods, design.cell_unit, design.cell_column, [root])
    # Draws are made and scored a chunk at a time (the same stream of numbers as one call):
    # with thousands of uncertain values, all draws' points at once would not fit in memory.
    chunk = chunk_size(design)
    points = np.empty((min(chunk, spec.draws), design.k))
    for start in range(0, spec.draws, chunk):
        n = min(chunk, spec.draws - start)
        u = rng.random(out=points[:n])
        index[start : start + n] = kernel.score(design.draws(u))[root]
    return summarise(result, spec, design, index)


def chunk_size(design: Design) -> int:
    """Draws made and scored at once: as many as fit CHUNK_BYTES of points and varied values
    (at least 64, at most MAX_CHUNK); each method combination then gets a batch large enough
    to pay for its per-node work."""
    per_draw = 8 * (design.k + len(design.cells))
    return int(min(MAX_CHUNK, max(64, CHUNK_BYTES // max(per_draw, 1))))


def summarise(result: Result, spec: Uncertainty, design: Design, index: np.ndarray) -> Robustness:
    """Per-unit statistics of the draws' index scores."""
    rubric = result.rubric
    plan = design.plan
    rounded = np.round(index, SCORE_DECIMALS)
    ranks = _rank_rows(rounded, ~plan.reference, rubric.rank_ties)
    bands = rubric.bands
    labels = [b.label for b in bands]
    root = rubric.root.id
    n = index.shape[0]
    score_q = _column_quantiles(index, "linear")  # (3, U): 5th, 50th, 95th percentiles
    rank_q = _column_quantiles(ranks, "inverted_cdf")
    # Share of draws in each band (highest threshold first; NaN reaches none), every unit at
    # once: counts of draws at or above each threshold, differenced.
    at_least = np.zeros((len(bands), index.shape[1]), dtype=np.int64)
    for j, b in enumerate(bands):
        at_least[j] = (rounded >= b.min).sum(axis=0)
    in_band = np.diff(at_least, axis=0, prepend=0)
    have = (~np.isnan(index)).sum(axis=0)
    nominal_ranks = result.ranks[root].reindex(list(plan.units)).to_numpy(float, na_value=np.nan)
    same_rank = (ranks == nominal_ranks[np.newaxis, :]).sum(axis=0)
    units = []
    for k, unit in enumerate(plan.units):
        nominal_rank = nominal_ranks[k]
        nominal_rank_int = None if np.isnan(nominal_rank) else int(nominal_rank)
        band = result.bands.at[unit]
        shares = [float(c) / n for c in in_band[:, k]]
        same = float(same_rank[k]) / n if nominal_rank_int is not None and n else np.nan
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
                p_scored=float(have[k]) / n if n else np.nan,
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
    column with none), all columns at once: `np.nanquantile`'s `linear` and `inverted_cdf`
    methods (Hyndman and Fan 1996, definitions 7 and 1), from one sort of every column."""
    xs = np.sort(x.T, axis=1)  # (columns, rows), NaN last
    n = (~np.isnan(xs)).sum(axis=1)
    rows = np.arange(xs.shape[0])
    out = np.full((len(QUANTILES), xs.shape[0]), np.nan)
    have = n > 0
    last = np.maximum(n - 1, 0)
    for j, q in enumerate(QUANTILES):
        if method == "linear":  # h = (n - 1) q; x[floor h] + (h - floor h) (x[ceil h] - x[floor h])
            h = (n - 1) * q
            below = np.floor(h)
            t = h - below
            lo = xs[rows, below.astype(np.int64)]
            hi = xs[rows, np.minimum(below.astype(np.int64) + 1, last)]
            diff = hi - lo
            # numpy's lerp: from the nearer end, so the result never leaves [lo, hi]
            value = np.where(t >= 0.5, hi - diff * (1 - t), lo + diff * t)
        else:  # inverted_cdf: the smallest x with F(x) >= q, x[ceil(n q) - 1]
            at = n * q - 1
            below = np.floor(at)
            pick = np.where(at - below > 0, below + 1, below)
            value = xs[rows, np.clip(pick, 0, last).astype(np.int64)]
        out[j, have] = value[have]
    return out
