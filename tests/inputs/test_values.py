"""The `Values` table: canonical columns and dtypes whatever the reader gave."""

from __future__ import annotations

import math
import warnings

import pandas as pd

from readiness.inputs.values import TABLE_COLUMNS, Values, from_matrix, make_table


def test_make_table_without_evidence_fills_empty_text_without_warnings() -> None:
    """Regression: evidence columns no row gave are all-NaN float; filling them with "" warned
    (pandas Pandas4Warning), which broke every wide CSV read under warnings-as-errors."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = make_table([{"unit": "KAZ", "indicator": "a", "value": 1.5}])
    assert list(table.columns) == list(TABLE_COLUMNS)
    assert table.loc[0, ["as_of", "source", "source_url", "note"]].tolist() == ["", "", "", ""]
    assert table["value"].dtype == float


def test_make_table_keeps_given_evidence_and_coerces_values() -> None:
    table = make_table(
        [
            {"unit": "KAZ", "indicator": "a", "value": "2", "as_of": "2024-06", "source": "WB"},
            {"unit": "UZB", "indicator": "a", "value": None},
        ]
    )
    assert table["value"].tolist()[0] == 2.0
    assert math.isnan(table["value"].tolist()[1])
    assert table["as_of"].tolist() == ["2024-06", ""]
    assert table["source"].tolist() == ["WB", ""]


def test_from_matrix_drops_missing_cells_and_keeps_unit_order() -> None:
    matrix = pd.DataFrame({"a": [1.0, math.nan], "b": [3.0, 4.0]}, index=pd.Index(["UZB", "KAZ"]))
    values = from_matrix(matrix, period="2026-Q4")
    assert values.unit_ids == ["UZB", "KAZ"]
    assert sorted(zip(values.table["unit"], values.table["indicator"], strict=True)) == [
        ("KAZ", "b"),
        ("UZB", "a"),
        ("UZB", "b"),
    ]
    back = values.matrix(["a", "b"])
    pd.testing.assert_frame_equal(
        back, matrix.rename_axis("unit"), check_names=False, check_index_type=False
    )
    assert values.period == "2026-Q4"


def test_matrix_places_values_by_unit_and_indicator() -> None:
    """Unknown units or indicators are ignored, absent ones are NaN, and a repeated
    (unit, indicator) keeps its first non-missing value."""
    table = make_table(
        [
            {"unit": "B", "indicator": "y", "value": 2.0},
            {"unit": "A", "indicator": "x", "value": math.nan},
            {"unit": "A", "indicator": "x", "value": 1.0},
            {"unit": "A", "indicator": "x", "value": 9.0},
            {"unit": "Z", "indicator": "x", "value": 5.0},  # not asked for
            {"unit": "A", "indicator": "q", "value": 5.0},  # not asked for
        ]
    )
    m = Values(table=table).matrix(["x", "y", "w"], ["A", "B", "C"])
    assert list(m.index) == ["A", "B", "C"]
    assert m.index.name == "unit"
    assert list(m.columns) == ["x", "y", "w"]
    assert m.fillna(-1).to_numpy().tolist() == [[1.0, -1, -1], [-1, 2.0, -1], [-1, -1, -1]]


def test_unit_ids_declared_units_first_then_table_order() -> None:
    table = make_table(
        [{"unit": u, "indicator": "x", "value": 1.0} for u in ["C", "A", "C", "D", "B"]]
    )
    units = pd.DataFrame({"name": ["Bee", "Ay"]}, index=pd.Index(["B", "A"], name="unit"))
    assert Values(table=table, units=units).unit_ids == ["B", "A", "C", "D"]
    assert Values(table=table).unit_ids == ["C", "A", "D", "B"]


def test_make_table_from_clean_columns_equals_the_table_from_rows() -> None:
    """Columns that need no conversion (the workbook reader's fast path) are taken as they are:
    the same table as from row dicts, with the same dtypes."""
    rows: list[dict[str, object]] = [
        {"unit": "KAZ", "indicator": "a", "value": 1.5, "as_of": "2025", "source": "S",
         "source_url": "", "note": "n", "low": math.nan, "high": math.nan, "contested": False},
        {"unit": "UZB", "indicator": "a", "value": math.nan, "as_of": "", "source": "",
         "source_url": "https://x.org", "note": "", "low": 1.0, "high": 2.0, "contested": True},
    ]  # fmt: skip
    columns = {c: [r[c] for r in rows] for c in TABLE_COLUMNS}
    pd.testing.assert_frame_equal(make_table(columns), make_table(rows))
    # A column holding something else (None, an int) goes the converting way.
    columns["value"] = [1, None]
    columns["note"] = ["n", None]
    table = make_table(columns)
    assert table["value"].tolist()[0] == 1.0 and math.isnan(table["value"].tolist()[1])
    assert table["note"].tolist() == ["n", ""]
