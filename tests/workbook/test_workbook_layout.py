"""The workbook's fixed layout: cell references and the order of the value rows."""

from __future__ import annotations

import pytest

from readiness.rubric.model import Rubric
from readiness.workbook import layout as L


@pytest.mark.parametrize(
    ("index", "letters"),
    [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA"), (16383, "XFD")],
)
def test_column_letters(index: int, letters: str) -> None:
    assert L.column_letter(index) == letters


def test_cell_references_are_one_based() -> None:
    assert L.cell_ref(0, 0) == "A1"
    assert L.cell_ref(1_048_575, 16_383) == "XFD1048576"


def test_indicator_rows_group_by_pillar_in_rubric_order(rubric: Rubric) -> None:
    rows = L.indicator_rows(rubric)
    assert [i.id for _, i in rows] == ["rule_of_law", "mining_code", "fdi_inflows", "us_bit"]
    assert all(rubric.indicator_by_id[i.id].parent == node.id for node, i in rows)


def test_input_columns_follow_the_key_columns() -> None:
    keys = [c.key for c in L.COLUMNS]
    assert keys.index("value") > keys.index("indicator") > keys.index("unit")
    assert set(L.INPUT_KEYS) >= {"value", "as_of", "source", "source_url", "note"}
    assert L.OLDEST_AS_OF.year == 1950  # one date rule: readiness.inputs.parse
