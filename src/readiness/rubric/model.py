"""The rubric: a declarative description of a composite indicator, validated by pydantic v2.

A rubric names the units it scores, the indicators (leaves) and aggregate nodes (pillars,
sub-indices, index) of a hierarchy of any depth, how each indicator is normalised, how each node
aggregates its children, and the rubric-wide policies (missing data, outliers, bands, rank ties).
Cross-references (parents, denominators) and graph shape are checked in `check_structure`, so
that every structural problem is reported at once with its field path.
"""

from __future__ import annotations

import math
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_.-]*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=64)]


def invalid(code: str, message: str) -> PydanticCustomError:
    """A validation error whose type is a registered problem code (readiness.problems), so the
    loader reports `code` rather than a generic one."""
    return PydanticCustomError(code, "{message}", {"message": message})


class Strict(BaseModel):
    """Base for every rubric model: unknown keys are errors, models are immutable."""

    # allow_inf_nan=False: `.inf` passes `ge=0` and `.nan` slips past comparisons; neither is a
    # weight, goalpost, limit or age anyone means, and both turn every score into NaN or inf.
    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=False, allow_inf_nan=False
    )


# --- indicators -------------------------------------------------------------------------------


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


# --- aggregate nodes --------------------------------------------------------------------------


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


# --- rubric-wide policy -----------------------------------------------------------------------


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


class Denominator(Strict):
    id: Id = Field(description="Id used by indicators' `denominator` and in input files.")
    name: str = Field(min_length=1, description="Human-readable name.")
    unit: str = Field(default="", description="Unit of the denominator.")


class Reference(Strict):
    """A cited fact shown on reports (context, not scored)."""

    text: str = Field(min_length=1, description="The fact as stated.")
    source: str = Field(min_length=1, description="Where it is stated.")


# --- uncertainty analysis and the path to the next band ---------------------------------------


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


AlternativeNormalisation = Annotated[MinMax | ZScore | Rank, Field(discriminator="method")]


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


class Ceiling(StrEnum):
    """The most the path to the next band may ask of an indicator."""

    BEST_OBSERVED = "best_observed"  # the best value among the units scored
    SCALE = "scale"  # the value that scores 100 (a categorical scale's top level)


class PathPolicy(Strict):
    """How the path to the next band searches: feasible ceilings per indicator."""

    ceiling: Ceiling = Field(
        default=Ceiling.BEST_OBSERVED,
        description="Default feasible ceiling: best_observed (the best value observed among "
        "the units scored, including reference units) or scale (the value that scores 100).",
    )
    ceilings: dict[Id, Ceiling | float] = Field(
        default_factory=dict,
        description="Per-indicator override: best_observed, scale, or a raw value (for a "
        "categorical indicator, one of its level values).",
    )


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
