"""`readiness run` (the quarterly job) and `readiness verify` (its audit check)."""

from __future__ import annotations

from pathlib import Path

import click

from readiness.cli._base import EXIT_USER, FILE, FOLDER, Command, echo_err, lang_option
from readiness.i18n import Language


@click.command("run", cls=Command)
@click.option("--period", default=None, help="Period to run, e.g. 2026-Q4 (default: the latest).")
@click.option(
    "--rubric", "rubric", default=None, type=FILE, help="Rubric (default: rubrics/*.yaml)."
)
@click.option(
    "--inputs",
    "inputs",
    multiple=True,
    type=FILE,
    help="Values file(s) of the period (repeatable; default: inputs/<rubric-id>-<period>.xlsx "
    "and inputs/<rubric-id>-reference-<period>.xlsx when present).",
)
@click.option(
    "-o",
    "--output",
    "out",
    default=Path("reports"),
    show_default=True,
    type=FOLDER,
    help="Reports folder; the period's files go to <folder>/<period>/.",
)
@click.option("--strict", is_flag=True, help="Fail on validation warnings too.")
@click.option(
    "--jobs",
    default=None,
    type=click.IntRange(min=1),
    help="Render this many documents in parallel processes (default: one per processor "
    "available; the PDFs are the same bytes whatever the number).",
)
@click.option(
    "--history",
    default=None,
    type=FILE,
    help="History database (default: <reports folder>/history.sqlite).",
)
@click.option("--force", is_flag=True, help="Render even when nothing changed.")
@lang_option("next period's workbook")
def run(
    period: str | None,
    rubric: Path | None,
    inputs: tuple[Path, ...],
    out: Path,
    strict: bool,
    jobs: int | None,
    history: Path | None,
    force: bool,
    language: Language,
) -> None:
    """Run the quarter: validate, score, render, record the history, write next period's
    workbook and the manifest, all into reports/<period>/, committed together or not at all.

    Run in the repository root, it needs no option: the current rubric, the latest period's
    workbook in inputs/, and the earlier periods in inputs/history/. When the rubric, the
    inputs, the templates and the history are unchanged, the period folder is reused without
    rendering (--force renders anyway). Prints the ranking on stdout, progress on stderr.

    Exit status: 0 published or up to date; 1 the inputs have errors (or, with --strict,
    warnings), listed with their cells and annotated in reports/<period>-failed/; 2 a usage
    error; 3 a bug; 4 another run is writing to the reports folder.

    Example: readiness run
    """
    from readiness import api

    outcome = api.run(
        rubric=rubric,
        period=period,
        inputs=inputs,
        out=out,
        history=history,
        strict=strict,
        jobs=jobs,
        force=force,
        progress=echo_err,
        language=language,
    )
    click.echo(outcome.ranking)


@click.command("verify", cls=Command)
@click.argument("folder", type=FOLDER)
def verify(folder: Path) -> None:
    """Check a period folder against its manifest.json, file by file (SHA-256).

    Exits 1 if a file changed, is missing, or is not in the manifest.

    Example: readiness verify reports/2026-Q4
    """
    from readiness import api

    found = api.verify(folder)
    for check in found.checks:
        click.echo(f"{check.status:<8}  {check.file}")
    if not found.ok:
        echo_err(found.summary())
        raise SystemExit(EXIT_USER)
    echo_err(found.summary())
