"""The locked reference sheets of the workbook: Indicators, Levels, Provenance and the hidden
About sheet."""

from __future__ import annotations

from openpyxl import Workbook

from readiness.inputs.parse import NOT_FOUND
from readiness.inputs.values import Values
from readiness.rubric.model import Kind, Role, Rubric
from readiness.workbook import layout as L
from readiness.workbook.cells import LOCKED, header_row, protect, reference_rows, start, styled_cell
from readiness.workbook.data_validation import allowed_text
from readiness.workbook.period import Period
from readiness.workbook.raw import CellValue


def label_ranges(rubric: Rubric) -> dict[str, str]:
    """Where each indicator's level labels sit on the Levels sheet (column D, from row 2)."""
    out: dict[str, str] = {}
    row = 2
    for _, indicator in L.indicator_rows(rubric):
        if indicator.kind is Kind.NUMERIC:
            continue
        n = len(indicator.scale) + 1  # its levels, then "not found"
        out[indicator.id] = f"'{L.LEVELS}'!$D${row}:$D${row + n - 1}"
        row += n
    return out


NOT_FOUND_DEFINITION = (
    "Not a level: the evidence could not be found. The value stays missing and is not scored; "
    "say in the Evidence note what was searched. When the evidence shows that the thing does "
    "not exist, choose the lowest level instead (it is scored) and give that evidence."
)


def indicators_sheet(book: Workbook, rubric: Rubric) -> None:
    ws = book.create_sheet(L.INDICATORS)
    widths = [20, 20, 28, 48, 30, 14, 10, 48]
    start(ws, widths, freeze="C2", title_rows="1:1")
    headers = [
        "Pillar",
        "Indicator id",
        "Indicator",
        "What is measured",
        "Unit or allowed levels",
        "Allowed range",
        "Maximum age (years)",
        "Where to find it",
    ]
    header_row(ws, headers, widths)
    rows: list[list[CellValue]] = []
    for pillar, ind in L.indicator_rows(rubric):
        lim = ind.limits
        allowed = ""
        if ind.kind is Kind.NUMERIC and lim is not None and (lim.min, lim.max) != (None, None):
            allowed = allowed_text(ind).split(", ", 1)[-1]
        rows.append(
            [
                pillar.name,
                ind.id,
                ind.name,
                ind.description,
                allowed_text(ind),
                allowed,
                rubric.max_age_of(ind.id),
                ind.source_guidance,
            ]
        )
    reference_rows(ws, rows, widths, bold=2)
    protect(ws)


def levels_sheet(book: Workbook, rubric: Rubric) -> None:
    ws = book.create_sheet(L.LEVELS)
    widths = [20, 28, 8, 20, 80]
    start(ws, widths, freeze="A2", title_rows="1:1")
    header_row(
        ws, ["Indicator id", "Indicator", "Level value", "Level label", "Definition"], widths
    )
    rows: list[list[CellValue]] = []
    for _, ind in L.indicator_rows(rubric):
        if ind.kind is Kind.NUMERIC:
            continue
        rows += [[ind.id, ind.name, lv.value, lv.label, lv.definition] for lv in ind.scale]
        rows.append([ind.id, ind.name, "", NOT_FOUND, NOT_FOUND_DEFINITION])
    reference_rows(ws, rows, widths, bold=3)
    protect(ws)


def provenance_sheet(book: Workbook, values: Values) -> None:
    """Where each cited value sits in the data it was built from (locked, for reference)."""
    ws = book.create_sheet(L.PROVENANCE)
    widths = [44, 36, 36, 22, 30, 44]
    start(ws, widths, freeze="B2", title_rows="1:1")
    header_row(ws, [header for header, _ in L.PROVENANCE_HEADERS], widths)
    keys = [key for _, key in L.PROVENANCE_HEADERS]
    rows: list[list[CellValue]] = [
        [str(rec[k]) for k in keys] for rec in values.provenance.to_dict("records")
    ]
    reference_rows(ws, rows, widths)
    protect(ws)


def about_sheet(book: Workbook, rubric: Rubric, at: Period, role: Role) -> None:
    ws = book.create_sheet(L.ABOUT)
    start(ws, [18, 40])
    for label, value in (
        ("Field", "Value"),
        (L.ABOUT_PERIOD, at.text),
        (L.ABOUT_RUBRIC_ID, rubric.id),
        (L.ABOUT_RUBRIC_VERSION, rubric.version),
        (L.ABOUT_UNIT_ROLE, role.value),
        (L.ABOUT_FORMAT, L.FORMAT_VERSION),
        ("Rubric title", rubric.title),
    ):
        ws.append(
            [styled_cell(ws, label, protection=LOCKED), styled_cell(ws, value, protection=LOCKED)]
        )
    ws.sheet_state = "hidden"
    protect(ws)
