"""`readiness sensitivity`: uncertainty analysis and Sobol indices, written beside the scores."""

from __future__ import annotations

from pathlib import Path

import click

from readiness.cli._base import (
    Command,
    echo_err,
    inputs_option,
    out_dir_option,
    rubric_option,
)


@click.command("sensitivity", cls=Command)
@rubric_option
@inputs_option
@click.option("--period", default=None, help="Period to score, e.g. 2026-Q4.")
@click.option(
    "--draws",
    default=None,
    type=click.IntRange(min=10, max=1_000_000),
    help="Monte Carlo draws (default: the rubric's uncertainty section, or 1000).",
)
@click.option(
    "--seed",
    default=None,
    type=click.IntRange(min=1),
    help="Seed of the draws (default: the rubric's); the same seed gives the same files.",
)
@out_dir_option("uncertainty.csv, uncertainty.json and sensitivity.csv")
def sensitivity(
    rubric_path: Path,
    inputs_path: tuple[Path, ...],
    period: str | None,
    draws: int | None,
    seed: int | None,
    out_dir: Path,
) -> None:
    """How robust is each rank: vary weights, methods and values as RUBRIC's uncertainty
    section declares, print each country's score and rank interval and band shares and the
    inputs that drive the ranks (Sobol indices), and write them as CSV and JSON.

    Example: readiness sensitivity --rubric rubrics/c5-critical-minerals.yaml
    --inputs inputs/c5-critical-minerals-2026-Q4.xlsx --draws 10000 --seed 7 -o reports
    """
    from readiness import api, console

    rob, sens, written = api.sensitivity(
        rubric_path, list(inputs_path), out_dir, period=period, draws=draws, seed=seed
    )
    click.echo(console.robustness_table(rob, sens))
    for path in written:
        echo_err(f"wrote {path}")
