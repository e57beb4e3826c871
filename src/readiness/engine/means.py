"""Weighted means through sufficient statistics, shared by the draw and what-if kernels.

Every node is a weighted mean (OECD/JRC Handbook 2008, eq. 5.1-5.3): with g(x) = x
(arithmetic), ln(x + o) (geometric) or 1 / (x + o) (harmonic),
    S1 = sum_c w_c p_c g(x_c),  S0 = sum_c w_c p_c,  T = sum_c w_c,
p_c = 1 when child c is present, and the node is g^-1(S1 / S0) (minus the offset o) when
S0 / T reaches the node's minimum coverage; otherwise it is insufficient (NaN), as in `score`.
A present child that leaves g undefined (a zero child of a geometric or harmonic mean without
offset) makes the node insufficient when it carries weight.
"""

from __future__ import annotations

import numpy as np

ARITHMETIC, GEOMETRIC, HARMONIC = 0, 1, 2


def transform(x: np.ndarray, code: np.ndarray | int, offset: np.ndarray | float) -> np.ndarray:
    """g(x): x, ln(x + o) or 1 / (x + o) by aggregation code; NaN where x is missing and where
    g is undefined (x + o <= 0 for geometric and harmonic)."""
    if isinstance(code, int | np.integer):  # one mean for the whole array: compute only it
        if code == ARITHMETIC:
            return x
        o = 0.0 if np.isnan(offset) else float(offset)
        shifted = np.where(x + o > 0, x + o, np.nan)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.log(shifted) if code == GEOMETRIC else 1.0 / shifted
    o = np.nan_to_num(offset, nan=0.0)
    shifted = x + o
    with np.errstate(divide="ignore", invalid="ignore"):
        geo = np.log(np.where(shifted > 0, shifted, np.nan))
        har = 1.0 / np.where(shifted > 0, shifted, np.nan)
    return np.where(code == ARITHMETIC, x, np.where(code == GEOMETRIC, geo, har))


def inverse(m: np.ndarray, code: np.ndarray | int, offset: np.ndarray | float) -> np.ndarray:
    """g^-1(m), minus the offset: the node's score from its mean of transformed children."""
    o = np.nan_to_num(offset, nan=0.0)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        return np.where(
            code == ARITHMETIC, m, np.where(code == GEOMETRIC, np.exp(m) - o, 1.0 / m - o)
        )


def node_score(
    s1: np.ndarray,
    s0: np.ndarray,
    zeros: np.ndarray,
    total: np.ndarray,
    code: np.ndarray | int,
    offset: np.ndarray | float,
    min_coverage: np.ndarray | float,
) -> np.ndarray:
    """A node's score from its statistics: g^-1(S1 / S0) where S0 > 0, S0 / T reaches the
    minimum coverage and no present child leaves g undefined (`zeros`: their weight; a zero
    child of a geometric or harmonic mean without offset); otherwise NaN (insufficient data,
    as `score` reports it; a rubric's `on_zero: error` cannot raise inside a batch)."""
    if isinstance(code, int | np.integer) and np.ndim(min_coverage) == 0:
        # One node for the whole array: fewer passes. coverage >= m  <=>  S0 >= m T (T > 0).
        with np.errstate(divide="ignore", invalid="ignore"):
            value = s1 / s0
            if code != ARITHMETIC:
                value = inverse(value, code, offset)
        need = (float(min_coverage) - 1e-12) * total
        ok = (s0 > 0) & (s0 >= need) & (total > 0)
        if code != ARITHMETIC:
            ok &= zeros <= 0
        value[~ok] = np.nan
        return value
    with np.errstate(divide="ignore", invalid="ignore"):
        coverage = np.where(total > 0, s0 / total, 0.0)
        value = inverse(s1 / s0, code, offset)
    ok = (s0 > 0) & (coverage >= min_coverage - 1e-12) & (zeros <= 0)
    return np.where(ok, value, np.nan)


def child_terms(
    x: np.ndarray, code: int, offset: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per child value: (p g(x) with 0 where absent or undefined, p, undefined-and-present)."""
    present = ~np.isnan(x)
    g = transform(x, code, offset)
    bad = present & np.isnan(g)
    return np.where(present & ~bad, g, 0.0), (present & ~bad).astype(float), bad.astype(float)
