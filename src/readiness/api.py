"""The library API in one place: load, score, validate, render and write; the CLI calls these.

Each function that touches files owns the whole job (rendercv's `run`, mkdocs'
`commands/build`): it loads the rubric and the values, scores them, renders and writes, and
refuses to write over its own inputs. Heavy libraries (pandas, openpyxl, WeasyPrint) are imported
inside the functions that need them, so `import readiness.api` stays cheap and a command that
only validates a workbook never loads the renderer.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readiness.problems import ReadinessError

if TYPE_CHECKING:
    from readiness.cycle.pipeline import RunOutcome
    from readiness.engine.result import Result
    from readiness.engine.scenarios import ScenarioOutcome
    from readiness.engine.sensitivity import Sensitivity
    from readiness.engine.uncertainty import Robustness
    from readiness.history.read import Summary, Trajectory
    from readiness.i18n import Language
    from readiness.inputs.values import Values
    from readiness.manifest import Verification
    from readiness.rubric import Rubric
    from readiness.workbook.validate import WorkbookReport

ReadinessErrorType = ReadinessError  # the name earlier code used
DEFAULT_HISTORY = Path("reports") / "history.sqlite"

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
    """`api.Result`, `api.Values` and `api.Rubric` without importing pandas or pydantic when
    `api` is imported."""
    if name == "Rubric":
        from readiness.rubric import Rubric

        return Rubric
    if name == "Result":
        from readiness.engine.result import Result

        return Result
    if name == "Values":
        from readiness.inputs.values import Values

        return Values
    raise AttributeError(f"module 'readiness.api' has no attribute {name!r}")


# --- the building blocks --------------------------------------------------------------------


def load_rubric(path: PathLike) -> Rubric:
    """Read and validate a rubric file; `ReadinessError` lists every problem, located."""
    from readiness.rubric import load_rubric as _load_rubric

    return _load_rubric(path)


def load_values(
    path: PathLike | Sequence[PathLike],
    rubric: Rubric,
    period: str | None = None,
    *,
    rubric_path: PathLike | None = None,
) -> Values:
    """Read a values file (.csv, or an .xlsx workbook) into validated `Values`; several files
    of one period (a workbook and its reference-jurisdictions workbook) are merged. A workbook
    may be in English or Russian; with `rubric_path`, the level labels of the rubric's
    translations beside it are read too (a level chosen from a Russian drop-down)."""
    from readiness.inputs import load_values as _load_values

    aliases = level_aliases(rubric_path, rubric) if rubric_path is not None else None
    return _load_values(path, rubric, period, level_aliases=aliases)


def level_aliases(
    rubric_path: PathLike, rubric: Rubric
) -> dict[Language, dict[str, dict[str, float]]]:
    """The level labels of every translation beside the rubric file, by language."""
    from readiness.workbook.levels import aliases_beside

    return aliases_beside(rubric_path, rubric)


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
        inputs=tuple(values.inputs),
        provenance=values.provenance,
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
    from readiness.engine.sensitivity import sensitivity as _sensitivity
    from readiness.engine.uncertainty import analyse

    rob = analyse(result, draws=draws, seed=seed)
    return rob, (_sensitivity(result, seed=seed) if sobol else None)


def robustness_paths(out_dir: PathLike) -> tuple[Path, Path, Path]:
    """uncertainty.csv, uncertainty.json and sensitivity.csv in `out_dir`."""
    out = Path(out_dir)
    return out / "uncertainty.csv", out / "uncertainty.json", out / "sensitivity.csv"


def write_robustness(rob: Robustness, sens: Sensitivity | None, out_dir: PathLike) -> list[Path]:
    """Write uncertainty.csv, uncertainty.json and (with `sens`) sensitivity.csv as one set."""
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


def _paths(inputs: PathLike | Sequence[PathLike]) -> list[PathLike]:
    """One input file or several (one period's files, merged) as a list."""
    return [inputs] if isinstance(inputs, str | os.PathLike) else list(inputs)


def score_files(
    rubric_path: PathLike,
    inputs_path: PathLike | Sequence[PathLike],
    out_dir: PathLike,
    *,
    period: str | None = None,
) -> tuple[Result, list[Path]]:
    """Load, score and write scores.csv, .json and .xlsx into `out_dir`.

    Returns the result and the files written.
    """
    from readiness import atomic

    with atomic.protecting(rubric_path, *_paths(inputs_path)):
        rubric = load_rubric(rubric_path)
        values = load_values(inputs_path, rubric, period, rubric_path=rubric_path)
        result = score(rubric, values, period=period)
        return result, write_results(result, out_dir)


def report(
    rubric_path: PathLike,
    inputs_path: PathLike | Sequence[PathLike],
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
    from readiness import atomic, outputs
    from readiness.engine.paths import paths_to_next_band
    from readiness.report.render import report_files
    from readiness.results import results_files
    from readiness.results.robustness import robustness_files

    with atomic.protecting(rubric_path, previous_path, *_paths(inputs_path)):
        rubric = load_rubric(rubric_path)
        values = load_values(inputs_path, rubric, period, rubric_path=rubric_path)
        result = score(rubric, values, period=period)
        previous = None
        if previous_path is not None:
            previous = score(rubric, load_values(previous_path, rubric, rubric_path=rubric_path))
        atomic.check_targets(*results_paths(out_dir))  # before any PDF is rendered
        # The rubric declares its uncertainty analysis: run it and show it in the reports.
        rob, sens = robustness(result) if rubric.uncertainty is not None else (None, None)
        files = report_files(
            result,
            templates_dir=templates_dir,
            jobs=jobs,
            html=html,
            progress=progress,
            previous=previous,
            paths=paths_to_next_band(result, fixed),
            robustness=rob,
            sensitivity=sens,
        )
        files.update(results_files(result))
        if rob is not None:
            files.update(robustness_files(rob, sens))
        written = outputs.write_set(out_dir, files)  # all new or all old, never mixed
        return [p for p in written if p.suffix in (".pdf", ".html", ".csv", ".json", ".xlsx")]


def validate(
    rubric_path: PathLike,
    workbook: PathLike,
    *,
    period: str | None = None,
    annotate: PathLike | None = None,
    language: Language = "en",
) -> WorkbookReport:
    """Check a filled-in workbook (in English or Russian: it is read without being told):
    every problem at once. With `annotate`, also write a copy with the problem cells marked,
    its problems in `language`. The caller decides what a warning means."""
    from readiness import atomic
    from readiness.workbook.validate import validate_workbook

    with atomic.protecting(rubric_path, workbook):
        rubric = load_rubric(rubric_path)
        checked = validate_workbook(
            workbook,
            rubric,
            period=period,
            with_values=False,
            level_aliases=level_aliases(rubric_path, rubric),
        )
        if annotate is not None:
            from readiness.workbook.annotate import annotate_workbook

            annotate_workbook(workbook, checked, annotate, language=language)
        return checked


def template(
    rubric_path: PathLike,
    period: str,
    output: PathLike,
    *,
    previous: PathLike | None = None,
    language: Language = "en",
) -> Path:
    """Write the officials' workbook for `period` in `language` (its rubric text from the
    translation beside the rubric file: a located error when there is none); `previous` (an
    earlier period's workbook, in any language) carries its values, dates, sources and notes
    forward as typed. Returns the file written."""
    from readiness import atomic
    from readiness.rubric.translation import translation_for
    from readiness.workbook.template import write_template

    with atomic.protecting(rubric_path, previous):
        rubric = load_rubric(rubric_path)
        translation = translation_for(rubric_path, rubric, language)
        write_template(
            rubric, period, output, previous=previous, language=language, translation=translation
        )
        return Path(output)


def run(
    *,
    rubric: PathLike | None = None,
    period: str | None = None,
    inputs: Sequence[PathLike] = (),
    out: PathLike = "reports",
    history: PathLike | None = None,
    strict: bool = False,
    jobs: int | None = None,
    force: bool = False,
    root: PathLike | None = None,
    progress: Progress | None = None,
    language: Language = "en",
) -> RunOutcome:
    """The quarterly cycle for one period, into `out/<period>/`: validate, score, render,
    record the history (`history`, default `out/history.sqlite`), write next period's
    workbook and the manifest; all committed together or not at all. Unchanged inputs reuse
    the period folder (`force` renders anyway). `jobs` documents render at once (default: as
    many as there are processors available). `language` is the language of next period's
    workbook (its carried cells are quoted as typed, never translated). Defaults come from the
    repository at `root` (the current folder): the one rubric in rubrics/ and the latest period
    in inputs/."""
    from readiness.cycle.pipeline import run as _run
    from readiness.cycle.plan import make_plan

    plan = make_plan(
        root=Path(root) if root is not None else None,
        rubric=rubric,
        period=period,
        inputs=inputs,
        out=out,
        history=history,
        strict=strict,
        jobs=jobs,
        force=force,
        language=language,
    )
    return _run(plan, progress)


def verify(folder: PathLike) -> Verification:
    """Recompute the SHA-256 of every file in a period folder and compare with its manifest."""
    from readiness.manifest import verify as _verify

    return _verify(Path(folder))


# --- history ----------------------------------------------------------------------------------


def history_summary(db: PathLike = DEFAULT_HISTORY) -> Summary:
    """Every recorded period with each unit's index score."""
    from readiness.history import read, schema

    conn = schema.connect(db, readonly=True)
    try:
        return read.summary(conn)
    finally:
        conn.close()


def history_trajectory(unit: str, db: PathLike = DEFAULT_HISTORY) -> Trajectory:
    """One unit's index, band, rank and aggregates over every recorded period."""
    from readiness.history import read, schema

    conn = schema.connect(db, readonly=True)
    try:
        found = read.unit_trajectory(conn, unit)
        if found is None:
            from readiness.problems import Location, fail

            known = ", ".join(u for u, _ in read.units(conn)) or "none"
            fail(
                "history-unknown-unit",
                f"unit {unit!r} is not in the history (recorded: {known})",
                Location(file=str(db)),
            )
        return found
    finally:
        conn.close()


def history_export(target: PathLike, db: PathLike = DEFAULT_HISTORY) -> Path:
    """Write the history to `target`: .csv (the results) or .xlsx (results, values, periods);
    text cannot become a spreadsheet formula."""
    from readiness import atomic
    from readiness.history import schema
    from readiness.history.export import export_history

    with atomic.protecting(db):
        conn = schema.connect(db, readonly=True)
        try:
            return export_history(conn, target)
        finally:
            conn.close()


def sensitivity(
    rubric_path: PathLike,
    inputs_path: PathLike | Sequence[PathLike],
    out_dir: PathLike,
    *,
    period: str | None = None,
    draws: int | None = None,
    seed: int | None = None,
) -> tuple[Robustness, Sensitivity, list[Path]]:
    """Load, score, run the uncertainty and Sobol analyses (the rubric's `uncertainty:`
    section, or the defaults) and write uncertainty.csv, .json and sensitivity.csv."""
    from readiness import atomic

    sources = [inputs_path] if isinstance(inputs_path, str | os.PathLike) else list(inputs_path)
    with atomic.protecting(rubric_path, *sources):
        rubric = load_rubric(rubric_path)
        values = load_values(sources, rubric, period, rubric_path=rubric_path)
        result = score(rubric, values, period=period)
        rob, sens = robustness(result, draws=draws, seed=seed)
        assert sens is not None
        return rob, sens, write_robustness(rob, sens, out_dir)


def scenario(
    rubric_path: PathLike,
    inputs_path: PathLike | Sequence[PathLike],
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
    from readiness import atomic, outputs
    from readiness.engine.paths import paths_to_next_band
    from readiness.engine.scenarios import run_scenario
    from readiness.scenario import load_scenario, resolved_value

    sources = [inputs_path] if isinstance(inputs_path, str | os.PathLike) else list(inputs_path)
    with atomic.protecting(rubric_path, *sources, scenario_path):
        rubric = load_rubric(rubric_path)
        values = load_values(sources, rubric, period, rubric_path=rubric_path)
        result = score(rubric, values, period=period)
        spec = load_scenario(scenario_path, rubric)
        changes = [(c.unit, c.indicator, resolved_value(c, rubric), c.note) for c in spec.changes]
        outcome = run_scenario(result, changes, spec.title)
        if out_dir is None:
            return outcome, []
        from readiness.report.render import report_files
        from readiness.results import results_files

        atomic.check_targets(*results_paths(out_dir))
        files = report_files(
            outcome.result,
            templates_dir=templates_dir,
            progress=progress,
            previous=result,
            paths=paths_to_next_band(outcome.result),
        )
        files.update(results_files(outcome.result))
        written = outputs.write_set(out_dir, files)
        return outcome, [p for p in written if p.suffix in (".pdf", ".csv", ".json", ".xlsx")]
