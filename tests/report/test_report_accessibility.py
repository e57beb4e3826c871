"""Accessible, archival PDFs: tagged (PDF/UA-1), language, title and author, alt text stating
every number a chart shows, and page 1 that reads in order when its text is extracted."""

from __future__ import annotations

import base64
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from report_support import UNITS

from readiness.engine.result import Result
from readiness.report.context import ReportSet
from readiness.report.context.common import AUTHOR

STEMS = ["regional-overview", *(f"scorecard-{u}" for u in UNITS)]


@pytest.fixture(scope="module")
def report(shipped_report: ReportSet) -> ReportSet:
    return shipped_report


def doc_of(report: ReportSet, stem: str) -> Any:
    return next(d for d in [report.regional, *report.scorecards] if d.meta.filename == stem)


def structure(reader: PdfReader) -> list[tuple[str, Any]]:
    """Every structure element (its role and /Alt), depth first, in document order."""
    out: list[tuple[str, Any]] = []
    stack = [reader.trailer["/Root"]["/StructTreeRoot"].get_object()["/K"]]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
            continue
        node = node.get_object() if hasattr(node, "get_object") else node
        if not isinstance(node, dict) or "/S" not in node:
            continue
        out.append((str(node["/S"]), node.get("/Alt")))
        if "/K" in node:
            stack.append(node["/K"])
    return out


@pytest.mark.parametrize("stem", STEMS)
def test_tagged_with_language_title_and_author(shipped: Path, report: ReportSet, stem: str) -> None:
    reader = PdfReader(shipped / f"{stem}.pdf")
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    meta = doc_of(report, stem).meta
    assert reader.metadata is not None
    assert reader.metadata.title == meta.title
    assert reader.metadata.author == AUTHOR
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r'pdfuaid:part="1"|<pdfuaid:part>1<', xmp), "not declared PDF/UA-1"
    roles = Counter(role for role, _ in structure(reader))
    assert roles["/Document"] == 1 and roles["/H1"] == 1
    assert roles["/H2"] >= 6
    assert roles["/Table"] >= 3 and roles["/TH"] >= 10 and roles["/TD"] >= 30
    assert roles["/L"] >= 1 and roles["/LI"] >= 3
    assert roles["/Link"] >= 10  # every printed URL is a link too


@pytest.mark.parametrize("stem", STEMS)
def test_every_chart_is_a_figure_whose_alt_text_states_its_numbers(
    shipped: Path, shipped_result: Result, report: ReportSet, stem: str
) -> None:
    shipped_rubric_pillars = ["Overall index", *(p.name for p in shipped_result.rubric.pillars)]
    doc = doc_of(report, stem)
    charts = [doc.heatmap, doc.comparison] if stem == "regional-overview" else [doc.chart]
    figures = [
        alt for role, alt in structure(PdfReader(shipped / f"{stem}.pdf")) if role == "/Figure"
    ]
    assert figures == [c.alt for c in charts]
    for chart in charts:
        # every score the chart prints is in its alt text (the dot chart prints codes only,
        # its alt text gives each code's score)
        svg = base64.b64decode(chart.src.split(",", 1)[1]).decode("utf-8")
        printed = set(re.findall(r">(\d{1,3}\.\d)<", svg))
        assert printed or chart.alt.startswith("Dot chart"), stem
        assert printed <= set(re.findall(r"\d{1,3}\.\d", chart.alt)), (stem, printed)
        for pillar in shipped_rubric_pillars:  # every row of the chart is named
            assert pillar in chart.alt


def _order(text: str, parts: list[str]) -> list[int]:
    return [text.find(p) for p in parts]


@pytest.mark.parametrize("unit", UNITS)
def test_page_one_of_a_scorecard_reads_in_order(
    shipped: Path, report: ReportSet, unit: str
) -> None:
    card = doc_of(report, f"scorecard-{unit}")
    first = PdfReader(shipped / f"scorecard-{unit}.pdf").pages[0].extract_text() or ""
    text = " ".join(first.split())
    parts = [
        card.meta.heading,
        card.meta.subheading,
        card.headline.score,
        card.headline.band.split(":")[0],
        "Rank",
        "Executive summary",
        card.summary.verdict,
        "What decides it",
        card.summary.decides[0][:40],
        "What is fragile",
        "What would change it",
        "Index and pillar scores",
        card.meta.kicker,  # the running head and foot come after the page's content
        card.meta.footer,
    ]
    at = _order(text, parts)
    assert -1 not in at, [p for p, k in zip(parts, at, strict=True) if k < 0]
    assert at == sorted(at), list(zip(parts, at, strict=True))


def test_page_one_of_the_overview_reads_in_order(shipped: Path, report: ReportSet) -> None:
    regional = report.regional
    first = PdfReader(shipped / "regional-overview.pdf").pages[0].extract_text() or ""
    text = " ".join(first.split())
    rows = [f"{r.name} ({r.code}) {r.score}" for r in regional.ranking]
    parts = [
        regional.meta.heading,
        "Executive summary",
        regional.summary.verdict,
        "What decides it",
        "What is fragile",
        "What would change it",
        "Ranking",
        *rows,  # in rank order
        regional.meta.kicker,
    ]
    at = _order(text, parts)
    assert -1 not in at, [p for p, k in zip(parts, at, strict=True) if k < 0]
    assert at == sorted(at), list(zip(parts, at, strict=True))
