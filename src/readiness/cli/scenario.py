"""`readiness scenario`: score a what-if scenario beside the baseline."""

from __future__ import annotations

from pathlib import Path

import click

from readiness.cli._base import (
    FILE,
    Command,
    echo_err,
    inputs_option,
    out_dir_option,
    rubric_option,
)


@click.command("scenario", cls=Command)
@rubric_option
@inputs_option
@click.argument("scenario_path", metavar="SCENARIO.yaml", type=FILE)
@click.option("--period", default=None, help="Period to score, e.g. 2026-Q4.")
@click.option(
    "--report",
    "render",
    is_flag=True,
    help="Also render the scenario's scorecards and overview (changes against the baseline) "
    "and its scores into the output folder.",
)
@out_dir_option("the scenario's PDFs and scores (with --report)")
def scenario(
    rubric_path: Path,
    inputs_path: tuple[Path, ...],
    scenario_path: Path,
    period: str | None,
    render: bool,
    out_dir: Path,
) -> None:
    """What if: apply the changed values in SCENARIO.yaml to INPUTS and print each country's
    score, band and rank beside the baseline, with the change.

    Example: readiness scenario --rubric rubrics/c5-critical-minerals.yaml
    --inputs inputs/c5-critical-minerals-2026-Q4.xlsx scenarios/kgz-bit.yaml --report -o out
    """
    from readiness import api, console

    outcome, written = api.scenario(
        rubric_path,
        list(inputs_path),
        scenario_path,
        period=period,
        out_dir=out_dir if render else None,
        progress=echo_err,
    )
    click.echo(console.scenario_table(outcome))
    for path in written:
        echo_err(f"wrote {path}")
