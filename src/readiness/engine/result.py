"""The result of scoring: tidy frames for every stage, with ranks, bands and contributions."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from readiness.engine.frames import InputFileLike, empty_provenance
from readiness.engine.treat import Treatment
from readiness.rubric.model import Aggregation, Rubric


@dataclass(frozen=True)
class Result:
    """Everything `score` computed. Wide frames are indexed by unit (rubric order)."""

    rubric: Rubric
    period: str | None
    unit_names: pd.Series  # unit -> name
    raw: pd.DataFrame  # units x indicators, as given (categorical: level number)
    denominators: pd.DataFrame  # units x denominators, as given
    denominated: pd.DataFrame
    imputed: pd.DataFrame
    imputed_mask: pd.DataFrame  # True where a value was imputed
    treated: pd.DataFrame
    treatment: tuple[Treatment, ...]
    normalised: pd.DataFrame  # units x indicators, 0-100
    scores: pd.DataFrame  # units x nodes (NaN = insufficient data)
    coverage: pd.DataFrame  # units x nodes, share of child weight present
    reasons: pd.DataFrame  # units x nodes, "" or why the node has no score
    ranks: pd.DataFrame  # units x nodes, Int64
    bands: pd.Series  # unit -> band label of the index
    contributions: pd.DataFrame  # long: unit, id, parent, to_parent, to_index, potential
    stale: pd.DataFrame  # units x indicators, True / False / <NA> (no date)
    # The evidence frame the engine was given, per (unit, indicator): as_of, source, source_url,
    # note, low, high, contested. Kept as given, so reports read it from the result.
    evidence: pd.DataFrame
    attributes: pd.DataFrame  # unit -> name and grouping columns, as given
    origin: str = ""  # where the values came from (file name(s)), for reports and the manifest
    sha256: str = ""  # SHA-256 of the values file ("" when scored from memory)
    # Every input file the values were read from, with its SHA-256 (one or several).
    inputs: tuple[InputFileLike, ...] = ()
    # For each Source citation in the evidence: the dataset, repository, commit, file and fields
    # it was read from (empty when the inputs do not say), for a data appendix and the manifest.
    provenance: pd.DataFrame = field(default_factory=empty_provenance)

    @property
    def units(self) -> list[str]:
        return list(self.scores.index)

    @property
    def assessed_units(self) -> list[str]:
        """Units ranked against each other (every unit not declared as a reference)."""
        refs = self.rubric.reference_units
        return [u for u in self.units if u not in refs]

    @property
    def index_id(self) -> str:
        return self.rubric.root.id

    def score_of(self, unit: str, item_id: str) -> float:
        """An indicator's normalised score or a node's score; NaN when it has none."""
        if item_id in self.rubric.indicator_by_id:
            return float(self.normalised.at[unit, item_id])
        return float(self.scores.at[unit, item_id])

    def band_of(self, unit: str) -> str | None:
        """The band label of a unit's index score; None when it has no score."""
        band = self.bands.at[unit]
        return None if pd.isna(band) else str(band)

    def effective_share(self, unit: str, item_id: str) -> float:
        """Share of the index one item could carry for this unit, given what is present.

        Under an arithmetic mean a missing sibling's weight is spread over the present ones, so
        the most an item can add is its weight over the present weight, up the tree. Other means
        have no such simple bound: the nominal share is used. x 100 = index points possible.
        """
        r = self.rubric
        share = 1.0
        item = item_id
        while (parent := r.parent_of(item)) is not None:
            kids = r.children[parent]
            if r.node_by_id[parent].aggregation is Aggregation.ARITHMETIC:
                kids = [k for k in kids if not np.isnan(self.score_of(unit, k))]
            total = sum(r.weight_of(k) for k in kids)
            share *= r.weight_of(item) / total if total else 0.0
            item = parent
        return share

    def ranking(self) -> pd.DataFrame:
        """Units by index rank: unit, name, score, band, rank, coverage, reason."""
        root = self.index_id
        table = pd.DataFrame(
            {
                "unit": self.units,
                "name": self.unit_names.reindex(self.units).to_numpy(),
                "score": self.scores[root].to_numpy(),
                "band": self.bands.reindex(self.units).array,
                "rank": self.ranks[root].array,
                "coverage": self.coverage[root].to_numpy(),
                "reason": self.reasons[root].to_numpy(),
            }
        )
        order = np.lexsort(
            (table["unit"].to_numpy(), table["rank"].fillna(10**9).to_numpy(dtype=float))
        )
        return table.iloc[order].reset_index(drop=True)

    def tidy(self) -> pd.DataFrame:
        """One row per unit x rubric item (indicators, then nodes in aggregation order)."""
        r = self.rubric
        contrib = self.contributions.set_index(["unit", "id"])
        rows = []
        for unit in self.units:
            for ind in r.indicators:
                key = (unit, ind.id)
                rows.append(
                    {
                        "period": self.period or "",
                        "unit": unit,
                        "id": ind.id,
                        "type": "indicator",
                        "level": 1,
                        "parent": ind.parent,
                        "raw": self.raw.at[unit, ind.id],
                        "value": self.treated.at[unit, ind.id],
                        "imputed": bool(self.imputed_mask.at[unit, ind.id]),
                        "score": self.normalised.at[unit, ind.id],
                        "coverage": float(not np.isnan(self.normalised.at[unit, ind.id])),
                        "rank": pd.NA,
                        "band": pd.NA,
                        "contribution_to_parent": contrib.at[key, "to_parent"],
                        "contribution_to_index": contrib.at[key, "to_index"],
                        "stale": self.stale.at[unit, ind.id],
                        "reason": "" if not np.isnan(self.raw.at[unit, ind.id]) else "missing",
                    }
                )
            for node_id in r.aggregation_order:
                node = r.node_by_id[node_id]
                key = (unit, node_id)
                is_root = node.parent is None
                rows.append(
                    {
                        "period": self.period or "",
                        "unit": unit,
                        "id": node_id,
                        "type": "index" if is_root else "aggregate",
                        "level": r.levels[node_id],
                        "parent": node.parent or "",
                        "raw": np.nan,
                        "value": np.nan,
                        "imputed": False,
                        "score": self.scores.at[unit, node_id],
                        "coverage": self.coverage.at[unit, node_id],
                        "rank": self.ranks.at[unit, node_id],
                        "band": self.bands.at[unit] if is_root else pd.NA,
                        "contribution_to_parent": np.nan
                        if is_root
                        else contrib.at[key, "to_parent"],
                        "contribution_to_index": self.scores.at[unit, node_id]
                        if is_root
                        else contrib.at[key, "to_index"],
                        "stale": pd.NA,
                        "reason": self.reasons.at[unit, node_id],
                    }
                )
        frame = pd.DataFrame(rows)
        frame["rank"] = frame["rank"].astype("Int64")
        frame["stale"] = frame["stale"].astype("boolean")
        return frame
