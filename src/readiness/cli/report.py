"""`readiness report`: PDF scorecards and the regional overview for one values file."""

from __future__ import annotations

from pathlib import Path

import click

from readiness.cli._base import (
    FILE,
    FOLDER,
    Command,
    echo_err,
    inputs_option,
    jobs_option,
    out_dir_option,
    rubric_option,
)


@click.command("report", cls=Command)
@rubric_option
@inputs_option
@out_dir_option("the PDFs")
@click.option(
    "--templates",
    "templates_dir",
    default=None,
    type=FOLDER,
    help="Folder of templates to use instead of the packaged ones "
    "(scorecard.html.j2, regional.html.j2, report.css, fonts/).",
)
@jobs_option
@click.option("--html", is_flag=True, help="Also write each document's HTML beside its PDF.")
@click.option("--period", default=None, help="Period to report, e.g. 2026-Q4.")
@click.option(
    "--previous",
    "previous_path",
    default=None,
    type=FILE,
    help="The previous period's inputs (same rubric), for 'change since the previous period'.",
)
@click.option(
    "--fixed",
    multiple=True,
    metavar="INDICATOR",
    help="Indicator the 'path to the next band' must not change, e.g. geography "
    "(repeatable; default: those the rubric marks as not actionable).",
)
def report(
    rubric_path: Path,
    inputs_path: tuple[Path, ...],
    out_dir: Path,
    templates_dir: Path | None,
    jobs: int,
    html: bool,
    period: str | None,
    previous_path: Path | None,
    fixed: tuple[str, ...],
) -> None:
    """Score INPUTS with RUBRIC and write PDF scorecards: one per country
    (scorecard-<UNIT>.pdf) and a regional overview (regional-overview.pdf), plus the
    machine-readable results (scores.csv, scores.json, scores.xlsx).

    Prints the files written on stdout and progress on stderr.

    Example: readiness report --rubric rubrics/c5-critical-minerals.yaml
    --inputs inputs/c5-critical-minerals-2026-Q4.xlsx -o reports --jobs 2
    --previous inputs/history/c5-critical-minerals-2025-Q4.xlsx
    """
    from readiness import api

    written = api.report(
        rubric_path,
        list(inputs_path),
        out_dir,
        period=period,
        previous_path=previous_path,
        templates_dir=templates_dir,
        jobs=jobs,
        html=html,
        fixed=fixed or None,
        progress=echo_err,
    )
    for path in written:
        click.echo(str(path))
