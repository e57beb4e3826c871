"""A small rubric (pillar p's weight a parameter) and its values scored for a period, shared by the
trend tests (imported by module name: pytest puts this folder on sys.path)."""

from __future__ import annotations

from readiness.api import score
from readiness.engine.result import Result
from readiness.inputs.values import Values, make_table
from readiness.rubric import parse_rubric

RUBRIC = """\
id: t
title: T
version: '1'
units:
  - {id: A, name: Alpha}
  - {id: B, name: Beta}
nodes:
  - {id: idx, name: Index, min_coverage: 1}
  - {id: p, name: P, parent: idx, weight: %s}
  - {id: q, name: Q, parent: idx}
indicators:
  - {id: x, name: X, parent: p, normalisation: {method: goalposts, low: 0, high: 10}}
  - {id: y, name: Y, parent: p, normalisation: {method: goalposts, low: 0, high: 10}}
  - {id: z, name: Z, parent: q, normalisation: {method: goalposts, low: 0, high: 10}}
bands:
  - {label: high, min: 50}
  - {label: low, min: 0}
"""

Rows = dict[tuple[str, str], float]


def scored(rows: Rows, period: str, weight: float = 1) -> Result:
    rubric = parse_rubric(RUBRIC % weight)
    table = make_table([{"unit": u, "indicator": i, "value": v} for (u, i), v in rows.items()])
    return score(rubric, Values(table=table, period=period), period=period)
