"""What the engine takes: plain frames, so it depends on no reader of files.

- `raw`: wide float frame, one row per unit, one column per indicator or denominator id
  (NaN = missing; categorical and yes/no indicators hold the level's number).
- `evidence`: indexed by (unit, indicator), columns `EVIDENCE_COLUMNS`: text columns ("" when not
  given), `low` / `high` floats (NaN when not given) bounding a numeric value's uncertainty, and
  `contested` (bool) marking a judged level analysts could place one level apart.
- `attributes`: indexed by unit: `name` and any grouping columns (for group imputation).
"""

from __future__ import annotations

from typing import Protocol

import numpy as np
import pandas as pd

TEXT_COLUMNS = ("as_of", "source", "source_url", "note")
EVIDENCE_COLUMNS = (*TEXT_COLUMNS, "low", "high", "contested")


def empty_evidence() -> pd.DataFrame:
    """An evidence frame with no rows and the canonical columns."""
    index = pd.MultiIndex.from_arrays(
        [pd.Index([], dtype="str"), pd.Index([], dtype="str")], names=["unit", "indicator"]
    )
    frame = pd.DataFrame(index=index)
    for column in TEXT_COLUMNS:
        frame[column] = pd.Series([], index=index, dtype="str")
    frame["low"] = pd.Series([], index=index, dtype=float)
    frame["high"] = pd.Series([], index=index, dtype=float)
    frame["contested"] = pd.Series([], index=index, dtype=bool)
    return frame


def evidence_matrix(
    evidence: pd.DataFrame,
    column: str,
    units: list[str],
    ids: list[str],
    fill: float | bool,
    dtype: type = float,
) -> np.ndarray:
    """One evidence column laid out as a (units, ids) array; `fill` where no row is given."""
    out: np.ndarray = np.full((len(units), len(ids)), fill, dtype=dtype)
    if evidence.empty:
        return out
    unit_level = evidence.index.get_level_values("unit")
    ind_level = evidence.index.get_level_values("indicator")
    row = pd.Index(units).get_indexer(unit_level)
    col = pd.Index(ids).get_indexer(ind_level)
    keep = (row >= 0) & (col >= 0)
    out[row[keep], col[keep]] = evidence[column].to_numpy()[keep]
    return out


class InputFileLike(Protocol):
    """One file values were read from (the input layer's `InputFile`)."""

    @property
    def origin(self) -> str: ...

    @property
    def sha256(self) -> str: ...


PROVENANCE_COLUMNS = ("source", "dataset", "repository", "commit", "file", "fields")


def empty_provenance() -> pd.DataFrame:
    """A provenance frame with no rows (the input layer's columns)."""
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in PROVENANCE_COLUMNS})
