"""What the build makes: one `Fact` per (unit, indicator), with its citation and provenance."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from readiness.period import parse_as_of


@dataclass(frozen=True)
class Provenance:
    """Where a cited value sits in the project's data: never printed in a note or a Source."""

    dataset: str  # the publisher's dataset, as PROVENANCE.md names it
    repository: str  # GitHub repository (and path) the file was read from; "" for web compilations
    commit: str  # commit the file was read at; "" when none
    file: str  # the file in ../shared/data
    fields: str  # which rows and columns of that file


@dataclass(frozen=True)
class Fact:
    """One value for one (unit, indicator), with everything the workbook shows beside it."""

    unit: str
    indicator: str
    value: float | str | None  # a number, a level label, or None (not found)
    as_of: str  # ISO date text ("2024", "2024-09", "2024-09-30"), or "" when undated
    source: str  # a publisher citation
    source_url: str  # one or more URLs separated by " ; " ("" only with a stated reason)
    note: str  # evidence; for a level, ends with "Reading: ..." (the reasoning)
    provenance: tuple[Provenance, ...] = ()
    low: float | None = None
    high: float | None = None
    contested: bool = False
    # For the checks: the data text a reading rests on (evidence, values, dates of its rows).
    basis: tuple[str, ...] = field(default=(), compare=False)


def date_text(raw: object) -> str:
    """The ISO-date part of a data cell like '2024-09 (month only)'; '' when there is none."""
    if not isinstance(raw, str):
        return ""
    head = raw.strip().split(" ")[0]
    return head if parse_as_of(head) is not None else ""


def clean(text: object) -> str:
    """Cell text, '' for NaN or empty."""
    return "" if not isinstance(text, str) or text.strip().lower() == "nan" else text.strip()


def when(as_of: str) -> date | None:
    """The date an as-of text stands for (a year: 31 December; a month: its last day)."""
    return parse_as_of(as_of) if as_of else None


_DOMAIN = re.compile(r"^https?://([^/?#]+)", re.IGNORECASE)


def domain(url: str) -> str:
    """A URL's site name, e.g. 'adilet.zan.kz' ('www.' and a trailing dot dropped)."""
    found = _DOMAIN.match(url.strip())
    if found is None:
        return url.strip()
    return found.group(1).lower().removeprefix("www.").rstrip(".")


# A data compiler's notes to itself (to-dos, remarks on its own excerpts) are not evidence and
# are never printed: `reader_text` removes the to-dos and rewords the remarks, and writes units
# as a reader expects them. checks.TODO catches any left in a note.
_TODO_CLAUSES = re.compile(
    r"\s*[;,]\s*verify before shipping(?=\.)"  # "...was found; verify before shipping."
    r"|\s*\(value truncated in excerpt\)",
    re.IGNORECASE,
)
_REWORD = [
    (re.compile(r"\bnot given in the excerpt\b"), "not given in the text read"),
    (re.compile(r"\bkm2\b"), "km\u00b2"),
]


def reader_text(text: str) -> str:
    """Cell text as a reader sees it: the compiler's to-do clauses ('...; verify before
    shipping.') left out, its remarks on its own excerpts reworded, km2 written km\u00b2."""
    text = _TODO_CLAUSES.sub("", text)
    for pattern, words in _REWORD:
        text = pattern.sub(words, text)
    return text
