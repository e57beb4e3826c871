"""cycle.pipeline, as `readiness run` drives it on a small repository: what it writes, what it
refuses, how it fails, when it reuses the period folder, and that two runs never write one
folder at once."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from cycle_support import CURRENT, Proc, make_repo, readiness, snapshot

from readiness import api, outputs


@pytest.fixture(scope="module")
def published(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, Proc]:
    root = make_repo(tmp_path_factory.mktemp("tiny"))
    return root, readiness(root, "run")


def test_a_run_publishes_the_period_folder_and_the_history(
    published: tuple[Path, Proc],
) -> None:
    root, proc = published
    assert proc.returncode == 0, proc.stderr
    folder = root / "reports" / "2026-Q1"
    assert sorted(p.name for p in folder.iterdir()) == [
        "manifest.json",
        "next-period-2026-Q2.xlsx",
        "regional-overview.pdf",
        "scorecard-AAA.pdf",
        "scorecard-BBB.pdf",
        "scores.csv",
        "scores.json",
        "scores.xlsx",
    ]
    # the ranking on stdout: AAA (50 + 60) / 2 = 55, BBB (20 + 80) / 2 = 50
    lines = proc.stdout.splitlines()
    assert lines[0] == "tiny 1.0.0, period 2026-Q1"
    assert lines[3].split() == ["1", "AAA", "Alpha", "55.0", "Ready", "100%"]
    assert lines[4].split() == ["2", "BBB", "Beta", "50.0", "Ready", "100%"]
    assert "history: recorded 2025-Q4 from inputs/history/tiny-2025-Q4.xlsx" in proc.stderr
    assert "rendered scorecard-BBB.pdf" in proc.stderr
    summary = api.history_summary(root / "reports" / "history.sqlite")
    assert [p.period for p in summary.periods] == ["2025-Q4", "2026-Q1"]
    # 2025-Q4: BBB has no fdi, so Money has no score and neither has the index
    assert summary.index[("2025-Q4", "BBB")].score is None
    assert summary.index[("2025-Q4", "AAA")].score == pytest.approx(50.0)
    names = [p.name for p in (root / "reports").iterdir()]
    assert not [n for n in names if n.startswith(outputs.TMP_PREFIX)]
    assert outputs.JOURNAL_FILE not in names


def test_next_periods_workbook_is_pre_filled_from_this_one(
    published: tuple[Path, Proc],
) -> None:
    root, _ = published
    rubric = api.load_rubric(root / "rubrics" / "tiny.yaml")
    nxt = api.load_values(root / "reports/2026-Q1/next-period-2026-Q2.xlsx", rubric)
    assert nxt.period == "2026-Q2"
    carried = {(r.unit, r.indicator): r.value for r in nxt.table.itertuples()}
    assert carried == CURRENT


def test_scores_xlsx_has_the_validation_sheet(
    published: tuple[Path, Proc],
) -> None:
    from openpyxl import load_workbook

    root, _ = published
    book = load_workbook(root / "reports/2026-Q1/scores.xlsx")
    assert book.sheetnames == ["Ranking", "Scores", "Validation warnings"]
    assert book["Validation warnings"]["A2"].value == "no warnings"


def test_the_manifest_records_what_made_the_folder(
    published: tuple[Path, Proc],
) -> None:
    root, _ = published
    folder = root / "reports" / "2026-Q1"
    text = (folder / "manifest.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert str(root) not in text  # no machine path: the same inputs give the same manifest
    assert data["period"] == "2026-Q1" and data["exit_status"] == 0
    assert data["rubric"]["file"] == "rubrics/tiny.yaml"
    assert data["rubric"]["sha256"] == _sha(root / "rubrics/tiny.yaml")
    assert data["inputs"] == [
        {"file": "inputs/tiny-2026-Q1.xlsx", "sha256": _sha(root / "inputs/tiny-2026-Q1.xlsx")}
    ]
    assert data["earlier_inputs"][0]["file"] == "inputs/history/tiny-2025-Q4.xlsx"
    template_names = {e["file"] for e in data["templates"]}
    assert {"scorecard.html.j2", "regional.html.j2", "report.css"} <= template_names
    assert any(name.startswith("fonts/") for name in template_names)
    assert data["dependencies"]["weasyprint"].startswith("70.")
    assert data["python"].count(".") == 2 and data["tool"]["name"] == "readiness"
    assert data["validation"] == {
        "errors": 0,
        "warnings": 0,
        "files": [{"file": "inputs/tiny-2026-Q1.xlsx", "errors": 0, "warnings": 0, "problems": []}],
    }
    listed = {e["file"]: e["sha256"] for e in data["outputs"]}
    assert set(listed) == {p.name for p in folder.iterdir()} - {"manifest.json"}
    assert all(_sha(folder / name) == sha for name, sha in listed.items())
    assert [p["period"] for p in data["history"]["periods"]] == ["2025-Q4", "2026-Q1"]


def _sha(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def _copy(published: tuple[Path, Proc], tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(published[0], root, symlinks=True)
    return root


_PROBE = """
import json, sys
from readiness import api
outcome = api.run(progress=lambda line: print(line, file=sys.stderr))
print(json.dumps({"reused": outcome.reused,
                  "loaded": [m for m in ("pandas", "weasyprint", "openpyxl", "pydantic")
                             if m in sys.modules]}))
"""


def test_an_unchanged_rerun_reuses_the_folder_without_pandas_or_the_renderer(
    published: tuple[Path, Proc], tmp_path: Path
) -> None:
    root = _copy(published, tmp_path)
    before = snapshot(root / "reports")
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=root, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {"reused": True, "loaded": []}
    assert "is up to date" in proc.stderr and "reused without rendering" in proc.stderr
    assert snapshot(root / "reports") == before
    cli = readiness(root, "run")
    assert cli.returncode == 0 and cli.stdout == published[1].stdout  # same ranking printed


def test_force_renders_again_with_byte_identical_outputs(
    published: tuple[Path, Proc], tmp_path: Path
) -> None:
    root = _copy(published, tmp_path)
    before = snapshot(root / "reports" / "2026-Q1")
    proc = readiness(root, "run", "--force")
    assert proc.returncode == 0, proc.stderr
    assert "forced" in proc.stderr and "rendered" in proc.stderr
    assert snapshot(root / "reports" / "2026-Q1") == before


def test_verify_passes_then_fails_file_by_file_after_one_byte_changes(
    published: tuple[Path, Proc], tmp_path: Path
) -> None:
    root = _copy(published, tmp_path)
    ok = readiness(root, "verify", "reports/2026-Q1")
    assert ok.returncode == 0, ok.stderr
    assert "ok        scorecard-AAA.pdf" in ok.stdout
    assert "all 7 files match manifest.json" in ok.stderr
    pdf = root / "reports/2026-Q1/scorecard-AAA.pdf"
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x01
    pdf.write_bytes(bytes(data))
    (root / "reports/2026-Q1/extra.txt").write_text("added later")
    bad = readiness(root, "verify", "reports/2026-Q1")
    assert bad.returncode == 1
    assert "changed   scorecard-AAA.pdf" in bad.stdout
    assert "unlisted  extra.txt" in bad.stdout
    assert "ok        scorecard-BBB.pdf" in bad.stdout
    assert "2 of 8 files do not match manifest.json" in bad.stderr
    # the next run notices and renders the folder again (the stray file goes with the old one)
    again = readiness(root, "run")
    assert again.returncode == 0 and "no longer matches its manifest" in again.stderr
    assert readiness(root, "verify", "reports/2026-Q1").returncode == 0


def test_verify_of_a_folder_without_manifest_is_a_user_error(tmp_path: Path) -> None:
    proc = readiness(tmp_path, "verify", ".")
    assert proc.returncode == 1
    assert "[no-manifest]" in proc.stderr and "Traceback" not in proc.stderr


def _break(root: Path) -> None:
    from openpyxl import load_workbook

    path = root / "inputs" / "tiny-2026-Q1.xlsx"
    book = load_workbook(path)
    book["Values"]["G2"] = "lots"
    book.save(path)


def test_input_errors_publish_nothing_and_annotate_the_workbook(
    published: tuple[Path, Proc], tmp_path: Path
) -> None:
    root = _copy(published, tmp_path)
    before = snapshot(root / "reports")
    _break(root)
    proc = readiness(root, "run")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "inputs/tiny-2026-Q1.xlsx!Values!G2: error:" in proc.stderr
    assert "[not-a-number]" in proc.stderr
    assert proc.stdout == ""
    after = snapshot(root / "reports")
    failed = {k: v for k, v in after.items() if k.startswith("2026-Q1-failed/")}
    assert sorted(failed) == [
        "2026-Q1-failed/annotated-tiny-2026-Q1.xlsx",
        "2026-Q1-failed/manifest.json",
        "2026-Q1-failed/problems.json",
    ]
    assert {k: v for k, v in after.items() if k not in failed} == before  # folder and history
    report = json.loads(failed["2026-Q1-failed/manifest.json"])
    assert report["exit_status"] == 1 and report["validation"]["errors"] == 1
    # once the workbook is fixed, the run publishes and the failure report goes
    shutil.copy(published[0] / "inputs" / "tiny-2026-Q1.xlsx", root / "inputs")
    fixed = readiness(root, "run")
    assert fixed.returncode == 0
    assert not (root / "reports" / "2026-Q1-failed").exists()


def test_strict_fails_on_warnings(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {**CURRENT, ("BBB", "fdi"): float("nan")})  # a missing value
    proc = readiness(root, "run", "--strict")
    assert proc.returncode == 1
    assert "warnings (strict)" in proc.stderr and "[missing-value]" in proc.stderr
    assert not (root / "reports" / "2026-Q1").exists()
    assert not (root / "reports" / "history.sqlite").exists()


def test_a_second_run_on_the_same_reports_folder_is_refused(
    published: tuple[Path, Proc], tmp_path: Path
) -> None:
    root = _copy(published, tmp_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from readiness import outputs\n"
            "with outputs.locked('reports'):\n    print('locked', flush=True); time.sleep(60)",
        ],
        cwd=root,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        proc = readiness(root, "run", "--force")
    finally:
        holder.kill()
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    assert proc.returncode == 4
    assert f"another readiness run (pid {holder.pid})" in proc.stderr


def test_explicit_options_and_a_history_elsewhere(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    out, db = tmp_path / "out", tmp_path / "db" / "h.sqlite"
    proc = readiness(
        root,
        "run",
        "--rubric",
        "rubrics/tiny.yaml",
        "--inputs",
        "inputs/tiny-2026-Q1.xlsx",
        "-o",
        str(out),
        "--history",
        str(db),
        "--jobs",
        "2",
    )
    assert proc.returncode == 0, proc.stderr
    assert (out / "2026-Q1" / "scorecard-AAA.pdf").is_file()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert [r[0] for r in conn.execute("SELECT period FROM periods ORDER BY start")] == [
        "2025-Q4",
        "2026-Q1",
    ]
    conn.close()
    assert not (out / "history.sqlite").exists()


def test_default_discovery_errors_are_located(tmp_path: Path) -> None:
    empty = readiness(tmp_path, "run")
    assert empty.returncode == 1 and "[no-rubric]" in empty.stderr
    root = make_repo(tmp_path / "repo")
    (root / "rubrics" / "other.yaml").write_text("id: other\n")
    several = readiness(root, "run")
    assert several.returncode == 1 and "[several-rubrics]" in several.stderr
    missing = readiness(root, "run", "--rubric", "rubrics/tiny.yaml", "--period", "2030-Q1")
    assert missing.returncode == 1
    assert "expected a workbook named tiny-<period>.xlsx for period 2030-Q1" in missing.stderr


def test_a_changed_earlier_workbook_is_recorded_again(
    published: tuple[Path, Proc], tmp_path: Path
) -> None:
    from cycle_support import values

    from readiness.rubric import parse_rubric
    from readiness.workbook.template import write_template

    root = _copy(published, tmp_path)
    rubric = parse_rubric((root / "rubrics/tiny.yaml").read_text())
    corrected = {("AAA", "code"): 4.0, ("AAA", "fdi"): 6.0, ("BBB", "code"): 2.0}
    corrected[("BBB", "fdi")] = 4.0  # found later for 2025-Q4
    write_template(
        rubric,
        "2025-Q4",
        root / "inputs/history/tiny-2025-Q4.xlsx",
        values=values(corrected, "2025-Q4"),
    )
    proc = readiness(root, "run")
    assert proc.returncode == 0
    assert "the history lacks shipped earlier periods" in proc.stderr
    assert "history: recorded 2025-Q4" in proc.stderr
    summary = api.history_summary(root / "reports" / "history.sqlite")
    assert summary.index[("2025-Q4", "BBB")].score == pytest.approx(30.0)  # (20 + 40) / 2


def test_python_dash_m_readiness_run_help_names_the_exit_statuses() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "readiness", "run", "--help"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "100"},
    )
    assert proc.returncode == 0
    for status in ("0 published", "1 the inputs have errors", "2 a usage", "3 a bug", "4 another"):
        assert status in " ".join(proc.stdout.split())


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(path).pages).split())


def test_the_scorecards_show_the_trend_and_the_change_by_cause(
    published: tuple[Path, Proc],
) -> None:
    """AAA: code 4 -> 5, index (40 + 60) / 2 = 50 -> (50 + 60) / 2 = 55, a changed value.
    BBB had no FDI in 2025-Q4 (no Money, no index); it is scored now because FDI appeared."""
    root, _ = published
    aaa = _pdf_text(root / "reports/2026-Q1/scorecard-AAA.pdf")
    assert "Scores over time" in aaa and "Why the scores moved" in aaa
    assert "2025-Q4 to 2026-Q1, 2 recorded periods" in aaa
    assert "Overall index 50.0 55.0 +5.0 +5.0 changed: 1 value" in aaa
    assert "Band unchanged: Ready." in aaa
    bbb = _pdf_text(root / "reports/2026-Q1/scorecard-BBB.pdf")
    assert "Overall index – 50.0 new score first scored this period (new data: 1 value)" in bbb
    assert "Money – 80.0 new score first scored this period (new data: FDI)" in bbb
    assert "Band: no band before, Ready now." in bbb
    regional = _pdf_text(root / "reports/2026-Q1/regional-overview.pdf")
    assert "Index by country over time" in regional or "Scores over time" in regional
