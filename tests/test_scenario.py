"""Scenario files: validated against the rubric, every problem located."""

from __future__ import annotations

import pytest

from readiness import api
from readiness.problems import ReadinessError
from readiness.scenario import parse_scenario
from scenario_support import ROOT, scored


@pytest.fixture(scope="module")
def result() -> api.Result:
    return scored()


def test_every_problem_is_located(result: api.Result) -> None:
    text = """\
changes:
  - {unit: KGZ, indicator: online_cadastre, level: Nope}
  - {unit: XXX, indicator: fdi_inflows, value: 2.3}
  - {unit: KAZ, indicator: fdi_inflows, value: 500}
  - {unit: KAZ, indicator: nosuch, value: 1, level: a}
  - {unit: KAZ, indicator: mining_code, value: 2.5}
  - {unit: KGZ, indicator: online_cadastre, value: 2}
"""
    with pytest.raises(ReadinessError) as info:
        parse_scenario(text, result.rubric, "s.yaml")
    found = [(str(p.location), p.code) for p in info.value.problems]
    assert found == [
        ("s.yaml:2:52 changes[0].level", "scenario-invalid"),
        ("s.yaml:3:12 changes[1].unit", "scenario-invalid"),
        ("s.yaml:4:48 changes[2].value", "scenario-invalid"),
        ("s.yaml:5:5 changes[3]", "scenario-invalid"),
        ("s.yaml:6:48 changes[4].value", "scenario-invalid"),
        ("s.yaml:7:28 changes[5].indicator", "scenario-invalid"),
    ]


def test_the_example_scenario_fits_the_shipped_rubric() -> None:
    from readiness.scenario import load_scenario

    rubric = api.load_rubric(ROOT / "rubrics" / "c5-critical-minerals.yaml")
    spec = load_scenario(ROOT / "scenarios" / "example-2026-Q4.yaml", rubric)
    assert {c.unit for c in spec.changes} == {"KAZ"}
