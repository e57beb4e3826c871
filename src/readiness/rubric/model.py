"""The rubric: a declarative description of a composite indicator, validated by pydantic v2.

A rubric names the units it scores, the indicators (leaves) and aggregate nodes (pillars,
sub-indices, index) of a hierarchy of any depth, how each indicator is normalised, how each node
aggregates its children, and the rubric-wide policies (missing data, outliers, bands, rank ties).
Cross-references (parents, denominators) and graph shape are checked in `check_structure`, so
that every structural problem is reported at once with its field path.
"""

from __future__ import annotations

import math
from functools import cached_property
from typing import Literal

from pydantic import ConfigDict, Field

from readiness.rubric.base import ID_PATTERN, Id, Strict, invalid
from readiness.rubric.indicator import (
    YES_NO_LEVELS,
    Denominator,
    Indicator,
    Kind,
    Level,
    Lever,
    Limits,
)
from readiness.rubric.node import Aggregation, Node, OnZero
from readiness.rubric.normalisation import (
    AlternativeNormalisation,
    DistanceToTarget,
    Goalposts,
    MinMax,
    Normalisation,
    Rank,
    ZScore,
)
from readiness.rubric.policy import (
    Band,
    Ceiling,
    Imputation,
    MissingData,
    Outliers,
    PathPolicy,
    RankTies,
    Role,
    Unit,
)
from readiness.rubric.uncertainty import Sobol, Uncertainty, WeightNoise

__all__ = [
    "ID_PATTERN",
    "YES_NO_LEVELS",
    "Aggregation",
    "AlternativeNormalisation",
    "Band",
    "Ceiling",
    "Denominator",
    "DistanceToTarget",
    "Goalposts",
    "Id",
    "Imputation",
    "Indicator",
    "Kind",
    "Level",
    "Lever",
    "Limits",
    "MinMax",
    "MissingData",
    "Node",
    "Normalisation",
    "OnZero",
    "Outliers",
    "PathPolicy",
    "Rank",
    "RankTies",
    "Reference",
    "Role",
    "Rubric",
    "Sobol",
    "Strict",
    "Uncertainty",
    "Unit",
    "WeightNoise",
    "ZScore",
    "invalid",
]


class Reference(Strict):
    """A cited fact shown on reports (context, not scored)."""

    text: str = Field(min_length=1, description="The fact as stated.")
    source: str = Field(min_length=1, description="Where it is stated.")


class Rubric(Strict):
    schema_: str | None = Field(
        default=None, alias="$schema", description="Optional JSON Schema reference for editors."
    )
    id: Id = Field(description="Stable rubric identifier.")
    title: str = Field(min_length=1, description="Title shown on reports.")
    version: str = Field(min_length=1, description="Rubric version, shown on every scorecard.")
    description: str = Field(default="", description="What the rubric measures and why.")
    period_type: Literal["quarter", "year"] = Field(
        default="quarter", description="Reporting period: quarter (2026-Q4) or year (2026)."
    )
    units: tuple[Unit, ...] = Field(
        default=(), description="Units scored. Empty: whatever units the inputs hold."
    )
    denominators: tuple[Denominator, ...] = Field(
        default=(), description="Quantities indicators can be divided by."
    )
    nodes: tuple[Node, ...] = Field(
        description="Aggregate nodes: pillars, sub-indices and one root index."
    )
    indicators: tuple[Indicator, ...] = Field(description="The indicators.")
    missing_data: MissingData = Field(default_factory=MissingData, description="Missing data.")
    outliers: Outliers = Field(default_factory=Outliers, description="Outlier treatment.")
    max_age_years: float = Field(
        default=3.0, gt=0, description="Default age after which a value is flagged stale."
    )
    bands: tuple[Band, ...] = Field(
        default=(), description="Ordered bands, highest threshold first."
    )
    rank_ties: RankTies = Field(
        default=RankTies.MIN,
        description="min: ties share the best rank and the next is skipped (1,1,3); dense: 1,1,2.",
    )
    context: tuple[Reference, ...] = Field(
        default=(), description="Cited context shown on the regional report."
    )
    uncertainty: Uncertainty | None = Field(
        default=None,
        description="Uncertainty and sensitivity analysis run with every report (omit: none).",
    )
    path: PathPolicy = Field(
        default_factory=PathPolicy,
        description="Feasible ceilings for the path to the next band.",
    )

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False
    )

    # -- derived views (computed once; rubric is immutable) --

    @cached_property
    def root(self) -> Node:
        return next(n for n in self.nodes if n.parent is None)

    @cached_property
    def node_by_id(self) -> dict[str, Node]:
        return {n.id: n for n in self.nodes}

    @cached_property
    def indicator_by_id(self) -> dict[str, Indicator]:
        return {i.id: i for i in self.indicators}

    @cached_property
    def children(self) -> dict[str, list[str]]:
        """Child ids of each node, in rubric order (indicators first, then nodes)."""
        out: dict[str, list[str]] = {n.id: [] for n in self.nodes}
        items: list[Indicator | Node] = [*self.indicators, *self.nodes]
        for item in items:
            if item.parent is not None and item.parent in out:
                out[item.parent].append(item.id)
        return out

    @cached_property
    def levels(self) -> dict[str, int]:
        """Level of every id: indicators 1, each node 1 + its highest child (COINr numbering)."""
        level: dict[str, int] = {i.id: 1 for i in self.indicators}
        # Iterative, children before parents: a recursive walk overflowed Python's stack on a
        # hierarchy a few hundred nodes deep.
        for n in self.nodes:
            stack = [n.id]
            while stack:
                node_id = stack[-1]
                if node_id in level:
                    stack.pop()
                    continue
                pending = [c for c in self.children[node_id] if c not in level]
                if pending:
                    stack.extend(pending)
                    continue
                stack.pop()
                level[node_id] = 1 + max((level[c] for c in self.children[node_id]), default=1)
        return level

    @cached_property
    def aggregation_order(self) -> list[str]:
        """Node ids in an order where every node comes after all of its children."""
        return sorted((n.id for n in self.nodes), key=lambda i: (self.levels[i], self._pos[i]))

    @cached_property
    def _pos(self) -> dict[str, int]:
        return {n.id: k for k, n in enumerate(self.nodes)}

    @cached_property
    def reference_units(self) -> frozenset[str]:
        """Ids of the units declared with role `reference` (never ranked)."""
        return frozenset(u.id for u in self.units if u.role is Role.REFERENCE)

    @cached_property
    def pillars(self) -> list[Node]:
        """Nodes whose children are indicators (level 2)."""
        return [n for n in self.nodes if self.levels[n.id] == 2]

    def weight_of(self, item_id: str) -> float:
        if item_id in self.indicator_by_id:
            return self.indicator_by_id[item_id].weight
        return self.node_by_id[item_id].weight

    def min_coverage_of(self, node_id: str) -> float:
        node = self.node_by_id[node_id]
        return (
            node.min_coverage if node.min_coverage is not None else self.missing_data.min_coverage
        )

    def max_age_of(self, indicator_id: str) -> float:
        ind = self.indicator_by_id[indicator_id]
        return ind.max_age_years if ind.max_age_years is not None else self.max_age_years

    def band_for(self, score: float) -> str | None:
        """Label of the highest band whose threshold `score` reaches; None without a score."""
        band = self.band_of_score(score)
        return None if band is None else band.label

    def band_of_score(self, score: float) -> Band | None:
        """The band `score` falls in (bands are listed highest threshold first)."""
        if math.isnan(score):
            return None
        for band in self.bands:
            if score >= band.min:
                return band
        return None

    def band_named(self, label: str) -> Band | None:
        return next((b for b in self.bands if b.label == label), None)

    def next_band(self, score: float) -> Band | None:
        """The lowest band whose threshold lies above `score` (None in the top band)."""
        above = [b for b in self.bands if b.min > score]
        return min(above, key=lambda b: b.min) if above else None

    @cached_property
    def thresholds(self) -> tuple[float, ...]:
        """Every band's lower bound, highest first: the values printed scores must respect."""
        return tuple(b.min for b in self.bands)

    def parent_of(self, item_id: str) -> str | None:
        """Parent node id of an indicator or node (None for the index)."""
        if item_id in self.indicator_by_id:
            return self.indicator_by_id[item_id].parent
        return self.node_by_id[item_id].parent

    def pillar_of(self, indicator_id: str) -> Node:
        """The pillar an indicator feeds. A node cannot mix indicators and nodes as children,
        so an indicator's parent is always a level-2 node, a pillar."""
        return self.node_by_id[self.indicator_by_id[indicator_id].parent]

    def indicators_of(self, node_id: str) -> list[Indicator]:
        """The indicators directly under a node, in rubric order."""
        return [
            self.indicator_by_id[k] for k in self.children[node_id] if k in self.indicator_by_id
        ]

    def weight_share(self, item_id: str) -> float:
        """An item's weight over the total weight of its siblings (1 for the index)."""
        parent = self.parent_of(item_id)
        if parent is None:
            return 1.0
        total = sum(self.weight_of(k) for k in self.children[parent])
        return self.weight_of(item_id) / total if total else 0.0

    def nominal_share(self, item_id: str) -> float:
        """An item's share of the index with every sibling present: the product of its weight
        shares up the tree (x 100 = the most index points it could add)."""
        share = 1.0
        item: str | None = item_id
        while item is not None:
            share *= self.weight_share(item)
            item = self.parent_of(item)
        return share
