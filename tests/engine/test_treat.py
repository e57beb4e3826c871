"""Outlier treatment (COINr's skew/kurtosis winsorisation) on small hand-made skewed series."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from readiness.engine.treat import treat, treat_series
from readiness.rubric.model import Outliers

WINSORISE = Outliers(method="winsorise")  # |skew| >= 2 and kurt >= 3.5 fails; up to 5 points
ONE_TO_20 = [float(k) for k in range(1, 21)]


def g1_g2(xs: list[float]) -> tuple[float, float]:
    """Bias-adjusted sample skewness G1 and excess kurtosis G2, written out (Joanes & Gill 1998):
    G1 = sqrt(n(n-1))/(n-2) * m3/m2^1.5;
    G2 = (n-1)/((n-2)(n-3)) * ((n+1) m4/m2^2 - 3(n-1)), with m_k the central moments."""
    x = np.asarray(xs, dtype=float)
    n = x.size
    d = x - x.mean()
    m2, m3, m4 = (d**2).mean(), (d**3).mean(), (d**4).mean()
    g1 = math.sqrt(n * (n - 1)) / (n - 2) * m3 / m2**1.5
    g2 = (n - 1) / ((n - 2) * (n - 3)) * ((n + 1) * m4 / m2**2 - 3 * (n - 1))
    return g1, g2


def fails(xs: list[float]) -> bool:
    g1, g2 = g1_g2(xs)
    return abs(g1) >= 2 and g2 >= 3.5


def series(xs: list[float]) -> pd.Series:
    return pd.Series(xs, dtype=float, name="x")


def test_the_reference_statistics_agree_with_pandas() -> None:
    xs = [*ONE_TO_20, 60.0, 200.0]
    assert_allclose(g1_g2(xs), (series(xs).skew(), series(xs).kurt()))


def test_high_outliers_winsorised_two_steps() -> None:
    """[1..20, 60, 200]: G1 4.14, G2 18.0 fails; 200 -> 60 leaves [.., 60, 60] (G1 2.36, G2 5.40),
    still failing; both 60s -> 20 passes. Units winsorised: the 200 and the 60: 2 points."""
    xs = [*ONE_TO_20, 60.0, 200.0]
    assert fails(xs)
    assert fails([*ONE_TO_20, 60.0, 60.0])
    assert not fails([*ONE_TO_20, 20.0, 20.0])
    y, t = treat_series(series(xs), WINSORISE)
    assert y.tolist() == [*ONE_TO_20, 20.0, 20.0]
    assert (t.low_points, t.high_points, t.log) == (0, 2, False)
    assert t.label == "Winsorised 2 points"
    assert (t.skew, t.kurtosis) == pytest.approx(g1_g2(xs))


def test_single_high_outlier() -> None:
    """[1..9, 100] fails (G1 3.12, G2 9.80); 100 -> 9 passes: 1 point."""
    xs = [*ONE_TO_20[:9], 100.0]
    assert fails(xs)
    y, t = treat_series(series(xs), WINSORISE)
    assert y.tolist() == [*ONE_TO_20[:9], 9.0]
    assert (t.low_points, t.high_points) == (0, 1)
    assert t.label == "Winsorised 1 points"


def test_low_outlier_with_negative_skew() -> None:
    """[-100, 1..9]: G1 -3.13 so the minimum moves up to the smallest remaining value, 1."""
    xs = [-100.0, *ONE_TO_20[:9]]
    y, t = treat_series(series(xs), WINSORISE)
    assert y.tolist() == [1.0, *ONE_TO_20[:9]]
    assert (t.low_points, t.high_points) == (1, 0)


def test_a_tied_group_counts_as_that_many_points() -> None:
    """[1..30, 200, 200]: both 200s move to 30 in one step: 2 points."""
    xs = [float(k) for k in range(1, 31)] + [200.0, 200.0]
    y, t = treat_series(series(xs), WINSORISE)
    assert y.tolist()[-3:] == [30.0, 30.0, 30.0]
    assert (t.low_points, t.high_points) == (0, 2)


def test_missing_values_are_ignored_and_kept_missing() -> None:
    xs = [*ONE_TO_20[:9], 100.0, math.nan]
    y, t = treat_series(series(xs), WINSORISE)
    assert y.iloc[9] == 9.0
    assert math.isnan(y.iloc[10])
    assert t.high_points == 1


def test_passes_when_either_statistic_is_below_its_threshold() -> None:
    """[1..10, 100, 100]: G1 2.03 >= 2 but G2 2.58 < 3.5, so the indicator passes untouched."""
    xs = [float(k) for k in range(1, 11)] + [100.0, 100.0]
    g1, g2 = g1_g2(xs)
    assert g1 >= 2 and g2 < 3.5
    y, t = treat_series(series(xs), WINSORISE)
    assert y.tolist() == xs
    assert t.label == "None"


def test_log_fallback_when_winsorising_is_not_enough() -> None:
    """max_points 1: [1..20, 60, 200] still fails after one point, so the original values become
    log(x - min + 0.01 (max - min)) = log(x - 1 + 1.99)."""
    xs = [*ONE_TO_20, 60.0, 200.0]
    y, t = treat_series(series(xs), Outliers(method="winsorise", max_points=1))
    assert_allclose(y.to_numpy(), np.log(np.array(xs) + 0.99))
    assert_allclose(y.iloc[0], math.log(1.99))
    assert (t.indicator, t.low_points, t.high_points, t.log) == ("x", 0, 0, True)
    assert (t.skew, t.kurtosis) == pytest.approx(g1_g2(xs))
    assert t.label == "Log transformed"


def test_without_log_fallback_the_winsorised_values_stand() -> None:
    xs = [*ONE_TO_20, 60.0, 200.0]
    spec = Outliers(method="winsorise", max_points=1, log_fallback=False)
    y, t = treat_series(series(xs), spec)
    assert y.tolist() == [*ONE_TO_20, 60.0, 60.0]
    assert (t.high_points, t.log) == (1, False)


def test_method_none_changes_nothing() -> None:
    xs = [*ONE_TO_20, 60.0, 200.0]
    y, t = treat_series(series(xs), Outliers())
    assert y.tolist() == xs
    assert t.label == "None"


def test_treat_frame_treats_each_column() -> None:
    frame = pd.DataFrame(
        {"skewed": [*ONE_TO_20[:9], 100.0], "fine": [float(k) for k in range(10)]},
        index=[f"U{k}" for k in range(10)],
    )
    out, records = treat(frame, WINSORISE)
    assert out["skewed"].tolist() == [*ONE_TO_20[:9], 9.0]
    assert out["fine"].tolist() == frame["fine"].tolist()
    assert [(r.indicator, r.label) for r in records] == [
        ("skewed", "Winsorised 1 points"),
        ("fine", "None"),
    ]
    assert frame.at["U9", "skewed"] == 100.0  # the input is not modified


def test_method_none_still_records_the_statistics() -> None:
    xs = [*ONE_TO_20, 60.0, 200.0]
    frame = pd.DataFrame({"x": xs, "y": list(range(22))}, dtype=float)
    out, records = treat(frame, Outliers())
    pd.testing.assert_frame_equal(out, frame)
    assert out is not frame
    assert (records[0].skew, records[0].kurtosis) == pytest.approx(g1_g2(xs))
    assert records[1].skew == pytest.approx(0.0, abs=1e-12)
    assert [r.label for r in records] == ["None", "None"]
