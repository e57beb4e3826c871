"""The CLI's shape: click lives only in `readiness.cli`, the library names no flags, errors end
with the documented exit statuses, and the fast commands do not load pandas or the renderer."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from readiness import api
from readiness.cli import main
from readiness.problems import ReadinessError

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "readiness"
RUBRIC = ROOT / "rubrics" / "c5-critical-minerals.yaml"
SHIPPED = sorted((ROOT / "inputs").glob("*.xlsx"))


def _library_modules() -> Iterator[Path]:
    for path in sorted(SRC.rglob("*.py")):
        if "cli" not in path.relative_to(SRC).parts[:1]:
            yield path


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_cli_package_imports_click() -> None:
    offenders = [str(p.relative_to(SRC)) for p in _library_modules() if "click" in _imports(p)]
    assert offenders == []


def _flags(group: click.Group) -> set[str]:
    found: set[str] = set()
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        if isinstance(command, click.Group):
            found |= _flags(command)
        for param in command.params:
            found.update(o for o in param.opts if o.startswith("--"))
    return found - {"--help", "--version"}


def _strings(path: Path) -> Iterator[tuple[int, str]]:
    """String constants that are not docstrings (a docstring may explain a flag)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                docstrings.add(id(value))
    for node in ast.walk(tree):
        is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
        if is_text and id(node) not in docstrings:
            yield node.lineno, node.value


def test_library_messages_name_no_command_line_flags() -> None:
    flags = _flags(main)
    assert {"--rubric", "--inputs", "--period", "--from", "--fixed"} <= flags
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(flags))) + r")(?![\w-])")
    offenders = [
        f"{path.relative_to(SRC)}:{line}: {text[:80]!r}"
        for path in _library_modules()
        for line, text in _strings(path)
        if pattern.search(text)
    ]
    assert offenders == []


# --- exit statuses ------------------------------------------------------------------------------


def test_a_user_error_prints_its_message_and_exits_1(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object, **__: object) -> None:
        raise ReadinessError("inputs.xlsx: 1 problem", [])

    monkeypatch.setattr(api, "score_files", fail)
    result = CliRunner().invoke(main, ["score", "--rubric", "r.yaml", "--inputs", "v.csv"])
    assert result.exit_code == 1
    assert result.stderr == "inputs.xlsx: 1 problem\n"
    assert result.stdout == ""


def test_a_bug_shows_its_traceback_and_exits_3(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object, **__: object) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(api, "score_files", broken)
    result = CliRunner().invoke(main, ["score", "--rubric", "r.yaml", "--inputs", "v.csv"])
    assert result.exit_code == 3
    assert "Traceback" in result.stderr
    assert "ZeroDivisionError: a bug" in result.stderr
    assert "internal error" in result.stderr


def test_usage_errors_exit_2() -> None:
    assert CliRunner().invoke(main, ["score", "--rubric"]).exit_code == 2
    assert CliRunner().invoke(main, ["validate", "--format", "xml"]).exit_code == 2


# --- what the fast commands import ------------------------------------------------------------

_PROBE = """
import json, sys
from readiness.cli import main
try:
    main(sys.argv[1:], prog_name="readiness")
except SystemExit as exc:
    code = exc.code
heavy = ["pandas", "numpy", "weasyprint", "openpyxl", "matplotlib", "jinja2"]
print(json.dumps({"code": code, "loaded": [m for m in heavy if m in sys.modules]}))
"""


def _probe(*args: str) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    data: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return data


def test_help_loads_no_heavy_library() -> None:
    assert _probe("--help") == {"code": 0, "loaded": []}


@pytest.mark.skipif(not SHIPPED, reason="no shipped workbook")
def test_validate_loads_neither_pandas_nor_the_renderer() -> None:
    out = _probe("validate", "--rubric", str(RUBRIC), str(SHIPPED[-1]))
    assert out == {"code": 0, "loaded": []}


def _failing(*params: click.Parameter) -> click.Command:
    from readiness.cli._base import Command
    from readiness.problems import Location, Problem, fail_all

    def body(**_: object) -> None:
        where = Location(file="w.xlsx", sheet="Значения", cell="G5")
        fail_all([Problem("not-a-number", "'x' is not a number", where)], "w.xlsx")

    return Command("failing", callback=body, params=list(params))


def test_user_errors_are_printed_in_the_language_the_command_was_asked_for() -> None:
    lang = click.Option(["--lang", "language"], default="en")
    runner = CliRunner()
    english = runner.invoke(_failing(lang), [])
    russian = runner.invoke(_failing(lang), ["--lang", "ru"])
    without = runner.invoke(_failing(), [])
    assert english.exit_code == russian.exit_code == without.exit_code == 1
    assert english.stderr == without.stderr
    assert english.stderr.splitlines()[0] == "w.xlsx: 1 problem"
    text = russian.stderr.splitlines()
    assert text[0] == "1 ошибка, 0 предупреждений (w.xlsx: 1 problem)"
    assert text[1].startswith("  файл «w.xlsx», лист «Значения», ячейка G5: ошибка: ")
    assert text[1].endswith("('x' is not a number) [not-a-number]")
