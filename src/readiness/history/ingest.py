"""Fill the history with the shipped earlier periods (`inputs/history/`) the database lacks.

Each earlier workbook is scored with the rubric its About sheet names (the current rubric, or
`rubrics/archive/<id>-<version>.yaml`), so a period keeps the method it was made with. A period
is recorded again when its shipped files changed since it was recorded.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

from readiness import sources
from readiness.history import read


def inputs_digest(inputs: Iterable[tuple[str, str]]) -> str:
    """One SHA-256 over the contents (SHA-256s) of the files a period was scored from; names
    are left out, so moving a workbook into inputs/history/ does not count as a change."""
    digest = hashlib.sha256()
    for sha in sorted(sha for _, sha in inputs):
        digest.update(f"{sha}\n".encode())
    return digest.hexdigest()


def file_inputs(files: tuple[Path, ...], root: Path) -> list[tuple[str, str]]:
    """(name relative to `root`, SHA-256) of each file."""
    out = []
    for path in files:
        name = path.relative_to(root) if path.is_relative_to(root) else path
        out.append((name.as_posix(), sources.sha256_of(path)))
    return out


def pending(
    conn: sqlite3.Connection, root: Path, current: sources.RubricFile
) -> list[tuple[sources.PeriodFiles, list[tuple[str, str]]]]:
    """The shipped earlier periods to record: missing from the database, or changed since."""
    rubric_id = current.declared_id or current.rubric.id
    recorded = {p.period: p.inputs_sha256 for p in read.periods(conn)}
    out = []
    for found in sources.period_files(root / sources.HISTORY, rubric_id):
        inputs = file_inputs(found.files, root)
        if recorded.get(found.period) != inputs_digest(inputs):
            out.append((found, inputs))
    return out


def ingest_history(
    conn: sqlite3.Connection,
    root: Path,
    current: sources.RubricFile,
    *,
    before: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[str]:
    """Record each shipped earlier period the database lacks (only periods before `before`,
    when given). Returns the periods recorded."""
    from readiness import api
    from readiness.history.record import record_period

    done = []
    archived: dict[Path, sources.RubricFile] = {}  # several periods share an archived rubric
    for found, inputs in pending(conn, root, current):
        if before is not None and sources.period_key(found.period) >= sources.period_key(before):
            continue
        rubric_file = sources.rubric_named_by(found.files[0], current, root, archived)
        rubric = rubric_file.rubric
        values = api.load_values(found.files, rubric, found.period, rubric_path=rubric_file.path)
        result = api.score(rubric, values, period=found.period)
        record_period(conn, result, rubric_text=rubric_file.text, inputs=inputs)
        done.append(found.period)
        if progress is not None:
            names = ", ".join(name for name, _ in inputs)
            progress(f"history: recorded {found.period} from {names} (rubric {rubric.version})")
    return done
