"""The locked reference sheets of the workbook: Indicators, Levels, Provenance and the hidden
About sheet."""

from __future__ import annotations

from openpyxl import Workbook

from readiness.i18n.workbook import EN, WorkbookText
from readiness.inputs.values import Values
from readiness.rubric.model import Kind, Role, Rubric
from readiness.workbook import layout as L
from readiness.workbook.cells import LOCKED, header_row, protect, reference_rows, start, styled_cell
from readiness.workbook.data_validation import allowed_text
from readiness.workbook.period import Period
from readiness.workbook.raw import CellValue


def label_ranges(rubric: Rubric, text: WorkbookText = EN) -> dict[str, str]:
    """Where each indicator's level labels sit on the Levels sheet (column D, from row 2)."""
    out: dict[str, str] = {}
    row = 2
    for _, indicator in L.indicator_rows(rubric):
        if indicator.kind is Kind.NUMERIC:
            continue
        n = len(indicator.scale) + 1  # its levels, then "not found"
        out[indicator.id] = f"'{text.sheets['levels']}'!$D${row}:$D${row + n - 1}"
        row += n
    return out


NOT_FOUND_DEFINITION = EN.not_found_definition


def indicators_sheet(book: Workbook, rubric: Rubric, text: WorkbookText = EN) -> None:
    ws = book.create_sheet(text.sheets["indicators"])
    widths = [20, 20, 28, 48, 30, 14, 10, 48]
    if text is not EN:  # longer words: wider id, range and maximum-age columns keep them whole
        widths[1], widths[5], widths[6] = 25, 15, 17
    start(ws, widths, freeze="C2", title_rows="1:1")
    header_row(ws, list(text.indicators_headers), widths, text.chars_per_width)
    rows: list[list[CellValue]] = []
    for pillar, ind in L.indicator_rows(rubric):
        lim = ind.limits
        allowed = ""
        if ind.kind is Kind.NUMERIC and lim is not None and (lim.min, lim.max) != (None, None):
            allowed = allowed_text(ind, text).split(", ", 1)[-1]
        rows.append(
            [
                pillar.name,
                ind.id,
                ind.name,
                ind.description,
                allowed_text(ind, text),
                allowed,
                rubric.max_age_of(ind.id),
                ind.source_guidance,
            ]
        )
    reference_rows(ws, rows, widths, bold=2, per_unit=text.chars_per_width)
    protect(ws)


def levels_sheet(book: Workbook, rubric: Rubric, text: WorkbookText = EN) -> None:
    ws = book.create_sheet(text.sheets["levels"])
    widths = [20, 28, 8, 20, 80]
    if text is not EN:  # longer level labels and headers; ids kept on one line
        widths[0], widths[2], widths[3] = 25, 10, 26
    start(ws, widths, freeze="A2", title_rows="1:1")
    header_row(ws, list(text.levels_headers), widths, text.chars_per_width)
    rows: list[list[CellValue]] = []
    for _, ind in L.indicator_rows(rubric):
        if ind.kind is Kind.NUMERIC:
            continue
        rows += [[ind.id, ind.name, lv.value, lv.label, lv.definition] for lv in ind.scale]
        rows.append([ind.id, ind.name, "", text.not_found, text.not_found_definition])
    reference_rows(ws, rows, widths, bold=3, per_unit=text.chars_per_width)
    protect(ws)


def provenance_sheet(book: Workbook, values: Values, text: WorkbookText = EN) -> None:
    """Where each cited value sits in the data it was built from (locked, for reference; its
    contents are citations and are never translated)."""
    ws = book.create_sheet(text.sheets["provenance"])
    widths = [44, 36, 36, 22, 30, 44]
    start(ws, widths, freeze="B2", title_rows="1:1")
    headers = [text.provenance_headers[key] for _, key in L.PROVENANCE_HEADERS]
    header_row(ws, headers, widths, text.chars_per_width)
    keys = [key for _, key in L.PROVENANCE_HEADERS]
    rows: list[list[CellValue]] = [
        [str(rec[k]) for k in keys] for rec in values.provenance.to_dict("records")
    ]
    reference_rows(ws, rows, widths)
    protect(ws)


def about_sheet(
    book: Workbook, rubric: Rubric, at: Period, role: Role, text: WorkbookText = EN
) -> None:
    """The hidden About sheet. Its labels are in the workbook's language, its values are
    identity (period, rubric id and version, unit role, format, language code); a workbook not
    in English says which language it is in (a workbook without the row is in English)."""
    ws = book.create_sheet(text.sheets["about"])
    label = text.about
    start(ws, [18, 40] if text is EN else [26, 40])
    fields: list[tuple[str, str]] = [
        (label["field"], label["value"]),
        (label["period"], at.text),
        (label["rubric_id"], rubric.id),
        (label["rubric_version"], rubric.version),
        (label["unit_role"], role.value),
        (label["format"], L.FORMAT_VERSION),
        (label["title"], rubric.title),
    ]
    if text is not EN:
        fields.append((label["language"], text.language))
    for name, value in fields:
        ws.append(
            [styled_cell(ws, name, protection=LOCKED), styled_cell(ws, value, protection=LOCKED)]
        )
    ws.sheet_state = "hidden"
    protect(ws)
