"""The `readiness template` and `readiness validate` commands (registered by the main CLI group)."""

from __future__ import annotations

from pathlib import Path

import click

from readiness import atomic
from readiness.options import FILE, Command, rubric_option
from readiness.problems import ReadinessError
from readiness.rubric import load_rubric
from readiness.workbook.annotate import annotate_workbook
from readiness.workbook.template import write_template
from readiness.workbook.validate import problems_json, problems_table, validate_workbook

_PATH = FILE


@click.command(cls=Command)
@rubric_option
@click.option("--period", required=True, help="Reporting period, e.g. 2026-Q4.")
@click.option("-o", "--output", required=True, type=_PATH, help="Workbook to write (.xlsx).")
@click.option(
    "--from",
    "previous",
    type=_PATH,
    help="A previous period's workbook whose values, dates, sources and notes are carried over.",
)
def template(rubric_path: Path, period: str, output: Path, previous: Path | None) -> None:
    """Write the Excel workbook officials fill in for one period.

    Example:

        readiness template --rubric rubrics/c5-critical-minerals.yaml --period 2026-Q4
        -o inputs/c5-critical-minerals-2027-Q1.xlsx
        --from inputs/c5-critical-minerals-2026-Q4.xlsx
    """
    with atomic.protecting(rubric_path, previous):
        rubric = load_rubric(rubric_path)
        write_template(rubric, period, output, previous=previous)
        click.echo(f"wrote {output}")


@click.command(cls=Command)
@rubric_option
@click.argument("workbook", type=_PATH)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--annotate", type=_PATH, help="Write a copy with problem cells marked here.")
@click.option("--period", help="The period the workbook must be for (default: its own).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="How to print the problems.",
)
def validate(
    rubric_path: Path,
    workbook: Path,
    strict: bool,
    annotate: Path | None,
    period: str | None,
    fmt: str,
) -> None:
    """Check a filled-in workbook and list every problem at once.

    Exits 1 if there is an error (or, with --strict, a warning), 0 otherwise.

    Example:

        readiness validate --rubric rubrics/c5-critical-minerals.yaml inputs/2026-Q4.xlsx
        --annotate inputs/2026-Q4-checked.xlsx
    """
    with atomic.protecting(rubric_path, workbook):
        rubric = load_rubric(rubric_path)
        report = validate_workbook(workbook, rubric, period=period)
        if fmt == "json":
            click.echo(problems_json(report))
        elif report.problems:
            click.echo(problems_table(report.problems))
        if annotate is not None:
            annotate_workbook(workbook, report, annotate)
            click.echo(f"wrote {annotate}", err=True)
        if report.failed(strict=strict):
            suffix = " (--strict: warnings count)" if strict and not report.errors else ""
            raise ReadinessError(report.summary() + suffix)
        click.echo(report.summary(), err=True)
