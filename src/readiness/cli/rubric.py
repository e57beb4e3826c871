"""`readiness rubric check` and `readiness rubric schema`."""

from __future__ import annotations

from pathlib import Path

import click

from readiness.cli._base import EXIT_USER, FILE, Group, echo_err


@click.group(cls=Group)
def rubric() -> None:
    """Check rubric files and print their JSON Schema."""


@rubric.command("check")
@click.argument("files", nargs=-1, required=True, type=FILE)
def check(files: tuple[Path, ...]) -> None:
    """Validate rubric FILES; report every problem as file:line:column field message.

    Example: readiness rubric check rubrics/c5-critical-minerals.yaml
    """
    from readiness import api

    failed = False
    for file in files:  # every file is checked, whichever fails first
        try:
            r = api.load_rubric(file)
        except api.ReadinessError as exc:
            echo_err(exc.format_message())
            failed = True
        else:
            click.echo(f"{file}: ok ({len(r.indicators)} indicators, {len(r.nodes)} nodes)")
    if failed:
        raise SystemExit(EXIT_USER)


@rubric.command("schema")
def schema() -> None:
    """Print the rubric JSON Schema (for editor autocompletion).

    Example: readiness rubric schema > rubrics/rubric.schema.json
    """
    from readiness.rubric import json_schema

    click.echo(json_schema(), nl=False)
