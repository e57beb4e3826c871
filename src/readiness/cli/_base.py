"""What every command shares: how errors end a command, and the options several commands take.

A `ReadinessError` (bad input) prints its message on stderr and exits with its code (1) without
a traceback; click's usage errors exit 2; any other exception is a bug: its traceback is printed
and the exit status is 3. The library never names a command-line flag; this package alone talks
to the terminal. Nothing here imports pandas or the renderer: `readiness --help` stays fast.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from readiness.i18n import DEFAULT_LANGUAGE, LANGUAGES, Language
from readiness.problems import ReadinessError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_USER = 1  # bad input, a failed check, a mismatch: fix the inputs
EXIT_USAGE = 2  # click's own: fix the command line
EXIT_BUG = 3  # an unexpected exception: a bug in readiness


class _Handled:
    """Mixin for click commands: turn library exceptions into exit statuses."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)  # type: ignore[misc]
        except ReadinessError as exc:
            click.echo(exc.format_message(language=_language_of(ctx)), err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except (KeyboardInterrupt, BrokenPipeError):
            raise
        except Exception:
            traceback.print_exc(file=sys.stderr)
            click.echo(
                "readiness: internal error (a bug, not a problem with your inputs); "
                "please report it with the traceback above",
                err=True,
            )
            ctx.exit(EXIT_BUG)


def _language_of(ctx: click.Context) -> Language:
    """The language a command was asked to speak (its `language` parameter, `--lang`); English
    for commands without one."""
    value = ctx.params.get("language")
    return cast("Language", value) if value in LANGUAGES else DEFAULT_LANGUAGE


class Command(_Handled, click.Command):
    """A leaf command whose errors end as described in this module's docstring."""


class Group(_Handled, click.Group):
    """A group whose commands and sub-groups are `Command` and `Group` by default."""

    command_class = Command
    group_class = type


def echo_err(line: str) -> None:
    """Progress and notes go to stderr, results to stdout."""
    click.echo(line, err=True)


FILE = click.Path(dir_okay=False, path_type=Path)
FOLDER = click.Path(file_okay=False, path_type=Path)

rubric_option = click.option(
    "--rubric", "rubric_path", required=True, type=FILE, help="Rubric YAML file."
)
inputs_option = click.option(
    "--inputs",
    "inputs_path",
    required=True,
    multiple=True,
    type=FILE,
    help="Values: a .csv (long or wide), or an .xlsx or .ods workbook. Repeatable: the files of "
    "one period (e.g. the officials' workbook and the reference-jurisdictions workbook) are "
    "merged.",
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


def _language(ctx: click.Context, param: click.Parameter, value: str) -> Language:
    from readiness.i18n import parse_language

    return parse_language(value)  # one of the choices: never fails


def lang_option(what: str) -> Callable[[F], F]:
    """`--lang en|ru`: the language of what the command writes for people to read."""
    return click.option(
        "--lang",
        "language",
        default="en",
        show_default=True,
        type=click.Choice(LANGUAGES, case_sensitive=False),
        callback=_language,
        help=f"Language of {what}: en English, ru Russian.",
    )


jobs_option = click.option(
    "--jobs",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Render this many documents in parallel processes.",
)
