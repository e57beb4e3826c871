"""A small repository for `readiness run` tests: a two-unit rubric, a history workbook and the
current period's workbook, laid out as the shipped repository is."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from readiness.inputs.values import Values, make_table
from readiness.rubric import parse_rubric
from readiness.workbook.template import write_template

RUBRIC = """\
id: tiny
title: Tiny rubric
version: '1.0.0'
period_type: quarter
units:
  - {id: AAA, name: Alpha}
  - {id: BBB, name: Beta}
nodes:
  - {id: index, name: Index, min_coverage: 1}
  - {id: law, name: Law, parent: index}
  - {id: money, name: Money, parent: index}
indicators:
  - id: code
    name: Mining code
    parent: law
    normalisation: {method: goalposts, low: 0, high: 10}
  - id: fdi
    name: FDI
    parent: money
    normalisation: {method: goalposts, low: 0, high: 10}
bands:
  - {label: Ready, min: 50}
  - {label: Early, min: 0}
"""

EARLIER = {("AAA", "code"): 4.0, ("AAA", "fdi"): 6.0, ("BBB", "code"): 2.0}
CURRENT = {("AAA", "code"): 5.0, ("AAA", "fdi"): 6.0, ("BBB", "code"): 2.0, ("BBB", "fdi"): 8.0}


def values(rows: dict[tuple[str, str], float], period: str) -> Values:
    table = make_table(
        [
            {
                "unit": u,
                "indicator": i,
                "value": v,
                "as_of": f"{period[:4]}-06",
                "source": "Test source (not data)",
                "source_url": "https://example.org/test",
                "note": "A test value, not data.",
            }
            for (u, i), v in rows.items()
        ]
    )
    return Values(table=table, period=period)


def make_repo(root: Path, current: dict[tuple[str, str], float] = CURRENT) -> Path:
    rubric = parse_rubric(RUBRIC)
    (root / "rubrics").mkdir(parents=True)
    (root / "rubrics" / "tiny.yaml").write_text(RUBRIC, encoding="utf-8")
    (root / "inputs" / "history").mkdir(parents=True)
    write_template(
        rubric,
        "2025-Q4",
        root / "inputs/history/tiny-2025-Q4.xlsx",
        values=values(EARLIER, "2025-Q4"),
    )
    write_template(
        rubric, "2026-Q1", root / "inputs/tiny-2026-Q1.xlsx", values=values(current, "2026-Q1")
    )
    return root


Proc = subprocess.CompletedProcess[str]


def readiness(root: Path, *args: str, env: dict[str, str] | None = None) -> Proc:
    """`readiness ARGS` run as CI runs it: a fresh process in the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "readiness", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=env,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".readiness.lock"
    }
