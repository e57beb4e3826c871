"""Weighted means through sufficient statistics: hand-worked cases.

S1 = sum w p g(x), S0 = sum w p, T = sum w; node = g^-1(S1 / S0) (minus the offset) when
S0 / T reaches the minimum coverage and no weighted child leaves g undefined.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

from readiness.engine.means import (
    ARITHMETIC,
    GEOMETRIC,
    HARMONIC,
    child_terms,
    inverse,
    node_score,
    transform,
)


def _node(
    x: list[float], w: list[float], code: int, offset: float = np.nan, min_coverage: float = 0.0
) -> float:
    """One unit's node score from its children `x` (NaN: missing) and weights `w`."""
    values = np.asarray([x], dtype=float)
    weights = np.asarray(w, dtype=float)
    g, p, bad = child_terms(values, code, offset)
    total = np.asarray([weights.sum()])
    return float(
        node_score(g @ weights, p @ weights, bad @ weights, total, code, offset, min_coverage)[0]
    )


def test_transform_and_inverse_round_trip() -> None:
    x = np.array([4.0, 16.0])
    assert_allclose(transform(x, GEOMETRIC, np.nan), np.log(x))
    assert_allclose(transform(x, HARMONIC, 1.0), 1 / (x + 1))
    assert_allclose(inverse(transform(x, GEOMETRIC, 1.0), GEOMETRIC, 1.0), x)
    assert_allclose(inverse(transform(x, HARMONIC, np.nan), HARMONIC, np.nan), x)
    # Per-element codes (the what-if kernel): arithmetic, geometric, harmonic side by side.
    mixed = transform(x[[0, 0, 0]], np.array([ARITHMETIC, GEOMETRIC, HARMONIC]), np.nan)
    assert_allclose(mixed, [4.0, math.log(4.0), 0.25])
    # g is undefined at or below 0 without an offset: NaN, never -inf.
    assert np.isnan(transform(np.array([0.0]), GEOMETRIC, np.nan)).all()


def test_means_hand_worked() -> None:
    # arithmetic (1 x 10 + 3 x 30) / 4 = 25; geometric 4^(1/2) 16^(1/2) = 8;
    # harmonic 2 / (1/4 + 1/16) = 6.4; geometric with offset 1: sqrt(5 x 17) - 1
    assert _node([10, 30], [1, 3], ARITHMETIC) == pytest.approx(25.0)
    assert _node([4, 16], [1, 1], GEOMETRIC) == pytest.approx(8.0)
    assert _node([4, 16], [1, 1], HARMONIC) == pytest.approx(6.4)
    assert _node([4, 16], [1, 1], GEOMETRIC, 1.0) == pytest.approx(math.sqrt(85) - 1)


def test_a_missing_child_is_left_out_and_coverage_decides() -> None:
    # b missing: the mean of what is present (a = 40), coverage 1 / 3 of the weight.
    assert _node([40, np.nan], [1, 2], ARITHMETIC) == pytest.approx(40.0)
    assert np.isnan(_node([40, np.nan], [1, 2], ARITHMETIC, min_coverage=0.5))
    assert _node([40, np.nan], [1, 2], ARITHMETIC, min_coverage=1 / 3) == pytest.approx(40.0)
    assert np.isnan(_node([np.nan, np.nan], [1, 1], ARITHMETIC))  # nothing present


def test_a_zero_child_blanks_a_mean_without_offset_unless_it_weighs_nothing() -> None:
    assert np.isnan(_node([0, 50], [1, 1], GEOMETRIC))
    assert np.isnan(_node([0, 50], [1, 1], HARMONIC))
    assert _node([0, 50], [0, 1], GEOMETRIC) == pytest.approx(50.0)  # left out: no weight
    # With the offset 1: sqrt(1 x 51) - 1.
    assert _node([0, 50], [1, 1], GEOMETRIC, 1.0) == pytest.approx(math.sqrt(51) - 1)
