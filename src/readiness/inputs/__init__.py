"""Inputs: read values with their evidence from CSV files or officials' Excel workbooks."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readiness.problems import Location, fail
from readiness.rubric.model import Rubric

if TYPE_CHECKING:
    from readiness.inputs.values import Values

__all__ = ["Values", "load_values"]


def __getattr__(name: str) -> Any:
    # Lazy: the cell parser in this package is used by workbook validation, which must not
    # pay for importing pandas.
    if name == "Values":
        from readiness.inputs.values import Values

        return Values
    raise AttributeError(f"module 'readiness.inputs' has no attribute {name!r}")


def load_values(path: str | os.PathLike[str], rubric: Rubric, period: str | None = None) -> Values:
    """Read a values file (.csv, or an .xlsx workbook) into validated `Values`."""
    suffix = Path(path).suffix.lower()
    if not Path(path).exists():
        fail("file-not-found", "no such file", Location(file=str(path)))
    if not Path(path).is_file():
        fail(
            "file-unreadable",
            "this is a folder or special file, not a file",
            Location(file=str(path)),
        )
    if suffix == ".csv":
        from readiness.inputs.csv_reader import read_values_csv

        return read_values_csv(path, rubric, period)
    if suffix in (".xlsx", ".xlsm"):
        from readiness.workbook.read import read_values

        return read_values(path, rubric, period)
    fail("file-format-unknown", "expected a .csv or .xlsx file", Location(file=str(path)))
