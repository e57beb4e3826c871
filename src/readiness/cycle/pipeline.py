"""`run`: one period, from the officials' workbook to a committed `reports/<period>/` folder.

In order, all under the reports folder's lock: validate every input file (errors, or warnings
when strict, stop the run: a `<period>-failed/` folder gets the annotated workbooks and the
problems, and nothing else changes); score; in a staged copy of the history database, ingest the
shipped earlier periods it lacks and record this one; render the scorecards and the regional
overview; write scores.csv/.json/.xlsx (with the validation warnings), next period's workbook
and manifest.json into a staging folder; then commit the database and the folder together
(`readiness.outputs`). A failed or killed run leaves the previous folder and database as they
were. When nothing changed (`fingerprint`), the folder is reused without rendering.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from readiness import manifest, outputs, sources
from readiness.cycle import fingerprint
from readiness.cycle.plan import Plan
from readiness.problems import Problem, ReadinessError, Severity, fail_all

if TYPE_CHECKING:
    import sqlite3

    from readiness.engine.result import Result
    from readiness.inputs.values import Values
    from readiness.trend.series import Trend
    from readiness.workbook.validate import WorkbookReport

Progress = Callable[[str], None]


@dataclass(frozen=True)
class RunOutcome:
    """What a run did: the period folder, whether it was reused, and the ranking to print."""

    period: str
    folder: Path
    history: Path
    reused: bool
    ranking: str
    reason: str = ""  # why the run rendered (when not reused)
    files: list[Path] = field(default_factory=list)


def run(plan: Plan, progress: Progress | None = None) -> RunOutcome:
    """Run the period `plan` describes; see the module docstring."""
    say = progress or (lambda _line: None)
    if plan.language != "en":
        # Before any work: a language without a translation of the rubric is a located error.
        from readiness.rubric.translation import translation_for

        translation_for(plan.rubric.path, plan.rubric.rubric, plan.language)
    with outputs.locked(plan.out):
        prints = fingerprint.compute(plan)
        reason = fingerprint.why_not_reusable(plan, prints)
        if reason is None:
            say(
                f"{plan.folder} is up to date (rubric, inputs, templates and history unchanged): "
                "reused without rendering"
            )
            _drop_failure(plan)
            return RunOutcome(
                plan.period, plan.folder, plan.history, True, _ranking_from_history(plan)
            )
        say(f"period {plan.period}: {reason}; running")
        return _full_run(plan, prints, reason, say)


# --- the full run -----------------------------------------------------------------------------


def _full_run(
    plan: Plan, prints: fingerprint.Fingerprint, reason: str, say: Progress
) -> RunOutcome:
    from readiness import atomic

    rubric = plan.rubric.rubric
    say(
        f"rubric {manifest.shown(plan.rubric.path, plan.root)} ({rubric.id} {rubric.version}); "
        f"inputs {', '.join(manifest.shown(p, plan.root) for p in plan.inputs)}"
    )
    with atomic.protecting(plan.rubric.path, *plan.inputs):
        checked, parts, reports = _validate(plan, say)
        errors = [p for found in checked.values() for p in found if p.severity is Severity.ERROR]
        warnings = [
            p for found in checked.values() for p in found if p.severity is Severity.WARNING
        ]
        if errors or (plan.strict and warnings):
            _write_failure(plan, prints, checked, reports, say)
            what = "errors" if errors else "warnings (strict)"
            fail_all(
                errors or warnings,
                f"period {plan.period}: the inputs have {what}; nothing was published "
                f"(annotated workbooks in {plan.failed_folder})",
            )
        from readiness import api
        from readiness.inputs.merge import merge_values

        values = merge_values(parts, rubric)
        result = api.score(rubric, values, period=plan.period)
        say(f"scored {len(result.units)} units")
        return _publish(plan, prints, reason, result, values, checked, warnings, say)


def _validate(
    plan: Plan, say: Progress
) -> tuple[dict[str, list[Problem]], list[Values], dict[Path, WorkbookReport]]:
    """Every problem of every input file (never only the first), the values of the files
    without errors, and each workbook's report (for annotation)."""
    from readiness import api
    from readiness.workbook.validate import validate_workbook

    rubric = plan.rubric.rubric
    aliases = api.level_aliases(plan.rubric.path, rubric)  # workbooks in any language
    checked: dict[str, list[Problem]] = {}
    parts: list[Values] = []
    reports: dict[Path, WorkbookReport] = {}
    for path in plan.inputs:
        name = manifest.shown(path, plan.root)
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            report = validate_workbook(path, rubric, period=plan.period, level_aliases=aliases)
            reports[path] = report
            checked[name] = list(report.problems)
            if report.values is not None:
                parts.append(report.values)
        else:
            try:
                parts.append(api.load_values(path, rubric, plan.period))
                checked[name] = []
            except ReadinessError as exc:
                checked[name] = list(exc.problems) or [Problem("file-unreadable", exc.message)]
        found = checked[name]
        e = sum(1 for p in found if p.severity is Severity.ERROR)
        say(f"validated {name}: {e} error{'s' * (e != 1)}, {len(found) - e} warnings")
    return checked, parts, reports


def _publish(
    plan: Plan,
    prints: fingerprint.Fingerprint,
    reason: str,
    result: Result,
    values: Values,
    checked: Mapping[str, Sequence[Problem]],
    warnings: Sequence[Problem],
    say: Progress,
) -> RunOutcome:
    from readiness.history import ingest, schema
    from readiness.history.record import record_period

    with outputs.transaction(plan.out) as tx:
        staged_db = tx.file(plan.history)
        if plan.history.is_file():
            shutil.copyfile(plan.history, staged_db)
        conn = schema.connect(staged_db, staged=True)
        try:
            ingest.ingest_history(conn, plan.root, plan.rubric, progress=say)
            record_period(
                conn,
                result,
                rubric_text=plan.rubric.text,
                inputs=ingest.file_inputs(plan.inputs, plan.root),
            )
            say(f"history: recorded {plan.period}")
            digest, recorded = fingerprint.history_digest(conn, plan.period)
            previous = _previous(conn, plan, result)
            trend = _trend(conn, plan, result, previous)
            ranking = _ranking(conn, plan)
        finally:
            conn.close()
        staging = tx.folder(plan.folder)
        renderer = _render_into(staging, plan, result, previous, trend, warnings, say)
        _next_workbook(staging, plan, values)
        made = manifest.build(
            period=plan.period,
            exit_status=0,
            rubric={**prints.rubric, "id": result.rubric.id, "version": result.rubric.version},
            inputs=prints.inputs,
            earlier=prints.earlier,
            templates=prints.templates,
            history={
                "file": manifest.shown(plan.history, plan.root),
                "periods": recorded,
                "sha256": digest,
            },
            validation=manifest.problems_summary(checked),
            outputs=manifest.folder_entries(staging),
            run_key=prints.key(digest),
            renderer=renderer,
        )
        (staging / manifest.MANIFEST).write_bytes(manifest.dumps(made))
        tx.commit()
    _drop_failure(plan)
    files = sorted(p for p in plan.folder.iterdir() if p.is_file())
    say(
        f"wrote {plan.folder} ({len(files)} files) and {plan.history} "
        f"({len(recorded)} periods up to {plan.period})"
    )
    return RunOutcome(plan.period, plan.folder, plan.history, False, ranking, reason, files)


def _drop_failure(plan: Plan) -> None:
    """An earlier failure report of this period is out of date once the period succeeds."""
    if plan.failed_folder.is_dir():
        outputs.remove(plan.failed_folder)


def _previous(conn: sqlite3.Connection, plan: Plan, result: Result) -> Result | None:
    """The recorded period before this one, scored with the rubric it was made with (its
    published scores): the change since it is split into the rubric's part and the data's by
    the trend attribution, whatever the two rubric versions (issues #8, #9)."""
    from readiness import api
    from readiness.history import frames, read

    before = [
        p
        for p in read.periods(conn)
        if sources.period_key(p.period) < sources.period_key(plan.period)
    ]
    if not before:
        return None
    last = before[-1].period
    values = frames.values_of(conn, last)
    return api.score(frames.rubric_of(conn, last), values, period=last)


def _trend(conn: sqlite3.Connection, plan: Plan, result: Result, previous: Result | None) -> Trend:
    """Every recorded period up to this one, and this period's change since `previous` split by
    cause."""
    from readiness.trend.attribution import attribute
    from readiness.trend.series import from_history

    trend = from_history(conn, plan.period)
    if previous is None:
        return trend
    return trend.with_attribution(attribute(previous, result))


def _render_into(
    staging: Path,
    plan: Plan,
    result: Result,
    previous: Result | None,
    trend: Trend,
    warnings: Sequence[Problem],
    say: Progress,
) -> dict[str, str]:
    """The PDFs and scores.* into `staging`; returns the renderer's system library versions."""
    from readiness import api
    from readiness.engine.paths import paths_to_next_band
    from readiness.report.render import report_files
    from readiness.results import results_files
    from readiness.results.robustness import robustness_files

    # The rubric declares its uncertainty analysis: run it and show it in the reports.
    declared = result.rubric.uncertainty is not None
    rob, sens = api.robustness(result) if declared else (None, None)
    files = report_files(
        result,
        templates_dir=plan.templates,
        jobs=plan.jobs,
        progress=say,
        previous=previous,
        paths=paths_to_next_band(result),
        trend=trend,
        robustness=rob,
        sensitivity=sens,
    )
    files.update(results_files(result, validation=list(warnings)))
    if rob is not None:
        files.update(robustness_files(rob, sens))
    for name, data in files.items():
        (staging / name).write_bytes(data)
    return _renderer_versions()


def _renderer_versions() -> dict[str, str]:
    try:
        from weasyprint.text.ffi import pango

        number = int(pango.pango_version())
    except (ImportError, AttributeError, OSError):  # pragma: no cover - other platforms
        return {}
    return {"pango": f"{number // 10000}.{number // 100 % 100}.{number % 100}"}


def _next_workbook(staging: Path, plan: Plan, values: Values) -> None:
    """next-period-<P+1>.xlsx, pre-filled from this period (as `template --from` does), in the
    plan's language; carried cells are quoted as typed, never translated."""
    from readiness.rubric.translation import translation_for
    from readiness.workbook.template import write_template

    target = staging / f"next-period-{plan.next_period}.xlsx"
    main = plan.inputs[0]
    rubric = plan.rubric.rubric
    language = plan.language
    translation = translation_for(plan.rubric.path, rubric, language)
    if main.suffix.lower() in (".xlsx", ".xlsm"):
        write_template(
            rubric,
            plan.next_period,
            target,
            previous=main,
            language=language,
            translation=translation,
        )
    else:
        write_template(
            rubric,
            plan.next_period,
            target,
            values=values,
            language=language,
            translation=translation,
        )


def _ranking(conn: sqlite3.Connection, plan: Plan) -> str:
    from readiness import console
    from readiness.history import read

    info = next(p for p in read.periods(conn) if p.period == plan.period)
    title = f"{info.rubric_id} {info.rubric_version}, period {plan.period}"
    bands = read.thresholds(conn, plan.period)
    return console.standings_table(title, read.ranking(conn, plan.period), bands)


def _ranking_from_history(plan: Plan) -> str:
    from readiness.history import schema

    conn = schema.connect(plan.history, readonly=True)
    try:
        return _ranking(conn, plan)
    finally:
        conn.close()


# --- a failed run -----------------------------------------------------------------------------


def _write_failure(
    plan: Plan,
    prints: fingerprint.Fingerprint,
    checked: Mapping[str, Sequence[Problem]],
    reports: Mapping[Path, WorkbookReport],
    say: Progress,
) -> None:
    """`<period>-failed/`: each workbook with problems, annotated; problems.json; a manifest
    with exit status 1. The period folder and the history are not touched."""
    import json

    from readiness.workbook.annotate import annotate_workbook

    with outputs.transaction(plan.out) as tx:
        staging = tx.folder(plan.failed_folder)
        for path, report in reports.items():
            if report.problems:
                annotate_workbook(path, report, staging / f"annotated-{path.name}")
        summary = manifest.problems_summary(checked)
        text = json.dumps(summary, indent=2, ensure_ascii=False) + "\n"
        (staging / "problems.json").write_text(text, encoding="utf-8")
        made = manifest.build(
            period=plan.period,
            exit_status=1,
            rubric=prints.rubric,
            inputs=prints.inputs,
            earlier=prints.earlier,
            templates=prints.templates,
            history={"file": manifest.shown(plan.history, plan.root)},
            validation=summary,
            outputs=manifest.folder_entries(staging),
            run_key="",
        )
        (staging / manifest.MANIFEST).write_bytes(manifest.dumps(made))
        tx.commit()
    say(f"wrote {plan.failed_folder}: the problems and annotated workbooks")
