"""Structural checks report one specific code per problem, at a field path."""

from __future__ import annotations

from typing import Any

from readiness import limits
from readiness.rubric.structure import check_structure


def rubric(nodes: list[dict[str, Any]], indicators: list[dict[str, Any]], **rest: Any) -> Any:
    return {"nodes": nodes, "indicators": indicators, **rest}


def codes(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    return [(path, code) for path, code, _ in check_structure(data)]


def test_each_problem_has_its_code() -> None:
    data = rubric(
        [
            {"id": "idx"},
            {"id": "p", "parent": "idx"},
            {"id": "p", "parent": "idx"},
            {"id": "q", "parent": "nowhere"},
            {"id": "empty", "parent": "idx"},
        ],
        [
            {"id": "a", "parent": "p", "weight": 0},
            {"id": "b", "parent": "ghost", "denominator": "pop"},
        ],
        bands=[{"label": "x", "min": 10}, {"label": "x", "min": 20}],
    )
    assert codes(data) == [
        (("nodes", 2, "id"), "rubric-duplicate-id"),
        (("indicators", 1, "parent"), "rubric-unknown-parent"),
        (("indicators", 1, "denominator"), "rubric-unknown-denominator"),
        (("nodes", 3, "parent"), "rubric-unknown-parent"),
        (("nodes", 3, "id"), "rubric-childless-node"),
        (("nodes", 4, "id"), "rubric-childless-node"),
        (("nodes", 1, "id"), "rubric-weights"),
        (("nodes", 2, "id"), "rubric-weights"),
        (("bands", 1, "label"), "rubric-bands"),
        (("bands", 1, "min"), "rubric-bands"),
        (("bands", 1, "min"), "rubric-bands"),
    ]


def test_cycles_roots_and_mixed_children() -> None:
    data = rubric(
        [
            {"id": "idx"},
            {"id": "x", "parent": "y"},
            {"id": "y", "parent": "x"},
            {"id": "m", "parent": "idx"},
            {"id": "n", "parent": "m"},
        ],
        [{"id": "a", "parent": "m"}, {"id": "b", "parent": "n"}],
    )
    found = codes(data)
    assert (("nodes", 1, "parent"), "rubric-cycle") in found
    assert (("nodes", 3, "id"), "rubric-mixed-children") in found
    assert codes(rubric([{"id": "a"}, {"id": "b"}], [])) == [
        (("indicators",), "rubric-empty-section"),
        (("nodes",), "rubric-root"),
        (("nodes", 0, "id"), "rubric-childless-node"),
        (("nodes", 1, "id"), "rubric-childless-node"),
    ]


def test_depth_is_measured_without_recursion_and_capped() -> None:
    def chain(n: int) -> dict[str, Any]:
        nodes = [{"id": "n0"}] + [{"id": f"n{k}", "parent": f"n{k - 1}"} for k in range(1, n)]
        return rubric(nodes, [{"id": "a", "parent": f"n{n - 1}"}])

    depth = limits.DEPTH.value
    assert codes(chain(depth - 1)) == []  # depth - 1 nodes and the indicator: at the limit
    assert codes(chain(depth)) == [(("indicators", 0, "parent"), "limit-depth")]
