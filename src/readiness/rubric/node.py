"""Aggregate nodes (pillars, sub-indices, the index) and how each combines its children."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from readiness.rubric.base import Id, Strict


class Aggregation(StrEnum):
    ARITHMETIC = "arithmetic"
    GEOMETRIC = "geometric"
    HARMONIC = "harmonic"


class OnZero(StrEnum):
    """What a geometric or harmonic mean does when a child scores exactly 0."""

    ERROR = "error"
    INSUFFICIENT = "insufficient"
    OFFSET = "offset"


class Node(Strict):
    id: Id = Field(description="Stable identifier of the pillar, sub-index or index.")
    name: str = Field(min_length=1, description="Human-readable name.")
    parent: Id | None = Field(default=None, description="Parent node id; omit for the root.")
    description: str = Field(default="", description="What this node stands for.")
    weight: float = Field(default=1.0, ge=0, description="Weight relative to its siblings.")
    aggregation: Aggregation = Field(
        default=Aggregation.ARITHMETIC,
        description="How children combine: arithmetic, geometric or harmonic weighted mean.",
    )
    on_zero: OnZero = Field(
        default=OnZero.ERROR,
        description="Geometric/harmonic only: 'error' refuses a zero child, 'insufficient' "
        "reports the node as insufficient data, 'offset' adds `zero_offset` to every child.",
    )
    zero_offset: float = Field(default=1.0, gt=0, description="Offset used when on_zero=offset.")
    min_coverage: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="Share of child weight that must be present, else 'insufficient data' "
        "(default: the rubric's missing-data policy).",
    )
    rationale: str = Field(default="", description="Why this node is in the rubric.")
