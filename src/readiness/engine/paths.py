"""Path to the next band: the smallest realistic changes that lift a unit into the next band.

Realistic means:
- only indicators that are levers move: `policy` levers (laws, portals, treaties) are preferred,
  `outcome` moves (ratings, FDI, logistics) are listed apart, `fixed` ones (geography) never move;
- no value beyond the indicator's feasible ceiling (the rubric's `path:` policy, per indicator,
  per kind of lever or rubric-wide: the best value observed among the units scored, among the
  assessed units only (a peer has done it), one level above the unit's own reading, or the
  scale's top);
- each step is as small as it can be: earlier steps go to their ceilings, the last one only to
  the value at which the threshold is just reached, rounded up to the precision the indicator is
  published at (the rubric's `path.precision`, else its decimals), so it can be reported.

Method, per unit and set of levers: (1) each lever's gain at its ceiling alone, all candidates
scored in one batch by the what-if kernel (`engine.changes`); (2) levers ordered by that gain,
largest first; the fewest levers at their ceilings that reach the threshold found by bisection on
the number of levers (the index never falls when a lever improves, so reaching is monotone in
it); (3) the last lever's smallest sufficient value found by bisection on its value (numeric) or
by trying its levels in order (categorical). For arithmetic means with complete pillars gains add
up and this is the fewest changes; otherwise it is the greedy choice. Memory stays linear in the
number of indicators: no candidate is ever a full copy of the unit's values.
Missing values are not levers: nobody knows them; for a unit without a score the report gives the
range its score could take once they are supplied (every missing value at its worst, then best).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd

from readiness.engine.changes import Baseline, Changes
from readiness.engine.plan import Plan
from readiness.engine.rank import SCORE_DECIMALS
from readiness.engine.result import Result
from readiness.problems import fail
from readiness.rubric.model import (
    Ceiling,
    DistanceToTarget,
    Goalposts,
    Indicator,
    Kind,
    Lever,
    Rubric,
)

EPS = 1e-9
BISECTIONS = 60


@dataclass(frozen=True)
class Move:
    """One change to one indicator (values on the scale the rubric normalises: denominated)."""

    indicator: str
    pillar: str
    lever: Lever
    before: float  # value now
    after: float  # value proposed
    ceiling: float  # the most the path may ask
    gain: float  # index points this step adds after the steps before it
    partial: bool = False  # True for a last step that stops where the threshold is reached


@dataclass(frozen=True)
class Route:
    """Moves on one set of levers, in order, and where they get the unit."""

    moves: tuple[Move, ...]
    reached: float  # index after the moves (NaN: no move)
    reaches: bool  # the threshold is reached
    best: float  # index with every lever of the set at its ceiling


class Status(StrEnum):
    TOP_BAND = "top-band"  # already in the highest band
    REACHABLE = "reachable"  # policy levers alone reach the next band
    WITH_OUTCOMES = "with-outcomes"  # policy levers and outcome moves together reach it
    UNREACHABLE = "unreachable"  # not within the feasible ceilings
    UNSCORED = "unscored"  # no index score (insufficient data), so no band to climb from
    NO_BANDS = "no-bands"  # the rubric defines no bands


@dataclass(frozen=True)
class NextBandPath:
    unit: str
    status: Status
    current: float
    band: str | None
    next_band: str | None = None
    threshold: float | None = None
    policy: Route | None = None  # policy levers only
    outcome: Route | None = None  # outcome moves only, listed apart
    combined: Route | None = None  # policy levers first, then outcomes (when policy falls short)
    candidates: tuple[Move, ...] = ()  # top band: the largest remaining single gains
    # unscored units: what blocks the score and the range it could take once data are supplied
    blocking: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (pillar, missing indicator ids)
    floor: float = math.nan
    ceiling: float = math.nan
    fixed: tuple[str, ...] = ()  # indicators the search left alone (rubric order)

    @property
    def route(self) -> Route | None:
        """The route the scorecard leads with."""
        if self.status is Status.REACHABLE:
            return self.policy
        if self.status in (Status.WITH_OUTCOMES, Status.UNREACHABLE):
            return self.combined
        return None


def fixed_indicators(rubric: Rubric) -> frozenset[str]:
    """Indicators the rubric marks as not a lever (e.g. geography): `lever: fixed`."""
    return frozenset(i.id for i in rubric.indicators if i.lever is Lever.FIXED)


def best_value(ind: Indicator, present: np.ndarray) -> float | None:
    """The raw value that scores 100 (or, for relative methods, the best value reported)."""
    method = ind.effective_normalisation
    if ind.kind is not Kind.NUMERIC:
        values = [lv.value for lv in ind.scale]
        return max(values) if ind.direction == 1 else min(values)
    if isinstance(method, Goalposts):
        return method.high if ind.direction == 1 else method.low
    if isinstance(method, DistanceToTarget):
        return method.target
    return _best_observed(ind, present)


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


def _best_observed(ind: Indicator, present: np.ndarray) -> float | None:
    finite = present[np.isfinite(present)]
    if finite.size == 0:
        return None
    return float(finite.max() if ind.direction == 1 else finite.min())


def feasible_ceiling(
    rubric: Rubric,
    ind: Indicator,
    present: np.ndarray,
    assessed: np.ndarray | None = None,
    before: float = math.nan,
) -> float | None:
    """The most the path may ask of `ind`: the rubric's `path` rule for it (per indicator, else
    per kind of lever, else rubric-wide), never beyond the value that scores 100. `present`
    holds the values of the units scored (denominated scale), `assessed` marks the assessed
    units among them (default: all), `before` is the unit's own value (for `next_level`)."""
    rule = rubric.path.rule_for(ind.id, ind.lever)
    top = best_value(ind, present)
    peers = present if assessed is None else present[assessed]
    if isinstance(rule, int | float):
        value: float | None = float(rule)
    elif rule is Ceiling.SCALE:
        value = top
    elif rule is Ceiling.BEST_OBSERVED:
        value = _best_observed(ind, present)
    elif rule is Ceiling.NEXT_LEVEL and ind.kind is not Kind.NUMERIC:
        value = next_level(ind, before)
    else:  # best_assessed; next_level of a numeric indicator
        value = _best_observed(ind, peers)
    if value is None or top is None:
        return value
    return min(value, top) if ind.direction == 1 else max(value, top)


def next_level(ind: Indicator, before: float) -> float | None:
    """The level one step better than `before` on a categorical scale (None: there is none, or
    `before` is missing)."""
    if math.isnan(before):
        return None
    d = ind.direction
    better = sorted(
        (lv.value for lv in ind.scale if (lv.value - before) * d > EPS), key=lambda v: v * d
    )
    return float(better[0]) if better else None


def step_of(ind: Indicator, low: float, high: float, precision: float | None = None) -> float:
    """The step a needed value is rounded up to: the precision the indicator is published at
    when the rubric gives one, else 10^-decimals when it gives decimals, else three significant
    figures of the scale's span."""
    if precision is not None:
        return float(precision)
    if ind.decimals is not None:
        return float(10.0**-ind.decimals)
    span = abs(high - low)
    if not math.isfinite(span) or span == 0:
        return 0.0
    return float(10.0 ** (math.floor(math.log10(span)) - 2))


Scenario = tuple[int, dict[str, float]]  # (unit index, {indicator id: denominated value})


class _Scorer:
    """Scores scenarios (one unit with some values replaced) in one batch with the kernel."""

    def __init__(self, result: Result) -> None:
        self.rubric = result.rubric
        self.plan = Plan.build(result.rubric, result.units, result.attributes)
        raw = pd.concat([result.raw, result.denominators], axis=1)
        self.raw = raw.reindex(columns=list(self.plan.columns)).to_numpy(dtype=float)
        self.baseline = Baseline(self.plan, self.raw)
        self.column = {c: k for k, c in enumerate(self.plan.columns)}
        self.den_col = {
            i.id: (self.column[i.denominator] if i.denominator else -1)
            for i in result.rubric.indicators
        }

    def index(self, scenarios: Sequence[Scenario]) -> np.ndarray:
        """The scenario unit's index score in each scenario."""
        if not scenarios:
            return np.empty(0)
        rows = []
        for b, (u, changes) in enumerate(scenarios):
            for ind_id, value in changes.items():
                rows.append((b, u, self.column[ind_id], self._raw_for(u, ind_id, value)))
        scores = self.baseline.score(Changes.of(len(scenarios), rows))
        units = np.asarray([u for u, _ in scenarios])
        return scores[np.arange(len(scenarios)), units]

    def _raw_for(self, u: int, ind_id: str, value: float) -> float:
        """Values are on the denominated scale; the kernel divides again, so multiply back."""
        d = self.den_col[ind_id]
        if d < 0:
            return value
        den = float(self.raw[u, d])
        return value * den if math.isfinite(den) and den != 0 else math.nan


@dataclass
class _Lever:
    ind: Indicator
    pillar: str
    before: float
    ceiling: float
    gain: float = 0.0


def paths_to_next_band(
    result: Result, fixed: Collection[str] | None = None
) -> dict[str, NextBandPath]:
    """For every unit, the smallest realistic changes found that lift it into the next band.

    `fixed` names indicators that are not moved (default: those the rubric marks
    `lever: fixed`); an indicator the rubric does not have is a user error.
    """
    rubric = result.rubric
    fixed_set = frozenset(fixed) if fixed is not None else fixed_indicators(rubric)
    unknown = fixed_set - set(rubric.indicator_by_id)
    if unknown:
        fail(
            "unknown-fixed-indicator",
            f"fixed indicators the rubric does not have: {', '.join(sorted(unknown))}",
        )
    order = {ind.id: k for k, ind in enumerate(rubric.indicators)}
    fixed_ids = tuple(sorted(fixed_set, key=order.__getitem__))
    scorer = _Scorer(result)
    root = rubric.root.id
    units = list(result.units)
    gaps = _unscored_ranges(result, scorer)
    levers = _levers(result, fixed_set)
    # Each lever's gain at its ceiling alone: every unit's candidates in one batch.
    singles = [(u, {lv.ind.id: lv.ceiling}) for u, unit in enumerate(units) for lv in levers[unit]]
    gains = scorer.index(singles)
    k = 0
    for unit in units:
        current = float(result.scores.at[unit, root])
        for lv in levers[unit]:
            lv.gain = float(gains[k]) - current
            k += 1
        levers[unit] = [lv for lv in levers[unit] if np.isfinite(lv.gain) and lv.gain > EPS]
        levers[unit].sort(key=lambda lv: (-round(lv.gain, 9), order[lv.ind.id]))
    out: dict[str, NextBandPath] = {}
    for u, unit in enumerate(units):
        current = float(result.scores.at[unit, root])
        band = result.band_of(unit)
        if not rubric.bands:
            out[unit] = NextBandPath(unit, Status.NO_BANDS, current, band, fixed=fixed_ids)
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
        target = rubric.next_band(round(current, SCORE_DECIMALS))
        mine = levers[unit]
        policy = [lv for lv in mine if lv.ind.lever is Lever.POLICY]
        outcome = [lv for lv in mine if lv.ind.lever is Lever.OUTCOME]
        if target is None:
            candidates = tuple(
                Move(lv.ind.id, lv.pillar, lv.ind.lever, lv.before, lv.ceiling, lv.ceiling, lv.gain)
                for lv in mine[:3]
            )
            out[unit] = NextBandPath(
                unit, Status.TOP_BAND, current, band, candidates=candidates, fixed=fixed_ids
            )
            continue
        threshold = target.min
        policy_route = _route(scorer, u, current, threshold, policy)
        outcome_route = _route(scorer, u, current, threshold, outcome)
        combined = None
        status = Status.REACHABLE
        if not policy_route.reaches:
            combined = _route(scorer, u, current, threshold, policy + outcome, keep_order=True)
            status = Status.WITH_OUTCOMES if combined.reaches else Status.UNREACHABLE
        out[unit] = NextBandPath(
            unit,
            status,
            current,
            band,
            next_band=target.label,
            threshold=threshold,
            policy=policy_route,
            outcome=outcome_route,
            combined=combined,
            fixed=fixed_ids,
        )
    return out


def _levers(result: Result, fixed: frozenset[str]) -> dict[str, list[_Lever]]:
    """Per unit, the indicators that can move: not fixed, reported (not imputed), below their
    feasible ceiling."""
    rubric = result.rubric
    scored = result.denominated
    out: dict[str, list[_Lever]] = {u: [] for u in result.units}
    refs = rubric.reference_units
    assessed = np.asarray([u not in refs for u in scored.index], dtype=bool)
    for ind in rubric.indicators:
        if ind.id in fixed or ind.lever is Lever.FIXED:
            continue
        present = scored[ind.id].to_numpy(dtype=float)
        per_unit = rubric.path.rule_for(ind.id, ind.lever) is Ceiling.NEXT_LEVEL
        common = None if per_unit else feasible_ceiling(rubric, ind, present, assessed)
        if common is None and not per_unit:
            continue
        pillar = rubric.pillar_of(ind.id).id
        for unit in result.units:
            before = float(scored.at[unit, ind.id])
            if math.isnan(before) or bool(result.imputed_mask.at[unit, ind.id]):
                continue
            ceiling = (
                feasible_ceiling(rubric, ind, present, assessed, before) if per_unit else common
            )
            if ceiling is None:
                continue
            if (ceiling - before) * ind.direction > EPS:
                out[unit].append(_Lever(ind, pillar, before, ceiling))
    return out


def _route(
    scorer: _Scorer,
    u: int,
    current: float,
    threshold: float,
    levers: list[_Lever],
    keep_order: bool = False,
) -> Route:
    """The fewest levers (largest gain first; `keep_order`: as given) at their ceilings that
    reach `threshold`, the last one only as far as needed."""
    if not keep_order:
        levers = sorted(levers, key=lambda lv: -lv.gain)
    if not levers:
        return Route((), math.nan, False, current)
    everything = {lv.ind.id: lv.ceiling for lv in levers}
    best = float(scorer.index([(u, everything)])[0])
    if not _reaches(best, threshold):
        moves = _moves(scorer, u, current, levers, {})
        return Route(moves, best, False, best)
    # Bisection on the number of levers at their ceilings: the fewest that reach.
    lo, hi = 0, len(levers)  # prefix lo does not reach (0: nothing), prefix hi does
    if _reaches(current, threshold):
        hi = 0
    while hi - lo > 1:
        mid = (lo + hi) // 2
        prefix = {lv.ind.id: lv.ceiling for lv in levers[:mid]}
        if _reaches(float(scorer.index([(u, prefix)])[0]), threshold):
            hi = mid
        else:
            lo = mid
    chosen = levers[:hi]
    base = {lv.ind.id: lv.ceiling for lv in chosen[:-1]}
    last = chosen[-1]
    value = _just_enough(scorer, u, base, last, threshold)
    moves = _moves(scorer, u, current, chosen, {last.ind.id: value})
    reached = float(scorer.index([(u, {**base, last.ind.id: value})])[0])
    return Route(moves, reached, True, best)


def _reaches(score: float, threshold: float) -> bool:
    return bool(np.isfinite(score)) and round(score, SCORE_DECIMALS) >= threshold


def _just_enough(
    scorer: _Scorer, u: int, base: dict[str, float], lever: _Lever, threshold: float
) -> float:
    """The smallest value of `lever` (from its current value towards its ceiling) that, with
    `base`, reaches `threshold`: a level tried in order, or a number found by bisection and
    rounded up to a printable step (never beyond the ceiling)."""
    ind = lever.ind
    d = ind.direction
    if ind.kind is not Kind.NUMERIC:
        levels = sorted(
            (
                lv.value
                for lv in ind.scale
                if (lv.value - lever.before) * d > EPS and (lever.ceiling - lv.value) * d >= -EPS
            ),
            key=lambda v: v * d,
        )
        scores = scorer.index([(u, {**base, ind.id: v}) for v in levels])
        for v, s in zip(levels, scores, strict=True):
            if _reaches(float(s), threshold):
                return float(v)
        return lever.ceiling
    lo, hi = lever.before, lever.ceiling  # lo does not reach, hi does
    for _ in range(BISECTIONS):
        mid = (lo + hi) / 2
        if mid in (lo, hi):
            break
        if _reaches(float(scorer.index([(u, {**base, ind.id: mid})])[0]), threshold):
            hi = mid
        else:
            lo = mid
    method = ind.effective_normalisation
    span = (method.low, method.high) if isinstance(method, Goalposts) else (lever.before, hi)
    step = step_of(ind, *span, precision=scorer.rubric.path.precision.get(ind.id))
    if step <= 0:
        return hi
    rounded = math.ceil(hi / step - 1e-9) * step if d == 1 else math.floor(hi / step + 1e-9) * step
    rounded = round(rounded, 12)
    if (lever.ceiling - rounded) * d >= 0 and _reaches(
        float(scorer.index([(u, {**base, ind.id: rounded})])[0]), threshold
    ):
        return rounded
    # No value on the published precision below the ceiling is enough: the ceiling itself is
    # (the route reaches with this lever there), and it is a value someone reported.
    return lever.ceiling


def _moves(
    scorer: _Scorer,
    u: int,
    current: float,
    levers: list[_Lever],
    last: dict[str, float],
) -> tuple[Move, ...]:
    """The route's moves with the marginal gain of each (prefixes scored in one batch)."""
    values = [last.get(lv.ind.id, lv.ceiling) for lv in levers]
    prefixes = (
        [
            (u, {lv.ind.id: v for lv, v in zip(levers[: k + 1], values[: k + 1], strict=True)})
            for k in range(len(levers))
        ]
        if len(levers) <= 500
        else []
    )
    scores = scorer.index(prefixes) if prefixes else np.asarray([])
    out = []
    before = current
    for k, (lv, v) in enumerate(zip(levers, values, strict=True)):
        after = float(scores[k]) if prefixes else before + lv.gain
        out.append(
            Move(
                lv.ind.id,
                lv.pillar,
                lv.ind.lever,
                lv.before,
                v,
                lv.ceiling,
                after - before,
                partial=lv.ind.id in last and not math.isclose(v, lv.ceiling),
            )
        )
        before = after
    return tuple(out)


def _unscored_ranges(
    result: Result, scorer: _Scorer
) -> dict[str, tuple[tuple[tuple[str, tuple[str, ...]], ...], float, float]]:
    rubric = result.rubric
    root = rubric.root.id
    units = list(result.units)
    unscored = [u for u in units if math.isnan(float(result.scores.at[u, root]))]
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
        u = units.index(unit)
        scenarios += [(u, lo), (u, hi)]
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
    scores = scorer.index(scenarios)
    out = {}
    for k, unit in enumerate(unscored):
        out[unit] = (blocking[unit], float(scores[2 * k]), float(scores[2 * k + 1]))
    return out
