"""The default report set: files, pages, text an analyst expects, a clean WeasyPrint log,
and byte-identical output across runs and across --jobs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from report_support import RUBRIC, UNITS, VALUES, Rendered

from readiness import format as fmt
from readiness.cli.report import report
from readiness.engine.result import Result
from readiness.report import render, render_pdf, resolve_templates

A4 = (595.28, 841.89)  # points


def text_of(path: Path) -> str:
    reader = PdfReader(path)
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def test_writes_one_scorecard_per_unit_and_the_regional_overview(rendered: Rendered) -> None:
    names = sorted(p.name for p in rendered.paths)
    expected = sorted(
        [f"scorecard-{u}.{ext}" for u in UNITS for ext in ("pdf", "html")]
        + ["regional-overview.pdf", "regional-overview.html"]
    )
    assert names == expected
    assert all(p.is_file() and p.stat().st_size > 0 for p in rendered.paths)
    assert not list(rendered.folder.glob(".*.tmp")), "temporary files left behind"


def test_progress_reports_each_document(rendered: Rendered) -> None:
    assert len(rendered.progress) == 6
    assert rendered.progress[-1].endswith("(6/6)")


def test_weasyprint_logs_no_warning_or_error(rendered: Rendered) -> None:
    assert [r.getMessage() for r in rendered.log] == []


@pytest.mark.parametrize("stem", ["regional-overview", *(f"scorecard-{u}" for u in UNITS)])
def test_pages_are_a4_and_a_sensible_count(rendered: Rendered, stem: str) -> None:
    reader = PdfReader(rendered.pdf(stem))
    assert 3 <= len(reader.pages) <= 7
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width), 1), round(float(box.height), 1)) == pytest.approx(
            A4, abs=0.5
        )


def test_regional_overview_names_every_country_and_indicator(
    rendered: Rendered, c5_result: Result
) -> None:
    text = text_of(rendered.pdf("regional-overview"))
    for name in c5_result.unit_names:
        assert name in text
    for ind in c5_result.rubric.indicators:
        assert ind.name in text, ind.name
    for pillar in c5_result.rubric.pillars:
        assert pillar.name in text
    for fact in c5_result.rubric.context:
        assert " ".join(fact.text.split())[:60] in text
    assert "No earlier period is recorded, so no changes are shown." in text
    assert c5_result.sha256 in text
    assert "c5-test-values.csv" in text


@pytest.mark.parametrize("unit", UNITS)
def test_scorecard_names_country_and_every_indicator(
    rendered: Rendered, c5_result: Result, unit: str
) -> None:
    text = text_of(rendered.pdf(f"scorecard-{unit}"))
    assert str(c5_result.unit_names[unit]) in text
    for ind in c5_result.rubric.indicators:
        assert ind.name in text, ind.name
    for section in (
        "Index and pillar scores",
        "Strengths and gaps",
        "Path to the next band",
        "Change since the previous period",
        "Data gaps",
        "Indicators by pillar",
        "Methodology",
    ):
        assert section in text
    assert "is recorded, so there is nothing to compare with." in text
    assert f"v{c5_result.rubric.version}" in text
    assert c5_result.sha256 in text


def test_scores_print_to_one_decimal(rendered: Rendered, c5_result: Result) -> None:
    text = text_of(rendered.pdf("regional-overview"))
    for unit in ("KAZ", "KGZ", "UZB"):
        shown = fmt.score(c5_result.scores.at[unit, "index"], c5_result.rubric.thresholds)
        name = c5_result.unit_names[unit]
        assert re.search(rf"{name} \({unit}\) {re.escape(shown)} ", text), (unit, shown)
        assert re.fullmatch(r"\d{1,3}\.\d", shown)


def test_unscored_country_is_not_drawn_as_zero(rendered: Rendered) -> None:
    text = text_of(rendered.pdf("scorecard-TJK"))
    assert "No band: insufficient data" in text
    assert "only 3 of 4 pillars can be scored" in text
    assert "not ranked" in text


def test_html_is_the_rendered_document(rendered: Rendered) -> None:
    page = (rendered.folder / "scorecard-KAZ.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Kazakhstan" in page


def test_same_inputs_same_bytes_also_in_parallel(rendered: Rendered, tmp_path: Path) -> None:
    """A second run, through the CLI with two worker processes, writes identical PDFs and
    the machine-readable results beside them."""
    runner = CliRunner()
    out = tmp_path / "again"
    res = runner.invoke(
        report,
        ["--rubric", str(RUBRIC), "--inputs", str(VALUES), "-o", str(out), "--jobs", "2"],
    )
    assert res.exit_code == 0, res.output
    assert res.stdout.split() == [
        *(str(out / f"{p.stem}.pdf") for p in rendered.paths if p.suffix == ".pdf"),
        *(str(out / f"scores.{ext}") for ext in ("csv", "json", "xlsx")),
    ]
    assert res.stderr.count("rendered ") == 6
    for pdf in sorted(rendered.folder.glob("*.pdf")):
        assert (out / pdf.name).read_bytes() == pdf.read_bytes(), pdf.name


def test_shared_font_configuration_does_not_change_bytes(rendered: Rendered) -> None:
    """render_pdf reuses one font configuration per process; a fresh one gives the same PDF."""
    folder = resolve_templates(None)
    html = (rendered.folder / "scorecard-TJK.html").read_text(encoding="utf-8")
    render._FONT_CONFIGS.clear()
    assert render_pdf(html, folder) == rendered.pdf("scorecard-TJK").read_bytes()
