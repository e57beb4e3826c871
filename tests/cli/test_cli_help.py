"""Help everywhere: every command has help text and every leaf an example; usage errors exit 2."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import click
import pytest
from cli_support import run

from readiness.cli import main

# --- help --------------------------------------------------------------------------------------


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


ALL_COMMANDS = list(_commands(main))


def _command(path: tuple[str, ...]) -> click.Command:
    command: click.Command = main
    for name in path:
        assert isinstance(command, click.Group)
        found = command.get_command(click.Context(command), name)
        assert found is not None
        command = found
    return command


def test_top_level_help() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "Usage: readiness" in result.output
    for name in ("rubric", "score"):
        assert name in result.output


def test_the_command_list_is_what_we_expect() -> None:
    assert {("rubric",), ("rubric", "check"), ("rubric", "schema"), ("score",)} <= set(ALL_COMMANDS)


@pytest.mark.parametrize("path", ALL_COMMANDS, ids=" ".join)
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    command = _command(path)
    assert (command.help or "").strip(), f"`readiness {' '.join(path)}` has no help text"
    assert command.get_short_help_str().strip()
    result = run(*path, "--help")
    assert result.exit_code == 0
    assert f"Usage: readiness {' '.join(path)}" in result.output


LEAVES = [p for p in ALL_COMMANDS if not isinstance(_command(p), click.Group)]


@pytest.mark.parametrize("path", LEAVES, ids=" ".join)
def test_every_leaf_command_shows_an_example(path: tuple[str, ...]) -> None:
    assert "Example:" in (_command(path).help or "")


def test_python_dash_m_readiness() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "readiness", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Usage:" in proc.stdout
    assert "score" in proc.stdout


def test_usage_errors_exit_2() -> None:
    assert run("score").exit_code == 2  # missing required options
    assert run("no-such-command").exit_code == 2
