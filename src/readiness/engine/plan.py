"""A rubric compiled to arrays for the batch kernels, and the method choices a batch can switch.

`Plan` numbers the indicators (rubric order), then the nodes (aggregation order, root last); an
"item" is either. `Methods` is one combination of method choices (normalisation, aggregation and
the nodes it replaces, imputation, geometric zero rule); `Methods()` is the rubric as declared.
`indicator_scores` takes raw values to normalised indicator scores (denominate, impute, treat,
normalise) over arrays with units on axis 0, for one combination of methods.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from readiness.engine.impute import impute_array
from readiness.engine.means import ARITHMETIC, GEOMETRIC, HARMONIC
from readiness.engine.normalise import Method, is_cellwise, normalise_columns
from readiness.engine.treat import treat
from readiness.problems import fail
from readiness.rubric.model import Aggregation, Imputation, OnZero, Rubric

__all__ = ["ARITHMETIC", "GEOMETRIC", "HARMONIC", "Methods", "Plan"]

AGG_CODE = {Aggregation.ARITHMETIC: ARITHMETIC, Aggregation.GEOMETRIC: GEOMETRIC}
AGG_CODE[Aggregation.HARMONIC] = HARMONIC


@dataclass(frozen=True)
class Methods:
    """One combination of method choices; None = as the rubric declares."""

    normalisation: Method | None = None  # one method for every indicator
    aggregation: Aggregation | None = None  # one mean for the nodes in `aggregation_nodes`
    aggregation_nodes: frozenset[str] | None = None  # None: every node
    imputation: Imputation | None = None
    # How a geometric or harmonic node treats a zero child in a batch. A batch never raises, so a
    # node declared `error` (and the default here) reports the node as insufficient in that draw.
    on_zero: OnZero | None = None
    zero_offset: float = 1.0


@dataclass(frozen=True)
class Plan:
    """The rubric's tree and methods as arrays, for one list of units."""

    rubric: Rubric
    units: tuple[str, ...]
    groups: np.ndarray | None  # each unit's group label, for group imputation

    @classmethod
    def build(
        cls, rubric: Rubric, units: Sequence[str], attributes: pd.DataFrame | None = None
    ) -> Plan:
        group = rubric.missing_data.group
        labels = None
        if group is not None:
            if attributes is None or group not in attributes.columns:
                fail(
                    "missing-group-column",
                    f"imputation by {group!r} needs a unit column {group!r}, which is not given",
                )
            labels = attributes[group].reindex(list(units)).to_numpy(dtype=object)
        return cls(rubric, tuple(units), labels)

    @cached_property
    def indicators(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.rubric.indicators)

    @cached_property
    def denominators(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.rubric.denominators)

    @cached_property
    def columns(self) -> tuple[str, ...]:
        """Raw columns: indicators, then denominators."""
        return (*self.indicators, *self.denominators)

    @cached_property
    def nodes(self) -> tuple[str, ...]:
        return tuple(self.rubric.aggregation_order)

    @cached_property
    def items(self) -> tuple[str, ...]:
        return (*self.indicators, *self.nodes)

    @cached_property
    def item_index(self) -> dict[str, int]:
        return {item: k for k, item in enumerate(self.items)}

    @cached_property
    def parent(self) -> np.ndarray:
        """Item index of each item's parent (-1 for the root)."""
        r = self.rubric
        out = np.full(len(self.items), -1, dtype=np.int64)
        for k, item in enumerate(self.items):
            p = r.indicator_by_id[item].parent if item in r.indicator_by_id else None
            if item in r.node_by_id:
                p = r.node_by_id[item].parent
            if p is not None:
                out[k] = self.item_index[p]
        return out

    @cached_property
    def children(self) -> tuple[np.ndarray, ...]:
        """Per node (in `nodes` order), the item indices of its children."""
        return tuple(
            np.asarray([self.item_index[c] for c in self.rubric.children[n]], dtype=np.int64)
            for n in self.nodes
        )

    @cached_property
    def weight(self) -> np.ndarray:
        """Nominal weight of every item (the root's is unused)."""
        return np.asarray([self.rubric.weight_of(i) for i in self.items], dtype=float)

    @cached_property
    def level(self) -> np.ndarray:
        return np.asarray([self.rubric.levels[i] for i in self.items], dtype=np.int64)

    @cached_property
    def min_coverage(self) -> np.ndarray:
        """Per node."""
        return np.asarray([self.rubric.min_coverage_of(n) for n in self.nodes], dtype=float)

    @cached_property
    def root(self) -> int:
        """Item index of the root."""
        return self.item_index[self.rubric.root.id]

    @cached_property
    def denominator_of(self) -> np.ndarray:
        """Per indicator, the raw column index of its denominator (-1: none)."""
        cols = {c: k for k, c in enumerate(self.columns)}
        return np.asarray(
            [cols[i.denominator] if i.denominator else -1 for i in self.rubric.indicators],
            dtype=np.int64,
        )

    @cached_property
    def reference(self) -> np.ndarray:
        """Per unit: True for a reference jurisdiction (scored, never ranked)."""
        refs = self.rubric.reference_units
        return np.asarray([u in refs for u in self.units], dtype=bool)

    def node_methods(self, methods: Methods) -> tuple[np.ndarray, np.ndarray]:
        """Per node under `methods`: aggregation code and zero offset (NaN: none). A zero child
        of a geometric or harmonic mean without offset makes the node insufficient."""
        codes, offsets = [], []
        for node_id in self.nodes:
            node = self.rubric.node_by_id[node_id]
            scoped = methods.aggregation_nodes is None or node_id in methods.aggregation_nodes
            agg = (methods.aggregation if scoped else None) or node.aggregation
            codes.append(AGG_CODE[agg])
            if agg is Aggregation.ARITHMETIC:
                offsets.append(np.nan)
                continue
            # A node declared with its own zero rule keeps it; otherwise the batch's rule.
            own = (
                node.aggregation is not Aggregation.ARITHMETIC and node.on_zero is not OnZero.ERROR
            )
            rule = node.on_zero if own else (methods.on_zero or node.on_zero)
            offset = node.zero_offset if own else methods.zero_offset
            offsets.append(offset if rule is OnZero.OFFSET else np.nan)
        return np.asarray(codes, dtype=np.int64), np.asarray(offsets, dtype=float)

    def normalisation_of(self, methods: Methods) -> list[Method]:
        if methods.normalisation is not None:
            return [methods.normalisation] * len(self.indicators)
        return [i.effective_normalisation for i in self.rubric.indicators]

    @cached_property
    def directions(self) -> list[int]:
        return [i.direction for i in self.rubric.indicators]

    def cellwise(self, methods: Methods, missing: np.ndarray) -> np.ndarray:
        """Per indicator: whether a unit's normalised score depends on its own raw value only
        under `methods` (fixed goalposts, no outlier treatment, no imputation reaching it).
        `missing` says which indicators have a missing value anywhere."""
        imputation = methods.imputation or self.rubric.missing_data.imputation
        treated = self.rubric.outliers.method != "none"
        return np.asarray(
            [
                is_cellwise(m) and not treated and (imputation is Imputation.NONE or not miss)
                for m, miss in zip(self.normalisation_of(methods), missing, strict=True)
            ],
            dtype=bool,
        )


def denominated(plan: Plan, raw: np.ndarray, cols: np.ndarray, den: np.ndarray) -> np.ndarray:
    """x / d for the indicator columns `cols` of `raw` that have a denominator (COINr
    `Denominate`); `den` holds the matching denominator values. A missing or zero denominator
    gives a missing value, never an infinite one."""
    has = plan.denominator_of[cols] >= 0
    if not has.any():
        return raw
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = raw / np.where(has, den, 1.0)
    ratio[~np.isfinite(ratio)] = np.nan
    return np.where(has, ratio, raw)


def indicator_scores(plan: Plan, x: np.ndarray, cols: np.ndarray, methods: Methods) -> np.ndarray:
    """Denominated values `x` (units on axis 0, the indicator columns `cols` on the last axis,
    draws or scenarios between) to normalised scores: impute, treat outliers, normalise, under
    `methods`. Every step works down the unit axis, column by column (COINr's order)."""
    rubric = plan.rubric
    imputation = methods.imputation or rubric.missing_data.imputation
    y = x if imputation is Imputation.NONE else impute_array(x, imputation, plan.groups)
    if rubric.outliers.method != "none":
        if y.ndim != 2:
            fail(
                "uncertainty-with-outliers",
                "values cannot vary in the uncertainty analysis of a rubric that treats outliers "
                "yet: set outliers to none in the rubric, or values to false in its uncertainty "
                "section",
            )
        ids = [plan.indicators[c] for c in cols]
        frame = pd.DataFrame(y, columns=ids)
        y = treat(frame, rubric.outliers)[0].to_numpy(dtype=float)
    methods_list = plan.normalisation_of(methods)
    return normalise_columns(y, [methods_list[c] for c in cols], [plan.directions[c] for c in cols])


def normalise_cells(plan: Plan, x: np.ndarray, cols: np.ndarray, methods: Methods) -> np.ndarray:
    """Normalised scores of single cells of cellwise indicators (`Plan.cellwise`): value x[k] of
    indicator cols[k], each normalised on its own (no imputation or treatment reaches it)."""
    methods_list = plan.normalisation_of(methods)
    y = normalise_columns(
        x[np.newaxis, :], [methods_list[c] for c in cols], [plan.directions[c] for c in cols]
    )
    return y[0]
