"""The library API in one place: load a rubric and values, score them, export the results."""

from readiness.engine.result import Result
from readiness.engine.score import score
from readiness.inputs import Values, load_values
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
