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
        """One row per unit x rubric item (indicators, then nodes in aggregation order).

        Built column by column from the wide frames (each unit's block of rows is one row of
        a units x items matrix), never cell by cell: a rubric at the limits has 250,000 rows.
        """
        r = self.rubric
        units = self.units
        indicators = [ind.id for ind in r.indicators]
        nodes = list(r.aggregation_order)
        root = self.index_id
        n_units, n_ind, n_nodes = len(units), len(indicators), len(nodes)
        is_root = np.array([node == root for node in nodes])

        def wide(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
            return frame.reindex(index=units, columns=columns)

        def rows(on_indicators: np.ndarray, on_nodes: np.ndarray) -> np.ndarray:
            """Each unit's indicators, then its nodes, one unit after the other."""
            return np.concatenate([on_indicators, on_nodes], axis=1).reshape(-1)

        def numbers(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
            return (
                wide(frame, columns)
                .to_numpy(dtype=float, na_value=np.nan)
                .reshape(n_units, len(columns))
            )

        def objects(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
            return wide(frame, columns).astype(object).to_numpy().reshape(n_units, len(columns))

        def each_unit(items: list[object]) -> np.ndarray:
            block = np.empty((1, len(items)), dtype=object)
            block[0, :] = items
            return np.repeat(block, n_units, axis=0)

        contrib = self.contributions.set_index(["unit", "id"])
        to_parent = contrib["to_parent"].unstack()
        to_index = contrib["to_index"].unstack()
        normalised = numbers(self.normalised, indicators)
        raw = numbers(self.raw, indicators)
        node_scores = numbers(self.scores, nodes)
        missing = np.full((n_units, n_nodes), np.nan)
        no_value = np.full((n_units, n_ind), pd.NA, dtype=object)
        no_node_value = np.full((n_units, n_nodes), pd.NA, dtype=object)
        bands = self.bands.reindex(units).astype(object).to_numpy()
        node_bands = np.where(is_root, bands[:, None], pd.NA)
        items = [*indicators, *nodes]
        columns: dict[str, object] = {
            "period": [self.period or ""] * (n_units * len(items)),
            "unit": np.repeat(np.array(units, dtype=object), len(items)).tolist(),
            "id": items * n_units,
            "type": (["indicator"] * n_ind + [("index" if p else "aggregate") for p in is_root])
            * n_units,
            "level": ([1] * n_ind + [r.levels[node] for node in nodes]) * n_units,
            "parent": (
                [ind.parent for ind in r.indicators]
                + [r.node_by_id[node].parent or "" for node in nodes]
            )
            * n_units,
            "raw": rows(raw, missing),
            "value": rows(numbers(self.treated, indicators), missing),
            "imputed": rows(
                wide(self.imputed_mask, indicators).to_numpy(dtype=bool).reshape(n_units, n_ind),
                np.zeros((n_units, n_nodes), dtype=bool),
            ),
            "score": rows(normalised, node_scores),
            "coverage": rows((~np.isnan(normalised)).astype(float), numbers(self.coverage, nodes)),
            "rank": rows(no_value, objects(self.ranks, nodes)),
            "band": rows(no_value, node_bands),
            "contribution_to_parent": rows(
                numbers(to_parent, indicators),
                np.where(is_root, np.nan, numbers(to_parent, nodes)),
            ),
            "contribution_to_index": rows(
                numbers(to_index, indicators),
                np.where(is_root, node_scores, numbers(to_index, nodes)),
            ),
            "stale": rows(objects(self.stale, indicators), no_node_value),
            "reason": rows(
                np.where(np.isnan(raw), "missing", "").astype(object),
                objects(self.reasons, nodes),
            ).tolist(),
        }
        frame = pd.DataFrame(columns)
        frame["rank"] = frame["rank"].astype("Int64")
        frame["stale"] = frame["stale"].astype("boolean")
        return frame
