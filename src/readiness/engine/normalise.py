"""Normalise raw values onto a common 0-100 scale, one method per function.

Every function takes a float vector (NaN = missing, kept missing) and the indicator's direction
(+1 higher is better, -1 lower is better) and returns a float vector. Methods follow COINr's
`normalise` family (Becker et al., COINr documentation, "Normalisation"; OECD/JRC Handbook on
Constructing Composite Indicators, 2008, section 5).
"""

from __future__ import annotations

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


def goalposts(x: Vector, low: float, high: float, direction: int = 1, clip: bool = True) -> Vector:
    """Fixed goalposts: y = (x - low) / (high - low) * 100, or (high - x) / (high - low) * 100
    for direction -1; clipped to [0, 100] (COINr `n_goalposts`; WGI, HDI-style scaling)."""
    distance = x - low if direction == 1 else high - x
    y = distance / (high - low) * 100.0
    return np.clip(y, 0.0, 100.0) if clip else y


def minmax(x: Vector, direction: int = 1, low: float = 0.0, high: float = 100.0) -> Vector:
    """Min-max over units: y = (d x - min(d x)) / (max(d x) - min(d x)) * (high - low) + low,
    with d the direction (COINr `n_minmax`). If every present value is equal the spread is
    undefined; each unit then gets the middle of the range, not 0."""
    y = direction * x
    if not np.isfinite(y).any():
        return y.copy()
    lo, hi = np.nanmin(y), np.nanmax(y)
    if hi == lo:
        return np.where(np.isnan(y), np.nan, (low + high) / 2.0)
    return (y - lo) / (hi - lo) * (high - low) + low


def zscore(x: Vector, direction: int = 1, mean: float = 0.0, sd: float = 1.0) -> Vector:
    """Standardise: y = (d x - mean(d x)) / sd(d x) * sd + mean, sample sd (COINr `n_zscore`).
    Not bounded to [0, 100]."""
    y = direction * x
    present = y[~np.isnan(y)]
    if present.size < 2 or np.std(present, ddof=1) == 0:
        return np.where(np.isnan(y), np.nan, mean)
    return (y - present.mean()) / np.std(present, ddof=1) * sd + mean


def rank(x: Vector, direction: int = 1) -> Vector:
    """Rank scaled to 0-100: y = (r - 1) / (n - 1) * 100, r the rank of d x among the n present
    values (1 = worst), ties given their average rank (COINr `n_rank`, rescaled)."""
    y = pd.Series(direction * x)
    r = y.rank(method="average").to_numpy(dtype=float)
    n = int((~np.isnan(x)).sum())
    if n <= 1:
        return np.where(np.isnan(x), np.nan, 100.0)
    return (r - 1.0) / (n - 1.0) * 100.0


def distance_to_target(x: Vector, target: float, direction: int = 1, cap: bool = True) -> Vector:
    """Distance to target (COINr `n_dist2targ`), times 100: for direction +1
    y = (x - min(x)) / (target - min(x)); for -1 y = (max(x) - x) / (max(x) - target);
    capped at 100 when `cap`."""
    if not np.isfinite(x).any():
        return x.copy()
    if direction == 1:
        base = np.nanmin(x)
        denom = target - base
        y = (x - base) / denom if denom != 0 else np.where(np.isnan(x), np.nan, 1.0)
    else:
        base = np.nanmax(x)
        denom = base - target
        y = (base - x) / denom if denom != 0 else np.where(np.isnan(x), np.nan, 1.0)
    y = y * 100.0
    return np.minimum(y, 100.0) if cap else y


def normalise_vector(
    x: Vector, method: Goalposts | MinMax | ZScore | Rank | DistanceToTarget, direction: int
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


def normalise(frame: pd.DataFrame, rubric: Rubric) -> pd.DataFrame:
    """Normalise every indicator column of `frame` with the rubric's method for it."""
    out = {}
    for column in frame.columns:
        ind = rubric.indicator_by_id[column]
        x = frame[column].to_numpy(dtype=float, copy=True)
        out[column] = normalise_vector(x, ind.effective_normalisation, ind.direction)
    return pd.DataFrame(out, index=frame.index, columns=frame.columns)
