"""The rubric's uncertainty section: what the uncertainty and sensitivity analysis varies, and
how much (OECD/JRC Handbook 2008, step 7)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from readiness.rubric.base import Id, Strict
from readiness.rubric.node import Aggregation
from readiness.rubric.normalisation import AlternativeNormalisation
from readiness.rubric.policy import Imputation


class WeightNoise(Strict):
    """Multiplicative noise on every weight below the index, drawn independently per weight."""

    noise: float = Field(
        default=0.25,
        ge=0,
        lt=1,
        description="Each weight is multiplied by a factor drawn uniformly from "
        "[1 - noise, 1 + noise]; 0.25 is +/-25 %, 0 keeps the weights.",
    )
    by_level: dict[int, float] = Field(
        default_factory=dict,
        description="Noise for one level of the hierarchy, overriding `noise`: 1 = indicator "
        "weights within their pillar, 2 = pillar weights, and so on up.",
    )

    @model_validator(mode="after")
    def _levels(self) -> WeightNoise:
        for level, noise in self.by_level.items():
            if level < 1:
                raise ValueError(f"level {level} does not exist; levels start at 1 (indicators)")
            if not 0 <= noise < 1:
                raise ValueError(f"noise {noise:g} for level {level} must be in [0, 1)")
        return self

    def of_level(self, level: int) -> float:
        return self.by_level.get(level, self.noise)


class Sobol(Strict):
    """Variance-based sensitivity of the ranks (Sobol indices, computed with SALib)."""

    base_samples: int = Field(
        default=1024,
        ge=16,
        le=65536,
        description="N, the base sample of Saltelli's scheme: N (k + 2) model runs for k "
        "uncertain inputs. A power of 2 (the Sobol sequence's balance needs it).",
    )
    resamples: int = Field(
        default=100, ge=10, le=10000, description="Bootstrap resamples for confidence intervals."
    )
    confidence: float = Field(
        default=0.95, gt=0, lt=1, description="Confidence level of the bootstrap intervals."
    )

    @model_validator(mode="after")
    def _power_of_two(self) -> Sobol:
        n = self.base_samples
        if n & (n - 1):
            raise ValueError(f"base_samples {n} is not a power of 2 (e.g. 512, 1024, 2048)")
        return self


class Uncertainty(Strict):
    """What the uncertainty analysis varies, and how much (OECD/JRC Handbook 2008, step 7)."""

    draws: int = Field(
        default=1000, ge=10, le=1_000_000, description="Monte Carlo draws of the inputs."
    )
    seed: int = Field(
        default=1, ge=1, description="Seed of the random draws: the same seed, the same files."
    )
    weights: WeightNoise = Field(
        default_factory=WeightNoise, description="Noise on the weights (default +/-25 %)."
    )
    normalisation: tuple[Literal["rubric"] | AlternativeNormalisation, ...] = Field(
        default=("rubric",),
        min_length=1,
        description="Normalisations drawn from with equal chance: 'rubric' (each indicator's "
        "own), or one method applied to every indicator (minmax, zscore, rank).",
    )
    aggregation: tuple[Literal["rubric"] | Aggregation, ...] = Field(
        default=("rubric",),
        min_length=1,
        description="Aggregations drawn from with equal chance: 'rubric' (each node's own), "
        "or one mean (arithmetic, geometric, harmonic) for every node in "
        "`aggregation_nodes`.",
    )
    aggregation_nodes: tuple[Id, ...] | None = Field(
        default=None,
        min_length=1,
        description="The nodes whose mean an alternative in `aggregation` replaces (default: "
        "every node); the other nodes keep their own. For example [index]: only the index "
        "switches, each pillar keeps its declared mean.",
    )
    imputation: tuple[Literal["rubric"] | Imputation, ...] = Field(
        default=("rubric",),
        min_length=1,
        description="Imputations drawn from with equal chance: 'rubric' or another method.",
    )
    on_zero: Literal["offset", "insufficient"] = Field(
        default="offset",
        description="How a geometric or harmonic mean drawn here treats a zero child: add "
        "`zero_offset` to every child, or report the node as insufficient data.",
    )
    zero_offset: float = Field(
        default=1.0, gt=0, description="Offset used when on_zero is offset (0-100 scale)."
    )
    leave_one_out: bool = Field(
        default=False,
        description="Also draw one indicator to leave out (or none), each with equal chance.",
    )
    values: bool = Field(
        default=True,
        description="Vary values within their Low-High interval (uniformly) and move contested "
        "categorical readings by up to one level.",
    )
    fragile_below: float = Field(
        default=0.9,
        gt=0,
        le=1,
        description="A band or rank held in fewer than this share of draws is called fragile.",
    )
    sobol: Sobol = Field(default_factory=Sobol, description="Sobol sensitivity settings.")
