"""The Instructions sheet: what to fill in and how, in plain words for the officials, in the
workbook's language (the words are in `readiness.i18n.workbook`)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font

from readiness.i18n.workbook import EN, WorkbookText
from readiness.rubric.model import Role, Rubric
from readiness.workbook import layout as L
from readiness.workbook.cells import (
    BODY_FONT,
    BOLD_FONT,
    FONT,
    LOCKED,
    WRAP_TOP,
    fit_row,
    protect,
    start,
    styled_cell,
    wrapped_lines,
)
from readiness.workbook.period import Period


def instructions_sheet(
    book: Workbook, rubric: Rubric, at: Period, n_rows: int, role: Role, words: WorkbookText = EN
) -> None:
    ws = book.create_sheet(words.sheets["instructions"])
    width = 88
    start(ws, [width], landscape=False)
    ws.sheet_view.showGridLines = False
    end = words.end_date(at.end)
    title_font = Font(name=FONT, bold=True, size=16, color=L.HEADER_FILL)
    heading_font = Font(name=FONT, bold=True, size=12, color=L.HEADER_FILL)
    row = 0

    def line(text: str, font: Font = BODY_FONT) -> None:
        nonlocal row
        row += 1
        fit_row(ws, row, [text], [width], words.chars_per_width)
        if font.size and font.size > 11:
            # A heading wraps sooner than body text: fewer characters fit on a line.
            per_line = width * words.chars_per_width * 11 / font.size
            lines = wrapped_lines(text, max(int(per_line), 1))
            ws.row_dimensions[row].height = font.size * 1.6 * lines
        ws.append([styled_cell(ws, text, alignment=WRAP_TOP, protection=LOCKED, font=font)])

    fields = {
        "title": rubric.title,
        "period": at.text,
        "end": end,
        "rubric_id": rubric.id,
        "version": rubric.version,
        "n_rows": n_rows,
    }
    line(words.title.format(**fields), title_font)
    line(words.reporting_period.format(**fields), BOLD_FONT)
    line(words.rubric_line.format(**fields), BOLD_FONT)
    if role is Role.REFERENCE:
        line(words.reference_units, BOLD_FONT)
    line("")
    sections = [
        (heading, [paragraph.format(**fields) for paragraph in paragraphs])
        for heading, paragraphs in words.sections
    ]
    for heading, paragraphs in sections:
        line(heading, heading_font)
        for text in paragraphs:
            line(text)
        line("")
    protect(ws)
