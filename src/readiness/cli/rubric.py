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

    A translation (<rubric>.<language>.yaml) is checked against the rubric beside it.

    Example: readiness rubric check rubrics/c5-critical-minerals.yaml
    """
    from readiness import api
    from readiness.rubric.translation import check_translation, is_translation

    failed = False
    for file in files:  # every file is checked, whichever fails first
        try:
            if is_translation(file):  # <rubric>.<language>.yaml: against the rubric beside it
                t = check_translation(file)
                click.echo(f"{file}: ok ({t.language} text of {t.rubric} {t.version})")
                continue
            r = api.load_rubric(file)
        except api.ReadinessError as exc:
            echo_err(exc.format_message())
            failed = True
        else:
            click.echo(f"{file}: ok ({len(r.indicators)} indicators, {len(r.nodes)} nodes)")
    if failed:
        raise SystemExit(EXIT_USER)


@rubric.command("schema")
@click.option(
    "--translation",
    is_flag=True,
    help="The schema of a rubric's translation file (<rubric>.<language>.yaml) instead.",
)
def schema(translation: bool) -> None:
    """Print the rubric JSON Schema (for editor autocompletion).

    Example: readiness rubric schema > rubrics/rubric.schema.json (and, for translation
    files: readiness rubric schema --translation > rubrics/translation.schema.json)
    """
    if translation:
        from readiness.rubric.translation import json_schema as translation_schema

        click.echo(translation_schema(), nl=False)
        return
    from readiness.rubric import json_schema

    click.echo(json_schema(), nl=False)
