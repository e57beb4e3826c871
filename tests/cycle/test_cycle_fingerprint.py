"""cycle.fingerprint: the run key over everything that made a period folder, and each reason a
folder cannot be reused, checked in order on one small repository."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from cycle_support import RUBRIC

from readiness import api, manifest
from readiness.cycle import fingerprint
from readiness.cycle.plan import Plan, make_plan
from readiness.history import ingest, schema
from readiness.history.record import record_period

EARLIER = "unit,indicator,value\nAAA,code,4\nAAA,fdi,6\n"
CURRENT = "unit,indicator,value\nAAA,code,5\nAAA,fdi,6\n"


def _repo(root: Path) -> Path:
    (root / "rubrics" / "archive").mkdir(parents=True)
    (root / "rubrics" / "tiny.yaml").write_text(RUBRIC, encoding="utf-8")
    (root / "rubrics" / "archive" / "tiny-0.9.yaml").write_text(RUBRIC, encoding="utf-8")
    (root / "inputs" / "history").mkdir(parents=True)
    (root / "inputs" / "history" / "tiny-2025-Q4.csv").write_text(EARLIER, encoding="utf-8")
    (root / "inputs" / "tiny-2026-Q1.csv").write_text(CURRENT, encoding="utf-8")
    return root


def _plan(root: Path, **kw: object) -> Plan:
    return make_plan(root=root, out=root / "reports", jobs=1, **kw)  # type: ignore[arg-type]


def test_earlier_files_are_the_history_inputs_and_archived_rubrics(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    assert fingerprint.earlier_files(_plan(root)) == [
        root / "inputs" / "history" / "tiny-2025-Q4.csv",
        root / "rubrics" / "archive" / "tiny-0.9.yaml",
    ]


def test_the_key_changes_with_any_input_and_only_then(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    first = fingerprint.compute(_plan(root))
    assert first.rubric["file"] == "rubrics/tiny.yaml"
    assert [e["file"] for e in first.inputs] == ["inputs/tiny-2026-Q1.csv"]
    assert first.versions["readiness"] == manifest.tool_version()
    assert any(e["file"] == "scorecard.html.j2" for e in first.templates)
    key = first.key("h")
    assert key == fingerprint.compute(_plan(root)).key("h")  # deterministic
    assert key != first.key("other history")
    (root / "inputs" / "history" / "tiny-2025-Q4.csv").write_text(EARLIER + "\n")
    assert fingerprint.compute(_plan(root)).key("h") != key
    (root / "inputs" / "history" / "tiny-2025-Q4.csv").write_text(EARLIER)
    assert fingerprint.compute(_plan(root)).key("h") == key
    (root / "inputs" / "tiny-2026-Q1.csv").write_text(CURRENT.replace("5", "6"))
    assert fingerprint.compute(_plan(root)).key("h") != key


def _record(conn: sqlite3.Connection, plan: Plan) -> None:
    rubric = plan.rubric.rubric
    result = api.score(
        rubric, api.load_values(plan.inputs, rubric, plan.period), period=plan.period
    )
    inputs = ingest.file_inputs(plan.inputs, plan.root)
    record_period(conn, result, rubric_text=plan.rubric.text, inputs=inputs)


def test_the_history_digest_covers_the_periods_up_to_this_one(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    conn = schema.connect(tmp_path / "h.sqlite")
    ingest.ingest_history(conn, root, _plan(root).rubric)
    before, listed = fingerprint.history_digest(conn, "2026-Q1")
    assert [p["period"] for p in listed] == ["2025-Q4"]
    _record(conn, _plan(root))
    after, listed = fingerprint.history_digest(conn, "2026-Q1")
    assert [p["period"] for p in listed] == ["2025-Q4", "2026-Q1"] and after != before
    assert fingerprint.history_digest(conn, "2025-Q4") == (before, listed[:1])
    conn.close()


def test_each_reason_not_to_reuse_a_folder_in_turn(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    plan = _plan(root)
    prints = fingerprint.compute(plan)
    why = fingerprint.why_not_reusable
    assert why(_plan(root, force=True), prints) == "forced"
    assert why(plan, prints) == f"{plan.folder} has no manifest"

    plan.folder.mkdir(parents=True)
    (plan.folder / "scores.csv").write_text("x")
    entries = [{"file": "scores.csv", "sha256": manifest.sha256_of(plan.folder / "scores.csv")}]

    def write_manifest(exit_status: int, warnings: int, run_key: str) -> None:
        data = {
            "exit_status": exit_status,
            "validation": {"warnings": warnings},
            "outputs": entries,
            "run_key": run_key,
        }
        (plan.folder / manifest.MANIFEST).write_text(json.dumps(data))

    write_manifest(1, 0, "")
    assert why(plan, prints) == "the folder is from a failed run"
    write_manifest(0, 2, "")
    assert why(_plan(root, strict=True), prints) == "strict: the inputs have warnings"
    assert why(plan, prints) == f"{plan.history} does not exist"

    plan.history.write_bytes(b"not sqlite" * 50)
    assert why(plan, prints) == f"{plan.history}: the history database cannot be used"
    plan.history.unlink()
    conn = schema.connect(plan.history)
    assert why(plan, prints) == "the history lacks shipped earlier periods"
    ingest.ingest_history(conn, root, plan.rubric)
    assert why(plan, prints) == "the history lacks 2026-Q1"
    _record(conn, plan)
    digest, _ = fingerprint.history_digest(conn, plan.period)
    conn.close()
    assert why(plan, prints) == "the rubric, inputs, templates, versions or history changed"

    write_manifest(0, 2, prints.key(digest))
    assert why(plan, prints) is None  # warnings do not matter unless strict
    (plan.folder / "scores.csv").write_text("y")
    assert why(plan, prints) == f"{plan.folder} no longer matches its manifest"


@pytest.mark.parametrize("period", ["2025-Q3", "2025-Q4"])
def test_the_digest_of_an_empty_history_is_stable(tmp_path: Path, period: str) -> None:
    conn = schema.connect(tmp_path / "h.sqlite")
    digest, listed = fingerprint.history_digest(conn, period)
    assert listed == [] and digest == fingerprint.history_digest(conn, "2030-Q1")[0]
    conn.close()
