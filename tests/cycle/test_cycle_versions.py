"""A new rubric version is a change of method: the first period scored with it is compared with
no period scored with an earlier version (issue #9: a method effect, not a change in the
countries)."""

from __future__ import annotations

from pathlib import Path

from cycle_support import CURRENT, RUBRIC, make_repo, readiness, values
from pypdf import PdfReader

from readiness.rubric import parse_rubric
from readiness.workbook.template import write_template


def _text(path: Path) -> str:
    reader = PdfReader(path)
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def test_no_change_table_across_rubric_versions(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    # The history stays with 1.0.0 (archived); the current period uses 2.0.0.
    (root / "rubrics" / "archive").mkdir()
    (root / "rubrics" / "archive" / "tiny-1.0.0.yaml").write_text(RUBRIC, encoding="utf-8")
    v2 = RUBRIC.replace("version: '1.0.0'", "version: '2.0.0'")
    assert v2 != RUBRIC
    (root / "rubrics" / "tiny.yaml").write_text(v2, encoding="utf-8")
    write_template(
        parse_rubric(v2),
        "2026-Q1",
        root / "inputs/tiny-2026-Q1.xlsx",
        values=values(CURRENT, "2026-Q1"),
    )
    proc = readiness(root, "run")
    assert proc.returncode == 0, proc.stderr
    card = _text(root / "reports" / "2026-Q1" / "scorecard-AAA.pdf")
    assert "2026-Q1 is the first period scored with this rubric (version 2.0.0)" in card
    assert "Compared with 2025-Q4" not in card
    overview = _text(root / "reports" / "2026-Q1" / "regional-overview.pdf")
    assert "No earlier period was scored with this rubric (version 2.0.0)" in overview


def test_the_same_version_is_compared(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    proc = readiness(root, "run")
    assert proc.returncode == 0, proc.stderr
    card = _text(root / "reports" / "2026-Q1" / "scorecard-AAA.pdf")
    assert "Compared with 2025-Q4, scores on the same rubric." in card
