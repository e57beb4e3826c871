"""The overview's data appendix: the input files with their SHA-256, and where the values behind
each reference were taken from (dataset, repository and commit, file, fields), as the inputs'
provenance records it (`Result.provenance`). That machine provenance belongs here and in the
manifest, never in an evidence note or a reference."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from readiness import format as fmt
from readiness.report.context.citations import Citations
from readiness.report.context.common import Ctx
from readiness.report.context.types import Fact

MAX_FIELDS = fmt.CAP_NOTE


@dataclass(frozen=True)
class ProvenanceRow:
    refs: str  # reference numbers of the values taken from there: "4", "7-9"
    taken_from: str  # dataset; repository at commit; file
    fields: str  # the rows and fields read


@dataclass(frozen=True)
class DataAppendix:
    inputs: tuple[Fact, ...]
    rows: tuple[ProvenanceRow, ...]
    note: str


def _taken_from(row: dict[str, str]) -> str:
    repo = row["repository"]
    if repo and row["commit"]:
        repo += f" at commit {row['commit']}"
    parts = [row["dataset"], repo, row["file"]]
    return fmt.cap("; ".join(p for p in parts if p), fmt.CAP_SOURCE)


def build_data_appendix(
    ctx: Ctx, pairs: Sequence[tuple[str, str]], citations: Citations
) -> DataAppendix:
    by_source: dict[str, list[tuple[str, str]]] = {}
    for unit, ind in pairs:
        source = fmt.clean(ctx.evidence_of(unit, ind)["source"])
        if source:
            by_source.setdefault(source, []).append((unit, ind))
    # One row per place the values were taken from (a data set's file at a commit), with every
    # reference that draws on it and every row or field read there.
    groups: dict[str, tuple[list[tuple[str, str]], list[str]]] = {}
    for rec in ctx.result.provenance.to_dict("records"):
        row = {k: fmt.clean(v) for k, v in rec.items()}
        uses = [p for p in by_source.get(row["source"], []) if citations.of(*p)]
        if not uses:  # a citation of a value this document does not show
            continue
        pairs_, fields = groups.setdefault(_taken_from(row), ([], []))
        pairs_.extend(uses)
        for part in row["fields"].split(" | "):
            if part and part not in fields:
                fields.append(part)
    found = [
        (
            min(int(citations.of(*p)) for p in uses),
            ProvenanceRow(citations.numbers(uses), taken, fmt.cap(" | ".join(fields), MAX_FIELDS)),
        )
        for taken, (uses, fields) in groups.items()
    ]
    rows = tuple(r for _, r in sorted(found, key=lambda t: (t[0], t[1].taken_from)))
    note = (
        "Where the values behind each reference were taken from, as the inputs record it: the "
        "data set, the repository and commit, the file and the rows or fields read. The "
        "references give the published sources."
        if rows
        else "The inputs record no provenance beyond the published sources in the references."
    )
    return DataAppendix(ctx.input_facts(), rows, note)
