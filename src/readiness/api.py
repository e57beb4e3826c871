"""The library API in one place: load, score, validate, render and write; the CLI calls these.

Each function that touches files owns the whole job (rendercv's `run`, mkdocs'
`commands/build`): it loads the rubric and the values, scores them, renders and writes, and
refuses to write over its own inputs. Heavy libraries (pandas, openpyxl, WeasyPrint) are imported
inside the functions that need them, so `import readiness.api` stays cheap and a command that
only validates a workbook never loads the renderer.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readiness.problems import ReadinessError
from readiness.rubric import Rubric, load_rubric

if TYPE_CHECKING:
    from readiness.engine.result import Result
    from readiness.engine.scenarios import ScenarioOutcome
    from readiness.engine.sensitivity import Sensitivity
    from readiness.engine.uncertainty import Robustness
    from readiness.inputs.values import Values
    from readiness.workbook.validate import WorkbookReport

ReadinessErrorType = ReadinessError  # the name earlier code used

Progress = Callable[[str], None]
PathLike = str | os.PathLike[str]

__all__ = [
    "ReadinessError",
    "ReadinessErrorType",
    "Result",
    "Rubric",
    "Values",
    "load_rubric",
    "load_values",
    "report",
    "results_paths",
    "robustness",
    "robustness_paths",
    "scenario",
    "score",
    "score_files",
    "sensitivity",
    "template",
    "validate",
    "write_results",
    "write_robustness",
]


def __getattr__(name: str) -> Any:
    """`api.Result` and `api.Values` without importing pandas when `api` is imported."""
    if name == "Result":
        from readiness.engine.result import Result

        return Result
    if name == "Values":
        from readiness.inputs.values import Values

        return Values
    raise AttributeError(f"module 'readiness.api' has no attribute {name!r}")


# --- the building blocks --------------------------------------------------------------------


def load_values(path: PathLike, rubric: Rubric, period: str | None = None) -> Values:
    """Read a values file (.csv, or an .xlsx workbook) into validated `Values`."""
    from readiness.inputs import load_values as _load_values

    return _load_values(path, rubric, period)


def score(rubric: Rubric, values: Values, *, period: str | None = None) -> Result:
    """Score `values` with `rubric`: every stage of the pipeline as one `Result`.

    The facade over the engine, which takes frames: the values table is checked against the
    rubric (unknown indicators or units, a value given twice), then handed over as a wide raw
    frame, the evidence frame and the unit attributes.
    """
    from readiness.engine.score import score as _score

    units = [u.id for u in rubric.units] or values.unit_ids
    _check_values(rubric, values, units)
    ids = [i.id for i in rubric.indicators] + [d.id for d in rubric.denominators]
    return _score(
        rubric,
        values.matrix(ids, units),
        evidence=values.evidence(),
        attributes=values.units,
        period=period if period is not None else values.period,
        origin=values.origin,
        sha256=values.sha256,
    )


def _check_values(rubric: Rubric, values: Values, units: list[str]) -> None:
    """Refuse values the rubric does not know, and a (unit, indicator) given twice."""
    from readiness.problems import Location, Problem, raise_if_errors

    known = set(rubric.indicator_by_id) | {d.id for d in rubric.denominators}
    where = Location(file=values.origin)
    problems = [
        Problem("unknown-indicator", f"indicator {name!r} is not in the rubric", where)
        for name in sorted(set(values.table["indicator"].unique()) - known)
    ]
    problems += [
        Problem("unknown-unit", f"unit {name!r} is not one of the rubric's units", where)
        for name in sorted(set(values.table["unit"].unique()) - set(units))
    ]
    dupes = values.table[values.table.duplicated(["unit", "indicator"], keep="first")]
    problems += [
        Problem("duplicate-value", f"{unit} / {ind} is given twice", where)
        for unit, ind in zip(dupes["unit"], dupes["indicator"], strict=True)
    ]
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
    from readiness.engine.sensitivity import sensitivity
    from readiness.engine.uncertainty import analyse

    rob = analyse(result, draws=draws, seed=seed)
    return rob, (sensitivity(result, seed=seed) if sobol else None)


def robustness_paths(out_dir: PathLike) -> tuple[Path, Path, Path]:
    """uncertainty.csv, uncertainty.json and sensitivity.csv in `out_dir`."""
    out = Path(out_dir)
    return out / "uncertainty.csv", out / "uncertainty.json", out / "sensitivity.csv"


def write_robustness(rob: Robustness, sens: Sensitivity | None, out_dir: PathLike) -> list[Path]:
    """Write uncertainty.csv, uncertainty.json and (with `sens`) sensitivity.csv."""
    from readiness.results.robustness import write_robustness as _write

    return _write(rob, sens, out_dir)


def results_paths(out_dir: PathLike) -> tuple[Path, Path, Path]:
    """scores.csv, scores.json and scores.xlsx in `out_dir`."""
    out = Path(out_dir)
    return out / "scores.csv", out / "scores.json", out / "scores.xlsx"


def write_results(result: Result, out_dir: PathLike) -> list[Path]:
    """Write scores.csv, scores.json and scores.xlsx into `out_dir`; all or none."""
    from readiness.results import write_results as _write_results

    return _write_results(result, out_dir)


# --- whole jobs (one per command) -----------------------------------------------------------


def score_files(
    rubric_path: PathLike,
    inputs_path: PathLike,
    out_dir: PathLike,
    *,
    period: str | None = None,
) -> tuple[Result, list[Path]]:
    """Load, score and write scores.csv, .json and .xlsx into `out_dir`.

    Returns the result and the files written.
    """
    from readiness import atomic

    with atomic.protecting(rubric_path, inputs_path):
        rubric = load_rubric(rubric_path)
        values = load_values(inputs_path, rubric, period)
        result = score(rubric, values, period=period)
        return result, write_results(result, out_dir)


def report(
    rubric_path: PathLike,
    inputs_path: PathLike,
    out_dir: PathLike,
    *,
    period: str | None = None,
    previous_path: PathLike | None = None,
    templates_dir: PathLike | None = None,
    jobs: int = 1,
    html: bool = False,
    fixed: Collection[str] | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Load, score, render and write: one PDF scorecard per unit, the regional overview and
    scores.csv, .json and .xlsx, into `out_dir`. Returns the files written.

    `previous_path` holds an earlier period's values (same rubric) for "change since";
    `templates_dir` replaces the packaged templates; `jobs` > 1 renders in parallel processes;
    `html` also writes each document's HTML; `fixed` names indicators the path to the next band
    must not change; `progress` receives one line per document rendered.
    """
    from readiness import atomic
    from readiness.engine.paths import paths_to_next_band
    from readiness.report.render import render_reports

    with atomic.protecting(rubric_path, inputs_path, previous_path):
        rubric = load_rubric(rubric_path)
        values = load_values(inputs_path, rubric, period)
        result = score(rubric, values, period=period)
        previous = None
        if previous_path is not None:
            previous = score(rubric, load_values(previous_path, rubric))
        targets = [*results_paths(out_dir)]
        if rubric.uncertainty is not None:
            targets += robustness_paths(out_dir)
        atomic.check_targets(*targets)  # before any PDF is written
        paths = paths_to_next_band(result, fixed)
        written = render_reports(
            result,
            out_dir,
            templates_dir=templates_dir,
            jobs=jobs,
            html=html,
            progress=progress,
            previous=previous,
            paths=paths,
        )
        written += write_results(result, out_dir)
        if rubric.uncertainty is not None:  # the rubric declares its uncertainty analysis
            written += write_robustness(*robustness(result), out_dir)
        return written


def validate(
    rubric_path: PathLike,
    workbook: PathLike,
    *,
    period: str | None = None,
    annotate: PathLike | None = None,
) -> WorkbookReport:
    """Check a filled-in workbook: every problem at once. With `annotate`, also write a copy
    with the problem cells marked. The caller decides what a warning means."""
    from readiness import atomic
    from readiness.workbook.validate import validate_workbook

    with atomic.protecting(rubric_path, workbook):
        rubric = load_rubric(rubric_path)
        checked = validate_workbook(workbook, rubric, period=period, with_values=False)
        if annotate is not None:
            from readiness.workbook.annotate import annotate_workbook

            annotate_workbook(workbook, checked, annotate)
        return checked


def template(
    rubric_path: PathLike,
    period: str,
    output: PathLike,
    *,
    previous: PathLike | None = None,
) -> Path:
    """Write the officials' workbook for `period`; `previous` (an earlier period's workbook)
    carries its values, dates, sources and notes forward. Returns the file written."""
    from readiness import atomic
    from readiness.workbook.template import write_template

    with atomic.protecting(rubric_path, previous):
        rubric = load_rubric(rubric_path)
        write_template(rubric, period, output, previous=previous)
        return Path(output)


def sensitivity(
    rubric_path: PathLike,
    inputs_path: PathLike,
    out_dir: PathLike,
    *,
    period: str | None = None,
    draws: int | None = None,
    seed: int | None = None,
) -> tuple[Robustness, Sensitivity, list[Path]]:
    """Load, score, run the uncertainty and Sobol analyses (the rubric's `uncertainty:`
    section, or the defaults) and write uncertainty.csv, .json and sensitivity.csv."""
    from readiness import atomic

    with atomic.protecting(rubric_path, inputs_path):
        rubric = load_rubric(rubric_path)
        result = score(rubric, load_values(inputs_path, rubric, period), period=period)
        atomic.check_targets(*robustness_paths(out_dir))
        rob, sens = robustness(result, draws=draws, seed=seed)
        assert sens is not None
        return rob, sens, write_robustness(rob, sens, out_dir)


def scenario(
    rubric_path: PathLike,
    inputs_path: PathLike,
    scenario_path: PathLike,
    *,
    period: str | None = None,
    out_dir: PathLike | None = None,
    templates_dir: PathLike | None = None,
    progress: Progress | None = None,
) -> tuple[ScenarioOutcome, list[Path]]:
    """Load, score, apply the scenario file's changes and score again; with `out_dir`, also
    render the scenario's scorecards and regional overview, compared with the baseline (the
    "change" section shows the scenario's deltas), and write its scores. Returns the outcome
    and the files written."""
    from readiness import atomic
    from readiness.engine.paths import paths_to_next_band
    from readiness.engine.scenarios import run_scenario
    from readiness.scenario import load_scenario, resolved_value

    with atomic.protecting(rubric_path, inputs_path, scenario_path):
        rubric = load_rubric(rubric_path)
        result = score(rubric, load_values(inputs_path, rubric, period), period=period)
        spec = load_scenario(scenario_path, rubric)
        changes = [(c.unit, c.indicator, resolved_value(c, rubric), c.note) for c in spec.changes]
        outcome = run_scenario(result, changes, spec.title)
        written: list[Path] = []
        if out_dir is not None:
            from readiness.report.render import render_reports

            atomic.check_targets(*results_paths(out_dir))
            written = render_reports(
                outcome.result,
                out_dir,
                templates_dir=templates_dir,
                progress=progress,
                previous=result,
                paths=paths_to_next_band(outcome.result),
            )
            written += write_results(outcome.result, out_dir)
        return outcome, written
