"""Layout on the shipped set, read back from the PDFs: an indicator row and its evidence note on
the same page, no heading left at the foot of a page, a scorecard's methodology on one page,
no hidden text in the body."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_support import UNITS

from readiness.report.context import ReportSet, Scorecard

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


@pytest.mark.parametrize("stem", STEMS)
def test_no_heading_at_the_foot_of_a_page(shipped: Path, stem: str) -> None:
    page_html = (shipped / f"{stem}.html").read_text(encoding="utf-8")
    headings = {
        " ".join(html.unescape(re.sub(r"<[^>]+>", "", h)).split())
        for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", page_html, re.S)
    }
    intros = [  # captions that introduce a table: a heading followed by one alone is stranded
        " ".join(html.unescape(re.sub(r"<[^>]+>", "", c)).split())
        for c in re.findall(r'<p class="caption intro">(.*?)</p>', page_html, re.S)
    ]
    for k, lines in enumerate(pages(shipped / f"{stem}.pdf")):
        body = lines[:-2]  # the running head and foot come last
        assert body, f"page {k + 1} is empty"
        last = max((i for i, ln in enumerate(body) if ln in headings), default=-1)
        if last < 0:
            continue
        rest = " ".join(body[last + 1 :])
        stranded = not rest or any(intro.startswith(rest) for intro in intros)
        assert not stranded, f"page {k + 1} ends with the heading {body[last]!r} ({rest[:60]!r})"


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
