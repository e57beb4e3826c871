"""Normalisation methods against hand-worked vectors (NaN = missing, always kept missing)."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd
from numpy.testing import assert_allclose

from readiness.engine.normalise import (
    distance_to_target,
    goalposts,
    minmax,
    normalise,
    normalise_vector,
    rank,
    zscore,
)
from readiness.rubric.model import DistanceToTarget, Goalposts, MinMax, Rank, Rubric, ZScore

NAN = math.nan


def v(*xs: float) -> np.ndarray:
    return np.array(xs, dtype=float)


# --- goalposts --------------------------------------------------------------------------------


def test_goalposts_direction_plus_one_with_clipping() -> None:
    """y = (x - low) / (high - low) * 100, clipped to [0, 100]; low=0, high=50."""
    got = goalposts(v(0, 25, 50, 120, -10, NAN), low=0, high=50)
    assert_allclose(got, v(0, 50, 100, 100, 0, NAN))


def test_goalposts_without_clipping_extrapolates() -> None:
    got = goalposts(v(0, 25, 50, 120, -10, NAN), low=0, high=50, clip=False)
    assert_allclose(got, v(0, 50, 100, 240, -20, NAN))


def test_goalposts_direction_minus_one() -> None:
    """Lower is better: y = (high - x) / (high - low) * 100; low=10, high=30."""
    got = goalposts(v(10, 15, 30, 40, 0, NAN), low=10, high=30, direction=-1)
    assert_allclose(got, v(100, 75, 0, 0, 100, NAN))
    unclipped = goalposts(v(40, 0), low=10, high=30, direction=-1, clip=False)
    assert_allclose(unclipped, v(-50, 150))


def test_goalposts_do_not_depend_on_other_units() -> None:
    one = goalposts(v(3.0), low=1, high=5)
    many = goalposts(v(3.0, 100, -100), low=1, high=5)
    assert one[0] == many[0] == 50.0


# --- min-max ----------------------------------------------------------------------------------


def test_minmax_hand_worked() -> None:
    """y = (x - min) / (max - min) * 100: [2, 4, 10] -> [0, 25, 100]."""
    assert_allclose(minmax(v(2, 4, 10, NAN)), v(0, 25, 100, NAN))


def test_minmax_direction_minus_one() -> None:
    """d x = [-2, -4, -10]: min -10, max -2 -> [100, 75, 0]."""
    assert_allclose(minmax(v(2, 4, 10), direction=-1), v(100, 75, 0))


def test_minmax_to_another_range() -> None:
    """(x - min) / (max - min) * (high - low) + low with [low, high] = [10, 20]."""
    assert_allclose(minmax(v(2, 4, 10), low=10, high=20), v(10, 12.5, 20))


def test_minmax_all_equal_gives_the_middle_not_zero() -> None:
    assert_allclose(minmax(v(3, 3, NAN)), v(50, 50, NAN))
    assert_allclose(minmax(v(7.0), low=20, high=40), v(30.0))


def test_minmax_all_missing_stays_missing() -> None:
    assert np.isnan(minmax(v(NAN, NAN))).all()


# --- z-score ----------------------------------------------------------------------------------


def test_zscore_hand_worked() -> None:
    """y = (x - mean) / sd * sd' + mean' with the sample sd: [1..5] has mean 3, sd sqrt(2.5)."""
    sd = math.sqrt(2.5)
    got = zscore(v(1, 2, 3, 4, 5, NAN))
    assert_allclose(got, v(-2 / sd, -1 / sd, 0, 1 / sd, 2 / sd, NAN))
    assert_allclose(got[4], 1.2649110640673518)


def test_zscore_with_mean_and_sd_and_direction() -> None:
    sd = math.sqrt(2.5)
    got = zscore(v(1, 2, 3, 4, 5), direction=-1, mean=50, sd=10)
    assert_allclose(got, 50 + 10 * v(2, 1, 0, -1, -2) / sd)
    assert_allclose(got[0], 62.649110640673515)


def test_zscore_degenerate_gives_the_mean() -> None:
    assert_allclose(zscore(v(4, 4, 4), mean=50, sd=10), v(50, 50, 50))
    assert_allclose(zscore(v(4, NAN), mean=50, sd=10), v(50, NAN))


# --- rank -------------------------------------------------------------------------------------


def test_rank_with_ties_averaged() -> None:
    """Ranks (1 = worst) of [10, 20, 20, 40] are 1, 2.5, 2.5, 4; y = (r - 1) / (n - 1) * 100."""
    assert_allclose(rank(v(10, 20, 20, 40, NAN)), v(0, 50, 50, 100, NAN))


def test_rank_direction_minus_one() -> None:
    assert_allclose(rank(v(10, 20, 20, 40), direction=-1), v(100, 50, 50, 0))


def test_rank_single_value() -> None:
    assert_allclose(rank(v(NAN, 5)), v(NAN, 100))


# --- distance to target -----------------------------------------------------------------------


def test_distance_to_target_with_cap() -> None:
    """y = (x - min) / (target - min) * 100, capped at 100: min 2, target 10."""
    x = v(2, 6, 10, 14, NAN)
    assert_allclose(distance_to_target(x, target=10), v(0, 50, 100, 100, NAN))
    assert_allclose(distance_to_target(x, target=10, cap=False), v(0, 50, 100, 150, NAN))


def test_distance_to_target_direction_minus_one() -> None:
    """Lower is better: y = (max - x) / (max - target) * 100: max 14, target 6."""
    x = v(2, 6, 10, 14)
    assert_allclose(distance_to_target(x, target=6, direction=-1), v(100, 100, 50, 0))
    assert_allclose(distance_to_target(x, target=6, direction=-1, cap=False), v(150, 100, 50, 0))


# --- dispatch over a frame --------------------------------------------------------------------


def test_normalise_vector_dispatches_each_method() -> None:
    x = v(2, 4, 10)
    assert_allclose(normalise_vector(x, Goalposts(low=0, high=20), 1), v(10, 20, 50))
    assert_allclose(normalise_vector(x, MinMax(), -1), v(100, 75, 0))
    assert_allclose(normalise_vector(x, Rank(), 1), v(0, 50, 100))
    assert_allclose(normalise_vector(x, DistanceToTarget(target=6), 1), v(0, 50, 100))
    assert_allclose(normalise_vector(x, ZScore(), 1), (x - x.mean()) / x.std(ddof=1))


def test_normalise_frame_uses_each_indicators_method(make_rubric: Callable[..., Rubric]) -> None:
    rubric = make_rubric(
        {
            "a": {"parent": "p", "normalisation": {"method": "goalposts", "low": 0, "high": 10}},
            "b": {"parent": "p", "direction": -1},  # numeric default: min-max
            "c": {
                "parent": "p",
                "kind": "categorical",
                "levels": [
                    {"value": 1, "label": "low", "definition": "Low."},
                    {"value": 2, "label": "mid", "definition": "Mid."},
                    {"value": 5, "label": "high", "definition": "High."},
                ],
            },
        },
        {"idx": {}, "p": {"parent": "idx"}},
    )
    frame = pd.DataFrame({"a": [5.0, 12.0], "b": [1.0, 3.0], "c": [2.0, 5.0]}, index=["X", "Y"])
    got = normalise(frame, rubric)
    # Categorical default: goalposts over the lowest and highest level, (2 - 1) / (5 - 1).
    expected = pd.DataFrame(
        {"a": [50.0, 100.0], "b": [100.0, 0.0], "c": [25.0, 100.0]}, index=["X", "Y"]
    )
    pd.testing.assert_frame_equal(got, expected)
