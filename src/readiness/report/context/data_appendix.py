"""The overview's data appendix: the input files with their SHA-256, and, when the inputs carry
it, where each value was taken from (repository, commit, file, field). That machine provenance
belongs here and in the manifest, never in an evidence note or a reference."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from readiness import format as fmt
from readiness.report.context.citations import Citations
from readiness.report.context.common import Ctx
from readiness.report.context.types import Fact

PROVENANCE_COLUMN = "provenance"  # optional evidence column: where a value was taken from


@dataclass(frozen=True)
class ProvenanceRow:
    refs: str  # reference numbers of the values taken from there
    taken_from: str
    used_for: str


@dataclass(frozen=True)
class DataAppendix:
    inputs: tuple[Fact, ...]
    rows: tuple[ProvenanceRow, ...]
    note: str


def build_data_appendix(
    ctx: Ctx, pairs: Sequence[tuple[str, str]], citations: Citations
) -> DataAppendix:
    inputs = ctx.input_facts()
    groups: dict[str, list[tuple[str, str]]] = {}
    if PROVENANCE_COLUMN in ctx.evidence.columns:
        for unit, ind in pairs:
            key = (unit, ind)
            if key not in ctx.evidence.index:
                continue
            text = fmt.cap(ctx.evidence.loc[key, PROVENANCE_COLUMN], fmt.CAP_SOURCE)
            if text:
                groups.setdefault(text, []).append(key)
    rows = []
    order = ctx.indicator_order()
    for text, uses in groups.items():
        indicators = sorted({i for _, i in uses}, key=order)
        used = "; ".join(
            f"{ctx.item_name(i)} ({', '.join(ctx.code(u) for u, j in uses if j == i)})"
            for i in indicators
        )
        rows.append(ProvenanceRow(citations.numbers(uses), text, fmt.cap(used, 400)))
    note = (
        "Where each value was taken from, as the inputs record it: the data sets, files and "
        "fields the values were read from. The references give the published sources."
        if rows
        else "The inputs record no provenance beyond the published sources in the references."
    )
    return DataAppendix(inputs, tuple(rows), note)
