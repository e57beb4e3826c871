"""Inputs: read values with their evidence from CSV files or officials' Excel workbooks."""

from __future__ import annotations

import os
from pathlib import Path

from readiness.inputs.values import Values
from readiness.problems import Location, fail
from readiness.rubric.model import Rubric

__all__ = ["Values", "load_values"]


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
