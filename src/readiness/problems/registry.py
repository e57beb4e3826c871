"""The registry of problem codes: every code readiness reports, with what it means and what to do.

A code is stable (tests, scripts and officials' notes refer to it); its severity is fixed here,
so the same code is never an error in one place and a warning in another. The README's list of
codes is generated from this table (`readme_table`) and a test keeps the two in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from readiness.problems.russian import RUSSIAN

if TYPE_CHECKING:
    from readiness.i18n import Language


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Category(StrEnum):
    """Which input or stage a problem belongs to (the README groups codes by it)."""

    FILE = "file"  # opening any input file
    LIMIT = "limit"  # a declared limit (readiness.limits) was hit
    CSV = "csv"  # the shape of a values CSV
    WORKBOOK = "workbook"  # the shape of an officials' workbook
    VALUE = "value"  # one cell or value: numbers, levels, dates, evidence
    RUBRIC = "rubric"  # rubric YAML and its model
    SCORING = "scoring"  # values that do not fit the rubric at scoring time
    REPORT = "report"  # report templates and rendering
    OUTPUT = "output"  # where results are written
    RUN = "run"  # finding a run's rubric and input files
    HISTORY = "history"  # the history database


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    category: Category
    meaning: str  # one line: what happened
    action: str  # one line: what to do about it

    def meaning_in(self, language: Language) -> str:
        """What happened, in `language` ("en": `meaning`)."""
        return self.meaning if language == "en" else _translated(self.code, language)[0]

    def action_in(self, language: Language) -> str:
        """What to do about it, in `language` ("en": `action`)."""
        return self.action if language == "en" else _translated(self.code, language)[1]


def _translated(code: str, language: Language) -> tuple[str, str]:
    tables: dict[str, dict[str, tuple[str, str]]] = {"ru": RUSSIAN}
    return tables[language][code]


E, W = Severity.ERROR, Severity.WARNING
C = Category

# One code a line reads better than wrapped calls: this table is data.
# fmt: off
_CODES: tuple[Code, ...] = (
    # -- opening files --
    Code("file-not-found", E, C.FILE, "The input file does not exist.", "Check the path and the file name."),
    Code("file-unreadable", E, C.FILE, "The file cannot be read (a folder, no permission, a disk error).", "Check that the path names a file you can open."),
    Code("file-empty", E, C.FILE, "The file holds nothing to read (0 bytes, or no header row).", "Save the file again from the program it was made in."),
    Code("file-format-unknown", E, C.FILE, "The file is not one of the formats readiness reads.", "Give values as .xlsx, .xlsm, .ods or .csv, and a rubric as .yaml."),
    Code("file-encoding", E, C.FILE, "The text file is not UTF-8 (for example Windows Cyrillic, cp1251).", "Save it as UTF-8: in Excel choose 'CSV UTF-8 (Comma delimited)'."),
    Code("language-unknown", E, C.RUN, "The language asked for is not one readiness speaks.", "Give en (English) or ru (Russian)."),
    # -- declared limits (readiness.limits) --
    Code("limit-file-size", E, C.LIMIT, "The file is larger than the limit for its kind.", "Check that it is the right file; a values file is a few megabytes."),
    Code("limit-unpacked-size", E, C.LIMIT, "The workbook unpacks to more data than the limit.", "Save a clean copy from the template; delete pictures and stray sheets."),
    Code("limit-sheet-extent", E, C.LIMIT, "A cell far outside the table makes the sheet huge.", "Delete the stray cell the message names, then save again."),
    Code("limit-sheets", E, C.LIMIT, "The workbook has more sheets than the limit.", "Delete the sheets you added; keep those of the template."),
    Code("limit-rows", E, C.LIMIT, "The sheet or file has more rows than the limit.", "Keep one row per country and indicator; delete other rows."),
    Code("limit-columns", E, C.LIMIT, "The sheet or file has more columns than the limit.", "Delete the columns you added to the template."),
    Code("limit-cell-length", E, C.LIMIT, "A cell holds more characters than the limit.", "Shorten the text; put long evidence in the source document."),
    Code("limit-indicators", E, C.LIMIT, "The rubric has more indicators than the limit.", "Split the rubric, or combine indicators."),
    Code("limit-nodes", E, C.LIMIT, "The rubric has more aggregate nodes than the limit.", "Use fewer pillars and sub-indices."),
    Code("limit-depth", E, C.LIMIT, "The rubric's hierarchy is deeper than the limit.", "Use fewer levels between the index and its indicators."),
    Code("limit-units", E, C.LIMIT, "More units (countries) than the limit.", "Score fewer units at once."),
    Code("limit-template-rows", E, C.LIMIT, "The workbook would have more rows than a workbook may have.", "Use fewer units or indicators per workbook."),
    Code("limit-template-output", E, C.LIMIT, "A report template writes more HTML than the limit.", "Check the template for a loop that runs away."),
    # -- values CSV --
    Code("csv-malformed", E, C.CSV, "The CSV cannot be split into rows and cells (broken quotes, NUL bytes).", "Save it again from a spreadsheet program as CSV UTF-8."),
    Code("csv-delimiter", E, C.CSV, "The header row mixes delimiters, so the cells cannot be told apart.", "Separate cells with one character only: comma, semicolon or tab."),
    Code("several-periods", E, C.CSV, "A long CSV holds several periods and none was chosen.", "Choose the period to read."),
    # -- workbook structure --
    Code("workbook-unreadable", E, C.WORKBOOK, "The file is damaged or is not a spreadsheet workbook.", "Open it in Excel or LibreOffice and save it as .xlsx."),
    Code("workbook-encrypted", E, C.WORKBOOK, "The workbook is protected with a password.", "Remove the password (File > Info > Protect Workbook) and save again."),
    Code("empty-workbook", E, C.WORKBOOK, "The workbook has no content.", "Start from the template made by `readiness template`."),
    Code("missing-sheet", E, C.WORKBOOK, "A sheet the template has is missing or renamed.", "Restore the sheet or its name from the template."),
    Code("empty-sheet", E, C.WORKBOOK, "The Values sheet is empty.", "Fill in the template's Values sheet."),
    Code("missing-column", E, C.WORKBOOK, "A column the reader needs is missing or renamed.", "Restore the header row from the template."),
    Code("merged-cells", E, C.WORKBOOK, "Cells of the Values sheet are merged.", "Unmerge them (Home > Merge & Center) so each row has its own cells."),
    Code("unidentified-row", E, C.WORKBOOK, "A row has content but no country code and no indicator id.", "Move the content to its row or delete the row."),
    Code("missing-row", E, C.WORKBOOK, "The row for a country and an indicator is missing.", "Restore the row from the template."),
    Code("bad-period", E, C.WORKBOOK, "The period is not written like 2026-Q4 (or 2026 for yearly rubrics).", "Write the period as the rubric expects."),
    Code("wrong-period", E, C.WORKBOOK, "The workbook is for another period than the one expected.", "Fill in the template made for the expected period."),
    Code("wrong-rubric", E, C.WORKBOOK, "The workbook was made for another rubric.", "Fill in the template made for this rubric."),
    Code("bad-unit-role", E, C.WORKBOOK, "The workbook's unit role is not one the rubric declares, or a row is for a unit of the other role.", "Put the unit's values in the workbook made for its role (assessed or reference)."),
    Code("bad-provenance", W, C.WORKBOOK, "The Provenance sheet lacks one of its columns; it is ignored.", "Restore the sheet from the built workbook, or delete it (it is optional)."),
    Code("rubric-version-differs", W, C.WORKBOOK, "The workbook was made for another version of the rubric.", "Check that the rows still match; make a new template if not."),
    Code("previous-is-later", E, C.WORKBOOK, "The workbook to carry values from is for a later period.", "Carry values forward from an earlier period's workbook."),
    Code("no-units", E, C.WORKBOOK, "Neither the rubric nor any input names the units (countries).", "List the units in the rubric."),
    Code("annotate-needs-xlsx", E, C.WORKBOOK, "An annotated copy can only be made of an .xlsx or .xlsm workbook.", "Save the workbook as .xlsx and check that copy."),
    # -- one cell or value --
    Code("unknown-unit", E, C.VALUE, "The country code is not one of the rubric's units.", "Use a code the message lists, in capitals (KAZ, not kaz)."),
    Code("missing-unit", E, C.VALUE, "A row has no country code.", "Type the country code, or delete the row."),
    Code("unknown-indicator", E, C.VALUE, "The indicator id is not in the rubric.", "Use the indicator ids of the template (see the Indicators sheet)."),
    Code("duplicate-row", E, C.VALUE, "The same country and indicator are given on two rows.", "Keep one of the two rows."),
    Code("excel-error", E, C.VALUE, "The cell shows a spreadsheet error such as #N/A or #DIV/0!.", "Type the value itself."),
    Code("formula-without-value", E, C.VALUE, "The cell holds a formula that was never calculated.", "Open and save the file in Excel or LibreOffice, or type the value."),
    Code("not-a-number", E, C.VALUE, "A number is expected and the cell holds something else.", "Type the number alone, without units or words."),
    Code("ambiguous-number", E, C.VALUE, "The number can be read two ways (1,234 is 1234 or 1.234).", "Type it without a thousands separator: 1234 or 1.234."),
    Code("out-of-limits", E, C.VALUE, "The value is outside the indicator's allowed range.", "Check the value and its unit."),
    Code("bad-interval", E, C.VALUE, "Low and High are not two numbers around the value.", "Give both bounds, Low <= Value <= High, or neither."),
    Code("bad-contested", E, C.VALUE, "Contested is not yes/no, or marks an indicator without levels.", "Answer yes or no, and only for indicators with levels."),
    Code("unknown-level", E, C.VALUE, "The text is not one of the indicator's levels.", "Choose a level from the list (see the Levels sheet)."),
    Code("bad-date", E, C.VALUE, "The as-of date is not a date readiness can read.", "Type the date as 2024-12-31 (or a year, 2024)."),
    Code("ambiguous-date", E, C.VALUE, "The date can be read as two different days (05/11/2025).", "Type the date as year-month-day: 2025-11-05."),
    Code("future-date", E, C.VALUE, "The as-of date is in the future.", "Type the date the value describes."),
    Code("missing-value", W, C.VALUE, "No value: the scorecard shows it as missing.", "Fill it in, or say in the evidence note why it cannot be found."),
    Code("not-found-without-note", E, C.VALUE, "The value is 'not found' but the evidence note does not say where it was looked for.", "Say in the evidence note which sources were searched."),
    Code("lowest-level-without-evidence", E, C.VALUE, "A 'none exists' answer (the lowest level) without a source or note.", "Give the evidence that there is none; if nothing was found, type 'not found' instead."),
    Code("missing-as-of", W, C.VALUE, "A value without an as-of date.", "Give the date the value describes."),
    Code("missing-source", W, C.VALUE, "A value without a source.", "Name where the value comes from."),
    Code("bad-url", W, C.VALUE, "The source URL is not a web address.", "Give an address starting with https:// (separate several with ;)."),
    Code("stale-value", W, C.VALUE, "The value is older than the indicator allows; it is flagged stale.", "Look for a newer figure, or re-confirm the old one."),
    Code("outside-goalposts", W, C.VALUE, "The value is beyond the indicator's goalposts.", "Check the value and its unit."),
    # -- rubric YAML --
    Code("yaml-syntax", E, C.RUBRIC, "The rubric is not valid YAML.", "Fix the YAML at the line and column given."),
    Code("yaml-duplicate-key", E, C.RUBRIC, "A key appears twice in one YAML mapping.", "Keep one of the two keys."),
    Code("yaml-aliases", E, C.RUBRIC, "YAML aliases (*name) expand without bound.", "Write the rubric without nested aliases."),
    Code("yaml-too-deep", E, C.RUBRIC, "The YAML is nested hundreds of levels deep.", "Flatten the rubric; it needs a few levels only."),
    Code("rubric-not-mapping", E, C.RUBRIC, "The rubric file is not a YAML mapping of fields.", "Start from the shipped rubric."),
    Code("rubric-unknown-field", E, C.RUBRIC, "A field the rubric does not have (often a typo).", "Check the spelling against `readiness rubric schema`."),
    Code("rubric-missing-field", E, C.RUBRIC, "A required field is missing.", "Add the field."),
    Code("rubric-wrong-type", E, C.RUBRIC, "A field has the wrong kind of value (text for a number, ...).", "Give the kind of value the schema describes."),
    Code("rubric-not-allowed", E, C.RUBRIC, "A field's value is not one of the allowed choices.", "Use one of the choices the message lists."),
    Code("rubric-out-of-range", E, C.RUBRIC, "A number is outside its allowed range (a negative weight, ...).", "Use a number in the range the message gives."),
    Code("rubric-bad-id", E, C.RUBRIC, "An id is not a letter followed by letters, digits, _ . or -.", "Rename the id (at most 64 characters)."),
    Code("rubric-empty-text", E, C.RUBRIC, "A name, label or definition is empty.", "Write the text."),
    Code("rubric-goalposts", E, C.RUBRIC, "Goalposts or a min-max range are inverted or unusable.", "Put low below high; use direction: -1 for lower-is-better."),
    Code("rubric-levels", E, C.RUBRIC, "An indicator's levels are inconsistent with its kind or goalposts.", "List distinct levels lowest first, spanning the goalposts."),
    Code("rubric-limits", E, C.RUBRIC, "An indicator's limits are inverted.", "Put min below max."),
    Code("rubric-denominator", E, C.RUBRIC, "A denominator on a categorical or yes/no indicator.", "Only numeric indicators can have a denominator."),
    Code("rubric-missing-data", E, C.RUBRIC, "The missing-data policy names or lacks a group wrongly.", "Give a group with group_mean/group_median imputation only."),
    Code("rubric-invalid", E, C.RUBRIC, "A rubric field is invalid (a case no other code covers).", "Read the message and fix the field."),
    Code("rubric-duplicate-id", E, C.RUBRIC, "Two indicators, nodes, denominators or units share an id.", "Give each one its own id."),
    Code("rubric-unknown-parent", E, C.RUBRIC, "A parent is not a declared node.", "Declare the node, or fix the parent's id."),
    Code("rubric-unknown-denominator", E, C.RUBRIC, "A denominator is not declared under denominators.", "Declare it, or fix the id."),
    Code("rubric-root", E, C.RUBRIC, "The hierarchy does not have exactly one root (the index).", "Give every node but the index a parent."),
    Code("rubric-cycle", E, C.RUBRIC, "Nodes are each other's parents.", "Break the cycle the message shows."),
    Code("rubric-childless-node", E, C.RUBRIC, "A node has no children.", "Give it children or delete it."),
    Code("rubric-mixed-children", E, C.RUBRIC, "A node has both indicators and nodes as children.", "Put the indicators under a pillar of their own."),
    Code("rubric-empty-section", E, C.RUBRIC, "The rubric lists no nodes or no indicators.", "Add at least one entry."),
    Code("rubric-weights", E, C.RUBRIC, "A node's children all weigh 0, or their weights overflow.", "Use ordinary weights such as 1, 2 or 0.25."),
    Code("scenario-invalid", E, C.RUBRIC, "A scenario file is malformed or names a unit, indicator, level or value the rubric does not allow.", "Fix the change at the line the message gives."),
    Code("rubric-uncertainty-node", E, C.RUBRIC, "The uncertainty section names a node the rubric does not have.", "Name pillars, sub-indices or the index by their ids."),
    Code("rubric-ceiling", E, C.RUBRIC, "A feasible ceiling or a precision of the path names no indicator, or a ceiling no level of it.", "Name an indicator of the rubric; give a categorical one one of its level values."),
    Code("rubric-bands", E, C.RUBRIC, "Bands are not listed highest first, repeat, or do not start at 0.", "List bands highest threshold first, the last at 0."),
    Code("translation-not-found", E, C.RUBRIC, "The rubric has no translation into the language asked for.", "Add <rubric-stem>.<language>.yaml beside the rubric, or use English."),
    Code("translation-rubric-mismatch", E, C.RUBRIC, "The translation is of another rubric, version or language.", "Translate the rubric's current version, and name its id, version and language."),
    Code("translation-missing", E, C.RUBRIC, "Something the rubric has (a unit, node, indicator, level, band or text) is not translated.", "Add its translation under the id the message names."),
    Code("translation-unknown", E, C.RUBRIC, "The translation names something the rubric does not have, or a field a translation cannot have.", "Delete it, or fix its id, level value or spelling."),
    Code("translation-label-clash", E, C.RUBRIC, "A translated level label reads as another level's label, or as 'not found'.", "Give each level of the indicator a label of its own."),
    Code("translation-invalid", E, C.RUBRIC, "A translation field is invalid (empty text, a list for a text, ...).", "Read the message and fix the field."),
    # -- scoring --
    Code("duplicate-value", E, C.SCORING, "The same country and indicator are given twice.", "Keep one value; check the input files for overlaps."),
    Code("no-input-files", E, C.FILE, "No values file was given.", "Name at least one values file."),
    Code("period-mismatch", E, C.SCORING, "Values files for one run are for different periods.", "Give files for the same period."),
    Code("duplicate-across-files", E, C.SCORING, "The same country and indicator are given in two values files.", "Keep the value in one file only."),
    Code("missing-group-column", E, C.SCORING, "Group imputation needs a unit attribute the values lack.", "Add the group column to the values, or change the imputation."),
    Code("zero-in-mean", E, C.SCORING, "A geometric or harmonic mean meets a score of 0.", "Set on_zero in the rubric (insufficient or offset) or use another mean."),
    Code("uncertainty-with-outliers", E, C.SCORING, "Values cannot vary in the uncertainty analysis of a rubric that treats outliers.", "Set outliers to none, or values: false in the uncertainty section."),
    Code("unknown-fixed-indicator", E, C.SCORING, "A fixed indicator named for the path to the next band is not in the rubric.", "Name indicators of the rubric."),
    # -- report templates and rendering --
    Code("templates-not-found", E, C.REPORT, "The templates folder does not exist.", "Give an existing folder, or leave it out for the packaged templates."),
    Code("template-not-found", E, C.REPORT, "A template file is missing from the templates folder.", "Copy it from the packaged templates."),
    Code("template-syntax", E, C.REPORT, "A template has a syntax error.", "Fix the template at the line given."),
    Code("template-error", E, C.REPORT, "A template failed while rendering.", "Fix the template; templates compute nothing."),
    Code("resource-blocked", E, C.REPORT, "The report asked for a file or URL outside the templates folder.", "Keep every stylesheet, font and image inside the templates folder."),
    Code("render-failed", E, C.REPORT, "The PDF could not be rendered.", "Check the templates and the message."),
    # -- outputs --
    Code("output-is-input", E, C.OUTPUT, "The output would replace one of the run's input files.", "Choose another output path."),
    Code("output-is-folder", E, C.OUTPUT, "The output path is a folder or has no file name.", "Choose a file name."),
    Code("output-not-a-file", E, C.OUTPUT, "The output path is a device or other special file.", "Choose a regular file."),
    Code("output-unwritable", E, C.OUTPUT, "The output cannot be written (permissions, disk full).", "Choose a folder you can write to; check free space."),
    Code("output-busy", E, C.OUTPUT, "Another readiness run is writing to the same output folder.", "Wait for it to finish, then run again."),
    Code("commit-unfinished", E, C.OUTPUT, "A killed run left a commit that cannot be finished (its staged files are gone).", "Check the folder, delete the journal file the message names, run again."),
    Code("no-manifest", E, C.OUTPUT, "The folder has no manifest.json: it is not a period folder.", "Give the folder a run wrote, such as reports/2026-Q4."),
    Code("bad-manifest", E, C.OUTPUT, "The folder's manifest.json is not a manifest readiness can read.", "Run the period again to write a new one."),
    # -- finding a run's inputs --
    Code("no-rubric", E, C.RUN, "There is no rubric file in rubrics/.", "Put the rubric in rubrics/, or name the rubric to use."),
    Code("several-rubrics", E, C.RUN, "There are several rubric files in rubrics/ and none was named.", "Name the rubric to use; keep earlier versions in rubrics/archive/."),
    Code("no-inputs", E, C.RUN, "There is no values workbook for the period in inputs/.", "Put <rubric-id>-<period>.xlsx in inputs/, or name the input files."),
    Code("several-inputs", E, C.RUN, "Two files in one folder are for the same period.", "Keep one of them."),
    Code("no-period", E, C.RUN, "Neither the input file's name nor its content says which period it is for.", "Name the period."),
    Code("rubric-not-archived", E, C.RUN, "A workbook was made with a rubric version that is neither current nor archived.", "Put that version in rubrics/archive/<rubric-id>-<version>.yaml."),
    Code("rubric-archive-mismatch", E, C.RUN, "An archived rubric says it is another id or version than its file name.", "Rename the file to <rubric-id>-<version>.yaml of its content."),
    # -- the history database --
    Code("history-not-found", E, C.HISTORY, "There is no history database at that path.", "Run the period first; the run records the history."),
    Code("history-unreadable", E, C.HISTORY, "The file is not a readable SQLite database.", "Restore it from a backup, or move it away and run again."),
    Code("history-too-new", E, C.HISTORY, "The history was written by a newer readiness.", "Upgrade readiness."),
    Code("history-old-schema", E, C.HISTORY, "The history has an older schema; reading it needs a migration.", "Run the period once: the run migrates the database."),
    Code("history-unknown-unit", E, C.HISTORY, "The country is not in the history.", "Use a code the message lists."),
)
# fmt: on

_CODE_SHAPE = re.compile(r"^[a-z]+(-[a-z]+)*$")

REGISTRY: dict[str, Code] = {}
for _entry in _CODES:
    if not _CODE_SHAPE.match(_entry.code) or _entry.code in REGISTRY:
        raise ValueError(f"bad or repeated problem code {_entry.code!r}")
    REGISTRY[_entry.code] = _entry


class UnknownCode(KeyError):
    """A code not in the registry: a bug in readiness, never the user's fault."""


def lookup(code: str) -> Code:
    try:
        return REGISTRY[code]
    except KeyError:
        raise UnknownCode(
            f"problem code {code!r} is not registered in readiness.problems"
        ) from None


README_BEGIN = "<!-- problem-codes:begin (generated from readiness.problems.registry) -->"
README_END = "<!-- problem-codes:end -->"
# The Russian meanings and actions, a table of their own (the English one stays as it was).
README_RU_BEGIN = "<!-- problem-codes-ru:begin (generated from readiness.problems.registry) -->"
README_RU_END = "<!-- problem-codes-ru:end -->"


def _row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def _by_category() -> list[Code]:
    order = list(Category)
    return sorted(REGISTRY.values(), key=lambda e: order.index(e.category))


def readme_table() -> str:
    """The README's list of codes, grouped by category, as a Markdown table between markers."""
    lines = [
        README_BEGIN,
        "| code | severity | category | meaning | what to do |",
        "|---|---|---|---|---|",
    ]
    for entry in _by_category():
        cells = (
            f"`{entry.code}`",
            str(entry.severity),
            str(entry.category),
            entry.meaning,
            entry.action,
        )
        lines.append(_row(cells))
    lines.append(README_END)
    return "\n".join(lines)


def readme_table_ru() -> str:
    """The same codes in the same order with their Russian meaning and action."""
    lines = [README_RU_BEGIN, "| код | значение | что сделать |", "|---|---|---|"]
    for entry in _by_category():
        lines.append(_row((f"`{entry.code}`", entry.meaning_in("ru"), entry.action_in("ru"))))
    lines.append(README_RU_END)
    return "\n".join(lines)
