"""Shared fixtures: the rubric and values builders of builders.py."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from builders import build_rubric, build_values
from readiness.inputs.values import Values
from readiness.rubric.model import Rubric

RubricFactory = Callable[..., Rubric]
ValuesFactory = Callable[..., Values]


@pytest.fixture(scope="session")
def make_rubric() -> RubricFactory:
    return build_rubric


@pytest.fixture(scope="session")
def make_values() -> ValuesFactory:
    return build_values
