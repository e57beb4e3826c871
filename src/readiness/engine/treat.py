"""Outlier treatment by COINr's skewness/kurtosis winsorisation rule (COINr `qTreat`)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from readiness.rubric.model import Outliers


@dataclass(frozen=True)
class Treatment:
    """What was done to one indicator."""

    indicator: str
    low_points: int
    high_points: int
    log: bool
    skew: float
    kurtosis: float

    @property
    def label(self) -> str:
        if self.log:
            return "Log transformed"
        points = self.low_points + self.high_points
        return f"Winsorised {points} points" if points else "None"


def _passes(x: pd.Series, spec: Outliers) -> bool:
    skew, kurt = x.skew(), x.kurt()
    # Too few values for the statistics: nothing to treat.
    if pd.isna(skew) or pd.isna(kurt):
        return True
    return bool(abs(skew) < spec.skew or kurt < spec.kurtosis)


def treat_series(x: pd.Series, spec: Outliers) -> tuple[pd.Series, Treatment]:
    """Treat one indicator (NaN ignored).

    Passes when |skew| < spec.skew or excess kurtosis < spec.kurtosis, using the bias-adjusted
    sample statistics (pandas `skew`, `kurt`). Otherwise winsorise one step at a time: with
    skew >= 0, every value equal to the current maximum becomes the largest remaining value;
    else every value equal to the minimum becomes the smallest remaining one. A tied group counts
    as that many points. Stop when it passes or after `max_points` points; if it still fails,
    use log(x - min(x) + 0.01 (max(x) - min(x))) on the original values (Vidoli et al., COINr).
    """
    name = str(x.name)
    skew0, kurt0 = float(x.skew()), float(x.kurt())
    if spec.method == "none" or _passes(x, spec):
        return x.copy(), Treatment(name, 0, 0, False, skew0, kurt0)
    y = x.copy()
    low_units: set[object] = set()
    high_units: set[object] = set()
    # A unit winsorised twice (first as the maximum, then tied with the next) counts once.
    while len(low_units) + len(high_units) < spec.max_points and not _passes(y, spec):
        present = y.dropna()
        extreme = present.max() if y.skew() >= 0 else present.min()
        hit = present.index[present == extreme]
        rest = present[present != extreme]
        if rest.empty:
            break
        if y.skew() >= 0:
            y.loc[hit] = rest.max()
            high_units.update(hit)
        else:
            y.loc[hit] = rest.min()
            low_units.update(hit)
    low, high = len(low_units), len(high_units)
    if _passes(y, spec) or not spec.log_fallback:
        return y, Treatment(name, low, high, False, skew0, kurt0)
    lo, hi = x.min(), x.max()
    logged = np.log(x - lo + 0.01 * (hi - lo))
    return logged, Treatment(name, 0, 0, True, skew0, kurt0)


def treat(frame: pd.DataFrame, spec: Outliers) -> tuple[pd.DataFrame, list[Treatment]]:
    """Treat every column of `frame`; returns the treated frame and one record per indicator."""
    if spec.method == "none":
        # Nothing to treat; the statistics are only recorded, so take them for all columns at
        # once (column by column was a tenth of `score`'s time).
        skews, kurts = frame.skew(), frame.kurt()
        records = [
            Treatment(str(c), 0, 0, False, float(skews[c]), float(kurts[c])) for c in frame.columns
        ]
        return frame.copy(), records
    out = frame.copy()
    records = []
    for column in frame.columns:
        treated, record = treat_series(frame[column], spec)
        out[column] = treated
        records.append(record)
    return out, records
