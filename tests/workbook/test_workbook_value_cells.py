"""The cells of a Values row, checked one by one: what is read, and what is said where."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

import pytest

from readiness.rubric.model import Rubric
from readiness.workbook.raw import RawSheet
from readiness.workbook.value_cells import CellChecks

TODAY = date(2026, 11, 15)
PERIOD_END = date(2026, 12, 31)


@pytest.fixture
def checks(rubric: Rubric) -> tuple[CellChecks, list[tuple[str, str]]]:
    found: list[tuple[str, str]] = []

    def add(code: str, message: str, *, sheet: str = "", cell: str = "") -> None:
        found.append((code, f"{sheet}!{cell}"))

    return CellChecks(rubric, TODAY, PERIOD_END, add), found


def sheet(*cells: Any) -> RawSheet:
    """Row 2 (index 1) holds `cells` from column A."""
    return RawSheet(name="Values", rows=[["header"] * len(cells), list(cells)])


def test_values_are_read_by_the_one_cell_parser(rubric: Rubric, checks: Any) -> None:
    check, found = checks
    ind = rubric.indicator_by_id
    assert check.value(sheet("12,5"), 1, 0, ind["rule_of_law"]) == 12.5
    assert check.value(sheet("Modern"), 1, 0, ind["mining_code"]) == 2.0
    assert math.isnan(check.value(sheet("not found"), 1, 0, ind["us_bit"]))
    assert check.value(sheet(12.0), 1, 0, ind["fdi_inflows"]) == 12.0  # beyond the goalposts
    assert found == [("missing-value", "Values!A2"), ("outside-goalposts", "Values!A2")]


def test_staleness_is_measured_at_the_reference_date(rubric: Rubric, checks: Any) -> None:
    check, found = checks
    fdi = rubric.indicator_by_id["fdi_inflows"]  # at most 2 years old
    assert check.as_of(sheet(datetime(2025, 1, 1)), 1, 0, fdi, True) == "2025-01-01"
    assert check.as_of(sheet("2024-06"), 1, 0, fdi, True) == "2024-06"
    assert check.as_of(sheet("13.11.2025"), 1, 0, fdi, True) == "2025-11-13"
    assert check.as_of(sheet("05/11/2025"), 1, 0, fdi, True) == ""
    assert check.as_of(sheet(""), 1, 0, fdi, False) == ""  # no value: no date needed
    assert found == [("stale-value", "Values!A2"), ("ambiguous-date", "Values!A2")]


def test_interval_and_contested(rubric: Rubric, checks: Any) -> None:
    check, found = checks
    ind = rubric.indicator_by_id
    cols = {"low": 0, "high": 1}
    assert check.interval(sheet(1.0, 3.0), 1, cols, ind["rule_of_law"], 2.0) == (1.0, 3.0)
    low, high = check.interval(sheet(2.5, 3.0), 1, cols, ind["rule_of_law"], 2.0)
    assert math.isnan(low) and math.isnan(high)
    assert check.contested(sheet("yes"), 1, 0, ind["mining_code"]) is True
    assert check.contested(sheet("yes"), 1, 0, ind["rule_of_law"]) is False
    assert check.contested(sheet(""), 1, 0, ind["mining_code"]) is False
    assert found == [("bad-interval", "Values!A2"), ("bad-contested", "Values!A2")]


def test_cells_the_reader_flagged_are_not_read(rubric: Rubric, checks: Any) -> None:
    check, found = checks
    flagged = sheet("", "x" * 10)
    flagged.errors[(1, 0)] = "#N/A"
    flagged.long_text[(1, 1)] = 40_000
    assert not check.readable(flagged, 1, 0)
    assert not check.readable(flagged, 1, 1)
    assert check.evidence(flagged, 1, 1) == ""
    assert found == [("excel-error", "Values!A2"), ("limit-cell-length", "Values!B2")]
