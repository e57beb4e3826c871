"""The batch scoring kernel: many draws at once, each with its own weights, methods and values.

A draw is one way the index could have been computed: a weight for every item, one combination
of method choices (`plan.Methods`) and, optionally, other raw values for some cells. Draws are
grouped by method combination; within a group they are scored in chunks, never one at a time.

Every node is a weighted mean written through sufficient statistics (OECD/JRC Handbook 2008,
eq. 5.1-5.3): with g(x) = x (arithmetic), ln(x + o) (geometric) or 1 / (x + o) (harmonic),
    S1 = sum_c w_c p_c g(x_c),  S0 = sum_c w_c p_c,  T = sum_c w_c,
p_c = 1 when child c is present, and the node is g^-1(S1 / S0) (minus the offset o) when
S0 / T reaches the node's minimum coverage; otherwise it is insufficient (NaN), as in `score`.
Indicators whose values do not vary across the draws of a group ("static") enter S1 and S0
through one matrix product per node (units x children times children x draws), so the cost
of static indicators does not grow with the number of draws times units times indicators;
only the varied ("dynamic") indicator columns are materialised per draw.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from readiness.engine.plan import ARITHMETIC, GEOMETRIC, Methods, Plan, denominated
from readiness.engine.plan import indicator_scores as _indicator_scores


@dataclass(frozen=True)
class Draws:
    """What each of D draws changes. Leave a field None to keep the rubric's choice."""

    n: int
    weights: np.ndarray | None = None  # (D, items) weight of every item in each draw
    methods: tuple[Methods, ...] = (Methods(),)
    method_of: np.ndarray | None = None  # (D,) index into `methods` (default: all 0)
    cell_unit: np.ndarray | None = None  # (V,) unit index of each varied raw cell
    cell_column: np.ndarray | None = None  # (V,) raw column index (plan.columns)
    cell_values: np.ndarray | None = None  # (D, V) raw value of each varied cell in each draw


def transform(x: np.ndarray, code: np.ndarray | int, offset: np.ndarray | float) -> np.ndarray:
    """g(x): x, ln(x + o) or 1 / (x + o) by aggregation code; NaN where x is missing and where
    g is undefined (x + o <= 0 for geometric and harmonic)."""
    o = np.nan_to_num(offset, nan=0.0)
    shifted = x + o
    with np.errstate(divide="ignore", invalid="ignore"):
        geo = np.log(np.where(shifted > 0, shifted, np.nan))
        har = 1.0 / np.where(shifted > 0, shifted, np.nan)
    return np.where(code == ARITHMETIC, x, np.where(code == GEOMETRIC, geo, har))


def inverse(m: np.ndarray, code: np.ndarray | int, offset: np.ndarray | float) -> np.ndarray:
    """g^-1(m), minus the offset: the node's score from its mean of transformed children."""
    o = np.nan_to_num(offset, nan=0.0)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        return np.where(
            code == ARITHMETIC, m, np.where(code == GEOMETRIC, np.exp(m) - o, 1.0 / m - o)
        )


def node_score(
    s1: np.ndarray,
    s0: np.ndarray,
    zeros: np.ndarray,
    total: np.ndarray,
    code: np.ndarray | int,
    offset: np.ndarray | float,
    min_coverage: np.ndarray | float,
) -> np.ndarray:
    """A node's score from its statistics: g^-1(S1 / S0) where S0 > 0, S0 / T reaches the
    minimum coverage and no present child leaves g undefined (`zeros`: their weight; a zero
    child of a geometric or harmonic mean without offset); otherwise NaN (insufficient data,
    as `score` reports it; a rubric's `on_zero: error` cannot raise inside a batch)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        coverage = np.where(total > 0, s0 / total, 0.0)
        value = inverse(s1 / s0, code, offset)
    ok = (s0 > 0) & (coverage >= min_coverage - 1e-12) & (zeros <= 0)
    return np.where(ok, value, np.nan)


def _child_terms(
    x: np.ndarray, code: int, offset: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per child value: (p g(x) with 0 where absent or undefined, p, undefined-and-present)."""
    present = ~np.isnan(x)
    g = transform(x, code, offset)
    bad = present & np.isnan(g)
    return np.where(present & ~bad, g, 0.0), (present & ~bad).astype(float), bad.astype(float)


class _Group:
    """One combination of methods: its static indicator scores and transformed terms."""

    def __init__(self, plan: Plan, raw: np.ndarray, methods: Methods, dynamic: np.ndarray):
        self.plan = plan
        self.methods = methods
        n_ind = len(plan.indicators)
        cols = np.arange(n_ind)
        den = raw[:, np.where(plan.denominator_of >= 0, plan.denominator_of, 0)]
        self.denominated = denominated(plan, raw[:, :n_ind], cols, den)
        self.static = _indicator_scores(plan, self.denominated, cols, methods)  # (U, I)
        self.codes, self.offsets = plan.node_methods(methods)
        self.dynamic = dynamic  # indicator columns varied by draws
        self.is_dynamic = np.zeros(n_ind, dtype=bool)
        self.is_dynamic[dynamic] = True
        self.terms: dict[tuple[int, float], tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def static_terms(self, code: int, offset: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        key = (code, 0.0 if np.isnan(offset) else offset)
        if key not in self.terms:
            self.terms[key] = _child_terms(self.static, code, offset)
        return self.terms[key]


def _dynamic_scores(group: _Group, raw: np.ndarray, draws: Draws, rows: np.ndarray) -> np.ndarray:
    """Normalised scores of the dynamic columns for the draws `rows`: (U, C, v)."""
    plan = group.plan
    dyn = group.dynamic
    c = rows.size
    assert draws.cell_unit is not None and draws.cell_column is not None
    assert draws.cell_values is not None
    # Raw values of every column the dynamic indicators read, per draw.
    need = np.unique(np.concatenate([dyn, plan.denominator_of[dyn][plan.denominator_of[dyn] >= 0]]))
    where = {int(k): j for j, k in enumerate(need)}
    block = np.repeat(raw[:, need][:, np.newaxis, :], c, axis=1)  # (U, C, n_need)
    values = draws.cell_values[rows]  # (C, V)
    for v, (u, k) in enumerate(zip(draws.cell_unit, draws.cell_column, strict=True)):
        j = where.get(int(k))
        if j is not None:
            block[u, :, j] = values[:, v]
    x = block[:, :, [where[int(k)] for k in dyn]]
    den_cols = plan.denominator_of[dyn]
    den = block[:, :, [where[int(k)] if k >= 0 else 0 for k in den_cols]]
    x = denominated(plan, x, dyn, den)
    return _indicator_scores(plan, x, dyn, group.methods)


def score_draws(
    plan: Plan,
    raw: np.ndarray,
    draws: Draws,
    keep: Sequence[str] | None = None,
    chunk: int = 1024,
) -> dict[str, np.ndarray]:
    """Score every draw: {node id: (D, U) scores} for the nodes in `keep` (default: the root).

    `raw` is the (units, plan.columns) matrix of raw values; draws change weights, methods and
    the cells they name. Scores match `score` for the same inputs up to floating-point rounding
    (the weighted sums are taken in another order).
    """
    keep = list(keep) if keep is not None else [plan.rubric.root.id]
    n_units = len(plan.units)
    out = {k: np.full((draws.n, n_units), np.nan) for k in keep}
    method_of = draws.method_of if draws.method_of is not None else np.zeros(draws.n, np.int64)
    weights = draws.weights if draws.weights is not None else plan.weight[np.newaxis, :]
    dynamic = _dynamic_columns(plan, draws)
    for m, methods in enumerate(draws.methods):
        rows_all = np.flatnonzero(method_of == m)
        if rows_all.size == 0:
            continue
        group = _Group(plan, raw, methods, dynamic)
        for start in range(0, rows_all.size, chunk):
            rows = rows_all[start : start + chunk]
            w = weights[rows] if weights.shape[0] == draws.n else weights
            w = np.broadcast_to(w, (rows.size, w.shape[1]))
            dyn_scores = _dynamic_scores(group, raw, draws, rows) if dynamic.size else None
            scores = _aggregate(group, w, dyn_scores)
            for k in keep:
                out[k][rows] = scores[plan.item_index[k]].T
    return out


def _dynamic_columns(plan: Plan, draws: Draws) -> np.ndarray:
    """Indicator columns whose raw or denominator values some draw changes."""
    if draws.cell_column is None or draws.cell_column.size == 0:
        return np.zeros(0, dtype=np.int64)
    n_ind = len(plan.indicators)
    touched = set(int(k) for k in np.unique(draws.cell_column))
    cols = [i for i in range(n_ind) if i in touched or int(plan.denominator_of[i]) in touched]
    return np.asarray(cols, dtype=np.int64)


def _aggregate(group: _Group, w: np.ndarray, dyn: np.ndarray | None) -> dict[int, np.ndarray]:
    """Node scores (U, C) for every node, from static and dynamic indicator scores.

    A geometric or harmonic node with `on_zero: offset` adds the offset only in the draws where
    some unit has a zero (or negative) child, as `score` does; elsewhere it takes the plain mean.
    """
    plan = group.plan
    scores: dict[int, np.ndarray] = {}
    for j, node_id in enumerate(plan.nodes):
        kids = plan.children[j]
        code = int(group.codes[j])
        offset = float(group.offsets[j])
        total = w[:, kids].sum(axis=1)[np.newaxis, :]  # (1, C)
        plain = _node_stats(group, w, dyn, scores, kids, code, np.nan)
        value = node_score(*plain[:3], total, code, np.nan, plan.min_coverage[j])
        if not np.isnan(offset):
            shifted = _node_stats(group, w, dyn, scores, kids, code, offset)
            with_offset = node_score(*shifted[:3], total, code, offset, plan.min_coverage[j])
            value = np.where(plain[3][np.newaxis, :], with_offset, value)
        scores[plan.item_index[node_id]] = value
    return scores


def _node_stats(
    group: _Group,
    w: np.ndarray,
    dyn: np.ndarray | None,
    scores: dict[int, np.ndarray],
    kids: np.ndarray,
    code: int,
    offset: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """S1, S0 and the weight of undefined children (each (U, C)) of one node, and per draw
    whether any unit has a child at or below zero (C,)."""
    plan = group.plan
    if kids[0] < len(plan.indicators):  # a pillar: its children are indicators
        static = kids[~group.is_dynamic[kids]]
        g, p, bad = group.static_terms(code, offset)
        ws = w[:, static].T  # (k_s, C)
        s1, s0, zeros = g[:, static] @ ws, p[:, static] @ ws, bad[:, static] @ ws
        any_zero = np.full(w.shape[0], bool((group.static[:, static] <= 0).any()))
        pos = {int(k): j for j, k in enumerate(group.dynamic)}
        for k in kids[group.is_dynamic[kids]]:
            assert dyn is not None
            x = dyn[:, :, pos[int(k)]]
            gd, pd_, bd = _child_terms(x, code, offset)
            wd = w[:, k][np.newaxis, :]
            s1, s0, zeros = s1 + gd * wd, s0 + pd_ * wd, zeros + bd * wd
            any_zero |= (x <= 0).any(axis=0)
        return s1, s0, zeros, any_zero
    x = np.stack([scores[int(k)] for k in kids], axis=-1)  # (U, C, k)
    wk = w[:, kids]
    g, p, bad = _child_terms(x, code, offset)
    return (
        np.einsum("uck,ck->uc", g, wk),
        np.einsum("uck,ck->uc", p, wk),
        np.einsum("uck,ck->uc", bad, wk),
        np.asarray((x <= 0).any(axis=(0, 2))),
    )
