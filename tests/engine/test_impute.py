"""Imputation: none, indicator mean/median, group mean/median, worked by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from readiness.engine.impute import impute
from readiness.rubric.model import Imputation

NAN = math.nan
UNITS = ["A1", "A2", "A3", "A4", "B1", "B2", "C1"]
GROUPS = pd.Series(["A", "A", "A", "A", "B", "B", "C"], index=UNITS)


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            # A: 1, 2, 9, -   B: 10, -   C: -
            "x": [1.0, 2.0, 9.0, NAN, 10.0, NAN, NAN],
            "y": [4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0],
        },
        index=UNITS,
    )


def test_none_leaves_missing_missing(frame: pd.DataFrame) -> None:
    out = impute(frame, Imputation.NONE)
    pd.testing.assert_frame_equal(out, frame)
    assert out is not frame


def test_indicator_mean(frame: pd.DataFrame) -> None:
    """x's mean over the units with a value: (1 + 2 + 9 + 10) / 4 = 5.5."""
    out = impute(frame, Imputation.INDICATOR_MEAN)
    assert out["x"].tolist() == [1.0, 2.0, 9.0, 5.5, 10.0, 5.5, 5.5]
    assert out["y"].tolist() == frame["y"].tolist()


def test_indicator_median(frame: pd.DataFrame) -> None:
    """median(1, 2, 9, 10) = (2 + 9) / 2 = 5.5 -- use another column to tell mean from median."""
    frame["x"] = [1.0, 2.0, 9.0, NAN, 30.0, NAN, NAN]  # mean 10.5, median 5.5
    assert impute(frame, Imputation.INDICATOR_MEDIAN)["x"].tolist() == [
        1.0, 2.0, 9.0, 5.5, 30.0, 5.5, 5.5
    ]  # fmt: skip
    assert impute(frame, Imputation.INDICATOR_MEAN)["x"].iloc[3] == 10.5


def test_group_mean(frame: pd.DataFrame) -> None:
    """A4 := mean(1, 2, 9) = 4; B2 := mean(10) = 10; C1 has no group value: stays missing."""
    out = impute(frame, Imputation.GROUP_MEAN, GROUPS)
    assert out["x"].tolist()[:6] == [1.0, 2.0, 9.0, 4.0, 10.0, 10.0]
    assert math.isnan(out.at["C1", "x"])


def test_group_median(frame: pd.DataFrame) -> None:
    """A4 := median(1, 2, 9) = 2 (the mean would be 4)."""
    out = impute(frame, Imputation.GROUP_MEDIAN, GROUPS)
    assert out.at["A4", "x"] == 2.0
    assert out.at["B2", "x"] == 10.0
    assert math.isnan(out.at["C1", "x"])


def test_groups_are_matched_by_unit_not_position(frame: pd.DataFrame) -> None:
    shuffled = GROUPS.iloc[::-1]
    out = impute(frame, Imputation.GROUP_MEAN, shuffled)
    assert out.at["A4", "x"] == 4.0


def test_group_imputation_needs_groups(frame: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="needs unit groups"):
        impute(frame, Imputation.GROUP_MEAN)
