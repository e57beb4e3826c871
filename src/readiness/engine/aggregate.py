"""Aggregate children into parents, level by level: weighted means with coverage rules.

The arithmetic is written over arrays with an optional leading batch axis of weight sets, so
uncertainty analysis can score thousands of weightings at once: child scores have shape
(units, children) and weights (children,) or (sets, children); results carry the same batch axis.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from readiness.rubric.model import Aggregation, OnZero

Array = np.ndarray


@dataclass(frozen=True)
class NodeScores:
    """One node's aggregate for every unit (and weight set, if batched)."""

    score: Array  # (..., units); NaN when insufficient
    coverage: Array  # (..., units); share of child weight present, in [0, 1]
    shares: Array  # (..., units, children); each present child's share of the weight
    zero_blocked: Array  # (..., units) bool; True where a zero child made the node insufficient


def weighted_arithmetic(scores: Array, shares: Array) -> Array:
    """y = sum_c s_c x_c with shares s_c = w_c / sum(present w) (OECD/JRC Handbook, eq. 5.1)."""
    return np.einsum("...uk,uk->...u", shares, np.nan_to_num(scores))


def weighted_geometric(scores: Array, shares: Array) -> Array:
    """y = prod_c x_c ** s_c = exp(sum_c s_c ln x_c); requires x_c > 0 (Handbook, eq. 5.3)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.where(shares > 0, np.log(np.where(np.isnan(scores), 1.0, scores)), 0.0)
    return np.exp(np.sum(shares * logs, axis=-1))


def weighted_harmonic(scores: Array, shares: Array) -> Array:
    """y = 1 / sum_c (s_c / x_c); requires x_c > 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        inv = np.where(shares > 0, shares / np.where(np.isnan(scores), 1.0, scores), 0.0)
        return 1.0 / np.sum(inv, axis=-1)


class ZeroChildError(ValueError):
    """A geometric or harmonic mean met a zero child and the rubric says refuse."""

    def __init__(self, unit_index: int, child_index: int) -> None:
        super().__init__(f"unit #{unit_index}, child #{child_index} is 0")
        self.unit_index = unit_index
        self.child_index = child_index


def aggregate_node(
    scores: Array,
    weights: Array,
    method: Aggregation = Aggregation.ARITHMETIC,
    min_coverage: float = 0.0,
    on_zero: OnZero = OnZero.ERROR,
    zero_offset: float = 1.0,
) -> NodeScores:
    """Aggregate child scores (units, children) with weights (children,) or (sets, children).

    Missing children (NaN) are left out and the remaining weights rescaled, so a missing value
    never counts as zero. Coverage = sum(present weights) / sum(weights); below `min_coverage`
    (or with nothing present) the node is NaN: insufficient data.
    """
    scores = np.asarray(scores, dtype=float)
    weights = np.asarray(weights, dtype=float)
    present = ~np.isnan(scores)  # (units, children)
    w = weights[..., np.newaxis, :]  # (..., 1, children)
    present_w = np.where(present, w, 0.0)  # (..., units, children)
    total = np.sum(weights, axis=-1)[..., np.newaxis]  # (..., 1)
    have = np.sum(present_w, axis=-1)  # (..., units)
    with np.errstate(divide="ignore", invalid="ignore"):
        coverage = np.where(total > 0, have / total, 0.0)
        shares = np.where(have[..., np.newaxis] > 0, present_w / have[..., np.newaxis], 0.0)
    zero_blocked = np.zeros(coverage.shape, dtype=bool)
    if method is Aggregation.ARITHMETIC:
        value = weighted_arithmetic(scores, shares)
    else:
        work = scores
        zero = present & (scores <= 0)
        if zero.any():
            if on_zero is OnZero.ERROR:
                u, c = np.argwhere(zero)[0]
                raise ZeroChildError(int(u), int(c))
            if on_zero is OnZero.OFFSET:
                work = scores + zero_offset
                # A child still at or below 0 after the offset (a negative z-score, unclipped
                # goalposts) leaves the mean undefined: insufficient, for both means alike
                # (the harmonic formula would otherwise return a meaningless number).
                still = present & (work <= 0) & (shares > 0)
                zero_blocked = np.broadcast_to(np.any(still, axis=-1), coverage.shape).copy()
            else:
                zero_blocked = np.broadcast_to(
                    np.any(zero & (shares > 0), axis=-1), coverage.shape
                ).copy()
        mean = weighted_geometric if method is Aggregation.GEOMETRIC else weighted_harmonic
        value = mean(work, shares)
        if on_zero is OnZero.OFFSET and zero.any():
            value = value - zero_offset
    # Every weighted mean lies between its smallest and largest child; rounding can push it an
    # ulp outside (100.00000000000001, or equal children giving a different number), which
    # would break the 0-100 scale and split ties in ranks. Clamp to the children's range.
    used = np.broadcast_to(scores, shares.shape)
    lo = np.min(np.where(shares > 0, used, np.inf), axis=-1)
    hi = np.max(np.where(shares > 0, used, -np.inf), axis=-1)
    value = np.minimum(np.maximum(value, lo), hi)
    ok = (have > 0) & (coverage >= min_coverage - 1e-12) & ~zero_blocked
    return NodeScores(
        score=np.where(ok, value, np.nan),
        coverage=coverage,
        shares=shares,
        zero_blocked=zero_blocked,
    )
