"""The overview's data appendix: the input files with their SHA-256, and where the values behind
each reference were taken from (dataset, repository and commit, file, what was read), as the
inputs' provenance records it (`Result.provenance`). That machine provenance belongs here and in
the manifest, never in an evidence note or a reference.

Each place is printed for a reader who has not seen the data folder: one plain sentence on what
kind of source it is (a copy of the publisher's own file found in a public repository, or a
compilation of web pages), the commit as a short hash with the full hash in one unbroken piece,
and what was read as one compact line (which countries, years and fields), not row by row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from readiness import format as fmt
from readiness.report.context.citations import Citations
from readiness.report.context.common import Ctx
from readiness.report.context.types import Fact

MAX_READ = fmt.CAP_NOTE
SHORT_HASH = 7
# Keys in the provenance's "fields" that name a country (by ISO3 code) or a year.
UNIT_KEYS = ("code", "iso3", "iso3_added")
YEAR_KEYS = ("year", "edition")
HEX = re.compile(r"[0-9a-f]{8,64}")

# What each kind of place is, in the words of the data folder's PROVENANCE.md (its parts A and B).
MIRROR = (
    "A copy of the publisher's own data file, found in a public GitHub repository and read at "
    "the commit given so that it can be re-read; only the rows for the countries scored were "
    "copied into the project's extract."
)
COMPILED = (
    "Compiled for this project from public web pages (no machine-readable file was found for "
    "these facts); each value's own web address is in the references."
)
CHECK = (
    "A cross-check of the compiled evidence, recorded in PROVENANCE.md itself; each value's own "
    "web address is in the references."
)
NOTE = (
    "Where the values behind each reference were taken from, as the inputs record it. "
    "PROVENANCE.md is the record kept with the project's data of where every data file came "
    "from; 'section n' points into it. The references give the published sources."
)


@dataclass(frozen=True)
class ProvenanceRow:
    refs: str  # reference numbers of the values taken from there: "4", "7-9"
    dataset: str  # the dataset as the provenance names it
    kind: str  # one plain sentence: what this place is
    repository: str  # repository and path ("" for a compilation)
    commit_short: str  # "8569d44" ("" when none)
    commit: str  # the full hash, printed in one unbroken piece
    file: str  # the project's extract
    read: str  # which countries, years and fields were read, in one line

    @property
    def taken_from(self) -> str:
        """Dataset; repository at commit; file (one line, for tests and plain text)."""
        repo = self.repository + (f" at commit {self.commit}" if self.commit else "")
        return "; ".join(p for p in (self.dataset, repo, self.file) if p)

    @property
    def fields(self) -> str:
        return self.read


@dataclass(frozen=True)
class DataAppendix:
    inputs: tuple[Fact, ...]
    rows: tuple[ProvenanceRow, ...]
    note: str


def _tokens(fields: str) -> list[list[str]]:
    """The provenance's fields: rows separated by " | ", tokens within a row by "; "."""
    return [
        [t.strip() for t in part.split(";") if t.strip()]
        for part in fields.split(" | ")
        if part.strip()
    ]


def units_named(fields: str) -> set[str]:
    """The country codes a provenance record names (empty: it names none)."""
    out = set()
    for row in _tokens(fields):
        for token in row:
            key, eq, value = token.partition("=")
            if eq and key.strip() in UNIT_KEYS:
                out.add(value.strip())
    return out


def summarise(fields: Sequence[str], unit_order: Sequence[str]) -> str:
    """Rows and fields read, in one line: "KAZ, KGZ, AUS; year 2023; indicator: cc, rl; columns
    pctrank, estimate" (each country, year, key value and column list once)."""
    units: list[str] = []
    years: list[str] = []
    keyed: dict[str, list[str]] = {}
    other: list[str] = []
    for text in fields:
        for row in _tokens(text):
            for token in row:
                key, eq, value = token.partition("=")
                key, value = key.strip(), value.strip()
                if eq and key in UNIT_KEYS:
                    bucket = units
                elif eq and key in YEAR_KEYS:
                    bucket = years
                elif eq:
                    bucket = keyed.setdefault(key, [])
                else:
                    bucket, value = other, token
                if value not in bucket:
                    bucket.append(value)
    rank = {u: k for k, u in enumerate(unit_order)}
    parts = []
    if units:
        parts.append(", ".join(sorted(units, key=lambda u: (rank.get(u, len(rank)), u))))
    if years:
        parts.append(("year " if len(years) == 1 else "years ") + ", ".join(sorted(years)))
    parts += [f"{key}: {', '.join(values)}" for key, values in keyed.items()]
    parts += other
    return fmt.cap("; ".join(parts), MAX_READ)


def _repository(repo: str) -> str:
    return fmt.cap(repo, fmt.CAP_SOURCE)


def build_data_appendix(
    ctx: Ctx, pairs: Sequence[tuple[str, str]], citations: Citations
) -> DataAppendix:
    by_source: dict[str, list[tuple[str, str]]] = {}
    for unit, ind in pairs:
        source = fmt.clean(ctx.evidence_of(unit, ind)["source"])
        if source:
            by_source.setdefault(source, []).append((unit, ind))
    # One row per place the values were taken from (a data set's file at a commit), with every
    # reference that draws on it and what was read there. Two places may carry the same source
    # text ("Web pages: eiti.org (primary)" for one country's validation and another's status):
    # a record that names its countries claims only those countries' values.
    groups: dict[tuple[str, str, str, str], tuple[list[tuple[str, str]], list[str]]] = {}
    for rec in ctx.result.provenance.to_dict("records"):
        row = {k: fmt.clean(v) for k, v in rec.items()}
        named = units_named(row["fields"])
        uses = [
            p
            for p in by_source.get(row["source"], [])
            if citations.of(*p) and (not named or p[0] in named)
        ]
        if not uses:  # a citation of a value this document does not show
            continue
        key = (row["dataset"], row["repository"], row["commit"], row["file"])
        pairs_, fields = groups.setdefault(key, ([], []))
        pairs_.extend(p for p in uses if p not in pairs_)
        if row["fields"] and row["fields"] not in fields:
            fields.append(row["fields"])
    order = [str(u) for u in ctx.result.units]
    found = []
    for (dataset, repo, commit, file), (uses, fields) in groups.items():
        commit = commit if HEX.fullmatch(commit) else ""
        found.append(
            (
                min(int(citations.of(*p)) for p in uses),
                ProvenanceRow(
                    refs=citations.numbers(uses),
                    dataset=fmt.cap(dataset, fmt.CAP_SOURCE),
                    kind=MIRROR if repo else CHECK if file == "PROVENANCE.md" else COMPILED,
                    repository=_repository(repo),
                    commit_short=commit[:SHORT_HASH],
                    commit=commit,
                    file=fmt.cap(file, 200),
                    read=summarise(fields, order),
                ),
            )
        )
    rows = tuple(r for _, r in sorted(found, key=lambda t: (t[0], t[1].dataset)))
    note = (
        NOTE
        if rows
        else "The inputs record no provenance beyond the published sources in the references."
    )
    return DataAppendix(ctx.input_facts(), rows, note)
