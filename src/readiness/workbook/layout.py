"""The workbook's fixed layout: sheet names, Values columns, About fields and colours.

The template writer, the validator and the annotator all read these, so a column renamed here is
renamed everywhere at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from readiness.inputs import parse
from readiness.rubric.model import Indicator, Node, Rubric

INSTRUCTIONS = "Instructions"
VALUES = "Values"
INDICATORS = "Indicators"
LEVELS = "Levels"
ABOUT = "About"
PROBLEMS = "Problems"
PROVENANCE = "Provenance"  # optional: where each cited value sits in the data it was built from

# Provenance sheet: header -> Values.provenance column.
PROVENANCE_HEADERS = (
    ("Source", "source"),
    ("Dataset", "dataset"),
    ("Repository", "repository"),
    ("Commit", "commit"),
    ("File", "file"),
    ("Fields", "fields"),
)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float
    input: bool = False
    optional: bool = False  # a workbook without this column is still valid


COLUMNS: tuple[Column, ...] = (
    Column("unit", "Country code", 9),
    Column("unit_name", "Country", 14),
    Column("pillar", "Pillar", 18),
    Column("indicator", "Indicator id", 20),
    Column("indicator_name", "Indicator", 34),
    Column("allowed", "Unit or allowed levels", 32),
    Column("value", "Value", 16, input=True),
    Column("as_of", "As-of date", 12, input=True),
    Column("source", "Source", 28, input=True),
    Column("source_url", "Source URL", 30, input=True),
    Column("note", "Evidence note", 48, input=True),
    # Optional, for analysts: an interval around a numeric value (e.g. a published 90 %
    # confidence interval) and a judged level that analysts could place one level apart. The
    # uncertainty analysis varies values within them; the score uses Value alone.
    Column("low", "Low", 10, input=True, optional=True),
    Column("high", "High", 10, input=True, optional=True),
    Column("contested", "Contested", 11, input=True, optional=True),
)
HEADERS = tuple(c.header for c in COLUMNS)
COLUMN_INDEX = {c.key: k for k, c in enumerate(COLUMNS)}  # 0-based
INPUT_KEYS = tuple(c.key for c in COLUMNS if c.input)
KEY_COLUMNS = ("unit", "indicator")
CONTESTED_YES = "yes"  # what the Contested column holds for a contested reading

# About sheet: label in column A, value in column B, in this order from row 2.
ABOUT_PERIOD = "Period"
ABOUT_RUBRIC_ID = "Rubric id"
ABOUT_RUBRIC_VERSION = "Rubric version"
ABOUT_UNIT_ROLE = "Unit role"  # which of the rubric's units the workbook covers
ABOUT_FORMAT = "Template format"
FORMAT_VERSION = "1"

DATE_FORMAT = "yyyy-mm-dd"
# As-of dates outside these are refused (the one date rule lives in readiness.inputs.parse; the
# template's date rule and the validator agree).
OLDEST_AS_OF = parse.OLDEST_AS_OF
LATEST_AS_OF = parse.LATEST_AS_OF
TEXT_FORMAT = "@"

# Colours (ARGB without alpha): input cells, headers, problem marks.
INPUT_FILL = "FFF2CC"
HEADER_FILL = "1F4E78"
HEADER_FONT = "FFFFFF"
LOCKED_FILL = "F2F2F2"
ERROR_FILL = "FF7C80"
WARNING_FILL = "FFC000"


ABOUT_LANGUAGE = "Language"  # written only for a workbook not in English


# -- names in every language: what the reader accepts -------------------------------------------


def sheet_names(key: str) -> tuple[str, ...]:
    """A sheet's name in every language ("values" -> ("Values", "Значения")), English first."""
    from readiness.i18n.workbook import TEXTS

    return tuple(dict.fromkeys(t.sheets[key] for t in TEXTS.values()))


def find_sheet(key: str, names: list[str]) -> str | None:
    """The workbook's sheet for `key` (in whichever language it is named), or None."""
    for name in sheet_names(key):
        if name in names:
            return name
    return None


def header_keys() -> dict[str, str]:
    """Folded Values header in any language -> column key."""
    from readiness.i18n.workbook import TEXTS

    return {header.casefold(): key for t in TEXTS.values() for key, header in t.headers.items()}


def about_keys() -> dict[str, str]:
    """Folded About label in any language -> field key."""
    from readiness.i18n.workbook import TEXTS

    return {label.casefold(): key for t in TEXTS.values() for key, label in t.about.items()}


def column_letter(index0: int) -> str:
    """Excel column letters for a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    n = index0 + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(row0: int, col0: int) -> str:
    """A1 reference for 0-based row and column."""
    return f"{column_letter(col0)}{row0 + 1}"


def indicator_rows(rubric: Rubric) -> list[tuple[Node, Indicator]]:
    """Every indicator with its pillar (parent node), grouped by pillar in rubric order."""
    out: list[tuple[Node, Indicator]] = []
    for node in rubric.nodes:
        for child in rubric.children[node.id]:
            indicator = rubric.indicator_by_id.get(child)
            if indicator is not None:
                out.append((node, indicator))
    return out
