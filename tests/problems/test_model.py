"""One error contract: located problems, one exception root, `fail()` that never returns."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from readiness.problems import (
    TERMINAL_LIMIT,
    Location,
    Problem,
    ReadinessError,
    capped_lines,
    fail,
    fail_all,
    raise_if_errors,
)

SRC = Path(__file__).resolve().parents[2] / "src" / "readiness"


def test_locations_read_as_people_write_them() -> None:
    assert str(Location("in.xlsx", "Values", "G12")) == "in.xlsx!Values!G12"
    assert str(Location("r.yaml", line=14, column=9, path="nodes[1].weight")) == (
        "r.yaml:14:9 nodes[1].weight"
    )
    assert str(Location("v.csv", line=3)) == "v.csv:3"
    assert str(Location(path="KAZ/mining_code")) == "KAZ/mining_code"


def test_fail_raises_one_located_problem() -> None:
    where = Location("v.csv", line=2, column=3)
    with pytest.raises(ReadinessError) as info:
        fail("not-a-number", "'x' is not a number", where)
    assert [p.key() for p in info.value.problems] == [("v.csv:2:3", "not-a-number")]
    assert info.value.format_message() == "v.csv:2:3: error: 'x' is not a number [not-a-number]"
    assert info.value.exit_code == 1


def test_fail_all_and_raise_if_errors() -> None:
    warning = Problem("stale-value", "old", Location("w.xlsx", "Values", "H2"))
    raise_if_errors([warning], "w.xlsx")  # warnings alone do not fail
    error = Problem("bad-date", "no", Location("w.xlsx", "Values", "H3"))
    with pytest.raises(ReadinessError) as info:
        raise_if_errors([warning, error], "w.xlsx: the workbook has errors")
    assert info.value.message == "w.xlsx: the workbook has errors: 1 problem"
    assert info.value.format_message().splitlines()[1:] == [f"  {warning}", f"  {error}"]
    with pytest.raises(ReadinessError):
        fail_all([error], "x")


def test_the_terminal_shows_the_first_problems_and_counts_the_rest() -> None:
    many = [Problem("missing-row", f"row {k}", Location("w.xlsx", "Values")) for k in range(300)]
    lines = capped_lines(many)
    assert len(lines) == TERMINAL_LIMIT + 1
    assert lines[-1].startswith("... and 250 more problems not shown")
    err = ReadinessError("w.xlsx: 300 problems", many)
    assert len(err.format_message().splitlines()) == 1 + TERMINAL_LIMIT + 1
    assert len(err.format_message(limit=None).splitlines()) == 301
    assert len(err.problems) == 300  # the exception keeps all of them


def test_readiness_error_does_not_depend_on_click() -> None:
    assert [c.__name__ for c in ReadinessError.__mro__] == [
        "ReadinessError",
        "Exception",
        "BaseException",
        "object",
    ]


def _raises(tree: ast.AST) -> list[ast.Raise]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.Raise)]


def test_library_code_raises_user_errors_only_through_fail() -> None:
    """No raise-then-unreachable, and no bare ReadinessError(...) (which would carry no code)
    outside the problems package and the command-line modules."""
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC)
        if rel.parts[0] in ("problems", "cli") or rel.name in ("cli.py", "options.py"):
            continue
        for node in _raises(ast.parse(path.read_text(encoding="utf-8"))):
            exc = node.exc
            call = exc.func if isinstance(exc, ast.Call) else exc
            name = getattr(call, "id", getattr(call, "attr", ""))
            if name in ("ReadinessError", "AssertionError"):
                offenders.append(f"{rel}:{node.lineno} raise {name}")
    assert not offenders, offenders
