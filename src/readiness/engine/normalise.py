"""Normalise raw values onto a common 0-100 scale, one method per function.

Every function takes a float vector (NaN = missing, kept missing) and the indicator's direction
(+1 higher is better, -1 lower is better) and returns a float vector. Methods follow COINr's
`normalise` family (Becker et al., COINr documentation, "Normalisation"; OECD/JRC Handbook on
Constructing Composite Indicators, 2008, section 5).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from readiness.rubric.model import (
    DistanceToTarget,
    Goalposts,
    MinMax,
    Rank,
    Rubric,
    ZScore,
)

Vector = np.ndarray
Param = float | np.ndarray


def goalposts(
    x: Vector, low: Param, high: Param, direction: Param = 1, clip: bool = True
) -> Vector:
    """Fixed goalposts: y = (x - low) / (high - low) * 100, or (high - x) / (high - low) * 100
    for direction -1; clipped to [0, 100] (COINr `n_goalposts`; WGI, HDI-style scaling).

    Cellwise: a unit's score depends on its own value only. Parameters may be arrays that
    broadcast over `x` (one per indicator column)."""
    distance = np.where(np.asarray(direction) == 1, x - low, high - x)
    y = distance / (np.asarray(high) - low) * 100.0
    return np.clip(y, 0.0, 100.0) if clip else y


def _column_min_max(y: Vector) -> tuple[Vector, Vector]:
    """NaN-ignoring min and max over units (axis 0); NaN for a column without values."""
    return np.fmin.reduce(y, axis=0), np.fmax.reduce(y, axis=0)


def minmax(x: Vector, direction: Param = 1, low: float = 0.0, high: float = 100.0) -> Vector:
    """Min-max over units: y = (d x - min(d x)) / (max(d x) - min(d x)) * (high - low) + low,
    with d the direction (COINr `n_minmax`). If every present value is equal the spread is
    undefined; each unit then gets the middle of the range, not 0.

    Units are axis 0; any further axes are independent columns (indicators, draws)."""
    y = np.asarray(direction) * x
    lo, hi = _column_min_max(y)
    span = hi - lo
    with np.errstate(divide="ignore", invalid="ignore"):
        scaled = (y - lo) / span * (high - low) + low
    middle = np.where(np.isnan(y), np.nan, (low + high) / 2.0)
    return np.where(span == 0, middle, scaled)


def zscore(x: Vector, direction: Param = 1, mean: float = 0.0, sd: float = 1.0) -> Vector:
    """Standardise: y = (d x - mean(d x)) / sd(d x) * sd + mean, sample sd (COINr `n_zscore`).
    Not bounded to [0, 100]. Fewer than two values, or no spread: every unit gets `mean`.

    Units are axis 0; any further axes are independent columns."""
    y = np.asarray(direction) * x
    present = ~np.isnan(y)
    n = present.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        mu = np.where(present, y, 0.0).sum(axis=0) / n
        dev = np.where(present, y - mu, 0.0)
        s = np.sqrt((dev * dev).sum(axis=0) / (n - 1))
        scaled = (y - mu) / s * sd + mean
    flat = np.where(present, mean, np.nan)
    return np.where((n < 2) | ~(s > 0), flat, scaled)


def average_ranks(y: Vector) -> Vector:
    """Rank of each value among the present values of its column (axis 0), 1 = smallest, ties
    given their average rank; NaN stays NaN (as pandas `rank(method="average")`)."""
    order = np.argsort(y, axis=0, kind="stable")  # NaN sort last
    s = np.take_along_axis(y, order, axis=0)
    pos = np.arange(y.shape[0], dtype=float).reshape((-1,) + (1,) * (y.ndim - 1))
    pos = np.broadcast_to(pos, y.shape)
    starts = np.ones(y.shape, dtype=bool)
    starts[1:] = s[1:] != s[:-1]
    first = np.maximum.accumulate(np.where(starts, pos, 0.0), axis=0)
    ends = np.ones(y.shape, dtype=bool)
    ends[:-1] = s[1:] != s[:-1]
    last = np.flip(np.minimum.accumulate(np.flip(np.where(ends, pos, np.inf), 0), axis=0), 0)
    ranked = np.where(np.isnan(s), np.nan, (first + last) / 2.0 + 1.0)
    out = np.empty_like(ranked)
    np.put_along_axis(out, order, ranked, axis=0)
    return out


def rank(x: Vector, direction: Param = 1) -> Vector:
    """Rank scaled to 0-100: y = (r - 1) / (n - 1) * 100, r the rank of d x among the n present
    values (1 = worst), ties given their average rank (COINr `n_rank`, rescaled). A column with
    one value gives it 100. Units are axis 0."""
    r = average_ranks(np.asarray(direction) * x)
    n = (~np.isnan(x)).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        y = (r - 1.0) / (n - 1.0) * 100.0
    return np.where(n <= 1, np.where(np.isnan(x), np.nan, 100.0), y)


def distance_to_target(x: Vector, target: float, direction: Param = 1, cap: bool = True) -> Vector:
    """Distance to target (COINr `n_dist2targ`), times 100: for direction +1
    y = (x - min(x)) / (target - min(x)); for -1 y = (max(x) - x) / (max(x) - target);
    capped at 100 when `cap`. Units are axis 0."""
    lo, hi = _column_min_max(x)
    up = np.asarray(direction) == 1
    base = np.where(up, lo, hi)
    denom = np.where(up, target - base, base - target)
    with np.errstate(divide="ignore", invalid="ignore"):
        y = np.where(up, x - base, base - x) / denom
    y = np.where(denom != 0, y, np.where(np.isnan(x), np.nan, 1.0)) * 100.0
    return np.minimum(y, 100.0) if cap else y


def is_cellwise(method: Goalposts | MinMax | ZScore | Rank | DistanceToTarget) -> bool:
    """Whether a unit's score depends on its own value only (fixed goalposts)."""
    return isinstance(method, Goalposts)


def normalise_vector(
    x: Vector, method: Goalposts | MinMax | ZScore | Rank | DistanceToTarget, direction: Param
) -> Vector:
    """Dispatch one indicator's vector to its method."""
    if isinstance(method, Goalposts):
        return goalposts(x, method.low, method.high, direction, method.clip)
    if isinstance(method, MinMax):
        return minmax(x, direction, method.low, method.high)
    if isinstance(method, ZScore):
        return zscore(x, direction, method.mean, method.sd)
    if isinstance(method, Rank):
        return rank(x, direction)
    return distance_to_target(x, method.target, direction, method.cap)


Method = Goalposts | MinMax | ZScore | Rank | DistanceToTarget


def normalise_columns(x: Vector, methods: Sequence[Method], directions: Sequence[int]) -> Vector:
    """Normalise the columns of `x` (units on axis 0, one column per entry of `methods` on the
    last axis, any axes between are independent: draws or scenarios), each with its method and
    direction. Columns sharing a method are normalised in one vectorised call."""
    groups: dict[tuple[Method, int], list[int]] = {}
    for k, (method, direction) in enumerate(zip(methods, directions, strict=True)):
        key = (method, 1) if isinstance(method, Goalposts) else (method, direction)
        groups.setdefault(key, []).append(k)
    if len(groups) == 1:  # one method for every column: no gather and scatter
        method = next(iter(groups))[0]
        return normalise_vector(x, method, np.asarray(directions, dtype=float))
    out = np.empty_like(x, dtype=float)
    for (method, _), cols in groups.items():
        idx = np.asarray(cols)
        d = np.asarray([directions[k] for k in cols], dtype=float)
        out[..., idx] = normalise_vector(x[..., idx], method, d)
    return out


def normalise(frame: pd.DataFrame, rubric: Rubric) -> pd.DataFrame:
    """Normalise every indicator column of `frame` with the rubric's method for it."""
    inds = [rubric.indicator_by_id[c] for c in frame.columns]
    x = frame.to_numpy(dtype=float, copy=True)
    y = normalise_columns(x, [i.effective_normalisation for i in inds], [i.direction for i in inds])
    return pd.DataFrame(y, index=frame.index, columns=frame.columns)
