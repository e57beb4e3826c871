"""Aggregate nodes: defaults, and the numbers a node may hold."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from readiness.rubric.node import Aggregation, Node, OnZero


def test_defaults_are_an_arithmetic_mean_that_refuses_zero_only_when_it_must() -> None:
    node = Node(id="P", name="Pillar")
    assert node.aggregation is Aggregation.ARITHMETIC and node.on_zero is OnZero.ERROR
    assert node.parent is None and node.weight == 1.0 and node.min_coverage is None


def test_aggregation_and_on_zero_are_read_from_text() -> None:
    node = Node.model_validate(
        {"id": "P", "name": "P", "aggregation": "geometric", "on_zero": "offset"}
    )
    assert node.aggregation is Aggregation.GEOMETRIC and node.on_zero is OnZero.OFFSET


@pytest.mark.parametrize(
    "fields",
    [
        {"weight": -0.5},
        {"zero_offset": 0},
        {"min_coverage": 1.01},
        {"min_coverage": -0.01},
        {"aggregation": "median"},
        {"on_zero": "ignore"},
        {"name": ""},
    ],
)
def test_values_a_node_cannot_hold(fields: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Node.model_validate({"id": "P", "name": "P", **fields})
