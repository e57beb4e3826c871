"""The library API in one place: load a rubric and values, score them, export the results."""

from __future__ import annotations

from readiness.engine.result import Result
from readiness.engine.score import score as score_frames
from readiness.engine.sensitivity import Sensitivity
from readiness.engine.sensitivity import sensitivity as _sensitivity
from readiness.engine.uncertainty import Robustness
from readiness.engine.uncertainty import analyse as _analyse
from readiness.inputs import Values, load_values
from readiness.problems import Location, Problem, raise_if_errors
from readiness.problems import ReadinessError as ReadinessErrorType
from readiness.results import results_paths, write_results
from readiness.results.robustness import robustness_paths, write_robustness
from readiness.rubric import Rubric, load_rubric

__all__ = [
    "ReadinessErrorType",
    "Result",
    "Robustness",
    "Rubric",
    "Sensitivity",
    "Values",
    "load_rubric",
    "load_values",
    "results_paths",
    "robustness",
    "robustness_paths",
    "score",
    "write_results",
    "write_robustness",
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


def robustness(
    result: Result,
    *,
    draws: int | None = None,
    seed: int | None = None,
    sobol: bool = True,
) -> tuple[Robustness, Sensitivity | None]:
    """The uncertainty analysis of `result` (its rubric's `uncertainty:` section, or the
    defaults: weights +/-25 %, values within their intervals) and, with `sobol`, the Sobol
    indices of the mean absolute rank shift. `draws` and `seed` override the rubric's."""
    rob = _analyse(result, draws=draws, seed=seed)
    return rob, (_sensitivity(result, seed=seed) if sobol else None)
