"""Path to the next band: which indicator changes would lift a unit into the next band.

Every candidate is scored by the what-if kernel (`engine.changes`): all candidates of a search
step in one batch, with the rubric's own coverage, aggregation and band rules, and memory linear
in the number of indicators.

A candidate "move" is one plausible step on one reported indicator: a categorical or yes/no
indicator goes one level up (towards its better end); a numeric indicator goes to the value that
scores 100 (its goalpost, or the target / best reported value for relative methods). Missing
values are not candidates: nobody knows what they would be, so they are reported as data gaps,
and for a unit without a score the report gives the range its score could take once they are
supplied (every missing value at its worst, then at its best).

Method: (1) score each move alone and sort moves by their index gain, largest first (ties: rubric
order); (2) score the cumulative prefixes of that list and report the shortest prefix that reaches
the next band's threshold. For arithmetic aggregation with complete pillars the gains add up, so
this is the smallest set of changes; otherwise it is the greedy approximation. The same is done
within each pillar alone, to say whether one pillar could do it by itself.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import pandas as pd

from readiness.engine.changes import Baseline, Changes
from readiness.engine.plan import Plan
from readiness.engine.result import Result
from readiness.problems import fail
from readiness.rubric.model import (
    DistanceToTarget,
    Goalposts,
    Indicator,
    Kind,
    Rubric,
)

EPS = 1e-9


@dataclass(frozen=True)
class Move:
    """One step on one indicator, with the index points it adds on its own."""

    indicator: str
    pillar: str
    before: float  # raw value now
    after: float  # raw value after the step
    gain: float  # index points added by this move alone


class Status(StrEnum):
    TOP_BAND = "top-band"  # already in the highest band
    REACHABLE = "reachable"  # a set of moves reaches the next band
    UNREACHABLE = "unreachable"  # even every move together falls short
    UNSCORED = "unscored"  # no index score (insufficient data), so no band to climb from
    NO_BANDS = "no-bands"  # the rubric defines no bands


@dataclass(frozen=True)
class PillarRoute:
    """The fewest moves within one pillar that reach the next band, if any does."""

    pillar: str
    moves: tuple[Move, ...]
    score: float


@dataclass(frozen=True)
class NextBandPath:
    unit: str
    status: Status
    current: float
    band: str | None
    next_band: str | None = None
    threshold: float | None = None
    moves: tuple[Move, ...] = ()  # the smallest set found, biggest single gain first
    reached: float = math.nan  # index score after `moves`
    best: float = math.nan  # index score after every candidate move
    candidates: tuple[Move, ...] = ()  # every move with a positive gain, biggest first
    pillar_route: PillarRoute | None = None  # one pillar alone, fewest moves
    # unscored units: what blocks the score and the range it could take once data are supplied
    blocking: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (pillar, missing indicator ids)
    floor: float = math.nan
    ceiling: float = math.nan
    notes: tuple[str, ...] = field(default=())
    fixed: tuple[str, ...] = ()  # indicators the search left alone (rubric order)


def move_target(ind: Indicator, raw: float, present: np.ndarray) -> float | None:
    """Raw value one step better than `raw`, or None when it is already at the best end."""
    better = ind.direction
    if ind.kind is not Kind.NUMERIC:
        levels = sorted(lv.value for lv in ind.scale)
        ahead = [v for v in levels if (v - raw) * better > EPS]
        if not ahead:
            return None
        return min(ahead) if better == 1 else max(ahead)
    best = best_value(ind, present)
    if best is None or (best - raw) * better <= EPS:
        return None
    return best


def best_value(ind: Indicator, present: np.ndarray) -> float | None:
    """The raw value that scores 100 (or, for z-scores, the best value reported)."""
    method = ind.effective_normalisation
    if ind.kind is not Kind.NUMERIC:
        values = [lv.value for lv in ind.scale]
        return max(values) if ind.direction == 1 else min(values)
    if isinstance(method, Goalposts):
        return method.high if ind.direction == 1 else method.low
    if isinstance(method, DistanceToTarget):
        return method.target
    finite = present[np.isfinite(present)]
    if finite.size == 0:
        return None
    return float(finite.max() if ind.direction == 1 else finite.min())


def worst_value(ind: Indicator, present: np.ndarray) -> float | None:
    """The raw value that scores 0 (or the worst value reported, for relative methods)."""
    method = ind.effective_normalisation
    if ind.kind is not Kind.NUMERIC:
        values = [lv.value for lv in ind.scale]
        return min(values) if ind.direction == 1 else max(values)
    if isinstance(method, Goalposts):
        return method.low if ind.direction == 1 else method.high
    finite = present[np.isfinite(present)]
    if finite.size == 0:
        return None
    return float(finite.min() if ind.direction == 1 else finite.max())


Scenario = tuple[str, dict[str, float]]  # (unit, {indicator id: value on the denominated scale})


class _Scorer:
    """Scores scenarios (a unit with some values replaced) in one batch with the kernel."""

    def __init__(self, result: Result) -> None:
        self.result = result
        self.rubric = result.rubric
        self.plan = Plan.build(result.rubric, result.units, result.attributes)
        raw = pd.concat([result.raw, result.denominators], axis=1)
        self.raw = raw.reindex(columns=list(self.plan.columns)).to_numpy(dtype=float)
        self.baseline = Baseline(self.plan, self.raw)
        self.unit_index = {u: k for k, u in enumerate(self.plan.units)}
        self.column_index = {c: k for k, c in enumerate(self.plan.columns)}

    def index_scores(self, scenarios: Sequence[Scenario]) -> np.ndarray:
        """The scenario unit's index score in each scenario."""
        if not scenarios:
            return np.empty(0)
        rows = []
        for b, (unit, changes) in enumerate(scenarios):
            u = self.unit_index[unit]
            for ind_id, value in changes.items():
                rows.append((b, u, self.column_index[ind_id], self._raw_for(u, ind_id, value)))
        scores = self.baseline.score(Changes.of(len(scenarios), rows))
        units = np.asarray([self.unit_index[unit] for unit, _ in scenarios])
        return scores[np.arange(len(scenarios)), units]

    def _raw_for(self, u: int, ind_id: str, value: float) -> float:
        """Targets are on the denominated scale; the engine divides again, so multiply back."""
        den = self.rubric.indicator_by_id[ind_id].denominator
        if not den:
            return value
        d = float(self.raw[u, self.column_index[den]])
        return value * d if math.isfinite(d) and d != 0 else math.nan


def fixed_indicators(rubric: Rubric) -> frozenset[str]:
    """Indicators the rubric marks as not a lever (e.g. geography): `lever: fixed`."""
    return frozenset(i.id for i in rubric.indicators if not i.actionable)


def paths_to_next_band(
    result: Result, fixed: Collection[str] | None = None
) -> dict[str, NextBandPath]:
    """For every unit, the smallest set of moves found that lifts it into the next band.

    `fixed` names indicators that are not moved (a landlocked country cannot gain a port);
    default: those the rubric marks `lever: fixed`. Unknown ids are a user error.
    """
    rubric = result.rubric
    fixed = frozenset(fixed) if fixed is not None else fixed_indicators(rubric)
    unknown = fixed - set(rubric.indicator_by_id)
    if unknown:
        fail(
            "unknown-fixed-indicator",
            f"fixed indicators the rubric does not have: {', '.join(sorted(unknown))}",
        )
    order = {ind.id: k for k, ind in enumerate(rubric.indicators)}
    fixed_ids = tuple(sorted(fixed, key=order.__getitem__))
    scorer = _Scorer(result)
    root = rubric.root.id
    parent_pillar = _pillar_of(rubric)

    # 1. candidate moves per unit, each scored alone
    candidates: dict[str, list[tuple[str, float, float]]] = {}
    singles: list[Scenario] = []
    owners: list[tuple[str, int]] = []
    for unit in result.units:
        current = float(result.scores.at[unit, root])
        if math.isnan(current) or not rubric.bands:
            continue
        options: list[tuple[str, float, float]] = []
        for ind in rubric.indicators:
            raw = float(result.raw.at[unit, ind.id])
            if ind.id in fixed or math.isnan(raw) or bool(result.imputed_mask.at[unit, ind.id]):
                continue
            if ind.denominator:
                raw = float(result.denominated.at[unit, ind.id])
                if math.isnan(raw):
                    continue
            target = move_target(ind, raw, result.denominated[ind.id].to_numpy(dtype=float))
            if target is None:
                continue
            options.append((ind.id, raw, target))
        candidates[unit] = options
        for k, (ind_id, _, target) in enumerate(options):
            singles.append((unit, {ind_id: target}))
            owners.append((unit, k))
    single_scores = scorer.index_scores(singles)
    ranked: dict[str, list[Move]] = {u: [] for u in candidates}
    for (unit, k), new in zip(owners, single_scores, strict=True):
        ind_id, raw, target = candidates[unit][k]
        gain = float(new) - float(result.scores.at[unit, root])
        if np.isfinite(gain) and gain > EPS:
            ranked[unit].append(Move(ind_id, parent_pillar[ind_id], raw, target, gain))
    for unit in ranked:
        ranked[unit].sort(key=lambda m: (-round(m.gain, 9), order[m.indicator]))

    # 2. cumulative prefixes, overall and per pillar, scored in one go
    prefix_scenarios: list[Scenario] = []
    prefix_keys: list[tuple[str, str, int]] = []  # (unit, pillar or "", length)
    for unit, ranked_moves in ranked.items():
        groups: dict[str, list[Move]] = {"": ranked_moves}
        for m in ranked_moves:
            groups.setdefault(m.pillar, []).append(m)
        for pillar, group in groups.items():
            for n in range(1, len(group) + 1):
                prefix_scenarios.append((unit, {m.indicator: m.after for m in group[:n]}))
                prefix_keys.append((unit, pillar, n))
    prefix_scores = scorer.index_scores(prefix_scenarios)
    prefix: dict[tuple[str, str, int], float] = dict(
        zip(prefix_keys, (float(s) for s in prefix_scores), strict=True)
    )

    # 3. unscored units: the range once missing values are supplied
    gaps = _unscored_ranges(result, scorer)

    out: dict[str, NextBandPath] = {}
    for unit in result.units:
        current = float(result.scores.at[unit, root])
        band = result.bands.at[unit]
        band_label = None if pd.isna(band) else str(band)
        if not rubric.bands:
            out[unit] = NextBandPath(unit, Status.NO_BANDS, current, band_label, fixed=fixed_ids)
            continue
        if math.isnan(current):
            blocking, floor, ceiling = gaps[unit]
            out[unit] = NextBandPath(
                unit,
                Status.UNSCORED,
                current,
                None,
                blocking=blocking,
                floor=floor,
                ceiling=ceiling,
                fixed=fixed_ids,
            )
            continue
        moves = ranked.get(unit, [])
        target_band = rubric.next_band(current)
        best = prefix.get((unit, "", len(moves)), current)
        if target_band is None:
            out[unit] = NextBandPath(
                unit,
                Status.TOP_BAND,
                current,
                band_label,
                candidates=tuple(moves),
                best=best,
                fixed=fixed_ids,
            )
            continue
        threshold = target_band.min
        n_needed = next(
            (n for n in range(1, len(moves) + 1) if prefix[(unit, "", n)] >= threshold), None
        )
        route = _pillar_route(unit, moves, prefix, threshold)
        if n_needed is None:
            out[unit] = NextBandPath(
                unit,
                Status.UNREACHABLE,
                current,
                band_label,
                next_band=target_band.label,
                threshold=threshold,
                best=best,
                candidates=tuple(moves),
                fixed=fixed_ids,
            )
            continue
        out[unit] = NextBandPath(
            unit,
            Status.REACHABLE,
            current,
            band_label,
            next_band=target_band.label,
            threshold=threshold,
            moves=tuple(moves[:n_needed]),
            reached=prefix[(unit, "", n_needed)],
            best=best,
            candidates=tuple(moves),
            pillar_route=route,
            fixed=fixed_ids,
        )
    return out


def _pillar_route(
    unit: str, moves: list[Move], prefix: dict[tuple[str, str, int], float], threshold: float
) -> PillarRoute | None:
    best: PillarRoute | None = None
    pillars = list(dict.fromkeys(m.pillar for m in moves))
    for pillar in pillars:
        group = [m for m in moves if m.pillar == pillar]
        for n in range(1, len(group) + 1):
            reached = prefix[(unit, pillar, n)]
            if reached >= threshold:
                if best is None or n < len(best.moves):
                    best = PillarRoute(pillar, tuple(group[:n]), reached)
                break
    return best


def _pillar_of(rubric: Rubric) -> dict[str, str]:
    """Indicator id -> id of the pillar (level-2 node) above it."""
    return {ind.id: rubric.pillar_of(ind.id).id for ind in rubric.indicators}


def _unscored_ranges(
    result: Result, scorer: _Scorer
) -> dict[str, tuple[tuple[tuple[str, tuple[str, ...]], ...], float, float]]:
    rubric = result.rubric
    root = rubric.root.id
    unscored = [u for u in result.units if math.isnan(float(result.scores.at[u, root]))]
    scenarios: list[Scenario] = []
    blocking: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}
    for unit in unscored:
        lo: dict[str, float] = {}
        hi: dict[str, float] = {}
        for ind in rubric.indicators:
            if not math.isnan(float(result.treated.at[unit, ind.id])):
                continue
            present = result.denominated[ind.id].to_numpy(dtype=float)
            worst, best = worst_value(ind, present), best_value(ind, present)
            if worst is not None and best is not None:
                lo[ind.id], hi[ind.id] = worst, best
        scenarios += [(unit, lo), (unit, hi)]
        blocks = []
        for pillar in rubric.pillars:
            if not math.isnan(float(result.scores.at[unit, pillar.id])):
                continue
            missing = tuple(
                i
                for i in rubric.children[pillar.id]
                if i in rubric.indicator_by_id and math.isnan(float(result.treated.at[unit, i]))
            )
            blocks.append((pillar.id, missing))
        blocking[unit] = tuple(blocks)
    scores = scorer.index_scores(scenarios)
    out = {}
    for k, unit in enumerate(unscored):
        out[unit] = (blocking[unit], float(scores[2 * k]), float(scores[2 * k + 1]))
    return out
