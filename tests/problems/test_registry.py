"""The registry of problem codes is complete, used, and in step with the README."""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from readiness.problems import REGISTRY, Category, Problem, Severity, UnknownCode, lookup
from readiness.problems.registry import (
    README_BEGIN,
    README_END,
    README_RU_BEGIN,
    README_RU_END,
    readme_table,
    readme_table_ru,
)

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "readiness"
README = ROOT / "README.md"

# Calls whose first argument is a problem code.
CODE_CALLS = {"Problem", "fail", "OpenError", "CellError", "invalid", "add"}


def _sources() -> list[tuple[Path, ast.Module]]:
    return [
        (path, ast.parse(path.read_text(encoding="utf-8"), str(path)))
        for path in sorted(SRC.rglob("*.py"))
    ]


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _codes_used() -> dict[str, list[str]]:
    """Every literal code passed to a problem-making call, or yielded by the rubric's
    structural checks, with where it is used."""
    used: dict[str, list[str]] = {}
    for path, tree in _sources():
        for node in ast.walk(tree):
            code: object = None
            if isinstance(node, ast.Call) and _name(node.func) in CODE_CALLS and node.args:
                first = node.args[0]
                code = first.value if isinstance(first, ast.Constant) else None
            elif (
                isinstance(node, ast.Tuple)
                and len(node.elts) == 3
                and isinstance(node.elts[1], ast.Constant)
                and str(node.elts[1].value).startswith("rubric-")
            ):
                code = node.elts[1].value
            if isinstance(code, str):
                used.setdefault(code, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return used


def test_every_code_in_the_source_is_registered() -> None:
    used = _codes_used()
    assert len(used) > 60  # the scan found the calls
    unregistered = {code: where for code, where in used.items() if code not in REGISTRY}
    assert not unregistered, f"register these codes in readiness.problems.registry: {unregistered}"


def test_every_registered_code_is_used_somewhere() -> None:
    literals: set[str] = set()
    for path, tree in _sources():
        if path.name == "registry.py":
            continue
        literals |= {
            n.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str)
        }
    unused = sorted(set(REGISTRY) - literals)
    assert not unused, f"registered but never reported (delete or use): {unused}"


def test_entries_are_complete() -> None:
    for code, entry in REGISTRY.items():
        assert entry.code == code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", code), code
        assert isinstance(entry.severity, Severity)
        assert isinstance(entry.category, Category)
        for text in (entry.meaning, entry.action):
            assert text[:1].isupper() and text.endswith("."), (code, text)
            assert "\n" not in text and len(text) <= 110, (code, text)


def test_one_name_for_one_thing() -> None:
    # The old names for the same things are gone.
    for old in ("workbook-not-found", "unreadable-file", "empty-file", "rubric-unreadable",
                "rubric-structure", "annotate-overwrites-input", "workbook-too-large",
                "unknown-format"):  # fmt: skip
        assert old not in REGISTRY


def test_an_unregistered_code_is_a_bug_caught_at_once() -> None:
    with pytest.raises(UnknownCode):
        Problem("no-such-code", "x")
    with pytest.raises(UnknownCode):
        lookup("no-such-code")


def test_severity_comes_from_the_registry() -> None:
    assert Problem("stale-value", "old").severity is Severity.WARNING
    assert Problem("not-a-number", "x").severity is Severity.ERROR


@pytest.mark.parametrize(
    ("begin", "end", "table"),
    [(README_BEGIN, README_END, readme_table), (README_RU_BEGIN, README_RU_END, readme_table_ru)],
    ids=["en", "ru"],
)
def test_readme_lists_the_registry(begin: str, end: str, table: Callable[[], str]) -> None:
    """The README's code lists (English, Russian) are generated from the registry. To
    regenerate them, run the tests with READINESS_UPDATE_README=1."""
    text = README.read_text(encoding="utf-8")
    assert begin in text and end in text
    start = text.index(begin)
    stop = text.index(end) + len(end)
    if os.environ.get("READINESS_UPDATE_README") == "1":
        README.write_text(text[:start] + table() + text[stop:], encoding="utf-8")
        return
    assert text[start:stop] == table(), (
        "README.md's problem codes differ from the registry; "
        "run: READINESS_UPDATE_README=1 .venv/bin/python -m pytest tests/problems"
    )


def test_the_russian_readme_table_has_every_code_once() -> None:
    rows = readme_table_ru().splitlines()[3:-1]
    assert [r.split(" | ")[0].strip("| `") for r in rows] == [
        r.split(" | ")[0].strip("| `") for r in readme_table().splitlines()[3:-1]
    ]
    assert len(rows) == len(REGISTRY)
