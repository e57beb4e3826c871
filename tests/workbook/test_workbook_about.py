"""The About sheet: period, unit role and rubric, each checked where the official can fix it."""

from __future__ import annotations

from typing import Any

from readiness.rubric.model import Role, Rubric
from readiness.workbook.about import About
from readiness.workbook.period import parse_period
from readiness.workbook.raw import RawSheet


def _read(rubric: Rubric, rows: list[list[Any]], expected: str | None = None) -> tuple[
    About, list[tuple[str, str]]
]:  # fmt: skip
    found: list[tuple[str, str]] = []

    def add(code: str, message: str, *, sheet: str = "", cell: str = "") -> None:
        found.append((code, cell))

    period = parse_period(expected, rubric.period_type) if expected else None
    about = About(rubric, period, add)
    about.read(RawSheet(name="About", rows=rows))
    return about, found


def test_a_complete_about_sheet(rubric: Rubric) -> None:
    about, found = _read(
        rubric,
        [["Period", "2026-Q4"], ["Rubric id", rubric.id], ["Rubric version", rubric.version]],
    )
    assert found == []
    assert about.found_period is not None and about.found_period.text == "2026-Q4"
    assert about.role is Role.ASSESSED
    assert about.unit_ids == {"KAZ", "KGZ", "UZB"}


def test_each_problem_is_located(rubric: Rubric) -> None:
    _, found = _read(
        rubric,
        [
            ["Rubric id", "other"],
            ["Period", "2026-Q3"],
            ["Unit role", "neighbours"],
        ],
        expected="2026-Q4",
    )
    assert found == [("wrong-period", "B2"), ("bad-unit-role", "B3"), ("wrong-rubric", "B1")]


def test_a_role_the_rubric_declares_no_units_of(rubric: Rubric) -> None:
    about, found = _read(
        rubric, [["Period", "2026-Q4"], ["Unit role", "Reference"], ["Rubric id", rubric.id]]
    )
    assert about.role is Role.REFERENCE
    assert about.unit_ids == set()
    assert found == [("bad-unit-role", "B2")]


def test_no_period_row_and_a_version_that_differs(rubric: Rubric) -> None:
    _, found = _read(rubric, [["Rubric id", rubric.id], ["Rubric version", "0.1"]])
    assert found == [("bad-period", "A1"), ("rubric-version-differs", "B2")]
