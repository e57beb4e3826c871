"""Reading a workbook into Values: every problem at once, warnings do not stop the read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from workbook_support import TODAY

from readiness.problems import ReadinessError
from readiness.rubric.model import Rubric
from readiness.workbook.read import read_values


def test_warnings_do_not_stop_the_read(make_workbook: Callable[..., Path], rubric: Rubric) -> None:
    def no_source(book: Any) -> None:
        book["Values"]["I2"] = None

    values = read_values(make_workbook(no_source), rubric, today=TODAY)
    assert values.table.loc[0, "source"] == ""
    assert len(values.sha256) == 64


def test_errors_are_raised_together(make_workbook: Callable[..., Path], rubric: Rubric) -> None:
    def damage(book: Any) -> None:
        book["Values"]["G2"] = "lots"
        book["Values"]["H3"] = "banana"

    path = make_workbook(damage)
    with pytest.raises(ReadinessError) as err:
        read_values(path, rubric, today=TODAY)
    errors = [p.key() for p in err.value.problems if p.severity == "error"]
    assert errors == [(f"{path}!Values!G2", "not-a-number"), (f"{path}!Values!H3", "bad-date")]
    assert err.value.message == f"{path}: the workbook has errors: 2 problems"
