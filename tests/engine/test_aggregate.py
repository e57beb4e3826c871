"""Aggregation: weighted means by hand, re-weighting over missing children, coverage, zeros,
and batches of weight sets."""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

from readiness.engine.aggregate import (
    ZeroChildError,
    aggregate_node,
    weighted_arithmetic,
    weighted_geometric,
    weighted_harmonic,
)
from readiness.rubric.model import Aggregation, OnZero

NAN = math.nan
A, G, H = Aggregation.ARITHMETIC, Aggregation.GEOMETRIC, Aggregation.HARMONIC


def m(*rows: list[float]) -> np.ndarray:
    return np.array(rows, dtype=float)


# --- the three means ---------------------------------------------------------------------------


def test_arithmetic_hand_worked() -> None:
    """y = sum_c w_c x_c / sum_c w_c: (1*40 + 2*80 + 1*60) / 4 = 65."""
    ns = aggregate_node(m([40, 80, 60]), np.array([1.0, 2.0, 1.0]), A)
    assert_allclose(ns.score, [65.0])
    assert_allclose(ns.coverage, [1.0])
    assert_allclose(ns.shares, [[0.25, 0.5, 0.25]])


def test_geometric_hand_worked() -> None:
    """y = prod x_c ** s_c: sqrt(10 * 40) = 20; 10^0.25 * 40^0.75 = 10 * 2^1.5 = 28.284..."""
    assert_allclose(aggregate_node(m([10, 40]), np.array([1.0, 1.0]), G).score, [20.0])
    assert_allclose(aggregate_node(m([10, 40]), np.array([1.0, 3.0]), G).score, [10 * 2**1.5])
    assert_allclose(10 * 2**1.5, 28.284271247461902)


def test_harmonic_hand_worked() -> None:
    """y = 1 / sum_c (s_c / x_c): 1 / (0.5/20 + 0.5/60) = 30; 1 / (0.75/20 + 0.25/60) = 24."""
    assert_allclose(aggregate_node(m([20, 60]), np.array([1.0, 1.0]), H).score, [30.0])
    assert_allclose(aggregate_node(m([20, 60]), np.array([3.0, 1.0]), H).score, [24.0])


def test_mean_inequality_on_unequal_children() -> None:
    """harmonic <= geometric <= arithmetic, equal only when the children are equal."""
    x, w = m([20, 60], [50, 50]), np.array([1.0, 1.0])
    a, g, h = (aggregate_node(x, w, k).score for k in (A, G, H))
    assert h[0] < g[0] < a[0]
    assert_allclose([a[1], g[1], h[1]], [50, 50, 50])


def test_kernels_take_shares_directly() -> None:
    x, s = m([40, 10]), m([0.5, 0.5])
    assert_allclose(weighted_arithmetic(x, s), [25.0])
    assert_allclose(weighted_geometric(x, s), [20.0])
    assert_allclose(weighted_harmonic(x, s), [16.0])


# --- missing children --------------------------------------------------------------------------


def test_missing_child_is_left_out_and_weights_rescaled() -> None:
    """[40, -, 60] with weights [1, 2, 1]: (1*40 + 1*60) / 2 = 50, coverage 2/4."""
    ns = aggregate_node(m([40, NAN, 60]), np.array([1.0, 2.0, 1.0]), A)
    assert_allclose(ns.score, [50.0])
    assert_allclose(ns.coverage, [0.5])
    assert_allclose(ns.shares, [[0.5, 0.0, 0.5]])


def test_missing_child_is_not_zero() -> None:
    with_missing = aggregate_node(m([40, NAN]), np.array([1.0, 1.0]), A).score[0]
    with_zero = aggregate_node(m([40, 0]), np.array([1.0, 1.0]), A).score[0]
    assert with_missing == 40.0
    assert with_zero == 20.0


@pytest.mark.parametrize(("method", "expected"), [(G, 20.0), (H, 16.0)])
def test_missing_child_rescaled_in_geometric_and_harmonic(
    method: Aggregation, expected: float
) -> None:
    """[40, -, 10] equal weights: sqrt(40 * 10) = 20; 1 / (0.5/40 + 0.5/10) = 16."""
    ns = aggregate_node(m([40, NAN, 10]), np.array([1.0, 1.0, 1.0]), method)
    assert_allclose(ns.score, [expected])


def test_min_coverage_makes_the_node_insufficient() -> None:
    """Coverage 2/4 = 0.5: scores at min_coverage 0.5, NaN at 0.6."""
    x, w = m([40, NAN, 60]), np.array([1.0, 2.0, 1.0])
    assert_allclose(aggregate_node(x, w, A, min_coverage=0.5).score, [50.0])
    ns = aggregate_node(x, w, A, min_coverage=0.6)
    assert np.isnan(ns.score[0])
    assert_allclose(ns.coverage, [0.5])


def test_all_children_missing_is_insufficient_even_at_zero_coverage() -> None:
    ns = aggregate_node(m([NAN, NAN], [1, 3]), np.array([1.0, 1.0]), A, min_coverage=0.0)
    assert np.isnan(ns.score[0])
    assert_allclose(ns.score[1], 2.0)
    assert_allclose(ns.coverage, [0.0, 1.0])


def test_zero_weight_child_does_not_count() -> None:
    """A weight-0 child adds nothing to the score nor to the coverage."""
    ns = aggregate_node(m([40, 100, 60]), np.array([1.0, 0.0, 1.0]), A)
    assert_allclose(ns.score, [50.0])
    ns = aggregate_node(m([40, NAN, 60]), np.array([1.0, 0.0, 1.0]), A)
    assert_allclose(ns.coverage, [1.0])


# --- zeros in geometric and harmonic means -----------------------------------------------------


@pytest.mark.parametrize("method", [G, H])
def test_on_zero_error_names_the_unit_and_child(method: Aggregation) -> None:
    with pytest.raises(ZeroChildError) as info:
        aggregate_node(m([10, 20], [30, 0]), np.array([1.0, 1.0]), method, on_zero=OnZero.ERROR)
    assert (info.value.unit_index, info.value.child_index) == (1, 1)


@pytest.mark.parametrize("method", [G, H])
def test_on_zero_insufficient_blanks_only_the_unit_with_a_zero(method: Aggregation) -> None:
    ns = aggregate_node(
        m([10, 40], [0, 50]), np.array([1.0, 1.0]), method, on_zero=OnZero.INSUFFICIENT
    )
    assert np.isnan(ns.score[1])
    assert ns.zero_blocked.tolist() == [False, True]
    assert_allclose(ns.score[0], 20.0 if method is G else 16.0)
    assert_allclose(ns.coverage, [1.0, 1.0])


def test_on_zero_offset_geometric() -> None:
    """prod (x_c + o) ** s_c - o with o = 1: sqrt(1 * 51) - 1."""
    ns = aggregate_node(m([0, 50]), np.array([1.0, 1.0]), G, on_zero=OnZero.OFFSET, zero_offset=1.0)
    assert_allclose(ns.score, [math.sqrt(51) - 1])
    assert_allclose(ns.score, [6.14142842854285])


def test_on_zero_offset_harmonic() -> None:
    """1 / sum s_c / (x_c + o) - o with o = 1: 1 / (0.5/1 + 0.5/51) - 1 = 102/52 - 1 = 50/52."""
    ns = aggregate_node(m([0, 50]), np.array([1.0, 1.0]), H, on_zero=OnZero.OFFSET, zero_offset=1.0)
    assert_allclose(ns.score, [50 / 52])


@pytest.mark.parametrize("method", [G, H])
def test_a_child_still_below_zero_after_the_offset_blanks_the_unit(method: Aggregation) -> None:
    """-3 + 1 = -2: neither ln(-2) nor a harmonic mean of a negative number means anything,
    so unit 1 is insufficient under both means (unit 0 takes the offset: 0 is present)."""
    ns = aggregate_node(m([0, 50], [-3, 50]), np.array([1.0, 1.0]), method, on_zero=OnZero.OFFSET)
    assert ns.zero_blocked.tolist() == [False, True]
    assert np.isnan(ns.score[1])
    assert_allclose(ns.score[0], math.sqrt(51) - 1 if method is G else 50 / 52)


def test_on_zero_offset_only_applies_when_a_zero_is_present() -> None:
    ns = aggregate_node(m([10, 40]), np.array([1.0, 1.0]), G, on_zero=OnZero.OFFSET)
    assert_allclose(ns.score, [20.0])


def test_arithmetic_takes_zeros() -> None:
    ns = aggregate_node(m([0, 50]), np.array([1.0, 1.0]), A, on_zero=OnZero.ERROR)
    assert_allclose(ns.score, [25.0])


# --- batches of weight sets --------------------------------------------------------------------


@pytest.mark.parametrize("method", [A, G, H])
def test_batch_weights_equal_looping_over_sets(method: Aggregation) -> None:
    scores = m([40, 80, 60], [10, NAN, 90], [55, 5, NAN], [NAN, NAN, NAN])
    sets = np.array([[1, 1, 1], [1, 2, 1], [0.5, 0, 3], [2, 2, 0.1]], dtype=float)
    batch = aggregate_node(scores, sets, method, min_coverage=0.3)
    assert batch.score.shape == (4, 4)
    assert batch.coverage.shape == (4, 4)
    assert batch.shares.shape == (4, 4, 3)
    for s, weights in enumerate(sets):
        one = aggregate_node(scores, weights, method, min_coverage=0.3)
        assert_allclose(batch.score[s], one.score, rtol=1e-12)
        assert_allclose(batch.coverage[s], one.coverage, rtol=1e-12)
        assert_allclose(batch.shares[s], one.shares, rtol=1e-12)
    # One hand-worked cell: set 2 (weights 0.5, 0, 3), unit 1 ([10, -, 90]) for arithmetic.
    if method is A:
        assert_allclose(batch.score[2, 1], (0.5 * 10 + 3 * 90) / 3.5)
        # Unit 2 under set 2: only the weight-0.5 child is present (coverage 0.5/3.5 < 0.3).
        assert np.isnan(batch.score[2, 2])


def test_batch_on_zero_insufficient() -> None:
    scores = m([0, 50], [10, 40])
    sets = np.array([[1, 1], [0, 1]], dtype=float)
    batch = aggregate_node(scores, sets, G, on_zero=OnZero.INSUFFICIENT)
    # Set 0: unit 0 has a weighted zero -> insufficient. Set 1: its zero has weight 0 -> 50.
    assert np.isnan(batch.score[0, 0])
    assert_allclose(batch.score[0, 1], 20.0)
    assert_allclose(batch.score[1], [50.0, 40.0])


# --- rounding never leaves the children's range ------------------------------------------------


@pytest.mark.parametrize("method", [A, G, H])
def test_equal_children_give_exactly_their_value(method: Aggregation) -> None:
    """Regression: (0.5 * 100 + 0.1 * 100) / 0.6 rounded to 100.00000000000001 with shares
    0.5/0.6 and 0.1/0.6, which broke the 0-100 scale and split ties in ranks."""
    for value in (100.0, 70.0, 33.3, 55.0):
        for weights in ([0.5, 0.1], [2.3, 1.7, 2.1, 0.3], [0.3, 0.7, 0.1]):
            w = np.array(weights)
            ns = aggregate_node(np.full((1, w.size), value), w, method)
            assert ns.score[0] == value, (value, weights)


def test_a_missing_pattern_does_not_split_a_tie() -> None:
    """Two units with every present child at 100 both score exactly 100."""
    scores = m([100, 100, 100], [100, 100, NAN], [NAN, 100, 100])
    ns = aggregate_node(scores, np.array([0.5, 0.1, 1.0]), A)
    assert ns.score.tolist() == [100.0, 100.0, 100.0]
