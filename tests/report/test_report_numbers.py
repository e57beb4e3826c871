"""One number, one way, on the shipped set: every index score a PDF prints is the score
`readiness score` prints for the same inputs, this period and the previous one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from report_support import ROOT, RUBRIC, SHIPPED, SHIPPED_RUBRIC, pdf_text

from readiness import api
from readiness import format as fmt
from readiness.cli import main
from readiness.engine.paths import paths_to_next_band
from readiness.report import render_reports
from readiness.report.context import ReportSet

# Two periods scored with the same rubric (1.0.0, RUBRIC): 2026-Q4 is scored with 2.0.0, so a
# change table between it and 2025-Q4 would mix methods.
CURRENT = ROOT / "inputs" / "history" / "c5-critical-minerals-2025-Q4.xlsx"
PREVIOUS = ROOT / "inputs" / "history" / "c5-critical-minerals-2024-Q4.xlsx"


def console_scores(
    inputs: Path | tuple[Path, ...], out: Path, rubric: Path = RUBRIC
) -> dict[str, str]:
    """unit -> score as `readiness score` prints it ("" for a unit without a score)."""
    files = inputs if isinstance(inputs, tuple) else (inputs,)
    args = ["score", "--rubric", str(rubric), "-o", str(out)]
    for f in files:
        args += ["--inputs", str(f)]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    header, rule = lines[1], lines[2]
    spans = [m.span() for m in re.finditer(r"-+", rule)]
    names = [header[a:b].strip() for a, b in spans]
    out_rows = {}
    for line in lines[3:]:
        cells = {n: line[a:b].strip() for n, (a, b) in zip(names, spans, strict=True)}
        out_rows[cells["unit"]] = cells["score"]
    return out_rows


@pytest.fixture(scope="module")
def history_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("shipped")
    rubric = api.load_rubric(RUBRIC)
    result = api.score(rubric, api.load_values(CURRENT, rubric))
    previous = api.score(rubric, api.load_values(PREVIOUS, rubric))
    render_reports(result, folder, previous=previous, jobs=2, paths=paths_to_next_band(result))
    return folder


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, str]]:
    folder = tmp_path_factory.mktemp("score")
    return console_scores(CURRENT, folder / "now"), console_scores(PREVIOUS, folder / "before")


def test_console_and_pdfs_agree_on_every_index_score(
    history_set: Path, printed: tuple[dict[str, str], dict[str, str]]
) -> None:
    shipped = history_set
    now, before = printed
    rubric = api.load_rubric(RUBRIC)
    names = {u.id: u.name for u in rubric.units}
    regional = pdf_text(shipped / "regional-overview.pdf")
    assert set(now) == set(names)
    for unit, score in now.items():
        shown = score or fmt.DASH
        # ranking row, then the heatmap's row (the index is its first column)
        assert re.search(rf"{names[unit]} \({unit}\) {re.escape(shown)} ", regional), unit
        heat = score or "no score"
        assert re.search(rf"\b{names[unit]} {re.escape(heat)} ", regional), unit
        card = pdf_text(shipped / f"scorecard-{unit}.pdf")
        was = before[unit] or fmt.DASH
        # the executive summary's verdict
        if score:
            assert f"with an index of {score} (rank" in card, unit
        # the change table: index, before, now
        row = rf"Overall index {re.escape(was)} {re.escape(shown)} "
        assert re.search(row, card), (unit, was, shown)


def test_the_current_shipped_set_agrees_with_the_console(
    shipped: Path, shipped_report: ReportSet, tmp_path: Path
) -> None:
    """2026-Q4 as published: both workbooks, the current rubric, reference jurisdictions beside
    the ranking: the overview's ranking and heatmap and each scorecard's verdict."""
    now = console_scores(SHIPPED, tmp_path / "now", SHIPPED_RUBRIC)
    regional = pdf_text(shipped / "regional-overview.pdf")
    for card in shipped_report.scorecards:
        score = now[card.unit]
        assert re.search(rf"{card.name} \({card.unit}\) {re.escape(score or fmt.DASH)} ", regional)
        assert re.search(rf"\b{card.name} {re.escape(score or 'no score')} ", regional)
        text = pdf_text(shipped / f"scorecard-{card.unit}.pdf")
        if score:
            assert f"with an index of {score} (rank" in text, card.unit
        assert card.headline.score == (score or fmt.DASH)
