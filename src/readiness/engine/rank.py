"""Rank units and place them in bands."""

from __future__ import annotations

import numpy as np
import pandas as pd

from readiness.rubric.model import Band, RankTies

# Scores are compared for ranks and bands rounded to this many decimals (on the 0-100 scale):
# two scores that differ only by floating-point rounding (1e-14) must tie, and a score that
# reaches a threshold up to rounding reaches it, however the sum was ordered.
SCORE_DECIMALS = 9


def rank(scores: pd.Series, ties: RankTies = RankTies.MIN) -> pd.Series:
    """Rank 1 = highest score. `min`: ties share the best rank and the next is skipped (1, 1, 3),
    as COINr does; `dense`: (1, 1, 2). Units without a score get no rank (<NA>)."""
    ranked = scores.round(SCORE_DECIMALS).rank(method=ties.value, ascending=False, na_option="keep")
    return ranked.astype("Int64")


def band(scores: pd.Series, bands: tuple[Band, ...]) -> pd.Series:
    """The label of the highest band whose threshold the score reaches; <NA> without a score."""
    labels = pd.Series(pd.NA, index=scores.index, dtype="string")
    values = np.round(scores.to_numpy(dtype=float), SCORE_DECIMALS)
    for b in reversed(bands):
        labels[np.nan_to_num(values, nan=-np.inf) >= b.min] = b.label
    return labels
