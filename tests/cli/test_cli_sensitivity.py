"""`readiness sensitivity`: prints the intervals and Sobol indices, writes the files."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from readiness import api
from readiness.cli import main

ROOT = Path(__file__).resolve().parents[2]
RUBRIC = ROOT / "rubrics" / "archive" / "c5-critical-minerals-1.0.0.yaml"  # the fixture's rubric
VALUES = ROOT / "tests" / "report" / "data" / "c5-test-values.csv"
GOOD = """\
title: KGZ opens its cadastre map
changes:
  - {unit: KGZ, indicator: online_cadastre, level: public licence map, note: map online}
  - {unit: KAZ, indicator: fdi_inflows, value: 2.3}
"""


@pytest.fixture(scope="module")
def result() -> api.Result:
    rubric = api.load_rubric(RUBRIC)
    return api.score(rubric, api.load_values(VALUES, rubric))


def test_cli_sensitivity_prints_and_writes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = CliRunner().invoke(
        main,
        [
            "sensitivity",
            "--rubric",
            str(RUBRIC),
            "--inputs",
            str(VALUES),
            "--draws",
            "200",
            "--seed",
            "5",
            "-o",
            str(out),
        ],
    )
    assert run.exit_code == 0, run.output
    assert "Uncertainty analysis: 200 draws, seed 5" in run.stdout
    assert "Sobol indices" in run.stdout
    for name in ("uncertainty.csv", "uncertainty.json", "sensitivity.csv"):
        assert (out / name).is_file()
