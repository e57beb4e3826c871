"""The uncertain inputs of an index as factors on the unit hypercube, and their mapping to draws.

Each factor is one uncertain input; a point u in [0, 1)^k is one way the index could have been
built. The same mapping serves the Monte Carlo uncertainty analysis (u drawn at random) and the
Sobol sensitivity analysis (u from SALib's Saltelli sample), so both vary exactly the same
things (Saisana, Saltelli and Tarantola 2005, "Uncertainty and sensitivity analysis techniques
as tools for the quality assessment of composite indicators", J. R. Stat. Soc. A 168(2)):

- weights: w_i := w_i (1 + a_l (2 u - 1)), a_l the noise of item i's level (default 0.25);
- normalisation, aggregation, imputation: option floor(u m) of the m declared (an aggregation
  replaces the means of the nodes the spec names, by default every node's);
- indicator left out: option floor(u (I + 1)); 0 leaves none out, j > 0 sets weight j to 0;
- a value with a Low-High interval: x := low + u (high - low);
- a contested categorical reading: one of the levels {below, as read, above} that exist, by u.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

import numpy as np

from readiness.engine.batch import Draws
from readiness.engine.frames import evidence_matrix
from readiness.engine.plan import Methods, Plan
from readiness.rubric.model import Kind, OnZero, Uncertainty


@dataclass(frozen=True)
class Varied:
    """One kind of input the uncertainty analysis varies: what a report phrases and an export
    lists (`text()` is the plain English of the exported files)."""

    kind: str  # weights, normalisation, aggregation, imputation, leave_one_out, intervals, levels
    options: tuple[str, ...] = ()  # the methods drawn from ("as in the rubric" first)
    noise: tuple[float, ...] = ()  # weights: the multiplicative noise of each level
    nodes: tuple[str, ...] = ()  # aggregation: the nodes it applies at (empty: every node)
    on_zero: str = ""  # aggregation: what a geometric mean does with a zero child
    count: int = 0  # intervals, levels: how many values

    def text(self) -> str:
        """The item in the exported files' words."""
        if self.kind == "weights":
            amount = " / ".join(f"+/-{n:.0%}" for n in self.noise)
            return f"every weight below the index, independently ({amount}, uniform)"
        if self.kind == "aggregation":
            where = " of " + ", ".join(self.nodes) if self.nodes else ""
            names = ", ".join(self.options)
            return f"aggregation{where}: {names} (a zero child: {self.on_zero})"
        if self.kind == "leave_one_out":
            return "one indicator left out at a time (or none)"
        if self.kind == "intervals":
            return f"{self.count} values within their Low-High interval (uniform)"
        if self.kind == "levels":
            return f"{self.count} contested readings by one level either way"
        return f"{self.kind}: " + ", ".join(self.options)


@dataclass(frozen=True)
class Factor:
    """One uncertain input: `name` is unique, `group` the label reports and Sobol use."""

    name: str
    group: str


class Design:
    """The factors of one result's uncertainty analysis and their mapping to `Draws`."""

    def __init__(
        self,
        plan: Plan,
        raw: np.ndarray,
        evidence: object,
        spec: Uncertainty,
    ) -> None:
        self.plan = plan
        self.raw = raw
        self.spec = spec
        factors: list[Factor] = []
        # Weights: every item below the index with a noise above 0 and a weight above 0.
        self.weight_items: list[int] = []
        self.weight_noise: list[float] = []
        for k, item in enumerate(plan.items):
            if k == plan.root or plan.weight[k] == 0:
                continue
            noise = spec.weights.of_level(int(plan.level[k]))
            if noise > 0:
                self.weight_items.append(k)
                self.weight_noise.append(noise)
                factors.append(Factor(f"w:{item}", f"weight: {_name(plan, item)}"))
        # Method choices.
        self.norm_options = [None if o == "rubric" else o for o in spec.normalisation]
        self.agg_options = [None if o == "rubric" else o for o in spec.aggregation]
        self.imp_options = [None if o == "rubric" else o for o in spec.imputation]
        self.choices: list[tuple[str, int]] = []
        for what, options in (
            ("normalisation", self.norm_options),
            ("aggregation", self.agg_options),
            ("imputation", self.imp_options),
        ):
            if len(options) > 1:
                self.choices.append((what, len(options)))
                factors.append(Factor(what, what))
        self.leave_one_out = spec.leave_one_out
        if self.leave_one_out:
            factors.append(Factor("left_out", "indicator left out"))
        # Values: intervals on numeric cells, one level either way on contested readings.
        self.cells: list[tuple[int, int]] = []  # (unit, raw column)
        self.cell_kind: list[str] = []  # "interval" or "level"
        self.cell_low: list[float] = []
        self.cell_high: list[float] = []
        self.cell_levels: list[np.ndarray] = []
        if spec.values:
            self._value_factors(evidence, factors)
        # Interval cells first, then contested levels: each kind is one slice of u.
        n_cells = len(self.cells)
        perm = sorted(range(n_cells), key=lambda v: self.cell_kind[v] != "interval")
        head = len(factors) - n_cells
        factors[head:] = [factors[head + v] for v in perm]
        self.cells = [self.cells[v] for v in perm]
        self.cell_kind = [self.cell_kind[v] for v in perm]
        self.cell_low = [self.cell_low[v] for v in perm]
        self.cell_high = [self.cell_high[v] for v in perm]
        self.cell_levels = [self.cell_levels[v] for v in perm]
        self.n_interval = self.cell_kind.count("interval")
        self.factors = factors
        # The value factors as arrays, so a batch of draws maps to values in a few operations.
        self._interval = np.asarray([k == "interval" for k in self.cell_kind], dtype=bool)
        self._low = np.asarray(self.cell_low, dtype=float)
        self._high = np.asarray(self.cell_high, dtype=float)
        self._n_options = np.asarray([o.size for o in self.cell_levels], dtype=np.int64)
        self._options = np.zeros((len(self.cell_levels), 3))
        for v, levels in enumerate(self.cell_levels):
            self._options[v, : levels.size] = levels
        cells = np.asarray(self.cells, dtype=np.int64).reshape(-1, 2)
        self.cell_unit, self.cell_column = cells[:, 0].copy(), cells[:, 1].copy()
        self._weight_items = np.asarray(self.weight_items, dtype=np.int64)
        self._weight_noise = np.asarray(self.weight_noise, dtype=float)
        scope = None if spec.aggregation_nodes is None else frozenset(spec.aggregation_nodes)
        self.methods = tuple(
            Methods(
                normalisation=n,
                aggregation=a,
                aggregation_nodes=scope if a is not None else None,
                imputation=i,
                on_zero=OnZero(spec.on_zero),
                zero_offset=spec.zero_offset,
            )
            for n, a, i in product(self.norm_options, self.agg_options, self.imp_options)
        )

    def _value_factors(self, evidence: object, factors: list[Factor]) -> None:
        import pandas as pd

        assert isinstance(evidence, pd.DataFrame)
        plan = self.plan
        units = list(plan.units)
        ids = list(plan.indicators)
        low = evidence_matrix(evidence, "low", units, ids, np.nan)
        high = evidence_matrix(evidence, "high", units, ids, np.nan)
        contested = evidence_matrix(evidence, "contested", units, ids, False, bool)
        for i, ind in enumerate(plan.rubric.indicators):
            for u, unit in enumerate(units):
                x = self.raw[u, i]
                if np.isnan(x):
                    continue
                if ind.kind is Kind.NUMERIC:
                    lo, hi = low[u, i], high[u, i]
                    if np.isfinite(lo) and np.isfinite(hi) and lo < hi:
                        self.cells.append((u, i))
                        self.cell_kind.append("interval")
                        self.cell_low.append(float(lo))
                        self.cell_high.append(float(hi))
                        self.cell_levels.append(np.zeros(0))
                        factors.append(Factor(f"x:{unit}:{ind.id}", f"value: {ind.name}"))
                elif contested[u, i]:
                    levels = np.asarray(sorted(lv.value for lv in ind.scale), dtype=float)
                    at = int(np.argmin(np.abs(levels - x)))
                    options = levels[max(at - 1, 0) : at + 2]
                    if options.size > 1:
                        self.cells.append((u, i))
                        self.cell_kind.append("level")
                        self.cell_low.append(np.nan)
                        self.cell_high.append(np.nan)
                        self.cell_levels.append(options)
                        factors.append(Factor(f"x:{unit}:{ind.id}", f"value: {ind.name}"))

    @property
    def k(self) -> int:
        return len(self.factors)

    @property
    def groups(self) -> list[str]:
        return [f.group for f in self.factors]

    def varied(self) -> list[Varied]:
        """What the analysis varies, one item per kind of input, in rubric order."""
        spec = self.spec
        out: list[Varied] = []
        if self.weight_items:
            levels = sorted({int(self.plan.level[k]) for k in self.weight_items})
            noises = tuple(sorted({spec.weights.of_level(level) for level in levels}))
            out.append(Varied("weights", noise=noises))
        if len(self.norm_options) > 1:
            out.append(Varied("normalisation", tuple(_option(o) for o in self.norm_options)))
        if len(self.agg_options) > 1:
            nodes: tuple[str, ...] = ()
            if spec.aggregation_nodes is not None:
                nodes = tuple(self.plan.rubric.node_by_id[n].name for n in spec.aggregation_nodes)
            options = tuple(_option(o) for o in self.agg_options)
            out.append(Varied("aggregation", options, nodes=nodes, on_zero=spec.on_zero))
        if len(self.imp_options) > 1:
            out.append(Varied("imputation", tuple(_option(o) for o in self.imp_options)))
        if self.leave_one_out:
            out.append(Varied("leave_one_out"))
        if n_int := self.cell_kind.count("interval"):
            out.append(Varied("intervals", count=n_int))
        if n_lev := self.cell_kind.count("level"):
            out.append(Varied("levels", count=n_lev))
        return out

    def draws(self, u: np.ndarray) -> Draws:
        """The draws for points `u` (D, k) of the unit hypercube."""
        u = np.asarray(u, dtype=float)
        n = u.shape[0]
        plan = self.plan
        col = 0
        weights = np.repeat(plan.weight[np.newaxis, :], n, axis=0)
        items = self._weight_items
        if items.size:
            factor = 2.0 * u[:, : items.size]
            factor -= 1.0
            factor *= self._weight_noise
            factor += 1.0  # 1 + a (2 u - 1)
            weights[:, items] = plan.weight[items] * factor
            col += items.size
        picks = {}
        for what, m in self.choices:
            picks[what] = _option_index(u[:, col], m)
            col += 1
        zeros = np.zeros(n, dtype=np.int64)
        norm = picks.get("normalisation", zeros)
        agg = picks.get("aggregation", zeros)
        imp = picks.get("imputation", zeros)
        method_of = (norm * len(self.agg_options) + agg) * len(self.imp_options) + imp
        if self.leave_one_out:
            left = _option_index(u[:, col], len(plan.indicators) + 1) - 1
            col += 1
            rows = np.flatnonzero(left >= 0)
            weights[rows, left[rows]] = 0.0
        if not self.cells:
            return Draws(n=n, weights=weights, methods=self.methods, method_of=method_of)
        n_int = self.n_interval
        cell_values = np.empty((n, len(self.cells)))
        lo, hi = self._low[:n_int], self._high[:n_int]
        np.multiply(u[:, col : col + n_int], hi - lo, out=cell_values[:, :n_int])
        cell_values[:, :n_int] += lo
        if n_int < len(self.cells):
            count = self._n_options[n_int:]
            pick = np.minimum(
                (u[:, col + n_int : col + len(self.cells)] * count).astype(np.int64), count - 1
            )
            options = self._options[n_int:]  # (L, 3): each cell's levels, padded
            cell_values[:, n_int:] = options[np.arange(count.size)[np.newaxis, :], pick]
        return Draws(
            n=n,
            weights=weights,
            methods=self.methods,
            method_of=method_of,
            cell_unit=self.cell_unit,
            cell_column=self.cell_column,
            cell_values=cell_values,
        )


def _option_index(u: np.ndarray, m: int) -> np.ndarray:
    """Option floor(u m) of m, for u in [0, 1] (a sampler's 1.0 is the last option)."""
    return np.minimum((u * m).astype(np.int64), m - 1)


def _name(plan: Plan, item: str) -> str:
    r = plan.rubric
    return r.indicator_by_id[item].name if item in r.indicator_by_id else r.node_by_id[item].name


def _option(option: object) -> str:
    if option is None:
        return "as in the rubric"
    method = getattr(option, "method", None)
    return str(method if method is not None else option)
