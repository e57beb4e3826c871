"""Command-line options shared by several commands, declared once so they read the same."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from readiness.problems import ReadinessError

F = TypeVar("F", bound=Callable[..., Any])


class UserError(click.ClickException):
    """A `ReadinessError` as click prints it: "Error: ..." on stderr, exit 1, no traceback."""

    exit_code = ReadinessError.exit_code

    def __init__(self, error: ReadinessError) -> None:
        super().__init__(error.message)
        self.error = error

    def format_message(self) -> str:
        return self.error.format_message()


class Command(click.Command):
    """A click command that turns `ReadinessError` into a clean user error."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ReadinessError as exc:
            raise UserError(exc) from None


class Group(click.Group):
    """A click group whose commands turn `ReadinessError` into a clean user error."""

    command_class = Command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ReadinessError as exc:
            raise UserError(exc) from None


FILE = click.Path(dir_okay=False, path_type=Path)
FOLDER = click.Path(file_okay=False, path_type=Path)

rubric_option = click.option(
    "--rubric", "rubric_path", required=True, type=FILE, help="Rubric YAML file."
)
inputs_option = click.option(
    "--inputs",
    "inputs_path",
    required=True,
    type=FILE,
    help="Values: a .csv (long or wide) or an .xlsx workbook.",
)


def out_dir_option(what: str) -> Callable[[F], F]:
    return click.option(
        "-o",
        "--output",
        "out_dir",
        default=Path("reports"),
        show_default=True,
        type=FOLDER,
        help=f"Folder for {what}.",
    )
