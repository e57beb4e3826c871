"""Inputs: read values with their evidence from CSV files or officials' Excel workbooks."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readiness.problems import Location, Problem, ReadinessError, fail, raise_if_errors
from readiness.rubric.model import Rubric

if TYPE_CHECKING:
    from readiness.i18n import Language
    from readiness.inputs.values import Values
    from readiness.workbook.levels import LevelAliases

__all__ = ["Values", "load_values", "merge_values"]

PathLike = str | os.PathLike[str]


def __getattr__(name: str) -> Any:
    # Lazy: the cell parser in this package is used by workbook validation, which must not
    # pay for importing pandas.
    if name == "Values":
        from readiness.inputs.values import Values

        return Values
    if name == "merge_values":
        from readiness.inputs.merge import merge_values

        return merge_values
    raise AttributeError(f"module 'readiness.inputs' has no attribute {name!r}")


def load_values(
    path: PathLike | Sequence[PathLike],
    rubric: Rubric,
    period: str | None = None,
    *,
    level_aliases: Mapping[Language, LevelAliases] | None = None,
) -> Values:
    """Read one values file, or several for one period, into validated `Values`.

    Each file (.csv, or an .xlsx, .xlsm or .ods workbook) is read and checked against the
    rubric on its own; several files are then merged into one `Values` (see `merge_values`): a
    (unit, indicator) given in two files, or files for different periods, is an error. Every
    problem of every file is reported at once. A workbook may be in any language the template
    writes; `level_aliases` (language -> indicator id -> label -> level value, from the rubric's
    translations) are the level labels read besides the rubric's own.
    """
    paths = [path] if isinstance(path, str | os.PathLike) else list(path)
    if not paths:
        raise_if_errors(
            [Problem("no-input-files", "no values file was given")], "values cannot be read"
        )
    if len(paths) == 1:
        return _load_one(paths[0], rubric, period, level_aliases)
    from readiness.inputs.merge import merge_values

    parts: list[Values] = []
    problems: list[Problem] = []
    for one in paths:
        try:
            parts.append(_load_one(one, rubric, period, level_aliases))
        except ReadinessError as exc:
            if not exc.problems:
                raise
            problems.extend(exc.problems)
    raise_if_errors(problems, f"{len(paths)} values files: values cannot be read")
    return merge_values(parts, rubric)


def _load_one(
    path: PathLike,
    rubric: Rubric,
    period: str | None,
    level_aliases: Mapping[Language, LevelAliases] | None = None,
) -> Values:
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
    if suffix in (".xlsx", ".xlsm", ".ods"):
        from readiness.workbook.read import read_values

        return read_values(path, rubric, period, level_aliases=level_aliases)
    fail(
        "file-format-unknown",
        "expected a .csv, .xlsx, .xlsm or .ods file",
        Location(file=str(path)),
    )
