"""Cells of the streamed workbook: text stays text, ISO dates become dates, rows grow to show
wrapped text."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl import Workbook

from readiness.workbook.cells import (
    LINE_HEIGHT,
    LOCKED,
    Presets,
    as_date,
    bare_cell,
    fit_row,
    wrapped_lines,
)


@pytest.fixture
def ws() -> object:
    return Workbook(write_only=True).create_sheet("S")


@pytest.mark.parametrize("text", ["=1+1", "+cmd", "-2+3", "@SUM(1)", "plain"])
def test_text_is_written_as_text(ws: object, text: str) -> None:
    cell = bare_cell(ws, text)
    assert cell.data_type == "s" and cell.value == text


def test_numbers_stay_numbers(ws: object) -> None:
    cell = bare_cell(ws, 2.5)
    assert cell.data_type == "n" and cell.value == 2.5


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("2024-12-31", date(2024, 12, 31)),
        (" 2024-12-31 ", date(2024, 12, 31)),
        ("2024-02-30", "2024-02-30"),  # the shape of a date, not a date: left as typed
        ("2024", "2024"),  # a year alone stays text for validation to report
        ("31/12/2024", "31/12/2024"),
        (datetime(2024, 12, 31), date(2024, 12, 31)),
        (datetime(2024, 12, 31, 9, 30), datetime(2024, 12, 31, 9, 30)),
        (45.0, 45.0),
    ],
)
def test_as_date(typed: object, written: object) -> None:
    assert as_date(typed) == written  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "per_line", "lines"),
    [
        ("short", 10, 1),
        ("0123456789", 10, 1),  # exactly one line
        ("aaaa bbbb cccc", 10, 2),  # 'aaaa bbbb' | 'cccc'
        ("a\nb\n\nc", 10, 4),  # an empty paragraph still takes its line
        ("x" * 25, 10, 3),  # a long word is broken
    ],
)
def test_wrapped_lines_by_hand(text: str, per_line: int, lines: int) -> None:
    assert wrapped_lines(text, per_line) == lines


def test_a_row_grows_to_its_tallest_cell(ws: object) -> None:
    # width 10 holds int(10 * 1.2) = 12 characters a line; 30 characters without spaces: 3 lines
    fit_row(ws, 2, ["short", "y" * 30], [20, 10])
    assert ws.row_dimensions[2].height == LINE_HEIGHT * 3 + 3  # type: ignore[attr-defined]
    fit_row(ws, 3, ["one line"], [20])
    assert 3 not in ws.row_dimensions  # type: ignore[attr-defined]


def test_presets_give_every_cell_its_named_style(tmp_path: Path) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("S")
    style = Presets(sheet)
    style.define("locked", protection=LOCKED, number_format="@")
    style.define("bold", font=openpyxl.styles.Font(bold=True))
    sheet.append([style.cell("a", "locked"), style.cell("=b", "bold"), style.cell(1, "locked")])
    book.save(tmp_path / "s.xlsx")
    row = next(openpyxl.load_workbook(tmp_path / "s.xlsx")["S"].iter_rows())
    assert [c.value for c in row] == ["a", "=b", 1]
    assert row[1].data_type == "s" and row[1].font.bold and not row[0].font.bold
    assert row[0].number_format == "@" and row[0].protection.locked
