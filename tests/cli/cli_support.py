"""CLI test helpers: a small rubric and values files, running the CLI, reading the problems it
prints. The `workdir` fixture that writes them is in conftest.py."""

from __future__ import annotations

import re

from click.testing import CliRunner, Result

from readiness.cli import main

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
