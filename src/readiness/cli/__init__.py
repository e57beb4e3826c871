"""Command-line interface: one thin click command per library call, one module per group.

`main` is the console-script entry point (`readiness`). Each command parses its options, calls
one function of `readiness.api` and prints; errors end as `readiness.cli._base` describes.
Commands import the library inside their bodies, so `readiness --help` loads only click.
"""

from __future__ import annotations

import click

from readiness.cli._base import Group
from readiness.cli.history import history
from readiness.cli.report import report
from readiness.cli.rubric import rubric
from readiness.cli.run import run, verify
from readiness.cli.scenario import scenario
from readiness.cli.score import score
from readiness.cli.sensitivity import sensitivity
from readiness.cli.workbook import template, validate


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="readiness")
def main() -> None:
    """readiness: score Central Asian states' readiness for critical-minerals investment.

    Flow: rubric YAML -> values (CSV or Excel workbook) -> normalise -> aggregate ->
    rank and band -> results (CSV, JSON) -> PDF scorecards.
    """


for _command in (
    run,
    verify,
    history,
    rubric,
    score,
    template,
    validate,
    report,
    sensitivity,
    scenario,
):
    main.add_command(_command)

__all__ = ["main"]
