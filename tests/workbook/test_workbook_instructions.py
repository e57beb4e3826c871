"""The Instructions sheet: the period, the rubric, how many rows, and the role of the units."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from workbook_support import PERIOD

from readiness.rubric import parse_rubric
from readiness.rubric.model import Rubric
from readiness.workbook import write_template
from readiness.workbook.cells import LINE_HEIGHT


def _lines(path: Path) -> list[str]:
    ws = openpyxl.load_workbook(path)["Instructions"]
    return [str(r[0]) for r in ws.iter_rows(values_only=True) if r[0] is not None]


def test_the_instructions_name_the_period_rubric_and_row_count(template: Path) -> None:
    lines = _lines(template)
    assert lines[:3] == [
        "Test readiness: values workbook",
        "Reporting period: 2026-Q4 (ending 31 December 2026)",
        "Rubric: test-c3, version 1.2",
    ]
    # 3 countries x 4 indicators
    assert any(line.startswith("Open the Values sheet. Each of its 12 rows") for line in lines)
    assert not any(line.startswith("Units: the reference jurisdictions") for line in lines)


def test_a_reference_workbook_says_its_units_are_never_ranked(
    tmp_path: Path, rubric: Rubric
) -> None:
    data = rubric.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["units"] = [*data["units"], {"id": "CHL", "name": "Chile", "role": "reference"}]
    path = tmp_path / "reference.xlsx"
    write_template(Rubric.model_validate(data), PERIOD, path, role="reference")
    lines = _lines(path)
    assert lines[3].startswith("Units: the reference jurisdictions.")
    assert any(line.startswith("Open the Values sheet. Each of its 4 rows") for line in lines)


def test_the_sheet_is_protected_and_its_title_rows_are_tall(template: Path) -> None:
    ws = openpyxl.load_workbook(template)["Instructions"]
    assert ws.protection.sheet and not ws.sheet_view.showGridLines
    assert ws.row_dimensions[1].height == 16 * 1.6  # the 16-point title
    assert all(c.protection.locked for row in ws.iter_rows() for c in row)
    # a long paragraph at width 88 (105 characters a line) is given its lines' height
    long_rows = [r for r, d in ws.row_dimensions.items() if d.height and d.height > LINE_HEIGHT * 2]
    assert long_rows


def test_a_yearly_period_ends_on_31_december(tmp_path: Path) -> None:
    yearly = parse_rubric(
        "id: y\ntitle: Yearly\nversion: '1'\nperiod_type: year\n"
        "units: [{id: A, name: A}]\nnodes: [{id: index, name: Index}]\n"
        "indicators: [{id: x, name: X, parent: index}]\n"
    )
    path = tmp_path / "y.xlsx"
    write_template(yearly, "2025", path)
    assert _lines(path)[1] == "Reporting period: 2025 (ending 31 December 2025)"
