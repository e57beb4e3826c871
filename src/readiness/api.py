"""The library API in one place: load a rubric and values, score them, export the results."""

from __future__ import annotations

from readiness.engine.result import Result
from readiness.engine.score import score as score_frames
from readiness.inputs import Values, load_values
from readiness.problems import Location, Problem, raise_if_errors
from readiness.problems import ReadinessError as ReadinessErrorType
from readiness.results import results_paths, write_results
from readiness.rubric import Rubric, load_rubric

__all__ = [
    "ReadinessErrorType",
    "Result",
    "Rubric",
    "Values",
    "load_rubric",
    "load_values",
    "results_paths",
    "score",
    "write_results",
]


def score(rubric: Rubric, values: Values, *, period: str | None = None) -> Result:
    """Score `values` with `rubric`: every stage of the pipeline, returned as one `Result`.

    The facade over the engine, which takes frames: the values table is checked against the
    rubric (unknown indicators or units, a value given twice), then handed over as a wide raw
    frame, the evidence frame and the unit attributes.
    """
    units = [u.id for u in rubric.units] or values.unit_ids
    _check(rubric, values, units)
    ids = [i.id for i in rubric.indicators] + [d.id for d in rubric.denominators]
    return score_frames(
        rubric,
        values.matrix(ids, units),
        evidence=values.evidence(),
        attributes=values.units,
        period=period if period is not None else values.period,
        origin=values.origin,
        sha256=values.sha256,
    )


def _check(rubric: Rubric, values: Values, units: list[str]) -> None:
    """Refuse values the rubric does not know, and a (unit, indicator) given twice."""
    known = set(rubric.indicator_by_id) | {d.id for d in rubric.denominators}
    problems = []
    for name in sorted(set(values.table["indicator"].unique()) - known):
        problems.append(
            Problem(
                "unknown-indicator",
                f"indicator {name!r} is not in the rubric",
                Location(file=values.origin),
            )
        )
    for name in sorted(set(values.table["unit"].unique()) - set(units)):
        problems.append(
            Problem(
                "unknown-unit",
                f"unit {name!r} is not one of the rubric's units",
                Location(file=values.origin),
            )
        )
    dupes = values.table.duplicated(["unit", "indicator"], keep="first")
    for _, row in values.table[dupes].iterrows():
        problems.append(
            Problem(
                "duplicate-value",
                f"{row['unit']} / {row['indicator']} is given twice",
                Location(file=values.origin),
            )
        )
    raise_if_errors(problems, f"{values.origin}: values do not fit rubric {rubric.id!r}")
