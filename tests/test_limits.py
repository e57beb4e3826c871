"""Limits in one place: documented in the README, checked before the work they guard, and
named in the message when hit."""

from __future__ import annotations

import os
import sys
import tracemalloc
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from readiness import limits
from readiness.inputs import load_values
from readiness.problems import REGISTRY, ReadinessError
from readiness.rubric import load_rubric, parse_rubric
from readiness.rubric.model import Rubric
from readiness.workbook import validate_workbook, write_template
from readiness.workbook.raw import open_workbook

ROOT = Path(__file__).resolve().parents[1]
RUBRIC = ROOT / "rubrics" / "c5-critical-minerals.yaml"
README = ROOT / "README.md"
PERIOD = "2026-Q4"
TODAY = date(2026, 11, 15)


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric(RUBRIC)


def refused(call: object) -> list[tuple[str, str]]:
    assert callable(call)
    with pytest.raises(ReadinessError) as info:
        call()
    return [(p.code, p.message) for p in info.value.problems]


def test_readme_lists_the_limits() -> None:
    """Regenerate with READINESS_UPDATE_README=1 (as for the problem codes)."""
    text = README.read_text(encoding="utf-8")
    start = text.index(limits.README_BEGIN)
    end = text.index(limits.README_END) + len(limits.README_END)
    if os.environ.get("READINESS_UPDATE_README") == "1":
        README.write_text(text[:start] + limits.readme_table() + text[end:], encoding="utf-8")
        return
    assert text[start:end] == limits.readme_table()


def test_every_limit_reports_a_registered_code() -> None:
    for limit in limits.LIMITS:
        assert limit.code in REGISTRY, limit
        assert limit.name in limit.exceeded("x", limit.value + 1)


def test_messages_name_the_limit() -> None:
    assert limits.ROWS.exceeded("the sheet 'Values'", 1_000_001) == (
        "the sheet 'Values' has 1,000,001 rows; the limit is 250,000 rows "
        "(rows per sheet or CSV file)"
    )
    assert limits.INPUT_FILE.shown(100 * limits.MB) == "100 MB"


def _sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as fh:  # no disk blocks: the size is checked before any byte is read
        fh.truncate(size)
    return path


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_oversized_values_file_is_refused_before_reading(
    tmp_path: Path, rubric: Rubric, suffix: str
) -> None:
    path = _sparse(tmp_path / f"v{suffix}", limits.INPUT_FILE.value + 1)
    [(code, message)] = refused(lambda: load_values(path, rubric))
    assert code == "limit-file-size" and "size of a values file" in message


def test_an_oversized_rubric_is_refused_before_parsing(tmp_path: Path) -> None:
    path = _sparse(tmp_path / "r.yaml", limits.RUBRIC_FILE.value + 1)
    [(code, message)] = refused(lambda: load_rubric(path))
    assert code == "limit-file-size" and "size of a rubric file" in message


def _with_values_sheet(template: Path, dest: Path, sheet_xml: bytes) -> Path:
    with open_workbook(template) as book:
        part = book.sheet_paths["Values"]
    with zipfile.ZipFile(template) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            z.writestr(info, sheet_xml if info.filename == part else zin.read(info.filename))
    return dest


def test_a_sheet_with_too_many_rows_names_the_row_limit(tmp_path: Path, rubric: Rubric) -> None:
    """Regression: a 1M-row workbook was refused as a stray cell 'far outside the table'."""
    template = tmp_path / "t.xlsx"
    write_template(rubric, PERIOD, template)
    n = limits.ROWS.value + 10
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (k, k) for k in range(1, n + 1))
    xml = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.'
        b'org/spreadsheetml/2006/main"><sheetData>' + rows + b"</sheetData></worksheet>"
    )
    path = _with_values_sheet(template, tmp_path / "rows.xlsx", xml)
    report = validate_workbook(path, rubric)
    assert [p.code for p in report.problems] == ["limit-rows"]
    assert f"{n:,} rows" in report.problems[0].message
    assert "rows per sheet" in report.problems[0].message


def test_too_many_sheets(tmp_path: Path, rubric: Rubric) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    for k in range(limits.SHEETS.value + 1):
        book.create_sheet(f"S{k}")
    path = tmp_path / "sheets.xlsx"
    book.save(path)
    report = validate_workbook(path, rubric)
    assert [p.code for p in report.problems] == ["limit-sheets"]


def test_csv_rows_columns_and_cells(tmp_path: Path, rubric: Rubric) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("unit,indicator,value\n" + "KAZ,x,1\n" * limits.ROWS.value, encoding="utf-8")
    assert [c for c, _ in refused(lambda: load_values(rows, rubric))] == ["limit-rows"]
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{k}" for k in range(limits.COLUMNS.value + 1)) + "\n")
    assert [c for c, _ in refused(lambda: load_values(wide, rubric))] == ["limit-columns"]
    for size in (limits.CELL_TEXT.value + 1, 200_000):  # the second is over csv's own limit
        cell = tmp_path / f"cell{size}.csv"
        cell.write_text(f'unit,indicator,value,note\nKAZ,x,1,"{"n" * size}"\n', encoding="utf-8")
        found = refused(lambda cell=cell: load_values(cell, rubric))  # type: ignore[misc]
        assert [c for c, _ in found] == ["limit-cell-length"]


def test_too_many_units_in_a_rubric() -> None:
    units = "\n".join(f"  - {{id: U{k}, name: U}}" for k in range(limits.UNITS.value + 1))
    text = (
        f"id: u\ntitle: T\nversion: '1'\nunits:\n{units}\nnodes:\n  - {{id: idx, name: I}}\n"
        "indicators:\n  - {id: a, name: A, parent: idx}\n"
    )
    assert [c for c, _ in refused(lambda: parse_rubric(text, "r.yaml"))] == ["limit-units"]


def test_a_template_too_large_to_read_back_is_refused_before_writing(tmp_path: Path) -> None:
    n_ind = limits.INDICATORS.value
    n_units = limits.TEMPLATE_ROWS.value // n_ind + 1
    rubric = Rubric.model_validate(
        {
            "id": "big",
            "title": "Big",
            "version": "1",
            "units": [{"id": f"U{k}", "name": f"Unit {k}"} for k in range(n_units)],
            "nodes": [{"id": "idx", "name": "Index"}],
            "indicators": [{"id": f"i{k}", "name": "I", "parent": "idx"} for k in range(n_ind)],
        }
    )
    out = tmp_path / "big.xlsx"
    [(code, message)] = refused(lambda: write_template(rubric, PERIOD, out))
    assert code == "limit-template-rows" and "rows in an officials' workbook" in message
    assert not out.exists()


def test_a_runaway_template_is_stopped_by_the_output_limit(tmp_path: Path) -> None:
    from readiness.report.render import make_environment, render_html

    # Each range and repetition is within the sandbox's own caps; together they write 10**10
    # characters.
    (tmp_path / "t.html.j2").write_text(
        "{% for i in range(100000) %}{{ 'x' * 100000 }}{% endfor %}"
    )
    env = make_environment(tmp_path)
    [(code, message)] = refused(lambda: render_html(env, "t.html.j2", None))
    assert code == "limit-template-output" and "characters of HTML" in message


def _peak_bytes(fn: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_memory_of_template_validate_and_score_grows_linearly(tmp_path: Path) -> None:
    """Measured, not timed: the peak memory for 4x the indicators (and, separately, 4x the
    units) stays within 6x (linear is 4x, quadratic 16x). benchmarks/bench_scaling.py measures
    time as well, up to the limits."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_workbook import synthetic_rubric, synthetic_values

    from readiness.api import score
    from readiness.workbook import read_values

    def peaks(units: int, indicators: int) -> dict[str, int]:
        rubric = synthetic_rubric(units, indicators)
        values = synthetic_values(rubric)
        path = tmp_path / f"{units}x{indicators}.xlsx"
        out = {"template": _peak_bytes(lambda: write_template(rubric, PERIOD, path, values=values))}
        out["validate"] = _peak_bytes(lambda: validate_workbook(path, rubric, today=TODAY))
        loaded = read_values(path, rubric, today=TODAY)
        out["score"] = _peak_bytes(lambda: score(rubric, loaded, period=PERIOD))
        return out

    for small, large in (((8, 40), (8, 160)), ((5, 60), (20, 60))):
        before, after = peaks(*small), peaks(*large)
        for stage in before:
            assert after[stage] <= 6 * before[stage], (small, large, stage, before, after)
