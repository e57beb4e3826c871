"""Exported results: CSV text is inert in spreadsheets, JSON is strict, both are complete."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pandas as pd
import pytest

from readiness.api import Result, score
from readiness.inputs.values import from_matrix
from readiness.results import to_csv_text, to_json_data, write_results
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
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]
