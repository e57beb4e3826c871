"""Data validation of the Values sheet: each indicator's level list or number range, the as-of
date range and the Contested column; and the allowed-values text shown beside them."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from readiness.rubric.model import Indicator
from readiness.workbook.data_validation import allowed_text, value_validation


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


def _numeric(**fields: object) -> Indicator:
    return Indicator.model_validate({"id": "x", "name": "X", "parent": "P", **fields})


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({}, "number"),
        ({"unit": "% of GDP"}, "% of GDP"),
        ({"unit": "%", "limits": {}}, "%"),
        ({"unit": "%", "limits": {"min": 0, "max": 100}}, "%, 0 to 100"),
        ({"unit": "%", "limits": {"min": -2.5}}, "%, at least -2.5"),
        ({"unit": "%", "limits": {"max": 1e6}}, "%, at most 1e+06"),
    ],
)
def test_allowed_text_of_a_number(fields: dict[str, object], text: str) -> None:
    assert allowed_text(_numeric(**fields)) == text


def test_number_rules_follow_the_limits() -> None:
    def rule(**limits: float) -> tuple[str | None, str | None, str | None]:
        dv = value_validation(_numeric(limits=limits), None)
        return dv.operator, dv.formula1, dv.formula2

    assert rule(min=0.5, max=3) == ("between", "0.5", "3")
    assert rule(min=-100) == ("greaterThanOrEqual", "-100", None)
    assert rule(max=7) == ("lessThanOrEqual", "7", None)
    # no limits: any number, but text is refused
    assert rule() == ("between", "-1E+300", "1E+300")


def test_a_level_list_points_at_its_labels_and_offers_not_found() -> None:
    levels = [{"value": v, "label": f"level {v}", "definition": "d"} for v in range(3)]
    ind = _numeric(kind="categorical", levels=levels)
    dv = value_validation(ind, "'Levels'!$D$2:$D$5")
    assert (dv.type, dv.formula1) == ("list", "'Levels'!$D$2:$D$5")
    assert dv.prompt == "Pick a level: level 0 / level 1 / level 2 (or not found)"


def test_prompts_and_titles_fit_excels_limits() -> None:
    """Excel limits an input title to 32 characters and its prompt to 255."""
    ind = _numeric(name="N" * 40, unit="u" * 300)
    dv = value_validation(ind, None)
    assert dv.promptTitle == "N" * 31 + "…" and len(dv.promptTitle) == 32
    assert len(dv.prompt) == 255 and dv.prompt.endswith("…")
    assert value_validation(_numeric(name="N" * 32), None).promptTitle == "N" * 32
