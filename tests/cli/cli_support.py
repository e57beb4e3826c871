"""CLI test helpers: a small rubric and values files, running the CLI, reading the problems it
prints; and the workbook tests' helpers made importable for the workbook commands' tests.

No conftest.py here: a second module named `conftest` would shadow tests/conftest.py for the
tests that import from it."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from readiness.cli import main

# The workbook commands are tested on the workbook tests' small rubric and filled workbooks.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "workbook"))

RUBRIC = """\
id: cli
title: CLI test
version: '1'
units:
  - {id: KAZ, name: Kazakhstan}
  - {id: UZB, name: Uzbekistan}
nodes:
  - {id: idx, name: Index}
  - {id: p, name: Pillar, parent: idx}
indicators:
  - {id: gdp, name: GDP, parent: p, normalisation: {method: goalposts, low: 0, high: 100}}
  - id: code
    name: Mining code
    parent: p
    kind: categorical
    levels:
      - {value: 0, label: none, definition: No code.}
      - {value: 1, label: draft, definition: A draft code.}
      - {value: 2, label: law, definition: A code in force.}
"""

GOOD_VALUES = "unit,indicator,value\nKAZ,gdp,40\nKAZ,code,law\nUZB,gdp,60\nUZB,code,draft\n"

BAD_VALUES = (
    "unit,indicator,value\n"
    "KAZ,gdp,lots\n"  # line 2: text in a numeric cell
    "XXX,gdp,5\n"  # line 3: unknown unit
    "KAZ,zzz,5\n"  # line 4: unknown indicator
    "KAZ,code,statute\n"  # line 5: unknown level
    "UZB,gdp,50\n"
    "UZB,gdp,60\n"  # line 7: duplicate row
)

PROBLEM_LINE = re.compile(r"^\s+(?P<where>\S+:\d+:\d+)(?: \S+)?: error: .* \[(?P<code>[a-z-]+)\]$")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), prog_name="readiness", catch_exceptions=False)


def located(text: str) -> list[tuple[str, str]]:
    """(file:line:column, code) of every problem line the CLI printed."""
    return [
        (m["where"], m["code"]) for line in text.splitlines() if (m := PROBLEM_LINE.match(line))
    ]


def make_workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding r.yaml, good.csv and bad.csv, made the current directory so that the
    locations printed are the short relative names."""
    (tmp_path / "r.yaml").write_text(RUBRIC, encoding="utf-8")
    (tmp_path / "good.csv").write_text(GOOD_VALUES, encoding="utf-8")
    (tmp_path / "bad.csv").write_text(BAD_VALUES, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path
