"""Impute missing values (COINr `Impute`: `i_mean`, `i_median`, `i_mean_grp`, `i_median_grp`)."""

from __future__ import annotations

import pandas as pd

from readiness.rubric.model import Imputation


def impute(
    frame: pd.DataFrame, method: Imputation, groups: pd.Series | None = None
) -> pd.DataFrame:
    """Fill missing values column by column.

    - none: unchanged; missing stays missing.
    - indicator_mean / indicator_median: x_{u,i} := mean_i / median_i over all units.
    - group_mean / group_median: x_{u,i} := mean / median of i over the units in u's group
      (COINr `i_mean_grp`). A group with no value for i leaves the value missing.
    """
    if method is Imputation.NONE:
        return frame.copy()
    if method in (Imputation.INDICATOR_MEAN, Imputation.INDICATOR_MEDIAN):
        fill = frame.mean() if method is Imputation.INDICATOR_MEAN else frame.median()
        return frame.fillna(fill)
    if groups is None:
        raise ValueError(f"imputation {method} needs unit groups")
    how = "mean" if method is Imputation.GROUP_MEAN else "median"
    fill = frame.groupby(groups.reindex(frame.index), dropna=False).transform(how)
    return frame.fillna(fill)
