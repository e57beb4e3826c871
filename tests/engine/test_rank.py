"""Ranks (ties min or dense, higher score = rank 1) and bands."""

from __future__ import annotations

import math

import pandas as pd

from readiness.engine.rank import band, rank
from readiness.rubric.model import Band, RankTies

SCORES = pd.Series([80.0, 90.0, 80.0, math.nan, 70.0], index=["B", "A", "C", "X", "D"])


def test_rank_ties_min() -> None:
    """Ties share the best rank and the next rank is skipped: 1, 2, 2, 4."""
    got = rank(SCORES, RankTies.MIN)
    assert str(got.dtype) == "Int64"
    assert got.isna().tolist() == [False, False, False, True, False]
    assert got.to_dict() == {"B": 2, "A": 1, "C": 2, "X": None, "D": 4}


def test_rank_ties_dense() -> None:
    """Dense: 1, 2, 2, 3."""
    got = rank(SCORES, RankTies.DENSE)
    assert got.to_dict() == {"B": 2, "A": 1, "C": 2, "X": None, "D": 3}


def test_rank_default_is_min() -> None:
    assert rank(SCORES).tolist() == rank(SCORES, RankTies.MIN).tolist()


BANDS = (
    Band(label="ready", min=70),
    Band(label="emerging", min=40),
    Band(label="early", min=0),
)


def test_band_thresholds_are_inclusive() -> None:
    scores = pd.Series([100.0, 70.0, 69.99, 40.0, 39.999, 0.0, math.nan], index=list("abcdefg"))
    got = band(scores, BANDS)
    assert got.tolist()[:6] == ["ready", "ready", "emerging", "emerging", "early", "early"]
    assert got.iloc[6] is pd.NA


def test_band_below_every_threshold_has_no_band() -> None:
    got = band(pd.Series([10.0, 50.0], index=["a", "b"]), BANDS[:2])
    assert got.iloc[0] is pd.NA
    assert got.iloc[1] == "emerging"


def test_no_bands_means_no_labels() -> None:
    got = band(pd.Series([10.0], index=["a"]), ())
    assert got.iloc[0] is pd.NA
