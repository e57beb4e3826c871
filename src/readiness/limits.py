"""Every resource limit in one place: what readiness reads, builds and renders is bounded here.

Each limit is checked before the expensive work it guards (a file's size before it is opened,
a sheet's rows before it is loaded, a rubric's indicators before it is validated), and the
message names the limit that was hit. Within these limits every command's time and memory grow
at most linearly with the number of indicators and units (benchmarks/bench_scaling.py). The
README's table of limits is generated from `LIMITS` (a test keeps them in step).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

MB = 2**20


@dataclass(frozen=True)
class Limit:
    name: str  # how messages and the README name it
    value: int
    unit: str  # "bytes", "rows", ... (bytes are shown in MB)
    code: str  # the problem code reported when it is hit
    why: str  # one line: what it protects

    def shown(self, amount: int | None = None) -> str:
        n = self.value if amount is None else amount
        if self.unit == "bytes":
            return f"{n / MB:,.1f} MB" if n % MB else f"{n // MB:,} MB"
        return f"{n:,} {self.unit}".strip()

    def exceeded(self, what: str, found: int | None = None) -> str:
        """A message naming the limit, e.g. 'the sheet has 300,001 rows; the limit is 250,000
        rows (rows per sheet or CSV file)'; `found` None: more than the limit (not counted)."""
        have = self.shown(found) if found is not None else f"more than {self.shown()}"
        return f"{what} has {have}; the limit is {self.shown()} ({self.name})"


# One limit a line reads better than wrapped calls: this table is data.
# fmt: off
# -- input files --
INPUT_FILE = Limit("size of a values file", 64 * MB, "bytes", "limit-file-size", "a values workbook or CSV is a few MB; larger is the wrong file or a bomb")
RUBRIC_FILE = Limit("size of a rubric file", 4 * MB, "bytes", "limit-file-size", "a rubric of 1,000 indicators with definitions is about 3 MB")
UNPACKED = Limit("unpacked size of a workbook", 512 * MB, "bytes", "limit-unpacked-size", "zip bombs: the parts of a workbook decompressed")
UNPACKED_PART = Limit("unpacked size of one workbook part", 256 * MB, "bytes", "limit-unpacked-size", "zip bombs: one sheet or shared-string table decompressed")
INDEX_PART = Limit("unpacked size of a workbook's sheet list or relationships", 16 * MB, "bytes", "limit-unpacked-size", "a few KB in any real workbook")
SHEETS = Limit("sheets per workbook", 64, "sheets", "limit-sheets", "the template has six; thousands make opening slow")
ROWS = Limit("rows per sheet or CSV file", 250_000, "rows", "limit-rows", "one row per unit and indicator: 250 units x 1,000 indicators")
COLUMNS = Limit("columns per CSV file", 2_048, "columns", "limit-columns", "a wide CSV has one column per indicator")
SHEET_CELLS = Limit("cells spanned by a sheet", 4_000_000, "cells", "limit-sheet-extent", "the reader holds a sheet's bounding box in memory")
CELL_TEXT = Limit("characters in a cell", 32_767, "characters", "limit-cell-length", "Excel's own limit; longer text is not typed by hand")
YAML_VALUES = Limit("YAML values after expanding aliases", 1_000_000, "values", "yaml-aliases", "alias bombs ('billion laughs') in a rubric")
# -- the rubric --
INDICATORS = Limit("indicators per rubric", 1_000, "indicators", "limit-indicators", "each scorecard lists every indicator; report measured linear up to here")
NODES = Limit("aggregate nodes per rubric", 500, "nodes", "limit-nodes", "pillars, sub-indices and the index")
DEPTH = Limit("levels in the hierarchy", 8, "levels", "limit-depth", "index to indicator; COINr's ASEM example has 4")
UNITS = Limit("units (countries) scored at once", 5_000, "units", "limit-units", "one scorecard PDF per unit")
# -- what readiness writes --
TEMPLATE_ROWS = Limit("rows in an officials' workbook", ROWS.value - 1, "rows", "limit-template-rows", "the workbook must be readable back (rows per sheet)")
TEMPLATE_OUTPUT = Limit("characters of HTML a report template writes", 20_000_000, "characters", "limit-template-output", "a scorecard is ~2.5 KB per indicator; a runaway loop is endless")
TEMPLATE_REPEAT = Limit("items a template builds with *", 1_000_000, "items", "template-error", "'x' * 10**9 in a user's template")
TEMPLATE_EXPONENT = Limit("exponent a template may use with **", 64, "", "template-error", "2 ** 10**6 in a user's template")
RESOURCE = Limit("size of a file a report loads", 32 * MB, "bytes", "resource-blocked", "a font is under 1 MB; /dev/zero is endless")

LIMITS: tuple[Limit, ...] = (
    INPUT_FILE,
    RUBRIC_FILE,
    UNPACKED,
    UNPACKED_PART,
    INDEX_PART,
    SHEETS,
    ROWS,
    COLUMNS,
    SHEET_CELLS,
    CELL_TEXT,
    YAML_VALUES,
    INDICATORS,
    NODES,
    DEPTH,
    UNITS,
    TEMPLATE_ROWS,
    TEMPLATE_OUTPUT,
    TEMPLATE_REPEAT,
    TEMPLATE_EXPONENT,
    RESOURCE,
)
# fmt: on


def file_too_large(path: str | os.PathLike[str], limit: Limit) -> str | None:
    """Why the file at `path` is over `limit` (a size limit), or None. Missing files pass: the
    reader reports them."""
    try:
        size = Path(path).stat().st_size
    except OSError:
        return None
    if size <= limit.value:
        return None
    return limit.exceeded("the file", size).replace("has", "is", 1)


README_BEGIN = "<!-- limits:begin (generated from readiness.limits) -->"
README_END = "<!-- limits:end -->"


def readme_table() -> str:
    lines = [README_BEGIN, "| limit | value | problem code | why |", "|---|---|---|---|"]
    for limit in LIMITS:
        lines.append(f"| {limit.name} | {limit.shown()} | `{limit.code}` | {limit.why} |")
    lines.append(README_END)
    return "\n".join(lines)
