"""Read an officials' workbook into `Values`, or fail once with every problem listed."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date

from readiness.i18n import Language
from readiness.inputs.values import Values
from readiness.problems import raise_if_errors
from readiness.rubric.model import Rubric
from readiness.workbook.levels import LevelAliases
from readiness.workbook.validate import validate_workbook


def read_values(
    path: str | os.PathLike[str],
    rubric: Rubric,
    period: str | None = None,
    *,
    today: date | None = None,
    level_aliases: Mapping[Language, LevelAliases] | None = None,
) -> Values:
    """The workbook's values; raises `ReadinessError` listing every problem if any is an error.

    Warnings (missing values, stale data...) do not stop the read; `validate_workbook` lists them.
    The workbook may be in any language; `level_aliases` as for `validate_workbook`.
    """
    report = validate_workbook(
        path, rubric, period=period, today=today, level_aliases=level_aliases
    )
    raise_if_errors(report.problems, f"{path}: the workbook has errors")
    assert report.values is not None
    return report.values
