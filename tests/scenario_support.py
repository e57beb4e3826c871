"""The small C5 set the scenario and sensitivity tests share: the 1.0.0 rubric its values were
made with, the values, a valid scenario file, and their scored result."""

from __future__ import annotations

from pathlib import Path

from readiness import api

ROOT = Path(__file__).resolve().parents[1]
RUBRIC = ROOT / "rubrics" / "archive" / "c5-critical-minerals-1.0.0.yaml"  # the fixture's rubric
VALUES = ROOT / "tests" / "report" / "data" / "c5-test-values.csv"
GOOD = """\
title: KGZ opens its cadastre map
changes:
  - {unit: KGZ, indicator: online_cadastre, level: public licence map, note: map online}
  - {unit: KAZ, indicator: fdi_inflows, value: 2.3}
"""


def scored() -> api.Result:
    rubric = api.load_rubric(RUBRIC)
    return api.score(rubric, api.load_values(VALUES, rubric))
