"""Exported results: CSV text is inert in spreadsheets, JSON is strict, both are complete."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from readiness.api import Result, score
from readiness.i18n.messages import Text
from readiness.inputs.values import from_matrix
from readiness.outputs import LOCK_FILE
from readiness.problems import Location, Problem, ReadinessError
from readiness.results import to_csv_text, to_json_data, write_results
from readiness.results.export import VALIDATION_SHEET, _clean, results_xlsx_bytes
from readiness.results.safe import inert
from readiness.rubric.model import Rubric


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("-2.5", "-2.5"),  # a number is not a formula
        ("+3", "+3"),
        ("KAZ", "KAZ"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_inert(text: str, expected: str) -> None:
    assert inert(text) == expected


@pytest.fixture(scope="module")
def result() -> Result:
    rubric = Rubric.model_validate(
        {
            "id": "t",
            "title": "T",
            "version": "1",
            "nodes": [{"id": "idx", "name": "Index"}],
            "indicators": [
                {
                    "id": k,
                    "name": k,
                    "parent": "idx",
                    "normalisation": {"method": "goalposts", "low": 0, "high": 10},
                }
                for k in ("a", "b")
            ],
            "bands": [{"label": "=high", "min": 50}, {"label": "low", "min": 0}],
        }
    )
    matrix = pd.DataFrame(
        {"a": [8.0, 2.0, math.nan], "b": [6.0, math.nan, math.nan]},
        index=["=X", "Y", "Z"],
    )
    return score(rubric, from_matrix(matrix))


def test_csv_rows_and_inert_text(result: Result) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv_text(result))))
    assert len(rows) == 3 * 3  # 3 units x (2 indicators + index)
    index = {r["unit"]: r for r in rows if r["id"] == "idx"}
    assert set(index) == {"'=X", "Y", "Z"}
    assert float(index["'=X"]["score"]) == 70.0
    assert index["'=X"]["band"] == "'=high"
    assert index["Z"]["score"] == ""  # insufficient: an empty cell, not 'nan'
    assert index["Z"]["reason"] == "insufficient data: no component has a value"


def test_json_is_strict_and_ranked(result: Result) -> None:
    data = to_json_data(result)
    text = json.dumps(data, allow_nan=False)  # raises on NaN
    assert "NaN" not in text
    assert [u["unit"] for u in data["units"]] == ["=X", "Y", "Z"]
    z = data["units"][2]
    assert (z["score"], z["rank"], z["band"]) == (None, None, None)
    assert data["units"][1]["indicators"]["b"]["raw"] is None


def test_write_results_writes_every_file(result: Result, tmp_path: Path) -> None:
    written = write_results(result, tmp_path / "out")
    assert {p.name for p in written} >= {"scores.csv", "scores.json"}
    assert all(p.is_file() for p in written)
    hidden = [p.name for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]
    assert hidden == [LOCK_FILE]  # the folder's lock stays; no temporary, no journal


def test_control_characters_in_names_do_not_break_the_workbook(tmp_path: Path) -> None:
    # openpyxl refuses XML-illegal characters: scores.xlsx used to fail after scores.csv and
    # scores.json were already written.
    rubric = Rubric.model_validate(
        {
            "id": "t",
            "title": "T",
            "version": "1",
            "units": [{"id": "KAZ", "name": "Kaz\x00akh\x07stan"}],
            "nodes": [{"id": "idx", "name": "Index"}],
            "indicators": [{"id": "a", "name": "A\x1b", "parent": "idx"}],
        }
    )
    result = score(rubric, from_matrix(pd.DataFrame({"a": [5.0]}, index=["KAZ"])))
    written = write_results(result, tmp_path)
    assert [p.name for p in written] == ["scores.csv", "scores.json", "scores.xlsx"]
    ranking = openpyxl.load_workbook(tmp_path / "scores.xlsx")["Ranking"]
    assert [c.value for c in ranking[2]][:2] == ["KAZ", "Kazakhstan"]


def test_nothing_is_written_when_one_target_cannot_be(result: Result, tmp_path: Path) -> None:
    (tmp_path / "scores.xlsx").mkdir()  # a folder where the workbook should go
    with pytest.raises(ReadinessError) as err:
        write_results(result, tmp_path)
    assert err.value.problems[0].code == "output-is-folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scores.xlsx"]


def test_json_has_null_for_non_finite_numbers(result: Result) -> None:
    assert _clean(math.inf) is None and _clean(-math.inf) is None and _clean(1.5) == 1.5


def _workbook_cell_by_cell(result: Result, validation: list[Problem] | None) -> bytes:
    """The results workbook as it was built before rows were streamed: every cell set through
    openpyxl (text with set_text), openpyxl's own writer. The oracle for the bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from readiness.xlsx import set_text, workbook_bytes

    workbook = Workbook()
    for k, (title, frame) in enumerate((("Ranking", result.ranking()), ("Scores", result.tidy()))):
        sheet = workbook.active if k == 0 else workbook.create_sheet()
        sheet.title = title
        for col, name in enumerate(frame.columns, start=1):
            set_text(sheet.cell(row=1, column=col), str(name))
            sheet.cell(row=1, column=col).font = Font(bold=True)
        for row_no, row in enumerate(frame.itertuples(index=False), start=2):
            for col, value in enumerate(row, start=1):
                value = _clean(value)
                cell = sheet.cell(row=row_no, column=col)
                if isinstance(value, str):
                    set_text(cell, value)
                elif value is not None:
                    cell.value = value
        sheet.freeze_panes = "A2"
    if validation is not None:
        sheet = workbook.create_sheet(VALIDATION_SHEET)
        for col, name in enumerate(("location", "severity", "code", "message"), start=1):
            set_text(sheet.cell(row=1, column=col), name)
            sheet.cell(row=1, column=col).font = Font(bold=True)
        for row_no, p in enumerate(validation, start=2):
            for col, text in enumerate((str(p.location), str(p.severity), p.code, p.message), 1):
                set_text(sheet.cell(row=row_no, column=col), text)
        if not validation:
            set_text(sheet.cell(row=2, column=1), "no warnings")
        sheet.freeze_panes = "A2"
    return workbook_bytes(workbook)


TRICKY_NAMES = [
    "=cmd|' /C calc'!A0",  # a formula
    "#N/A",  # an Excel error code
    "  padded  ",  # spaces kept (xml:space)
    "   ",  # spaces only
    "a & b < c > d \"q\" 'a'",  # escaped
    "Қазақстан Oʻzbekiston",
    "line\nbreak\ttab",
    "x" * 40_000,  # over Excel's cell limit: cut
    "ctrl\x01\x1f",  # XML-illegal characters: dropped
    "-1",
]


@pytest.mark.parametrize("validation", [None, [], "some", "texts"])
def test_xlsx_bytes_equal_the_workbook_built_cell_by_cell(
    validation: list[Problem] | str | None,
) -> None:
    """Rows streamed into the sheets give the very bytes openpyxl writes cell by cell: text,
    numbers of every size, logical values, missing cells, ranks, bands and reasons."""
    ids = [f"U{k}" for k in range(len(TRICKY_NAMES))]
    rubric = Rubric.model_validate(
        {
            "id": "t",
            "title": "T",
            "version": "1",
            "units": [{"id": u, "name": n} for u, n in zip(ids, TRICKY_NAMES, strict=True)],
            "nodes": [
                {"id": "idx", "name": "Index"},
                {"id": "p", "name": "P", "parent": "idx"},
            ],
            "indicators": [
                {"id": "a", "name": "A", "parent": "p"},
                {"id": "b", "name": "B", "parent": "idx", "kind": "yes_no"},
            ],
            "bands": [{"label": "=high", "min": 50}, {"label": "low", "min": 0}],
        }
    )
    raw = [1e-20, 1e20, 0.1 + 0.2, -5.0, 123456789.123, math.nan, 7.0, 2.0, 0.0, 1 / 3]
    matrix = pd.DataFrame(
        {"a": raw, "b": [float(k % 2) if k != 4 else math.nan for k in range(len(ids))]},
        index=ids,
    )
    result = score(rubric, from_matrix(matrix))
    problems = None if validation is None else []
    if validation == "some":
        problems = [
            Problem("stale-value", text, Location(file="f.xlsx", sheet="Values", cell="H2"))
            for text in TRICKY_NAMES
        ]
    if validation == "texts":  # detail messages that can be read in another language
        problems = [
            Problem("bad-url", Text.of("source.bad-url", text=text), Location(file="f.xlsx"))
            for text in TRICKY_NAMES
        ]
    assert results_xlsx_bytes(result, validation=problems) == _workbook_cell_by_cell(
        result, problems
    )
