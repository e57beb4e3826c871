"""Lookups shared by every section builder: names, printed scores, bands, evidence, raw values.

One `Ctx` is built per report set. It asks the rubric and the result what they know (a node's
pillar, the band of a score, effective weight shares) rather than working it out again.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd

from readiness import format as fmt
from readiness.engine.paths import NextBandPath
from readiness.engine.result import Result
from readiness.engine.sensitivity import Sensitivity
from readiness.engine.uncertainty import Robustness
from readiness.report import charts
from readiness.report.context.types import BandRow, Fact, Meta
from readiness.rubric.model import Indicator, Kind, Node, Rubric
from readiness.trend.attribution import Attribution
from readiness.trend.series import Trend

N_HIGHLIGHTS = 3
N_BAND_CLASSES = 5  # band-1 (best) .. band-5; CSS defines exactly these plus band-none

AUTHOR = "readiness, open-source readiness scoring engine"  # PDF author metadata
EMPTY_EVIDENCE = {"as_of": "", "source": "", "source_url": "", "note": ""}


def band_slots(rubric: Rubric) -> dict[str, int]:
    """Band label -> palette slot 0 (best) .. 4, spread evenly when there are not 5 bands."""
    ordered = sorted(rubric.bands, key=lambda b: -b.min)
    n = len(ordered)
    out = {}
    for k, band in enumerate(ordered):
        out[band.label] = 0 if n <= 1 else round(k * (N_BAND_CLASSES - 1) / (n - 1))
    return out


class Ctx:
    """Shared lookups for building every document of one result."""

    def __init__(
        self,
        result: Result,
        previous: Result | None,
        paths: Mapping[str, NextBandPath],
        trend: Trend | None = None,
        robustness: Robustness | None = None,
        sensitivity: Sensitivity | None = None,
        change: Attribution | None = None,
    ) -> None:
        self.result = result
        self.previous = previous
        self.trend = trend  # every recorded period and the latest change by cause (trend.py)
        # The change since the previous period split by cause: the one source of every change
        # the documents print (change section, ranking column, trend table).
        self.change = change if change is not None else trend.attribution if trend else None
        self.rubric = result.rubric
        self.root = result.rubric.root.id
        self.slots = band_slots(result.rubric)
        self.levers = frozenset(i.id for i in result.rubric.indicators if i.actionable)
        self.evidence = result.evidence
        self.contrib = result.contributions.set_index(["unit", "id"])
        # Reference units are scored and banded but never ranked or counted among the assessed.
        ranking = result.ranking()
        self.ranking = ranking[ranking["unit"].isin(result.assessed_units)].reset_index(drop=True)
        self.scored = [
            str(u)
            for u, s in zip(self.ranking["unit"], self.ranking["score"], strict=True)
            if not math.isnan(s)
        ]
        self.pillars: list[Node] = list(result.rubric.pillars)
        self.paths = paths  # computed by the library (readiness.engine.paths)
        # The uncertainty analysis and Sobol indices, when the library ran them.
        self.robustness = robustness
        self.sensitivity = sensitivity
        self.thresholds = tuple(
            charts.Threshold(fmt.cap(b.label, 40), b.min, self.slots[b.label])
            for b in result.rubric.bands
        )
        # One precision per indicator for every raw value printed, this period and the last.
        self.decimals = {
            i.id: fmt.decimals_for(self._raw_values(i.id), i.decimals)
            for i in result.rubric.indicators
        }

    def _raw_values(self, ind_id: str) -> list[float]:
        values = list(self.result.raw[ind_id].to_numpy(dtype=float))
        if self.previous is not None and ind_id in self.previous.raw.columns:
            values += list(self.previous.raw[ind_id].to_numpy(dtype=float))
        return values

    # names and labels
    def name(self, unit: str) -> str:
        return fmt.cap(self.result.unit_names.get(unit, unit), fmt.CAP_LABEL) or unit

    def code(self, unit: str) -> str:
        return fmt.cap(unit, 12)

    def item_name(self, item_id: str) -> str:
        r = self.rubric
        item: Indicator | Node = (
            r.indicator_by_id[item_id] if item_id in r.indicator_by_id else r.node_by_id[item_id]
        )
        return fmt.cap(item.name, fmt.CAP_LABEL)

    def pillar_name(self, indicator_id: str, limit: int = fmt.CAP_LABEL) -> str:
        return fmt.cap(self.rubric.pillar_of(indicator_id).name, limit)

    def show(self, value: float) -> str:
        """An aggregate score as printed: 1 decimal, never rounded up into the next band."""
        return fmt.score(value, self.rubric.thresholds)

    def show_change(self, before: float, after: float) -> str:
        """The change between two aggregate scores: the difference of the printed numbers."""
        return fmt.change(before, after, self.rubric.thresholds)

    def index_reason(self, unit: str) -> str:
        """Why a unit has no index score, in words (the engine's reason speaks of weight)."""
        reason = fmt.clean(self.result.reasons.at[unit, self.root])
        if not reason:
            return ""
        kids = self.rubric.children[self.root]
        nodes = [k for k in kids if k in self.rubric.node_by_id]
        if nodes and len(nodes) == len(kids):
            have = sum(not math.isnan(self.score_of(unit, k)) for k in nodes)
            need = self.rubric.min_coverage_of(self.root)
            what = f"all {len(nodes)}" if need >= 1 else f"{fmt.percent(need)} of the weight"
            pillar_ids = {p.id for p in self.pillars}
            noun = "pillars" if set(nodes) <= pillar_ids else "components"
            return f"only {have} of {len(nodes)} {noun} can be scored and the rubric needs {what}"
        return fmt.cap(reason.removeprefix("insufficient data: "), 200)

    def score_of(self, unit: str, node_id: str) -> float:
        return self.result.score_of(unit, node_id)

    def band_of(self, unit: str) -> str | None:
        return self.result.band_of(unit)

    def band_class(self, label: str | None) -> str:
        if label is None or label not in self.slots:
            return "band-none"
        return f"band-{self.slots[label] + 1}"

    def slot_for(self, value: float) -> int | None:
        label = self.rubric.band_for(value)
        return None if label is None else self.slots[label]

    def period(self) -> str:
        return fmt.cap(self.result.period, 40) or "period not stated"

    def rank_text(self, unit: str) -> str:
        rank = self.result.ranks.at[unit, self.root]
        if pd.isna(rank):
            return "not ranked"
        return f"{int(rank)} of {len(self.scored)}"

    def raw(self, unit: str, ind_id: str) -> float:
        return float(self.result.raw.at[unit, ind_id])

    def has_value(self, unit: str, ind_id: str) -> bool:
        return not math.isnan(self.raw(unit, ind_id))

    def n_reported(self, unit: str) -> int:
        return sum(self.has_value(unit, i.id) for i in self.rubric.indicators)

    def n_pillars_scored(self, unit: str) -> int:
        return sum(not math.isnan(self.score_of(unit, p.id)) for p in self.pillars)

    def is_stale(self, unit: str, ind_id: str) -> bool:
        flag = self.result.stale.at[unit, ind_id]
        return False if pd.isna(flag) else bool(flag)

    def is_imputed(self, unit: str, ind_id: str) -> bool:
        return bool(self.result.imputed_mask.at[unit, ind_id])

    def evidence_of(self, unit: str, ind_id: str) -> dict[str, str]:
        key = (unit, ind_id)
        if key not in self.evidence.index:
            return dict(EMPTY_EVIDENCE)
        row = self.evidence.loc[key]
        if isinstance(row, pd.DataFrame):  # duplicated key: the engine refuses it, be safe
            row = row.iloc[0]
        return {k: str(row[k]) for k in EMPTY_EVIDENCE}

    def raw_text(self, ind: Indicator, raw: float) -> tuple[str, str]:
        """Raw value as shown: a level label with its position, or a number with its unit."""
        if math.isnan(raw):
            return "missing", "not found; not counted as 0"
        if ind.kind is not Kind.NUMERIC:
            level = ind.level_for(raw)
            values = [lv.value for lv in ind.scale]
            span = f"{fmt.number(min(values))}-{fmt.number(max(values))}"
            label = fmt.cap(level.label, fmt.CAP_LABEL) if level else fmt.number(raw)
            if ind.kind is Kind.YES_NO:
                return label, ""
            return label, f"level {fmt.number(raw)} of {span}"
        return fmt.fixed(raw, self.decimals[ind.id]), fmt.cap(ind.unit, 60)

    def as_of(self, unit: str, ind_id: str) -> tuple[str, str]:
        """A value's as-of date as printed and what it means ("2023", "data year")."""
        text = self.evidence_of(unit, ind_id)["as_of"]
        ind = self.rubric.indicator_by_id[ind_id]
        label = fmt.as_of_label(ind.as_of_label, text, numeric=ind.kind is Kind.NUMERIC)
        return fmt.cap(fmt.date(text), 40), fmt.cap(label, 60)

    def effective_share(self, unit: str, item_id: str) -> float:
        return self.result.effective_share(unit, item_id)

    def band_with(self, value: float) -> str:
        """A score with its band in brackets: "74.9 (Investment-ready)"."""
        band = self.rubric.band_for(value)
        return f"{self.show(value)} ({fmt.cap(band, 60)})" if band else self.show(value)

    def indicator_order(self) -> Callable[[str], int]:
        order = {i.id: k for k, i in enumerate(self.rubric.indicators)}
        return lambda i: order.get(i, 0)

    def footer(self) -> str:
        r = self.rubric
        return f"Rubric {fmt.cap(r.id, 80)} v{fmt.cap(r.version, 40)} · period {self.period()}"

    def meta(
        self, *, title: str, kicker: str, heading: str, subheading: str, filename: str
    ) -> Meta:
        return Meta(
            title=title,
            kicker=kicker,
            heading=heading,
            subheading=subheading,
            series=fmt.cap(self.rubric.title, fmt.CAP_LABEL),
            footer=self.footer(),
            filename=filename,
            author=AUTHOR,
            keywords=", ".join(
                k for k in (fmt.cap(self.rubric.id, 80), self.period(), heading) if k
            ),
        )

    def thresholds_text(self) -> str:
        """The band thresholds in words, for chart alt texts: "Investment-ready from 70, ..."."""
        return ", ".join(
            f"{fmt.cap(b.label, 60)} from {b.min:g}" for b in self.rubric.bands if b.min > 0
        )

    def input_facts(self) -> tuple[Fact, ...]:
        """Rubric, version, period and each input file with its SHA-256."""
        r = self.rubric
        facts = [
            Fact("Rubric", f"{fmt.cap(r.title, fmt.CAP_LABEL)} ({fmt.cap(r.id, 80)})"),
            Fact("Rubric version", fmt.cap(r.version, 40)),
            Fact("Period", self.period()),
        ]
        files = self.result.inputs
        if not files:
            facts.append(Fact("Input file", "not recorded"))
        for k, f in enumerate(files, start=1):
            n = f" {k}" if len(files) > 1 else ""
            facts.append(Fact(f"Input file{n}", fmt.cap(Path(f.origin).name, 200)))
            facts.append(Fact(f"Input SHA-256{n}", fmt.cap(f.sha256, 80) or "not recorded", "hash"))
        return tuple(facts)

    def band_rows(self) -> tuple[BandRow, ...]:
        """Every band, best first, with its range and meaning (methodology and legends)."""
        ordered = sorted(self.rubric.bands, key=lambda b: -b.min)
        bands = []
        for k, b in enumerate(ordered):
            upper = ordered[k - 1].min if k else None
            rng = f"{b.min:g} and above" if upper is None else f"{b.min:g} to under {upper:g}"
            bands.append(
                BandRow(
                    fmt.cap(b.label, fmt.CAP_LABEL),
                    rng,
                    fmt.cap(b.description, fmt.CAP_LONG),
                    self.band_class(b.label),
                )
            )
        return tuple(bands)


def short_reason(reason: object) -> str:
    text = fmt.clean(reason).removeprefix("insufficient data: ")
    return fmt.cap(text, 70) or "too few values"
