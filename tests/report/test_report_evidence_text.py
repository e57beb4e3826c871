"""Evidence text as a publisher prints it, on the shipped set: no repository name, commit hash,
.csv file name or field tag in any PDF's text (outside the overview's data appendix, the one
place for machine provenance; printed URLs are addresses and are left out of the check)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from report_support import UNITS, pdf_text

from readiness.report.context import ReportSet

# What a publisher would never print in evidence: where the developer found the data.
LEAKS = {
    "repository name": re.compile(r"\brepositor(y|ies)\b|\b[\w.-]+/[\w.-]+ at commit\b", re.I),
    "commit hash": re.compile(r"\bcommit\b|\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}\b"),
    ".csv file name": re.compile(r"[\w.-]+\.csv\b", re.I),
    "field tag": re.compile(r"\[[a-z][a-z0-9]*(?:_[a-z0-9]+)+\]"),
}


def _outside_data_appendix(text: str) -> str:
    """The overview's data appendix is the one place for machine provenance."""
    start = text.find("Data appendix Inputs")
    if start < 0:
        return text
    end = text.rindex("References Numbers in square brackets")
    return text[:start] + text[end:]


def _without_urls(text: str, urls: set[str]) -> str:
    """Printed URLs are addresses, not evidence text (a URL may hold hex that looks like a
    hash); a URL wrapped over lines comes back with spaces inside, which the pattern allows."""
    for url in sorted(urls, key=len, reverse=True):
        text = re.sub(r"\s?".join(map(re.escape, url)), " ", text)
    return text


@pytest.mark.parametrize("stem", ["regional-overview", *(f"scorecard-{u}" for u in UNITS)])
def test_no_repository_commit_csv_or_field_tag_in_the_shipped_pdfs(
    shipped: Path, shipped_report: ReportSet, stem: str
) -> None:
    report = shipped_report
    docs = [report.regional, *report.scorecards]
    doc = next(d for d in docs if d.meta.filename == stem)
    urls = {link.href for ref in doc.references for link in ref.links}
    text = _without_urls(_outside_data_appendix(pdf_text(shipped / f"{stem}.pdf")), urls)
    found = {
        what: sorted({m.group(0) for m in rx.finditer(text)})[:5] for what, rx in LEAKS.items()
    }
    assert not any(found.values()), found


@pytest.mark.parametrize("stem", ["regional-overview", "scorecard-KAZ", "scorecard-UZB"])
def test_printed_urls_break_only_after_a_safe_character(
    shipped: Path, shipped_report: ReportSet, stem: str
) -> None:
    """A URL wrapped over lines comes back from the PDF with a line break inside: only after
    "/", "-", "_", "?", "&", "+" or "=" (never "renewable+h / ydrogen")."""
    from pypdf import PdfReader

    docs = [shipped_report.regional, *shipped_report.scorecards]
    doc = next(d for d in docs if d.meta.filename == stem)
    text = "\n".join(p.extract_text() or "" for p in PdfReader(shipped / f"{stem}.pdf").pages)
    urls = sorted({link.text for ref in doc.references for link in ref.links}, key=len)
    checked = 0
    for url in urls:
        safe = "".join(re.escape(ch) + ("\n?" if ch in "/-_?&+=" else "") for ch in url)
        anywhere = "\n?".join(map(re.escape, url))
        if re.search(anywhere, text) is None:
            continue  # not extractable as a run (another line interleaved): not judged here
        assert re.search(safe, text), url
        checked += 1
    assert checked >= len(urls) // 2
