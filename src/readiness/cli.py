"""Command-line interface: thin commands over the library API.

User errors raise `ReadinessError`; the command classes in `options` print its message on
stderr and exit 1, without a traceback.
Usage errors exit 2 (click's own).
"""

from __future__ import annotations

from pathlib import Path

import click

from readiness import api, atomic, console
from readiness.options import FILE, Group, inputs_option, out_dir_option, rubric_option
from readiness.report.cli import report
from readiness.rubric import json_schema
from readiness.workbook.cli import template, validate


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="readiness")
def main() -> None:
    """readiness: score Central Asian states' readiness for critical-minerals investment.

    Flow: rubric YAML -> values (CSV or Excel workbook) -> normalise -> aggregate ->
    rank and band -> results (CSV, JSON) -> PDF scorecards.
    """


@main.group(cls=Group)
def rubric() -> None:
    """Check rubric files and print their JSON Schema."""


@rubric.command("check")
@click.argument("files", nargs=-1, required=True, type=FILE)
def rubric_check(files: tuple[Path, ...]) -> None:
    """Validate rubric FILES; report every problem as file:line:column field message.

    Example: readiness rubric check rubrics/c5-critical-minerals.yaml
    """
    failed = []
    for file in files:
        try:
            r = api.load_rubric(file)
        except api.ReadinessErrorType as exc:
            click.echo(exc.format_message(), err=True)
            failed.append(file)
        else:
            click.echo(f"{file}: ok ({len(r.indicators)} indicators, {len(r.nodes)} nodes)")
    if failed:
        raise SystemExit(1)


@rubric.command("schema")
def rubric_schema() -> None:
    """Print the rubric JSON Schema (for editor autocompletion).

    Example: readiness rubric schema > rubrics/rubric.schema.json
    """
    click.echo(json_schema(), nl=False)


@main.command("score")
@rubric_option
@inputs_option
@click.option("--period", default=None, help="Period to score, e.g. 2026-Q4.")
@out_dir_option("scores.csv, scores.json and scores.xlsx")
def score_command(rubric_path: Path, inputs_path: Path, period: str | None, out_dir: Path) -> None:
    """Score INPUTS with RUBRIC: print the ranking, write scores.csv, .json and .xlsx.

    Example: readiness score --rubric rubrics/c5-critical-minerals.yaml
    --inputs inputs/c5-critical-minerals-2026-Q4.xlsx -o reports
    """
    with atomic.protecting(rubric_path, inputs_path):
        r = api.load_rubric(rubric_path)
        values = api.load_values(inputs_path, r, period)
        result = api.score(r, values, period=period)
        written = api.write_results(result, out_dir)
        click.echo(console.ranking_table(result))
        for path in written:
            click.echo(f"wrote {path}", err=True)


# Each stage owns its CLI module; the group gathers them here.
main.add_command(template)
main.add_command(validate)
main.add_command(report)
