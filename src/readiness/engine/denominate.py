"""Denominate: divide indicators by a per-unit quantity (COINr `Denominate`)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd


def denominate(
    raw: pd.DataFrame, denominators: pd.DataFrame, spec: Mapping[str, str]
) -> pd.DataFrame:
    """Return `raw` with each indicator in `spec` divided by its denominator column.

    x'_{u,i} = x_{u,i} / d_{u,spec[i]}. A missing or zero denominator gives a missing value
    (never an infinite or zero one), so it is visible to imputation and coverage.
    """
    out = raw.copy()
    for indicator, denominator in spec.items():
        d = denominators[denominator].to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = raw[indicator].to_numpy(dtype=float) / d
        ratio[~np.isfinite(ratio)] = np.nan
        out[indicator] = ratio
    return out
