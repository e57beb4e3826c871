"""`readiness history`: the recorded periods, one country's trajectory, an export."""

from __future__ import annotations

from pathlib import Path

import click

from readiness.cli._base import FILE, Group

history_option = click.option(
    "--history",
    "db",
    default=Path("reports") / "history.sqlite",
    show_default=True,
    type=FILE,
    help="The history database.",
)


@click.group("history", cls=Group, invoke_without_command=True)
@history_option
@click.pass_context
def history(ctx: click.Context, db: Path) -> None:
    """List the recorded periods with each country's index score.

    Example: readiness history --history reports/history.sqlite
    """
    if ctx.invoked_subcommand is not None:
        return
    from readiness import api, console

    found = api.history_summary(db)
    units = [u for u, _ in found.units]
    click.echo(console.history_table(found.periods, units, found.index, found.thresholds))


@history.command("show")
@click.argument("unit")
@history_option
def show(unit: str, db: Path) -> None:
    """Print UNIT's index, band, rank and pillar scores in every recorded period.

    Example: readiness history show UZB
    """
    from readiness import api, console

    found = api.history_trajectory(unit, db)
    click.echo(
        console.trajectory_table(
            found.unit, found.name, found.points, found.items, found.thresholds
        )
    )


@history.command("export")
@click.option("-o", "--output", required=True, type=FILE, help="A .csv or .xlsx file.")
@history_option
def export(output: Path, db: Path) -> None:
    """Write the history to a CSV file (the results) or an Excel workbook (results, input
    values, periods). Text is written so that no spreadsheet takes it for a formula.

    Example: readiness history export -o history.xlsx
    """
    from readiness import api

    click.echo(f"wrote {api.history_export(output, db)}")
