"""Reference jurisdictions in the reports: markers, a heatmap block, one scorecard line, never a
rank (context/reference.py, templates/_reference.html.j2), on the shipped 2026-Q4 inputs."""

from __future__ import annotations

import base64
import math
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_support import ROOT

from readiness import api
from readiness.engine.paths import paths_to_next_band
from readiness.engine.result import Result
from readiness.report import build_report_set, render_reports
from readiness.report.context.summary import ExecutiveSummary

RUBRIC = ROOT / "rubrics" / "c5-critical-minerals.yaml"
ASSESSED = ROOT / "inputs" / "c5-critical-minerals-2026-Q4.xlsx"
REFERENCE = ROOT / "inputs" / "c5-critical-minerals-reference-2026-Q4.xlsx"
REFS = {"AUS": "Australia", "CAN": "Canada", "CHL": "Chile", "MNG": "Mongolia"}


def _svg(src: str) -> str:
    return base64.b64decode(src.split(",", 1)[1]).decode("utf-8")


def _text(path: Path) -> str:
    reader = PdfReader(path)
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


@pytest.fixture(scope="module")
def with_refs() -> Result:
    rubric = api.load_rubric(RUBRIC)
    return api.score(rubric, api.load_values([ASSESSED, REFERENCE], rubric))


@pytest.fixture(scope="module")
def without_refs() -> Result:
    rubric = api.load_rubric(RUBRIC)
    return api.score(rubric, api.load_values(ASSESSED, rubric))


def test_references_get_no_scorecard_and_no_rank(with_refs: Result) -> None:
    report = build_report_set(with_refs, paths=paths_to_next_band(with_refs))
    assert [c.unit for c in report.scorecards] == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    assert {row.code for row in report.regional.ranking} == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    assert "5 countries" in " ".join(_lines(report.regional.summary))
    assert all("of 9" not in line for line in _lines(report.regional.summary))
    for card in report.scorecards:
        assert all("of 9" not in line for line in _lines(card.summary))


def _lines(summary: ExecutiveSummary) -> list[str]:
    return [summary.verdict, summary.meaning, *summary.decides, *summary.fragile, *summary.changes]


def test_the_comparison_chart_marks_each_reference_on_each_row(with_refs: Result) -> None:
    svg = _svg(
        build_report_set(with_refs, paths=paths_to_next_band(with_refs)).regional.comparison.src
    )
    rows = 1 + len(with_refs.rubric.pillars)
    assert svg.count("<polygon ") == len(REFS) * rows  # one hollow diamond per reference per row
    nodes = [with_refs.rubric.root.id, *(p.id for p in with_refs.rubric.pillars)]
    scored = sum(
        not math.isnan(with_refs.scores.at[u, n])
        for u in ("KAZ", "KGZ", "TJK", "TKM", "UZB")
        for n in nodes
    )
    assert svg.count("<circle ") == scored  # the five are dots, where they have a score
    for code in REFS:
        assert re.search(rf'font-style="italic">{code}</text>', svg), code


def test_the_heatmap_has_a_reference_block(with_refs: Result) -> None:
    regional = build_report_set(with_refs, paths=paths_to_next_band(with_refs)).regional
    svg = _svg(regional.heatmap.src)

    def y_of(text: str) -> float:
        found = re.search(rf'<text x="[\d.]+" y="([\d.]+)"[^>]*>{re.escape(text)}</text>', svg)
        assert found is not None, text
        return float(found.group(1))

    heading = y_of("Reference jurisdictions (not ranked)")
    for name in REFS.values():
        assert y_of(name) > heading  # drawn below the heading ...
    assert y_of("Turkmenistan") < heading  # ... which is below the five
    # The block prints the references' scores as the engine computed them.
    aus = f"{with_refs.scores.at['AUS', 'index']:.1f}"
    assert f">{aus}</text>" in svg


def test_the_notes_put_each_country_beside_the_references(with_refs: Result) -> None:
    report = build_report_set(with_refs, paths=paths_to_next_band(with_refs))
    note = report.regional.reference
    assert note.shown
    assert "Australia 85.3 and Canada 86.2 (Investment-ready)" in note.text
    assert "Chile 68.1 (Advanced)" in note.text and "Mongolia 53.1 (Emerging)" in note.text
    assert "never ranked among the 5 countries" in note.text
    cards = {c.unit: c for c in report.scorecards}
    kaz = cards["KAZ"].reference
    assert kaz.shown and kaz.text.startswith("Beside the reference jurisdictions: Kazakhstan 60.3")
    # Nearest reference to 60.3: Mongolia 53.1 (7.2 lower) rather than Chile 68.1 (7.8 higher).
    assert kaz.text.endswith("Nearest: Mongolia, 7.2 points lower.")
    assert cards["UZB"].reference.text.endswith("Nearest: Mongolia, 13.3 points higher.")
    assert cards["TJK"].reference.text.startswith("Tajikistan has no index score;")


def test_without_the_reference_workbook_nothing_is_shown(without_refs: Result) -> None:
    report = build_report_set(without_refs, paths=paths_to_next_band(without_refs))
    assert not report.regional.reference.shown
    assert all(not c.reference.shown for c in report.scorecards)
    assert "<polygon " not in _svg(report.regional.comparison.src)
    assert "Reference jurisdictions" not in _svg(report.regional.heatmap.src)
    assert "hollow diamonds" not in report.regional.comparison_caption


def test_rendered_pdfs_show_the_references(with_refs: Result, tmp_path: Path) -> None:
    paths = render_reports(with_refs, tmp_path, paths=paths_to_next_band(with_refs))
    assert sorted(p.name for p in paths) == [
        "regional-overview.pdf",
        *(f"scorecard-{u}.pdf" for u in ("KAZ", "KGZ", "TJK", "TKM", "UZB")),
    ]
    regional = _text(tmp_path / "regional-overview.pdf")
    assert "Reference jurisdictions, scored on the same rubric" in regional
    kaz = _text(tmp_path / "scorecard-KAZ.pdf")
    assert "Beside the reference jurisdictions: Kazakhstan 60.3 (Advanced)" in kaz
