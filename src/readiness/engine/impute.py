"""Impute missing values (COINr `Impute`: `i_mean`, `i_median`, `i_mean_grp`, `i_median_grp`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from readiness.rubric.model import Imputation


def _fill(x: np.ndarray, rows: np.ndarray, median: bool) -> np.ndarray:
    """Mean or median over `rows` of each column (axis 0), NaN ignored; NaN when none."""
    part = x[rows]
    present = ~np.isnan(part)
    n = present.sum(axis=0)
    if median:
        # nanmedian warns on an all-missing column; sorting puts NaN last, so take the middle
        # of the present values directly.
        s = np.sort(part, axis=0)
        lo_i = np.maximum((n - 1) // 2, 0)
        hi_i = np.maximum(n // 2, 0)
        lo = np.take_along_axis(s, lo_i[np.newaxis], axis=0)[0]
        hi = np.take_along_axis(s, hi_i[np.newaxis], axis=0)[0]
        return np.where(n > 0, (lo + hi) / 2.0, np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(present, part, 0.0).sum(axis=0) / np.where(n > 0, n, np.nan)


def impute_array(x: np.ndarray, method: Imputation, groups: np.ndarray | None = None) -> np.ndarray:
    """Fill missing values column by column; units are axis 0, further axes are columns.

    - none: unchanged; missing stays missing.
    - indicator_mean / indicator_median: x_{u,i} := mean_i / median_i over all units.
    - group_mean / group_median: x_{u,i} := mean / median of i over the units in u's group
      (COINr `i_mean_grp`). A group with no value for i leaves the value missing. `groups`
      gives each unit's group label (NaN: a group of its own kind, as pandas `dropna=False`).
    """
    if method is Imputation.NONE:
        return x.copy()
    median = method in (Imputation.INDICATOR_MEDIAN, Imputation.GROUP_MEDIAN)
    if method in (Imputation.INDICATOR_MEAN, Imputation.INDICATOR_MEDIAN):
        fill = _fill(x, np.ones(x.shape[0], dtype=bool), median)
        return np.where(np.isnan(x), fill, x)
    if groups is None:
        raise ValueError(f"imputation {method} needs unit groups")
    codes, _ = pd.factorize(pd.Series(groups), use_na_sentinel=False)
    out = x.copy()
    for code in np.unique(codes):
        rows = codes == code
        fill = _fill(x, rows, median)
        out[rows] = np.where(np.isnan(x[rows]), fill, x[rows])
    return out


def impute(
    frame: pd.DataFrame, method: Imputation, groups: pd.Series | None = None
) -> pd.DataFrame:
    """Fill missing values of a units x indicators frame (see `impute_array`)."""
    if method is Imputation.NONE:
        return frame.copy()
    labels = None if groups is None else groups.reindex(frame.index).to_numpy(dtype=object)
    filled = impute_array(frame.to_numpy(dtype=float), method, labels)
    return pd.DataFrame(filled, index=frame.index, columns=frame.columns)
