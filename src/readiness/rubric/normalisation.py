"""Normalisation methods of the rubric: how an indicator's raw values become 0-100 scores."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from readiness.rubric.base import Strict, invalid


class Goalposts(Strict):
    """Fixed goalposts: raw `low` maps to 0 and `high` to 100 (reversed when direction is -1)."""

    method: Literal["goalposts"] = "goalposts"
    low: float = Field(description="Raw value that scores 0 (for direction +1).")
    high: float = Field(description="Raw value that scores 100 (for direction +1).")
    clip: bool = Field(default=True, description="Clip values beyond the goalposts to 0 or 100.")

    @model_validator(mode="after")
    def _ordered(self) -> Goalposts:
        if max(abs(self.low), abs(self.high)) > 1e300:
            raise invalid(
                "rubric-goalposts",
                "goalposts beyond 1e300 in size cannot be computed with; rescale",
            )
        if not self.low < self.high:
            raise invalid(
                "rubric-goalposts",
                f"goalposts are inverted or equal: low {self.low:g} must be below high "
                f"{self.high:g} (use direction: -1 for lower-is-better)",
            )
        return self


class MinMax(Strict):
    """Min-max over the units scored, to the range [low, high] (COINr `n_minmax`)."""

    method: Literal["minmax"] = "minmax"
    low: float = Field(default=0.0, description="Score given to the worst unit.")
    high: float = Field(default=100.0, description="Score given to the best unit.")

    @model_validator(mode="after")
    def _ordered(self) -> MinMax:
        if not self.low < self.high:
            raise invalid("rubric-goalposts", "minmax range is inverted: low must be below high")
        return self


class ZScore(Strict):
    """Standardisation over the units: mean + sd * (x - mean(x)) / sd(x) (COINr `n_zscore`)."""

    method: Literal["zscore"] = "zscore"
    mean: float = Field(default=0.0, description="Mean of the standardised scores.")
    sd: float = Field(default=1.0, gt=0, description="Standard deviation of the scores.")


class Rank(Strict):
    """Rank over the units, scaled to 0-100: (rank - 1) / (n - 1) * 100, ties averaged."""

    method: Literal["rank"] = "rank"


class DistanceToTarget(Strict):
    """Distance to a target (COINr `n_dist2targ`): (x - min(x)) / (target - min(x)) * 100."""

    method: Literal["distance_to_target"] = "distance_to_target"
    target: float = Field(description="Raw value that counts as fully achieved.")
    cap: bool = Field(default=True, description="Cap scores at 100 for values beyond the target.")


Normalisation = Annotated[
    Goalposts | MinMax | ZScore | Rank | DistanceToTarget, Field(discriminator="method")
]


# The methods the uncertainty analysis may apply to every indicator at once.
AlternativeNormalisation = Annotated[MinMax | ZScore | Rank, Field(discriminator="method")]
