"""Command-line options shared by several commands, declared once so they read the same."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

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
