"""The Instructions sheet: what to fill in and how, in plain words for the officials."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font

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
)
from readiness.workbook.period import Period


def instructions_sheet(book: Workbook, rubric: Rubric, at: Period, n_rows: int, role: Role) -> None:
    ws = book.create_sheet(L.INSTRUCTIONS)
    width = 88
    start(ws, [width], landscape=False)
    ws.sheet_view.showGridLines = False
    end = at.end.strftime("%d %B %Y").lstrip("0")
    title_font = Font(name=FONT, bold=True, size=16, color=L.HEADER_FILL)
    heading_font = Font(name=FONT, bold=True, size=12, color=L.HEADER_FILL)
    row = 0

    def line(text: str, font: Font = BODY_FONT) -> None:
        nonlocal row
        row += 1
        fit_row(ws, row, [text], [width])
        if font.size and font.size > 11:
            ws.row_dimensions[row].height = font.size * 1.6
        ws.append([styled_cell(ws, text, alignment=WRAP_TOP, protection=LOCKED, font=font)])

    line(f"{rubric.title}: values workbook", title_font)
    line(f"Reporting period: {at.text} (ending {end})", BOLD_FONT)
    line(f"Rubric: {rubric.id}, version {rubric.version}", BOLD_FONT)
    if role is Role.REFERENCE:
        line(
            "Units: the reference jurisdictions. They are scored on the same rubric for "
            "comparison and never ranked among the assessed countries.",
            BOLD_FONT,
        )
    line("")
    sections: list[tuple[str, list[str]]] = [
        (
            "What to fill in",
            [
                f"Open the Values sheet. Each of its {n_rows} rows is one country and one "
                "indicator. Fill in the five yellow columns of each row: Value, As-of date, "
                "Source, Source URL and Evidence note (and, rarely, Low, High or Contested).",
                "The grey columns say which country and indicator the row is for. They are "
                "locked so that every row stays matched to its country and indicator; do not "
                "add, delete, sort or move rows.",
            ],
        ),
        (
            "Value",
            [
                "For an indicator measured in numbers, type the number alone, in the unit shown "
                "in the column 'Unit or allowed levels': for example 63.5, not '63.5 %' or "
                "'about 63'.",
                "For an indicator with levels, pick a level from the drop-down list in the cell. "
                "The Levels sheet defines every level in words; choose the level whose "
                "definition fits the evidence.",
                "If a value cannot be found, leave Value empty, or choose 'not found' in the list, "
                "and say in the Evidence note what was searched; 'not found' needs that note. "
                "Never enter 0 for 'unknown': 0 is a real value and would be scored as one.",
                "'None exists' is not 'not found'. When the evidence shows that the thing does "
                "not exist (no law, no portal, not a member), choose the lowest level: it is an "
                "answer and is scored 0, so it needs its evidence in the note.",
            ],
        ),
        (
            "As-of date",
            [
                "The date the value describes, not the date you looked it up. For a yearly "
                "figure use the last day of that year (2024-12-31); for a law, treaty or "
                "status, the date on which you checked it. Type it as a date, for example "
                "2024-12-31.",
                "A value older than the indicator's maximum age (see the Indicators sheet) is "
                "marked as stale on the scorecard.",
            ],
        ),
        (
            "Source, Source URL and Evidence note",
            [
                "Source: who published the value, and in what, for example 'World Bank, "
                "Worldwide Governance Indicators, 2024 update'.",
                "Source URL: the web address where a reader can check the value "
                "(starting with https://).",
                "Evidence note: one or two sentences that let a reader check the value: what "
                "the source says and, for a level, why this level and not the one above or "
                "below.",
            ],
        ),
        (
            "Low, High and Contested (optional)",
            [
                "Most rows leave these three columns empty. Low and High: when the source "
                "publishes a range around a number (for example a 90 % confidence interval), "
                "type its lower and upper bound; Value stays the published estimate.",
                "Contested: for an indicator with levels, type yes when a careful reader of the "
                "same evidence could choose the level just above or below. The scores use Value "
                "alone; the robustness analysis varies these readings.",
            ],
        ),
        (
            "Checking and sending the workbook back",
            [
                f"This workbook is for the period {at.text} only. Keep its sheets and rows as "
                "they are, save it as an Excel Workbook (.xlsx) without a password, and send it "
                "back to the team that sent it to you.",
                "The team runs a check that lists every problem at once. You may receive a copy "
                "in which cells that must be fixed are coloured red and cells to look at again "
                "are amber, each with a comment saying what is wrong.",
            ],
        ),
        (
            "Sheets in this workbook",
            [
                "Instructions: this page.",
                "Values: the rows to fill in.",
                "Indicators: what each indicator measures, its unit or levels, its allowed "
                "range, its maximum age and where to find it.",
                "Levels: the written definition of every level of the indicators with levels.",
            ],
        ),
    ]
    for heading, paragraphs in sections:
        line(heading, heading_font)
        for text in paragraphs:
            line(text)
        line("")
    protect(ws)
