"""Layout on the shipped set, read back from the PDFs: an indicator row and its evidence note on
the same page, no heading left at the foot of a page, a scorecard's methodology on one page,
no hidden text in the body."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_support import ROOT, RUBRIC, TEMPLATES, UNITS

from readiness import api
from readiness.engine.paths import paths_to_next_band
from readiness.engine.result import Result
from readiness.report import build_documents, build_report_set, resolve_templates
from readiness.report.context import ReportSet, Scorecard
from readiness.report.render import render_pdfs

STEMS = ["regional-overview", *(f"scorecard-{u}" for u in UNITS)]
MARKER = re.compile(r"^(•|\d+\.)$")  # list markers, extracted on lines of their own


def pages(path: Path) -> list[list[str]]:
    """Each page's text lines, whitespace collapsed, empty lines and list markers dropped."""
    out = []
    for page in PdfReader(path).pages:
        lines = [" ".join(line.split()) for line in (page.extract_text() or "").splitlines()]
        out.append([ln for ln in lines if ln and not MARKER.match(ln)])
    return out


def flat(lines: list[str]) -> str:
    return " ".join(lines)


@pytest.fixture(scope="module")
def report(shipped_report: ReportSet) -> ReportSet:
    return shipped_report


def card(report: ReportSet, unit: str) -> Scorecard:
    return next(c for c in report.scorecards if c.unit == unit)


@pytest.mark.parametrize("unit", UNITS)
def test_a_row_and_its_note_share_a_page(shipped: Path, report: ReportSet, unit: str) -> None:
    # compared without spaces: a line broken at a hyphen comes back as "foreign- currency"
    text = [flat(p).replace(" ", "") for p in pages(shipped / f"scorecard-{unit}.pdf")]
    start = next(k for k, t in enumerate(text) if "Indicatorsbypillar" in t)
    end = next(k for k, t in enumerate(text) if k > start and "Methodology" in t)
    checked = 0
    for pillar in card(report, unit).pillars:
        for row in pillar.rows:
            if not row.note:
                continue
            note = ("Evidence: " + row.note).replace(" ", "")[:40]
            name = row.name.replace(" ", "")
            on = [k for k in range(start, end + 1) if name in text[k]]
            with_note = [k for k in range(start, end + 1) if note in text[k]]
            assert len(with_note) == 1, (row.name, note)
            assert with_note[0] in on, (row.name, on, with_note)
            checked += 1
    assert checked >= 10


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def assert_no_stranded_heading(page_html: str, pdf: Path) -> None:
    """No page ends with a heading, alone or with only the paragraph that introduces what
    follows it (a table caption, or a heading's first paragraph: its intro)."""
    headings = {_plain(h) for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", page_html, re.S)}
    intros = [_plain(c) for c in re.findall(r'<p class="caption intro">(.*?)</p>', page_html, re.S)]
    intros += [_plain(c) for c in re.findall(r"</h[23]>\s*<p[^>]*>(.*?)</p>", page_html, re.S)]
    for k, lines in enumerate(pages(pdf)):
        body = lines[:-2]  # the running head and foot come last
        assert body, f"page {k + 1} is empty"
        last = max((i for i, ln in enumerate(body) if ln in headings), default=-1)
        if last < 0:
            continue
        rest = " ".join(body[last + 1 :])
        stranded = not rest or any(intro.startswith(rest) for intro in intros)
        assert not stranded, f"page {k + 1} ends with the heading {body[last]!r} ({rest[:60]!r})"


@pytest.mark.parametrize("stem", STEMS)
def test_no_heading_at_the_foot_of_a_page(shipped: Path, stem: str) -> None:
    page_html = (shipped / f"{stem}.html").read_text(encoding="utf-8")
    assert_no_stranded_heading(page_html, shipped / f"{stem}.pdf")


def test_no_heading_at_a_page_foot_with_the_robustness_section(
    shipped_result: Result, tmp_path: Path
) -> None:
    """The overview as `readiness run` renders it, with the uncertainty analysis: its section
    heading and intro used to sit at the foot of page 1, the charts on page 2."""
    rob, _ = api.robustness(shipped_result, draws=200, sobol=False)
    report = build_report_set(
        shipped_result, paths=paths_to_next_band(shipped_result), robustness=rob
    )
    folder = resolve_templates(None)
    (doc,) = [d for d in build_documents(report, folder) if d.stem == "regional-overview"]
    (pdf,) = render_pdfs([doc], folder, jobs=1, progress=None)
    path = tmp_path / "regional-overview.pdf"
    path.write_bytes(pdf)
    assert "How robust the ranks are" in doc.html
    assert_no_stranded_heading(doc.html, path)


@pytest.mark.parametrize("unit", UNITS)
def test_a_scorecards_methodology_fits_on_one_page(
    shipped: Path, report: ReportSet, unit: str
) -> None:
    text = [flat(p) for p in pages(shipped / f"scorecard-{unit}.pdf")]
    (k,) = [k for k, t in enumerate(text) if "Methodology " in t and "Weights and scales" in t]
    last = card(report, unit).methodology.groups[-1].indicators[-1].name
    # a name wrapped at its hyphen comes back as "common- law": compare without spaces
    assert last.replace(" ", "") in text[k].replace(" ", "")
    assert "Bands" in text[k]


@pytest.mark.parametrize("stem", STEMS)
def test_the_running_head_is_real_text_once_per_page(
    shipped: Path, report: ReportSet, stem: str
) -> None:
    docs = [report.regional, *report.scorecards]
    meta = next(d.meta for d in docs if d.meta.filename == stem)
    for k, lines in enumerate(pages(shipped / f"{stem}.pdf")):
        text = flat(lines)
        assert text.count(meta.kicker) == 1, k  # no hidden second copy in the body
        assert text.count(meta.footer) == 1, k


@pytest.mark.parametrize("level", ["h2", "h3"])
def test_a_heading_and_its_intro_move_on_with_the_block_after_them(
    level: str, tmp_path: Path
) -> None:
    """The stylesheet's rule, on a page made to strand them: a heading and its first paragraph
    fit at the page foot, the chart after them does not; all three must start the next page."""
    from weasyprint import CSS, HTML

    spacer = '<div style="height: 225mm"></div>'
    body = (
        f"{spacer}<section><{level}>Stranded heading</{level}><p>Its intro paragraph.</p>"
        '<div style="height: 120mm; border: 1pt solid black">chart</div></section>'
    )
    pdf = HTML(string=f"<html><body>{body}</body></html>", base_url=str(TEMPLATES)).write_pdf(
        stylesheets=[CSS(filename=str(TEMPLATES / "report.css"))]
    )
    path = tmp_path / "strand.pdf"
    path.write_bytes(pdf)
    found = pages(path)
    assert "Stranded heading" not in flat(found[0])
    assert "Stranded heading" in flat(found[1]) and "Its intro paragraph." in flat(found[1])


def test_a_scorecards_methodology_fits_on_one_page_with_the_robustness_rule(
    shipped_result: Result, tmp_path: Path
) -> None:
    """As `readiness run` renders it, the methodology carries the robustness rule and the rule
    for a change across rubric versions (2025-Q4 was scored with 1.0.0) too."""
    rob, sens = api.robustness(shipped_result, draws=200)
    old = api.load_rubric(RUBRIC)  # the archived 1.0.0, which 2025-Q4 was made with
    previous = api.score(
        old, api.load_values(ROOT / "inputs/history/c5-critical-minerals-2025-Q4.xlsx", old)
    )
    report = build_report_set(
        shipped_result,
        previous,
        paths=paths_to_next_band(shipped_result),
        robustness=rob,
        sensitivity=sens,
    )
    folder = resolve_templates(None)
    docs = [d for d in build_documents(report, folder) if d.stem.startswith("scorecard-")]
    for doc, pdf in zip(docs, render_pdfs(docs, folder, jobs=2, progress=None), strict=True):
        path = tmp_path / f"{doc.stem}.pdf"
        path.write_bytes(pdf)
        text = [flat(p) for p in pages(path)]
        (k,) = [k for k, t in enumerate(text) if "Methodology " in t and "Weights and scales" in t]
        c = card(report, doc.stem.removeprefix("scorecard-"))
        assert any(r.startswith("Robustness:") for r in c.methodology.rules)
        assert any(r.startswith("Change since 2025-Q4") for r in c.methodology.rules)
        last = c.methodology.groups[-1].indicators[-1].name
        assert last.replace(" ", "") in text[k].replace(" ", ""), doc.stem
