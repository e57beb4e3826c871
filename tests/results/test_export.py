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
from readiness.inputs.values import from_matrix
from readiness.outputs import LOCK_FILE
from readiness.problems import ReadinessError
from readiness.results import to_csv_text, to_json_data, write_results
from readiness.results.export import _clean
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
