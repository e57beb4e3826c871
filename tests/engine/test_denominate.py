"""Denominate: x / d, with a missing or zero denominator giving a missing value."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd

from readiness.api import Rubric, Values, score
from readiness.engine.denominate import denominate

NAN = math.nan


def test_denominate_hand_worked() -> None:
    units = ["U1", "U2", "U3", "U4", "U5"]
    raw = pd.DataFrame(
        {"a": [10.0, 20.0, 30.0, 40.0, NAN], "b": [1.0, 2.0, 3.0, 4.0, 5.0]}, index=units
    )
    den = pd.DataFrame({"pop": [2.0, 0.0, NAN, -4.0, 5.0]}, index=units)
    out = denominate(raw, den, {"a": "pop"})
    # 10/2, 20/0 -> missing (not inf), 30/NaN -> missing, 40/-4, NaN/5 -> missing.
    np.testing.assert_array_equal(out["a"].to_numpy(), [5.0, NAN, NAN, -10.0, NAN])
    assert out["b"].tolist() == [1.0, 2.0, 3.0, 4.0, 5.0]  # not in the spec: unchanged
    assert raw.at["U1", "a"] == 10.0  # the input is not modified


def test_zero_over_zero_is_missing_not_nan_arithmetic() -> None:
    raw = pd.DataFrame({"a": [0.0, 0.0]}, index=["U1", "U2"])
    den = pd.DataFrame({"d": [0.0, 3.0]}, index=["U1", "U2"])
    out = denominate(raw, den, {"a": "d"})
    assert math.isnan(out.at["U1", "a"])
    assert out.at["U2", "a"] == 0.0


def test_missing_denominator_flows_into_imputation_through_score(
    make_rubric: Callable[..., Rubric], make_values: Callable[..., Values]
) -> None:
    """A unit without its denominator gets a missing value, which imputation then fills."""
    rubric = make_rubric(
        {
            "a": {
                "parent": "p",
                "denominator": "pop",
                "normalisation": {"method": "goalposts", "low": 0, "high": 10},
            }
        },
        {"idx": {}, "p": {"parent": "idx"}},
        denominators=[{"id": "pop", "name": "Population"}],
        missing_data={"imputation": "indicator_mean"},
    )
    values = make_values(
        {
            "U1": {"a": 10.0, "pop": 2.0},
            "U2": {"a": 30.0, "pop": 10.0},
            "U3": {"a": 50.0, "pop": 0.0},
        }
    )
    result = score(rubric, values)
    assert result.denominated["a"].tolist()[:2] == [5.0, 3.0]
    assert math.isnan(result.denominated.at["U3", "a"])
    assert result.imputed.at["U3", "a"] == 4.0  # mean(5, 3)
    assert result.imputed_mask["a"].tolist() == [False, False, True]
    assert result.normalised["a"].tolist() == [50.0, 30.0, 40.0]
