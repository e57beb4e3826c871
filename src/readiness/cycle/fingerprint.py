"""Whether a period folder can be reused: the content hashes of everything that made it.

The run key is one SHA-256 over the rubric, the period's input files, the earlier periods' files
(inputs/history/ and archived rubrics), every template file, the versions of readiness, Python
and its dependencies, and the history the report draws on (each recorded period up to this one,
by its rubric and inputs). A run whose key equals the one in the folder's manifest, whose history
lacks no shipped period and whose files still match the manifest reuses the folder without
importing pandas or starting the renderer.
"""

from __future__ import annotations

import hashlib
import json
import platform
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from readiness import manifest, sources
from readiness.cycle.plan import Plan


@dataclass(frozen=True)
class Fingerprint:
    rubric: dict[str, Any]
    inputs: list[dict[str, Any]]
    earlier: list[dict[str, Any]]
    templates: list[dict[str, Any]]
    versions: dict[str, Any]
    # Next period's workbook in another language than English: the language and the
    # translation file (empty for English, so an English run keeps the key it always had).
    language: dict[str, Any] = field(default_factory=dict)

    def key(self, history: str) -> str:
        """The run key, given the history digest (`history_digest`)."""
        data = {
            "rubric": self.rubric["sha256"],
            "inputs": [e["sha256"] for e in self.inputs],
            "earlier": [(e["file"], e["sha256"]) for e in self.earlier],
            "templates": [(e["file"], e["sha256"]) for e in self.templates],
            "versions": self.versions,
            "history": history,
        }
        if self.language:
            data["language"] = self.language
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def earlier_files(plan: Plan) -> list[Path]:
    """Files the history may be filled from: the shipped earlier periods and archived rubrics."""
    found = [
        path
        for period in sources.period_files(plan.root / sources.HISTORY, plan.rubric_id)
        for path in period.files
    ]
    archive = plan.root / sources.ARCHIVE
    if archive.is_dir():
        found += sorted(p for p in archive.iterdir() if p.is_file())
    return found


def compute(plan: Plan) -> Fingerprint:
    root = plan.root
    return Fingerprint(
        rubric={
            "file": manifest.shown(plan.rubric.path, root),
            "sha256": plan.rubric.sha256,
        },
        inputs=manifest.file_entries(plan.inputs, root),
        earlier=manifest.file_entries(earlier_files(plan), root),
        templates=manifest.folder_entries(plan.templates),
        versions={
            "readiness": manifest.tool_version(),
            "python": platform.python_version(),
            "dependencies": manifest.dependency_versions(),
        },
        language=_language(plan),
    )


def _language(plan: Plan) -> dict[str, Any]:
    if plan.language == "en":
        return {}
    from readiness.rubric.translation import translation_path

    path = translation_path(plan.rubric.path, plan.language)
    found = manifest.file_entries([path], plan.root) if path.is_file() else []
    return {"language": plan.language, "translation": found}


def history_digest(conn: sqlite3.Connection, period: str) -> tuple[str, list[dict[str, str]]]:
    """SHA-256 over the recorded periods up to `period` (each by its rubric and inputs), and
    those periods as the manifest lists them."""
    from readiness.history import read

    upto = sources.period_key(period)
    listed = [
        {"period": p.period, "rubric_sha256": p.rubric_sha256, "inputs_sha256": p.inputs_sha256}
        for p in read.periods(conn)
        if sources.period_key(p.period) <= upto
    ]
    digest = hashlib.sha256(json.dumps(listed, sort_keys=True).encode()).hexdigest()
    return digest, listed


def why_not_reusable(plan: Plan, fingerprint: Fingerprint) -> str | None:
    """None when the period folder can be reused as it is; else the reason to run."""
    from readiness.history import ingest, read, schema
    from readiness.problems import ReadinessError

    if plan.force:
        return "forced"
    try:
        found = manifest.load(plan.folder)
    except ReadinessError:
        return f"{plan.folder} has no manifest"
    if found.get("exit_status") != 0:
        return "the folder is from a failed run"
    if plan.strict and found.get("validation", {}).get("warnings", 0):
        return "strict: the inputs have warnings"
    if not plan.history.is_file():
        return f"{plan.history} does not exist"
    try:
        conn = schema.connect(plan.history, readonly=True)
    except ReadinessError as exc:
        return exc.message
    try:
        if ingest.pending(conn, plan.root, plan.rubric):
            return "the history lacks shipped earlier periods"
        if plan.period not in {p.period for p in read.periods(conn)}:
            return f"the history lacks {plan.period}"
        digest, _ = history_digest(conn, plan.period)
    finally:
        conn.close()
    if fingerprint.key(digest) != found.get("run_key"):
        return "the rubric, inputs, templates, versions or history changed"
    if not manifest.verify(plan.folder).ok:
        return f"{plan.folder} no longer matches its manifest"
    return None
