"""Constants and types shared by the report tests (a plain module: conftest is not importable
by name once several conftest files exist)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from readiness.report.context import ReportSet, Scorecard

ROOT = Path(__file__).resolve().parents[2]
# The report tests' fixture (data/c5-test-values.csv) has rubric 1.0.0's indicators: they test
# rendering, not the shipped rubric, so they keep the archived version it was written for.
RUBRIC = ROOT / "rubrics" / "archive" / "c5-critical-minerals-1.0.0.yaml"
VALUES = Path(__file__).resolve().parent / "data" / "c5-test-values.csv"
TEMPLATES = ROOT / "templates"
UNITS = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
# The shipped current period as `readiness run` reports it: the current rubric, the assessed
# countries' workbook and the reference jurisdictions' workbook. Its previous period was scored
# with an earlier rubric version, so the run shows no change table: nor do these tests.
SHIPPED_RUBRIC = ROOT / "rubrics" / "c5-critical-minerals.yaml"
SHIPPED = (
    ROOT / "inputs" / "c5-critical-minerals-2026-Q4.xlsx",
    ROOT / "inputs" / "c5-critical-minerals-reference-2026-Q4.xlsx",
)


@dataclass(frozen=True)
class Rendered:
    folder: Path
    paths: list[Path]
    progress: list[str]
    log: list[logging.LogRecord]  # WeasyPrint records at WARNING or above

    def pdf(self, stem: str) -> Path:
        return self.folder / f"{stem}.pdf"


def pdf_text(path: Path) -> str:
    """A PDF's text, pages joined, whitespace collapsed to single spaces."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def table_of(result: Any) -> Any:
    """The values table behind a scored `Result`, rebuilt from its raw values and evidence."""
    from readiness.inputs.values import make_table

    ev = result.evidence.reset_index()
    raw = result.raw.stack(future_stack=True).rename("value").reset_index()
    raw.columns = ["unit", "indicator", "value"]
    merged = raw.merge(ev, on=["unit", "indicator"], how="left")
    return make_table(
        merged.fillna({"source": "", "source_url": "", "as_of": "", "note": ""}).to_dict("records")
    )


def card(report: ReportSet, unit: str) -> Scorecard:
    """The scorecard of `unit` in a report set."""
    return next(c for c in report.scorecards if c.meta.filename == f"scorecard-{unit}")
