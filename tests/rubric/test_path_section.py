"""The rubric's `path:` section: ceiling rules per kind of lever, published precision, and
located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness.problems import ReadinessError
from readiness.rubric import load_rubric, parse_rubric
from readiness.rubric.model import Ceiling, Lever, PathPolicy

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "rubrics" / "c5-critical-minerals.yaml"


def test_rule_for_an_indicator_its_own_then_its_lever_kind_then_the_default() -> None:
    policy = PathPolicy.model_validate(
        {"ceiling": "best_assessed", "by_lever": {"policy": "next_level"}, "ceilings": {"x": 3}}
    )
    assert policy.rule_for("x", Lever.POLICY) == 3
    assert policy.rule_for("y", Lever.POLICY) is Ceiling.NEXT_LEVEL
    assert policy.rule_for("y", Lever.OUTCOME) is Ceiling.BEST_ASSESSED


def test_the_shipped_rubric_keeps_the_path_to_peers_and_published_precision() -> None:
    path = load_rubric(SHIPPED).path
    assert path.rule_for("fdi_inflows", Lever.OUTCOME) is Ceiling.BEST_ASSESSED
    assert path.rule_for("geodata_portal", Lever.POLICY) is Ceiling.NEXT_LEVEL
    assert path.precision == {"lpi_overall": 0.1, "lpi_infrastructure": 0.1}


def test_located_errors() -> None:
    prefix = SHIPPED.read_text(encoding="utf-8").split("\npath:")[0]
    n = prefix.count("\n") + 2  # the line of "path:" in the test file
    with pytest.raises(ReadinessError) as info:
        parse_rubric(prefix + "\npath:\n  precision: {nosuch: 0.1, lpi_overall: 0}\n", "r.yaml")
    found = [(str(p.location), p.code) for p in info.value.problems]
    assert (f"r.yaml:{n + 1}:23 path.precision.nosuch", "rubric-ceiling") in found
    assert (f"r.yaml:{n + 1}:41 path.precision.lpi_overall", "rubric-out-of-range") in found
    assert len(found) == 2
