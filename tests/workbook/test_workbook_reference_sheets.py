"""The locked reference sheets: each dropdown's range points at its own indicator's labels on
the Levels sheet, and the Indicators sheet describes every indicator."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from readiness.rubric.model import Rubric
from readiness.workbook.reference_sheets import label_ranges


def test_label_ranges_by_hand(rubric: Rubric) -> None:
    # mining_code: 4 levels + "not found" from row 2; us_bit: no, yes + "not found" after them
    assert label_ranges(rubric) == {
        "mining_code": "'Levels'!$D$2:$D$6",
        "us_bit": "'Levels'!$D$7:$D$9",
    }


def test_each_range_holds_its_indicators_labels_then_not_found(
    template: Path, rubric: Rubric
) -> None:
    ws = openpyxl.load_workbook(template)["Levels"]
    for indicator_id, where in label_ranges(rubric).items():
        first, last = (int(part.rsplit("$", 1)[1]) for part in where.split("!")[1].split(":"))
        rows = [[c.value for c in row] for row in ws.iter_rows(min_row=first, max_row=last)]
        assert {r[0] for r in rows} == {indicator_id}
        labels = [lv.label for lv in rubric.indicator_by_id[indicator_id].scale]
        assert [r[3] for r in rows] == [*labels, "not found"]
    assert ws.max_row == 9  # nothing after the last range


def test_the_indicators_sheet(template: Path, rubric: Rubric) -> None:
    ws = openpyxl.load_workbook(template)["Indicators"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("Pillar", "Indicator id", "Indicator")
    by_id = {r[1]: r for r in rows[1:]}
    assert list(by_id) == ["rule_of_law", "mining_code", "fdi_inflows", "us_bit"]
    assert by_id["rule_of_law"][4:7] == ("percentile rank, 0 to 100", "0 to 100", 3)
    assert by_id["fdi_inflows"][4:7] == ("% of GDP, at least -100", "at least -100", 2)
    assert by_id["mining_code"][4:6] == ("none / amended / modern / open", None)
    assert by_id["rule_of_law"][7] == "World Bank Worldwide Governance Indicators."
    assert ws.protection.sheet


def test_the_about_sheet_is_hidden_and_locked(template: Path) -> None:
    ws = openpyxl.load_workbook(template)["About"]
    assert ws.sheet_state == "hidden" and ws.protection.sheet
    fields = dict(ws.iter_rows(values_only=True))
    assert fields["Unit role"] == "assessed"
    assert fields["Rubric title"] == "Test readiness"
