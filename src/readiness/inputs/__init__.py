"""Inputs: read values with their evidence from CSV files or officials' Excel workbooks."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from readiness.inputs.merge import merge_values
from readiness.inputs.values import Values
from readiness.problems import Location, Problem, ReadinessError, raise_if_errors
from readiness.rubric.model import Rubric

__all__ = ["Values", "load_values", "merge_values"]

PathLike = str | os.PathLike[str]


def load_values(
    path: PathLike | Sequence[PathLike], rubric: Rubric, period: str | None = None
) -> Values:
    """Read one values file, or several for one period, into validated `Values`.

    Each file (.csv, or an .xlsx workbook) is read and checked against the rubric on its own;
    several files are then merged into one `Values` (see `merge_values`): a (unit, indicator)
    given in two files, or files for different periods, is an error. Every problem of every
    file is reported at once.
    """
    paths = [path] if isinstance(path, str | os.PathLike) else list(path)
    if not paths:
        raise_if_errors(
            [Problem("no-input-files", "no values file was given")], "values cannot be read"
        )
    if len(paths) == 1:
        return _load_one(paths[0], rubric, period)
    parts: list[Values] = []
    problems: list[Problem] = []
    for one in paths:
        try:
            parts.append(_load_one(one, rubric, period))
        except ReadinessError as exc:
            if not exc.problems:
                raise
            problems.extend(exc.problems)
    raise_if_errors(problems, f"{len(paths)} values files: values cannot be read")
    return merge_values(parts, rubric)


def _load_one(path: PathLike, rubric: Rubric, period: str | None) -> Values:
    suffix = Path(path).suffix.lower()
    if not Path(path).is_file():
        raise_if_errors(
            [Problem("file-not-found", "no such file", Location(file=str(path)))],
            f"{path}: values cannot be read",
        )
    if suffix == ".csv":
        from readiness.inputs.csv_reader import read_values_csv

        return read_values_csv(path, rubric, period)
    if suffix in (".xlsx", ".xlsm"):
        from readiness.workbook.read import read_values

        return read_values(path, rubric, period)
    raise_if_errors(
        [Problem("unknown-format", "expected a .csv or .xlsx file", Location(file=str(path)))],
        f"{path}: values cannot be read",
    )
    raise AssertionError("unreachable")
