"""A small scored result and its report-context lookups (`Ctx`), worked by hand, for the tests of
each context section (imported by module name: pytest puts this folder on sys.path).

Rubric: index = mean(Law, Money) and needs both; Law = mean(a, b), Money = mean(c, d), each
indicator on goalposts 0..10 (value x -> 10x points). Bands: High from 50, Low from 0.
  A: a 10, b 6, c 4, d 2  -> Law 80, Money 30, index 55 (High), rank 1
  B: a 2, c 4, d 4        -> Law 20 (b missing: half its weight), Money 40, index 30 (Low), rank 2
  C: a 6, b 6             -> Law 60, Money has no value: no index, not ranked
B's a is dated Jul 2019: older than 3 years before 2026-Q1 ends, so stale.
"""

from __future__ import annotations

from typing import Any

from builders import build_rubric
from readiness import api
from readiness.engine.paths import paths_to_next_band
from readiness.engine.result import Result
from readiness.inputs.values import Values, make_table
from readiness.report.context.common import Ctx
from readiness.rubric.model import Rubric

PERIOD = "2026-Q1"
VALUES: dict[tuple[str, str], float] = {
    ("A", "a"): 10, ("A", "b"): 6, ("A", "c"): 4, ("A", "d"): 2,
    ("B", "a"): 2, ("B", "c"): 4, ("B", "d"): 4,
    ("C", "a"): 6, ("C", "b"): 6,
}  # fmt: skip


# Reference jurisdictions (scored, banded, never ranked): R all 10s -> index 100 (High); S all 4s
# -> index 40 (Low); T no value at all -> left out.
REFERENCES: dict[tuple[str, str], float] = {
    **{("R", i): 10 for i in "abcd"},
    **{("S", i): 4 for i in "abcd"},
}
REFERENCE_UNITS = [
    {"id": "R", "name": "Refland", "role": "reference"},
    {"id": "S", "name": "Sealand", "role": "reference"},
    {"id": "T", "name": "Terra", "role": "reference"},
]


def small_rubric(*, references: bool = False, **policy: Any) -> Rubric:
    goalposts = {"method": "goalposts", "low": 0, "high": 10}
    return build_rubric(
        {
            "a": {"name": "Mining code", "parent": "law", "normalisation": goalposts},
            "b": {"name": "Courts", "parent": "law", "normalisation": goalposts},
            "c": {"name": "FDI", "parent": "money", "normalisation": goalposts, "unit": "% GDP"},
            "d": {"name": "Credit", "parent": "money", "normalisation": goalposts},
        },
        {
            "idx": {"name": "Index", "min_coverage": 1},
            "law": {"name": "Law", "parent": "idx"},
            "money": {"name": "Money", "parent": "idx"},
        },
        units=[
            {"id": "A", "name": "Alpha"},
            {"id": "B", "name": "Beta"},
            {"id": "C", "name": "Gamma"},
            *(REFERENCE_UNITS if references else []),
        ],
        bands=[
            {"label": "High", "min": 50, "description": "Ready."},
            {"label": "Low", "min": 0, "description": "Not yet."},
        ],
        **policy,
    )


def small_result(
    values: dict[tuple[str, str], float] = VALUES,
    *,
    notes: dict[tuple[str, str], str] | None = None,
    **policy: Any,
) -> Result:
    """The small rubric's result for `values` (REFERENCES among them when `references=True`)."""
    rows = [
        {
            "unit": u,
            "indicator": i,
            "value": v,
            "as_of": "2019-07" if (u, i) == ("B", "a") else "2025",
            "source": f"Source {i}",
            "source_url": "https://example.org",
            "note": (notes or {}).get((u, i), f"note {u} {i}"),
        }
        for (u, i), v in values.items()
    ]
    rows.append({"unit": "C", "indicator": "c", "value": float("nan"), "note": "Not published."})
    rubric = small_rubric(**policy)
    return api.score(rubric, Values(table=make_table(rows), period=PERIOD), period=PERIOD)


def small_ctx(**kw: Any) -> Ctx:
    """The lookups for `small_result()`, with the path to the next band the library computes."""
    result = small_result()
    return Ctx(result, None, paths_to_next_band(result), **kw)
