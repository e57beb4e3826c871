"""The `readiness report` command: a thin click wrapper over `render_reports`."""

from __future__ import annotations

from pathlib import Path

import click

from readiness import api, atomic
from readiness.options import FILE, Command, inputs_option, out_dir_option, rubric_option
from readiness.report.render import render_reports


@click.command("report", cls=Command)
@rubric_option
@inputs_option
@out_dir_option("the PDFs")
@click.option(
    "--templates",
    "templates_dir",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of templates to use instead of the packaged ones "
    "(scorecard.html.j2, regional.html.j2, report.css, fonts/).",
)
@click.option(
    "--jobs",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Render this many documents in parallel processes.",
)
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
    inputs_path: Path,
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
    with atomic.protecting(rubric_path, inputs_path, previous_path):
        r = api.load_rubric(rubric_path)
        values = api.load_values(inputs_path, r, period)
        result = api.score(r, values, period=period)
        previous = None
        if previous_path is not None:
            previous = api.score(r, api.load_values(previous_path, r))
        atomic.check_targets(*api.results_paths(out_dir))  # before any PDF is written
        written = render_reports(
            result,
            out_dir,
            templates_dir=templates_dir,
            jobs=jobs,
            html=html,
            progress=lambda line: click.echo(line, err=True),
            previous=previous,
            fixed=fixed or None,
        )
        written += api.write_results(result, out_dir)
        for path in written:
            click.echo(str(path))
