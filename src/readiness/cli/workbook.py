"""`readiness template` and `readiness validate`: the officials' workbook."""

from __future__ import annotations

from pathlib import Path

import click

from readiness.cli._base import FILE, Command, echo_err, lang_option, rubric_option
from readiness.i18n import Language
from readiness.problems import ReadinessError


@click.command("template", cls=Command)
@rubric_option
@click.option("--period", required=True, help="Reporting period, e.g. 2026-Q4.")
@click.option("-o", "--output", required=True, type=FILE, help="Workbook to write (.xlsx).")
@click.option(
    "--from",
    "previous",
    type=FILE,
    help="A previous period's workbook whose values, dates, sources and notes are carried over.",
)
@lang_option("the workbook (the rubric's translation sits beside it: <rubric>.ru.yaml)")
def template(
    rubric_path: Path, period: str, output: Path, previous: Path | None, language: Language
) -> None:
    """Write the Excel workbook officials fill in for one period.

    Example:

        readiness template --rubric rubrics/c5-critical-minerals.yaml --period 2026-Q4
        -o inputs/c5-critical-minerals-2027-Q1.xlsx
        --from inputs/c5-critical-minerals-2026-Q4.xlsx --lang ru
    """
    from readiness import api

    written = api.template(rubric_path, period, output, previous=previous, language=language)
    click.echo(f"wrote {written}")


@click.command("validate", cls=Command)
@rubric_option
@click.argument("workbook", type=FILE)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--annotate", type=FILE, help="Write a copy with problem cells marked here.")
@click.option("--period", help="The period the workbook must be for (default: its own).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="How to print the problems.",
)
@lang_option("the problems listed and the annotated copy (the workbook is read in either)")
def validate(
    rubric_path: Path,
    workbook: Path,
    strict: bool,
    annotate: Path | None,
    period: str | None,
    fmt: str,
    language: Language,
) -> None:
    """Check a filled-in workbook (in English or Russian) and list every problem at once.

    Exits 1 if there is an error (or, with --strict, a warning), 0 otherwise.

    Example:

        readiness validate --rubric rubrics/c5-critical-minerals.yaml inputs/2026-Q4.xlsx
        --annotate inputs/2026-Q4-checked.xlsx
    """
    from readiness import api
    from readiness.workbook.validate import problems_json, problems_table

    report = api.validate(
        rubric_path, workbook, period=period, annotate=annotate, language=language
    )
    if fmt == "json":
        click.echo(problems_json(report, language))
    elif report.problems:
        click.echo(problems_table(report.problems, language=language))
    if annotate is not None:
        echo_err(f"wrote {annotate}")
    if report.failed(strict=strict):
        strict_note = {"en": "warnings count", "ru": "предупреждения учитываются"}[language]
        suffix = f" (--strict: {strict_note})" if strict and not report.errors else ""
        raise ReadinessError(report.summary(language) + suffix)
    echo_err(report.summary(language))
