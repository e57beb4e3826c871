"""Rubric-wide policies: missing data, outliers, bands, rank ties, the units scored and their
role, and the feasible ceilings of the path to the next band."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from readiness.rubric.base import Id, Strict, invalid
from readiness.rubric.indicator import Lever


class Imputation(StrEnum):
    NONE = "none"
    INDICATOR_MEAN = "indicator_mean"
    INDICATOR_MEDIAN = "indicator_median"
    GROUP_MEAN = "group_mean"
    GROUP_MEDIAN = "group_median"


class MissingData(Strict):
    imputation: Imputation = Field(
        default=Imputation.NONE,
        description="none (missing stays missing), or a mean/median over all units or a group.",
    )
    group: str | None = Field(
        default=None, description="Unit attribute defining groups (group_* imputation only)."
    )
    min_coverage: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="Default share of child weight that must be present for a node to score.",
    )

    @model_validator(mode="after")
    def _group(self) -> MissingData:
        grouped = self.imputation in (Imputation.GROUP_MEAN, Imputation.GROUP_MEDIAN)
        if grouped and not self.group:
            raise invalid("rubric-missing-data", f"imputation {self.imputation} needs a 'group'")
        if not grouped and self.group:
            raise invalid(
                "rubric-missing-data",
                "'group' is only used with group_mean or group_median imputation",
            )
        return self


class Outliers(Strict):
    """COINr's outlier rule (`qTreat`): winsorise while |skew| >= skew and kurt >= kurt."""

    method: Literal["none", "winsorise"] = Field(
        default="none", description="none, or COINr's skew/kurtosis winsorisation."
    )
    skew: float = Field(default=2.0, gt=0, description="Absolute skewness threshold.")
    kurtosis: float = Field(default=3.5, gt=0, description="Excess kurtosis threshold.")
    max_points: int = Field(
        default=5, ge=0, description="Most points winsorised before the log transform."
    )
    log_fallback: bool = Field(
        default=True, description="Log-transform an indicator that still fails after winsorising."
    )


class Band(Strict):
    label: str = Field(min_length=1, description="Band name, e.g. 'Investment-ready'.")
    min: float = Field(ge=0, le=100, description="Lowest score in this band (inclusive).")
    description: str = Field(default="", description="What the band means.")


class RankTies(StrEnum):
    MIN = "min"
    DENSE = "dense"


class Role(StrEnum):
    ASSESSED = "assessed"  # scored, banded and ranked
    REFERENCE = "reference"  # scored and banded for comparison, never ranked


class Unit(Strict):
    id: Id = Field(description="Unit code, e.g. ISO3 'KAZ'.")
    name: str = Field(min_length=1, description="Unit name, e.g. 'Kazakhstan'.")
    role: Role = Field(
        default=Role.ASSESSED,
        description="assessed (scored, banded and ranked) or reference (an established "
        "jurisdiction scored and banded for comparison, never ranked among the assessed).",
    )


class Ceiling(StrEnum):
    """The most the path to the next band may ask of an indicator."""

    BEST_OBSERVED = "best_observed"  # the best value among the units scored (references too)
    BEST_ASSESSED = "best_assessed"  # the best value among the assessed units (the peers)
    NEXT_LEVEL = "next_level"  # one level above the unit's own (categorical; numeric: peers)
    SCALE = "scale"  # the value that scores 100 (a categorical scale's top level)


class PathPolicy(Strict):
    """How the path to the next band searches: feasible ceilings per indicator, and the
    precision a needed value is rounded up to."""

    ceiling: Ceiling = Field(
        default=Ceiling.BEST_OBSERVED,
        description="Default feasible ceiling: best_observed (the best value observed among "
        "the units scored, including reference units), best_assessed (the best among the "
        "assessed units only: a peer has done it), next_level (one level above the unit's own "
        "reading; for a numeric indicator, best_assessed) or scale (the value that scores 100).",
    )
    by_lever: dict[Lever, Ceiling] = Field(
        default_factory=dict,
        description="Ceiling per kind of lever (policy, outcome), overriding `ceiling`.",
    )
    ceilings: dict[Id, Ceiling | float] = Field(
        default_factory=dict,
        description="Per-indicator override: a ceiling rule, or a raw value (for a "
        "categorical indicator, one of its level values).",
    )
    precision: dict[Id, Annotated[float, Field(gt=0)]] = Field(
        default_factory=dict,
        description="The step an indicator is published at (LPI 2023: 0.1): a value the path "
        "needs is rounded up to it, so that it can actually be reported. Without one: the "
        "indicator's decimals, else three significant figures of its scale.",
    )

    def rule_for(self, indicator_id: str, lever: Lever) -> Ceiling | float:
        """The ceiling rule that applies to an indicator: its own, else its lever kind's, else
        the default."""
        if indicator_id in self.ceilings:
            return self.ceilings[indicator_id]
        return self.by_lever.get(lever, self.ceiling)
