"""Indicators: the rules on levels, scales and limits, and what an indicator answers about its
own scale (default normalisation, level of a value, lever)."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from readiness.rubric.indicator import Denominator, Indicator, Kind, Lever, Limits
from readiness.rubric.normalisation import Goalposts, MinMax

THREE = [
    {"value": 0, "label": "None", "definition": "No law."},
    {"value": 1, "label": "Draft", "definition": "A bill before parliament."},
    {"value": 2, "label": "In force", "definition": "The law is in force."},
]


def _indicator(**fields: Any) -> Indicator:
    return Indicator.model_validate({"id": "law", "name": "Law", "parent": "P", **fields})


def _code(**fields: Any) -> str:
    with pytest.raises(ValidationError) as exc:
        _indicator(**fields)
    (error,) = exc.value.errors()
    return str(error["type"])


def test_a_numeric_indicator_defaults_to_minmax_and_the_policy_lever() -> None:
    ind = _indicator()
    assert ind.kind is Kind.NUMERIC and ind.scale == ()
    assert ind.effective_normalisation == MinMax()
    assert ind.lever is Lever.POLICY and ind.actionable


def test_a_fixed_indicator_is_not_actionable() -> None:
    assert not _indicator(lever="fixed").actionable
    assert _indicator(lever="outcome").actionable


def test_a_categorical_indicator_is_scored_over_its_levels_range() -> None:
    ind = _indicator(kind="categorical", levels=THREE)
    assert ind.effective_normalisation == Goalposts(low=0, high=2)


def test_level_for_a_value() -> None:
    ind = _indicator(kind="categorical", levels=THREE)
    level = ind.level_for(1.0 + 1e-12)  # a float read back from a workbook
    assert level is not None and level.label == "Draft"
    assert ind.level_for(1.5) is None


def test_yes_no_has_a_default_scale_and_sorts_the_given_one() -> None:
    assert [lv.label for lv in _indicator(kind="yes_no").scale] == ["no", "yes"]
    given = [
        {"value": 1, "label": "Member", "definition": "A member state."},
        {"value": 0, "label": "Not a member", "definition": "Not a member state."},
    ]
    assert [lv.value for lv in _indicator(kind="yes_no", levels=given).scale] == [0, 1]
    assert _indicator(kind="yes_no").effective_normalisation == Goalposts(low=0, high=1)


@pytest.mark.parametrize(
    "levels",
    [
        THREE[:1],  # one level
        [THREE[0], {**THREE[1], "value": 0}],  # a value twice
        [THREE[0], {**THREE[1], "label": " none "}],  # a label twice, in other case and spaces
        [THREE[0], {**THREE[1], "label": "Not found"}],  # reads as missing
        [THREE[1], THREE[0]],  # highest first
    ],
)
def test_categorical_levels_that_are_refused(levels: list[dict[str, Any]]) -> None:
    assert _code(kind="categorical", levels=levels) == "rubric-levels"


def test_yes_no_levels_must_be_zero_and_one() -> None:
    levels = [{**THREE[0]}, {**THREE[2]}]  # values 0 and 2
    assert _code(kind="yes_no", levels=levels) == "rubric-levels"


def test_a_numeric_indicator_has_no_levels() -> None:
    assert _code(levels=THREE) == "rubric-levels"


def test_goalposts_of_a_categorical_indicator_must_be_its_levels_range() -> None:
    posts = {"method": "goalposts", "low": 0, "high": 3}
    assert _code(kind="categorical", levels=THREE, normalisation=posts) == "rubric-levels"
    same = {"method": "goalposts", "low": 0, "high": 2}
    assert _indicator(kind="categorical", levels=THREE, normalisation=same).normalisation


def test_only_a_numeric_indicator_has_a_denominator() -> None:
    assert _indicator(denominator="population").denominator == "population"
    assert _code(kind="yes_no", denominator="population") == "rubric-denominator"


def test_limits_must_not_be_inverted() -> None:
    assert Limits(min=3, max=3).max == 3
    with pytest.raises(ValidationError) as exc:
        Limits(min=4, max=3)
    assert [e["type"] for e in exc.value.errors()] == ["rubric-limits"]


@pytest.mark.parametrize(
    ("field", "value"), [("weight", -1), ("max_age_years", 0), ("decimals", 7)]
)
def test_numbers_out_of_range(field: str, value: float) -> None:
    with pytest.raises(ValidationError):
        _indicator(**{field: value})


def test_a_denominator_needs_a_name() -> None:
    assert Denominator(id="pop", name="Population").unit == ""
    with pytest.raises(ValidationError):
        Denominator(id="pop", name="")
