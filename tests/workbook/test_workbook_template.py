"""write_template: the workbook officials see: its sheets, rows, protection, and its errors."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
import pytest
from workbook_support import (
    HERE,
    HOSTILE,
    PERIOD,
    ROWS,
    TODAY,
    check,
    sample_values,
    values_sheet_xml,
)

from readiness.problems import ReadinessError
from readiness.rubric import load_rubric, parse_rubric
from readiness.rubric.model import Rubric
from readiness.workbook import layout as L
from readiness.workbook import read_values, write_template

# -- structure ---------------------------------------------------------------------------------


def test_sheets_and_about(template: Path, rubric: Rubric) -> None:
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == ["Instructions", "Values", "Indicators", "Levels", "About"]
    assert [ws.sheet_state for ws in book.worksheets] == ["visible"] * 4 + ["hidden"]
    assert book.security is not None and book.security.lockStructure
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True)}
    assert about["Period"] == PERIOD
    assert about["Rubric id"] == rubric.id
    assert about["Rubric version"] == rubric.version
    instructions = "\n".join(str(r[0]) for r in book["Instructions"].iter_rows(values_only=True))
    assert "Reporting period: 2026-Q4 (ending 31 December 2026)" in instructions
    assert "Rubric: test-c3, version 1.2" in instructions
    for words in ("As-of date", "Source URL", "Evidence note", "drop-down", "send it"):
        assert words in instructions


def test_values_rows_grouped_by_pillar(template: Path) -> None:
    ws = openpyxl.load_workbook(template)["Values"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == L.HEADERS
    assert [(r[0], r[3]) for r in rows[1:]] == list(ROWS)
    assert rows[1][:6] == (
        "KAZ",
        "Kazakhstan",
        "Legal clarity",
        "rule_of_law",
        "Rule of law",
        "percentile rank, 0 to 100",
    )
    assert rows[4][5] == "none / amended / modern / open"
    assert rows[7][5] == "% of GDP, at least -100"
    assert rows[10][5] == "no / yes"
    assert all(v is None for r in rows[1:] for v in r[6:])


def test_protection_locked_and_input_cells(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    for ws in book.worksheets:
        assert ws.protection.sheet, ws.title
        assert not ws.protection.password, ws.title
    ws = book["Values"]
    assert ws.freeze_panes == "F2"
    assert ws.auto_filter.ref == "A1:N13"
    assert not ws.protection.autoFilter  # filtering stays allowed
    numeric_rows = {2, 3, 4, 8, 9, 10}  # rule_of_law and fdi; the others have levels
    for row in ws.iter_rows(min_row=1, max_row=13):
        for cell in row:
            # Low/High (L, M) open on numeric rows, Contested (N) on rows with levels
            optional = "LM" if cell.row in numeric_rows else "N"
            is_input = cell.row > 1 and cell.column_letter in "GHIJK" + optional
            assert cell.protection.locked is not is_input, cell.coordinate
            if is_input:
                assert cell.fill.fgColor.rgb.endswith(L.INPUT_FILL)
    assert ws["H2"].number_format == L.DATE_FORMAT
    assert ws["K2"].number_format == "@"  # typed text stays text, even "=..."
    widths = {c: ws.column_dimensions[c].width for c in "AEK"}
    assert widths == {"A": 9, "E": 34, "K": 48}


def test_hostile_text_is_never_a_formula(tmp_path: Path, rubric: Rubric) -> None:
    path = tmp_path / "hostile.xlsx"
    write_template(rubric, PERIOD, path, values=sample_values(rubric))
    xml = values_sheet_xml(path)
    assert "<f>" not in xml and "<f " not in xml
    ws = openpyxl.load_workbook(path)["Values"]
    assert ws["I2"].value == HOSTILE[0] and ws["I2"].data_type == "s"
    assert ws["K2"].value == HOSTILE[1] and ws["K2"].data_type == "s"
    read = read_values(path, rubric, today=TODAY).table
    assert read["source"].iloc[0] == HOSTILE[0]


# -- user errors ---------------------------------------------------------------------------------


def test_malformed_period(tmp_path: Path, rubric: Rubric) -> None:
    with pytest.raises(ReadinessError) as err:
        write_template(rubric, "2026-Q5", tmp_path / "x.xlsx")
    assert [p.code for p in err.value.problems] == ["bad-period"]
    assert not (tmp_path / "x.xlsx").exists()


def test_rubric_without_units_needs_values(tmp_path: Path) -> None:
    text = (HERE / "rubric.yaml").read_text(encoding="utf-8")
    start, end = text.index("units:"), text.index("nodes:")
    rubric = parse_rubric(text[:start] + text[end:])
    with pytest.raises(ReadinessError) as err:
        write_template(rubric, PERIOD, tmp_path / "x.xlsx")
    assert [p.code for p in err.value.problems] == ["no-units"]
    path = tmp_path / "y.xlsx"
    write_template(rubric, PERIOD, path, values=sample_values(load_rubric(HERE / "rubric.yaml")))
    rows = list(openpyxl.load_workbook(path)["Values"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows[:3]] == ["KAZ", "KGZ", "UZB"]


def test_output_is_deterministic_and_atomic(tmp_path: Path, rubric: Rubric) -> None:
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_template(rubric, PERIOD, a)
    write_template(rubric, PERIOD, b)
    digest = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (a, b)]
    assert digest[0] == digest[1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx", "b.xlsx"]


def test_shipped_rubric_template(tmp_path: Path) -> None:
    shipped = HERE.parents[1] / "rubrics" / "c5-critical-minerals.yaml"
    if not shipped.exists():
        pytest.skip("shipped rubric not written yet")
    try:
        rubric = load_rubric(shipped)
    except ReadinessError:
        pytest.skip("shipped rubric does not load yet")
    path = tmp_path / "c5.xlsx"
    write_template(rubric, "2026-Q4", path)
    report = check(path, rubric, period="2026-Q4")
    assert {p.code for p in report.problems} == {"missing-value"}
    assessed = [u for u in rubric.units if u.id not in rubric.reference_units]
    assert len(report.problems) == len(assessed) * len(rubric.indicators)
