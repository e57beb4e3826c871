"""The base of the rubric models: unknown keys, mutation, inf/nan and malformed ids are refused,
and a validator's error carries its problem code."""

from __future__ import annotations

import math

import pytest
from pydantic import TypeAdapter, ValidationError

from readiness.rubric.base import Id, Strict, invalid


class _Sample(Strict):
    x: float = 0.0


def _types(exc: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [e["type"] for e in exc.value.errors()]


def test_an_unknown_key_is_an_error() -> None:
    with pytest.raises(ValidationError) as exc:
        _Sample.model_validate({"x": 1, "y": 2})
    assert _types(exc) == ["extra_forbidden"]


def test_a_model_cannot_be_changed_once_made() -> None:
    sample = _Sample(x=1)
    with pytest.raises(ValidationError):
        sample.x = 2  # type: ignore[misc]
    assert sample.x == 1


@pytest.mark.parametrize("number", [math.inf, -math.inf, math.nan])
def test_infinity_and_nan_are_refused(number: float) -> None:
    with pytest.raises(ValidationError) as exc:
        _Sample(x=number)
    assert _types(exc) == ["finite_number"]


@pytest.mark.parametrize("text", ["KAZ", "a", "wgi_rq.2024", "x-1"])
def test_ids_that_are_allowed(text: str) -> None:
    assert TypeAdapter(Id).validate_python(text) == text


@pytest.mark.parametrize("text", ["", "1st", "_x", "has space", "é", "a" * 65])
def test_ids_that_are_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(Id).validate_python(text)


def test_invalid_carries_its_code_and_message() -> None:
    error = invalid("rubric-levels", "levels repeat")
    assert error.type == "rubric-levels"
    assert error.message() == "levels repeat"
