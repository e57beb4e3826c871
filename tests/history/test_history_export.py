"""history.export: the history as a formula-safe CSV of results or an .xlsx of results, values and
periods."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from readiness import api
from readiness.cli import main
from readiness.history import export, schema
from readiness.problems import ReadinessError


def test_export_csv_is_formula_safe(db_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "h.csv"
    result = CliRunner().invoke(
        main, ["history", "export", "-o", str(out), "--history", str(db_file)]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert {r["name"] for r in rows} == {"Alpha", "'=Beta"}
    idx = [r for r in rows if r["item"] == "idx" and r["unit"] == "A"]
    assert [(r["period"], float(r["score"]), r["band"]) for r in idx] == [
        ("2025-Q4", 45.0, "low"),
        ("2026-Q1", 65.0, "high"),
    ]


def test_export_xlsx_keeps_text_as_text(db_file: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "h.xlsx"
    api.history_export(out, db_file)
    book = load_workbook(out)
    assert book.sheetnames == ["Results", "Values", "Periods"]
    notes = [c.value for c in book["Values"]["H"][1:]]
    assert "=note A x" in notes
    assert all(c.data_type == "s" for c in book["Values"]["H"][1:])
    with pytest.raises(ReadinessError) as err:
        api.history_export(tmp_path / "h.txt", db_file)
    assert err.value.problems[0].key() == (str(tmp_path / "h.txt"), "file-format-unknown")


def test_csv_bytes_makes_formula_leads_inert_and_none_empty() -> None:
    rows = [("=SUM(A1)", None, 1.5, 2), ("-3", "+x", 0.1, None)]
    assert export.csv_bytes(("a", "b", "c", "d"), rows) == (
        b"a,b,c,d\n'=SUM(A1),,1.5,2\n-3,'+x,0.1,\n"  # "-3" is a number: left as it is
    )


def test_export_writes_the_results_in_period_order(db_file: Path, tmp_path: Path) -> None:
    conn = schema.connect(db_file, readonly=True)
    target = export.export_history(conn, tmp_path / "OUT.CSV")  # the suffix in any case
    conn.close()
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert list(rows[0]) == list(export.RESULT_COLUMNS)
    periods = [r["period"] for r in rows]
    assert periods == sorted(periods) and set(periods) == {"2025-Q4", "2026-Q1"}
    b = [r for r in rows if r["unit"] == "B" and r["period"] == "2025-Q4"]
    by_item = {r["item"]: r for r in b}
    assert by_item["p"]["coverage"] == "0.5"  # y missing: half of p's weight
    assert by_item["y"]["score"] == "" and by_item["y"]["reason"] == "missing"


def test_an_unknown_suffix_writes_nothing(db_file: Path, tmp_path: Path) -> None:
    conn = schema.connect(db_file, readonly=True)
    with pytest.raises(ReadinessError) as err:
        export.export_history(conn, tmp_path / "h.json")
    conn.close()
    assert err.value.problems[0].key() == (str(tmp_path / "h.json"), "file-format-unknown")
    assert list(tmp_path.iterdir()) == [db_file]
