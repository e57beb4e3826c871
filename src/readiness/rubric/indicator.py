"""Indicators: what is measured, on which scale (numbers, levels, yes/no), its limits and lever;
and the denominators a raw value may be divided by."""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from readiness.rubric.base import Id, Strict, invalid
from readiness.rubric.normalisation import (
    DistanceToTarget,
    Goalposts,
    MinMax,
    Normalisation,
    Rank,
    ZScore,
)


class Kind(StrEnum):
    NUMERIC = "numeric"
    CATEGORICAL = "categorical"
    YES_NO = "yes_no"


class Lever(StrEnum):
    """What kind of change an indicator stands for, for the path to the next band."""

    POLICY = "policy"  # laws, portals, treaties: what a government can decide
    OUTCOME = "outcome"  # ratings, FDI, logistics performance: they follow policy
    FIXED = "fixed"  # geography: no one can change it


class Level(Strict):
    value: float = Field(description="The level's number, used as the raw value (ordinal scale).")
    label: str = Field(min_length=1, description="Short label shown in the workbook dropdown.")
    definition: str = Field(
        min_length=1, description="Written definition, so two analysts give the same level."
    )


class Limits(Strict):
    """Hard limits: a raw value outside them is an input error, not an outlier."""

    min: float | None = Field(default=None, description="Smallest admissible raw value.")
    max: float | None = Field(default=None, description="Largest admissible raw value.")

    @model_validator(mode="after")
    def _ordered(self) -> Limits:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise invalid("rubric-limits", "limits are inverted: min must not exceed max")
        return self


YES_NO_LEVELS = (
    Level(value=0, label="no", definition="No."),
    Level(value=1, label="yes", definition="Yes."),
)


class Indicator(Strict):
    id: Id = Field(description="Stable identifier, used in workbooks, results and history.")
    name: str = Field(min_length=1, description="Short human-readable name.")
    parent: Id = Field(description="Id of the aggregate node (e.g. pillar) this indicator feeds.")
    description: str = Field(default="", description="What is measured.")
    unit: str = Field(default="", description="Unit of the raw value, e.g. 'percentile rank'.")
    direction: Literal[1, -1] = Field(
        default=1, description="+1 if higher raw values are better, -1 if lower are better."
    )
    kind: Kind = Field(default=Kind.NUMERIC, description="numeric, categorical or yes_no.")
    levels: tuple[Level, ...] = Field(
        default=(),
        description="Categorical: every level with its written definition, lowest first. "
        "Yes/no: optionally the two levels (values 0 and 1) with their definitions.",
    )
    weight: float = Field(default=1.0, ge=0, description="Weight relative to its siblings.")
    denominator: Id | None = Field(
        default=None, description="Id of a declared denominator the raw value is divided by."
    )
    normalisation: Normalisation | None = Field(
        default=None,
        description="How raw values become 0-100 scores. Categorical and yes/no indicators "
        "default to goalposts over their lowest and highest level.",
    )
    limits: Limits | None = Field(default=None, description="Hard limits on the raw value.")
    max_age_years: float | None = Field(
        default=None, gt=0, description="Older data is flagged stale (default: rubric policy)."
    )
    lever: Lever = Field(
        default=Lever.POLICY,
        description="policy (laws, portals, treaties: what a government decides), outcome "
        "(ratings, FDI, LPI: they follow) or fixed (geography: the path to the next band never "
        "proposes changing it).",
    )
    decimals: int | None = Field(
        default=None,
        ge=0,
        le=6,
        description="Decimal places for printing the raw value (default: the formatter's rule).",
    )
    as_of_label: str = Field(
        default="",
        max_length=60,
        description="What this indicator's as-of date means, printed beside it: e.g. 'data "
        "year', 'law in force or last amended', 'rating action'. Default: 'data year' for a "
        "numeric indicator dated by year, else 'evidence dated'.",
    )
    rationale: str = Field(default="", description="Why this indicator is in the rubric.")
    source_guidance: str = Field(default="", description="Where to find the value and how.")

    @model_validator(mode="after")
    def _kind_levels(self) -> Indicator:
        if self.kind is Kind.CATEGORICAL:
            if len(self.levels) < 2:
                raise invalid("rubric-levels", "a categorical indicator needs at least two levels")
            values = [lv.value for lv in self.levels]
            labels = [lv.label.strip().casefold() for lv in self.levels]
            if len(set(values)) != len(values):
                raise invalid("rubric-levels", "categorical levels repeat a value")
            if len(set(labels)) != len(labels):
                raise invalid("rubric-levels", "categorical levels repeat a label")
            if "not found" in labels:
                raise invalid(
                    "rubric-levels",
                    "'not found' cannot be a level label: it is what a workbook says when the "
                    "evidence could not be found, and it reads as missing; name the lowest "
                    "level for what it means (e.g. 'None')",
                )
            if values != sorted(values):
                raise invalid(
                    "rubric-levels",
                    "categorical levels must be listed from lowest to highest value",
                )
        elif self.kind is Kind.YES_NO and self.levels:
            if sorted(lv.value for lv in self.levels) != [0, 1]:
                raise invalid(
                    "rubric-levels",
                    "a yes/no indicator's levels must be exactly values 0 (no) and 1 (yes)",
                )
        elif self.levels:
            raise invalid(
                "rubric-levels", "levels are only allowed for categorical and yes/no indicators"
            )
        if self.kind is not Kind.NUMERIC and isinstance(self.normalisation, Goalposts):
            values = [lv.value for lv in self.scale]
            lo, hi = min(values), max(values)
            if (self.normalisation.low, self.normalisation.high) != (lo, hi):
                raise invalid(
                    "rubric-levels",
                    f"the levels [{lo:g}, {hi:g}] do not cover the goalposts "
                    f"[{self.normalisation.low:g}, {self.normalisation.high:g}]: the lowest level "
                    "must score 0 and the highest 100, so set the goalposts to the levels' range",
                )
        if self.kind is not Kind.NUMERIC and self.denominator is not None:
            raise invalid("rubric-denominator", "only numeric indicators can have a denominator")
        return self

    @property
    def actionable(self) -> bool:
        """Whether policy can move this indicator at all (not geography)."""
        return self.lever is not Lever.FIXED

    @property
    def scale(self) -> tuple[Level, ...]:
        """The levels of a categorical or yes/no indicator (empty for numeric)."""
        if self.kind is Kind.YES_NO:
            return tuple(sorted(self.levels, key=lambda lv: lv.value)) or YES_NO_LEVELS
        return self.levels

    @property
    def effective_normalisation(self) -> Goalposts | MinMax | ZScore | Rank | DistanceToTarget:
        if self.normalisation is not None:
            return self.normalisation
        if self.kind is not Kind.NUMERIC:
            values = [lv.value for lv in self.scale]
            return Goalposts(low=min(values), high=max(values))
        return MinMax()

    def level_for(self, value: float) -> Level | None:
        for lv in self.scale:
            if math.isclose(lv.value, value):
                return lv
        return None


class Denominator(Strict):
    id: Id = Field(description="Id used by indicators' `denominator` and in input files.")
    name: str = Field(min_length=1, description="Human-readable name.")
    unit: str = Field(default="", description="Unit of the denominator.")
