"""`readiness sensitivity`: prints the intervals and Sobol indices, writes the files."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from readiness.cli import main
from scenario_support import RUBRIC, VALUES


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
