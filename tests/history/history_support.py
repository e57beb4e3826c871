"""A small rubric and results to record in the history database (imported by the history tests)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from readiness import api
from readiness.engine.result import Result
from readiness.inputs.values import Values, make_table
from readiness.rubric import parse_rubric

ROOT = Path(__file__).resolve().parents[2]


RUBRIC = """\
id: hist
title: History test
version: '1'
units:
  - {id: A, name: Alpha}
  - {id: B, name: '=Beta'}
nodes:
  - {id: idx, name: Index}
  - {id: p, name: Pillar, parent: idx}
  - {id: q, name: Other, parent: idx}
indicators:
  - {id: x, name: X, parent: p, normalisation: {method: goalposts, low: 0, high: 10}}
  - {id: y, name: Y, parent: p, normalisation: {method: goalposts, low: 0, high: 10}}
  - {id: z, name: Z, parent: q, normalisation: {method: goalposts, low: 0, high: 10}}
bands:
  - {label: high, min: 50}
  - {label: low, min: 0}
"""


def result_for(
    period: str, rows: dict[tuple[str, str], float], rubric_text: str = RUBRIC
) -> Result:
    rubric = parse_rubric(rubric_text)
    table = make_table(
        [
            {
                "unit": u,
                "indicator": i,
                "value": v,
                "as_of": "2024-06",
                "source": "Test source",
                "source_url": "https://example.org",
                "note": f"=note {u} {i}",
            }
            for (u, i), v in rows.items()
        ]
    )
    return api.score(rubric, Values(table=table, period=period, origin="t.csv"), period=period)


FIRST = {("A", "x"): 2.0, ("A", "y"): 4.0, ("A", "z"): 6.0, ("B", "x"): 8.0, ("B", "z"): 10.0}


def evidence_table(result: Result) -> pd.DataFrame:
    """The values `result` was scored from as one table (value, evidence, low, high, contested),
    to edit and score again."""
    table = result.evidence.reset_index()
    raw = result.raw
    pairs = zip(table["unit"], table["indicator"], strict=True)
    table["value"] = [float(raw.at[u, i]) for u, i in pairs]
    return table
