"""A new rubric version is a change of method: the first period scored with it is compared with
the period before, scored with its own version, and the change is split into the rubric's part
and the data's (issues #8 and #9); `readiness history` prints the two published scores."""

from __future__ import annotations

from pathlib import Path

from cycle_support import RUBRIC, make_repo, readiness, values
from pypdf import PdfReader

from readiness.rubric import parse_rubric
from readiness.workbook.template import write_template

# 2.0.0 adds an indicator to Law: "treaty", which 1.0.0 never asked.
V2 = RUBRIC.replace("version: '1.0.0'", "version: '2.0.0'").replace(
    "  - id: fdi\n",
    "  - id: treaty\n    name: Treaty\n    parent: law\n"
    "    normalisation: {method: goalposts, low: 0, high: 10}\n  - id: fdi\n",
)
NOW = {("AAA", "code"): 5.0, ("AAA", "treaty"): 10.0, ("AAA", "fdi"): 6.0, ("BBB", "code"): 2.0}


def _text(path: Path) -> str:
    reader = PdfReader(path)
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def test_a_change_across_rubric_versions_is_split_into_method_and_data(tmp_path: Path) -> None:
    """AAA in 2025-Q4 (1.0.0): code 4, FDI 6: Law 40, Money 60, index 50.0.
    2026-Q1 (2.0.0): code 5, treaty 10, FDI 6: Law (50 + 100) / 2 = 75, index 67.5; +17.5.
    The rubric's part: the 2025-Q4 values under 2.0.0 with the treaty at its current value
    (1.0.0 did not ask it): code 4, treaty 10: Law 70, index 65.0, so +15.0. The data's part:
    code 4 -> 5: Law 75, index 67.5, so +2.5 (a changed value). 15.0 + 2.5 = 17.5.
    BBB has no FDI in either period: no index, no band, never "changed"."""
    root = make_repo(tmp_path)
    (root / "rubrics" / "archive").mkdir()
    (root / "rubrics" / "archive" / "tiny-1.0.0.yaml").write_text(RUBRIC, encoding="utf-8")
    assert "treaty" in V2 and "'2.0.0'" in V2
    (root / "rubrics" / "tiny.yaml").write_text(V2, encoding="utf-8")
    (root / "inputs" / "tiny-2026-Q1.xlsx").unlink()
    write_template(
        parse_rubric(V2),
        "2026-Q1",
        root / "inputs/tiny-2026-Q1.xlsx",
        values=values(NOW, "2026-Q1"),
    )
    proc = readiness(root, "run")
    assert proc.returncode == 0, proc.stderr
    history = readiness(root, "history")
    assert history.returncode == 0, history.stderr
    rows = [line.split() for line in history.stdout.splitlines()]
    assert ["2025-Q4", "1.0.0", "50.0"] in rows and ["2026-Q1", "2.0.0", "67.5"] in rows
    card = _text(root / "reports" / "2026-Q1" / "scorecard-AAA.pdf")
    assert (
        "Overall index 50.0 → 67.5 (+17.5) since 2025-Q4: rubric 2.0.0 accounts for +15.0, "
        "changed values for +2.5. 2025-Q4 was scored with rubric 1.0.0" in card
    )
    assert (
        "Score Before Now Change Rubric 2.0.0 Data Overall index 50.0 67.5 +17.5 +15.0 +2.5" in card
    )
    assert "Law 40.0 75.0 +35.0 +30.0 +5.0" in card  # Law: 70 - 40 rubric, 75 - 70 data
    assert "Money 60.0 60.0 0.0 0.0 0.0" in card
    assert "Indicators new in rubric 2.0.0, counted in the rubric's part" in card
    assert "Treaty" in card
    # The change-by-cause table prints the same figures.
    assert "Overall index 50.0 67.5 +17.5 +15.0 +2.5 new in the rubric: 1 value; changed" in card
    bbb = _text(root / "reports" / "2026-Q1" / "scorecard-BBB.pdf")
    assert "Band – –" in bbb and "– – changed" not in bbb
    assert "No band in either period" in bbb
    overview = _text(root / "reports" / "2026-Q1" / "regional-overview.pdf")
    assert "+17.5 rubric +15.0 data +2.5" in overview
    assert "Alpha 50.0 67.5 +17.5 +15.0 +2.5" in overview
    assert "2025-Q4 scored with rubric 1.0.0" in overview
    assert "first period scored with this rubric" not in card + overview


def test_the_same_version_is_compared(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    proc = readiness(root, "run")
    assert proc.returncode == 0, proc.stderr
    card = _text(root / "reports" / "2026-Q1" / "scorecard-AAA.pdf")
    assert (
        "Overall index 50.0 → 55.0 (+5.0) since 2025-Q4, on the same rubric (1.0.0): all of it "
        "from changed values." in card
    )
    assert "Rubric 1.0.0" not in card
