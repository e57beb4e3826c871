"""`readiness score`: score a values file and write the machine-readable results."""

from __future__ import annotations

from pathlib import Path

import click

from readiness.cli._base import Command, echo_err, inputs_option, out_dir_option, rubric_option


@click.command("score", cls=Command)
@rubric_option
@inputs_option
@click.option("--period", default=None, help="Period to score, e.g. 2026-Q4.")
@out_dir_option("scores.csv, scores.json and scores.xlsx")
def score(
    rubric_path: Path, inputs_path: tuple[Path, ...], period: str | None, out_dir: Path
) -> None:
    """Score INPUTS with RUBRIC: print the ranking, write scores.csv, .json and .xlsx.

    Example: readiness score --rubric rubrics/c5-critical-minerals.yaml
    --inputs inputs/c5-critical-minerals-2026-Q4.xlsx -o reports
    """
    from readiness import api, console

    result, written = api.score_files(rubric_path, list(inputs_path), out_dir, period=period)
    click.echo(console.ranking_table(result))
    for path in written:
        echo_err(f"wrote {path}")
