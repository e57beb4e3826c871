"""The validated values the engine scores: one row per (unit, indicator) with its evidence.

Every reader (CSV, Excel workbook) produces a `Values`; the engine never sees a file. A value's
identity is (unit, indicator, period), stable across periods so history can be joined.
Missing values are NaN, never 0.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

# Columns of `Values.table`, in order. `value` is float (NaN = missing); categorical and yes/no
# indicators hold the level's number. The evidence columns are text ("" when not given).
# `low` and `high` bound a numeric value's uncertainty (NaN when not given, e.g. a 90 %
# interval); `contested` marks a judged level that reasonable analysts could place one level
# apart. The uncertainty analysis varies values within them.
TABLE_COLUMNS = (
    "unit",
    "indicator",
    "value",
    "as_of",
    "source",
    "source_url",
    "note",
    "low",
    "high",
    "contested",
)
EVIDENCE_COLUMNS = ("as_of", "source", "source_url", "note")
# Columns of `Values.provenance`: for each Source citation, where the cited value sits in the
# data it was built from (a data appendix and the manifest print it; notes never do).
PROVENANCE_COLUMNS = ("source", "dataset", "repository", "commit", "file", "fields")
UNCERTAINTY_COLUMNS = ("low", "high", "contested")
REQUIRED_COLUMNS = tuple(c for c in TABLE_COLUMNS if c not in UNCERTAINTY_COLUMNS)


@dataclass(frozen=True)
class InputFile:
    """One file values were read from, and the SHA-256 of its bytes."""

    origin: str
    sha256: str


@dataclass(frozen=True)
class Values:
    """Raw values with evidence, for one period.

    `origin` and `sha256` name the file the values came from; values merged from several files
    (`readiness.inputs.merge_values`) list each in `files`, and then `origin` joins their names
    and `sha256` digests their digests. `provenance` says, for each Source citation, which
    dataset, repository, commit, file and fields the cited values were read from (empty when
    the input does not say; see PROVENANCE_COLUMNS).
    """

    table: pd.DataFrame
    units: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["name"]))
    period: str | None = None
    origin: str = ""
    sha256: str = ""
    files: tuple[InputFile, ...] = ()
    provenance: pd.DataFrame = field(default_factory=lambda: empty_provenance())

    def __post_init__(self) -> None:
        missing = [c for c in REQUIRED_COLUMNS if c not in self.table.columns]
        if missing:
            raise ValueError(f"values table lacks columns {missing}")
        if any(c not in self.table.columns for c in UNCERTAINTY_COLUMNS):
            # Tables built before the uncertainty columns existed: no interval, not contested.
            table = self.table.copy()
            for column in ("low", "high"):
                if column not in table.columns:
                    table[column] = np.nan
            if "contested" not in table.columns:
                table["contested"] = False
            object.__setattr__(self, "table", table)

    @property
    def inputs(self) -> tuple[InputFile, ...]:
        """Every file the values were read from (one for a single file, none from memory)."""
        if self.files:
            return self.files
        return (InputFile(self.origin, self.sha256),) if self.origin else ()

    @property
    def unit_ids(self) -> list[str]:
        ids = list(self.units.index) if len(self.units) else []
        known = set(ids)  # a set, not `in ids`: that was quadratic (4 s for 2,500 units)
        return ids + [u for u in self.table["unit"].unique() if u not in known]

    def matrix(self, ids: list[str], units: list[str] | None = None) -> pd.DataFrame:
        """Wide float matrix: rows are units, columns are `ids`; NaN where no value."""
        units = units if units is not None else self.unit_ids
        # Placed by position rather than pivot_table (several times faster on large tables).
        row = pd.Index(units).get_indexer(self.table["unit"])
        col = pd.Index(ids).get_indexer(self.table["indicator"])
        value = self.table["value"].to_numpy(dtype=float)
        keep = (row >= 0) & (col >= 0) & ~np.isnan(value)
        flat = row * len(ids) + col
        keep[keep] = ~pd.Index(flat[keep]).duplicated(keep="first")  # first value wins
        wide = np.full((len(units), len(ids)), np.nan)
        wide[row[keep], col[keep]] = value[keep]
        return pd.DataFrame(
            wide,
            index=pd.Index(units, dtype="str", name="unit"),
            columns=pd.Index(ids, dtype="str"),
        )

    def evidence(self) -> pd.DataFrame:
        """Evidence and uncertainty columns indexed by (unit, indicator)."""
        columns = [*EVIDENCE_COLUMNS, *UNCERTAINTY_COLUMNS]
        return self.table.set_index(["unit", "indicator"])[columns]


def empty_provenance() -> pd.DataFrame:
    return make_provenance([])


def make_provenance(rows: list[dict[str, object]]) -> pd.DataFrame:
    """A provenance table (one row per source citation and data file) from row dicts."""
    frame = pd.DataFrame(rows, columns=list(PROVENANCE_COLUMNS))
    for col in PROVENANCE_COLUMNS:
        frame[col] = frame[col].astype(object).fillna("").astype(str)
    return frame


def make_table(rows: list[dict[str, object]] | dict[str, list[object]]) -> pd.DataFrame:
    """Build a values table with the canonical columns and dtypes from row dicts (or from
    columns: {column: values})."""
    if isinstance(rows, dict) and set(rows) == set(TABLE_COLUMNS):
        clean = _clean_columns(rows)
        if clean is not None:
            return clean
    frame = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
    for column in ("value", "low", "high"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    frame["contested"] = frame["contested"].astype(object).fillna(False).astype(bool)
    for col in ("unit", "indicator", *EVIDENCE_COLUMNS):
        # A column no row gave (e.g. no evidence in a wide file) is all-NaN float64, and
        # filling a float column with text is deprecated in pandas 3: go through object first.
        frame[col] = frame[col].astype(object).fillna("").astype(str)
    return frame


def _clean_columns(columns: dict[str, list[object]]) -> pd.DataFrame | None:
    """The table straight from columns that need no conversion (floats, bools and text without
    gaps, as the workbook reader's fast path makes them), or None."""
    data: dict[str, object] = {}
    for name in TABLE_COLUMNS:
        column = columns[name]
        want = bool if name == "contested" else float if name in ("value", "low", "high") else str
        if set(map(type, column)) - {want}:
            return None
        if want is str:
            data[name] = pd.array(column, dtype="str")
        else:
            data[name] = np.array(column, dtype=want)
    return pd.DataFrame(data, columns=list(TABLE_COLUMNS))


def from_matrix(
    matrix: pd.DataFrame, *, period: str | None = None, origin: str = "<memory>"
) -> Values:
    """Values from a wide unit x indicator matrix (no evidence), for tests and experiments."""
    long = matrix.rename_axis(index="unit", columns="indicator").stack(future_stack=True)
    rows = [
        {"unit": str(u), "indicator": str(i), "value": v}
        for (u, i), v in long.items()
        if not (isinstance(v, float) and np.isnan(v))
    ]
    units = pd.DataFrame({"name": [str(u) for u in matrix.index]}, index=matrix.index.astype(str))
    units.index.name = "unit"
    return Values(table=make_table(rows), units=units, period=period, origin=origin)


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
