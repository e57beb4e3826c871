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
from readiness.rubric.model import Goalposts


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
    if isinstance(code, int | np.integer):  # one mean for the whole array: compute only it
        if code == ARITHMETIC:
            return x
        o = 0.0 if np.isnan(offset) else float(offset)
        shifted = np.where(x + o > 0, x + o, np.nan)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.log(shifted) if code == GEOMETRIC else 1.0 / shifted
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
    if isinstance(code, int | np.integer) and np.ndim(min_coverage) == 0:
        # One node for the whole array: fewer passes. coverage >= m  <=>  S0 >= m T (T > 0).
        with np.errstate(divide="ignore", invalid="ignore"):
            value = s1 / s0
            if code != ARITHMETIC:
                value = inverse(value, code, offset)
        need = (float(min_coverage) - 1e-12) * total
        ok = (s0 > 0) & (s0 >= need) & (total > 0)
        if code != ARITHMETIC:
            ok &= zeros <= 0
        value[~ok] = np.nan
        return value
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
    """One combination of methods: its static indicator scores, and how the draws' varied cells
    reach the dynamic columns (ordered by parent node, so each node's are a contiguous slice)."""

    def __init__(
        self, plan: Plan, raw: np.ndarray, methods: Methods, dynamic: np.ndarray, draws: Draws
    ):
        self.plan = plan
        self.methods = methods
        n_ind = len(plan.indicators)
        cols = np.arange(n_ind)
        den = raw[:, np.where(plan.denominator_of >= 0, plan.denominator_of, 0)]
        self.denominated = denominated(plan, raw[:, :n_ind], cols, den)
        self.static = _indicator_scores(plan, self.denominated, cols, methods)  # (U, I)
        self.codes, self.offsets = plan.node_methods(methods)
        order = np.lexsort((dynamic, plan.parent[dynamic])) if dynamic.size else dynamic
        self.dynamic = dynamic[order]  # indicator columns varied by draws, by parent
        self.is_dynamic = np.zeros(n_ind, dtype=bool)
        self.is_dynamic[self.dynamic] = True
        self.slot = {int(k): j for j, k in enumerate(self.dynamic)}
        # Whether a dynamic cell has a value does not change across draws (intervals and levels
        # vary values that exist; imputation fills the same cells whatever the values).
        self.dyn_present = ~np.isnan(self.static[:, self.dynamic])  # (U, v)
        self.dyn_present_f = self.dyn_present.astype(float)
        self.terms: dict[tuple[int, float], tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        # Cells of cellwise columns (fixed goalposts, nothing across units reaches them, no
        # denominator) are normalised alone; the other dynamic columns are recomputed whole.
        missing = np.isnan(self.denominated).any(axis=0)
        cellwise = plan.cellwise(methods, missing) & (plan.denominator_of < 0)
        self.fast_cells = np.zeros(0, dtype=np.int64)
        self.general = self.dynamic
        if draws.cell_column is not None and draws.cell_unit is not None:
            col = draws.cell_column
            on_ind = col < n_ind
            safe = np.where(on_ind, col, 0)
            fast_col = np.zeros(n_ind, dtype=bool)
            fast_col[self.dynamic] = cellwise[self.dynamic]
            # A column is fast only if every varied cell reaching it is one of its own cells.
            for k in np.unique(col[~on_ind]):
                fast_col[plan.denominator_of == k] = False
            self.fast_cells = np.flatnonzero(on_ind & fast_col[safe])
            self.general = self.dynamic[~fast_col[self.dynamic]]
            # Fixed goalposts as y = a x + b (clipped to [0, 100] where the rubric clips), per
            # fast cell: three array operations per draw instead of the general formula's six.
            cols = col[self.fast_cells]
            methods_list = plan.normalisation_of(methods)
            a, b, clip = [], [], []
            for k in cols:
                gp = methods_list[int(k)]
                assert isinstance(gp, Goalposts)
                span = gp.high - gp.low
                up = plan.directions[int(k)] == 1
                a.append(100.0 / span if up else -100.0 / span)
                b.append(-100.0 * gp.low / span if up else 100.0 * gp.high / span)
                clip.append(gp.clip)
            self.fast_a = np.asarray(a, dtype=float)
            self.fast_b = np.asarray(b, dtype=float)
            self.fast_clip = np.asarray(clip, dtype=bool)
            self.fast_slots = np.asarray([self.slot[int(k)] for k in cols], dtype=np.int64)

    def static_terms(self, code: int, offset: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        key = (code, 0.0 if np.isnan(offset) else offset)
        if key not in self.terms:
            self.terms[key] = _child_terms(self.static, code, offset)
        return self.terms[key]


def _dynamic_scores(group: _Group, raw: np.ndarray, draws: Draws, rows: np.ndarray) -> np.ndarray:
    """Normalised scores of the dynamic columns for the draws `rows`: (U, C, v), in the group's
    order. Columns start from their static scores; varied cells of cellwise columns are
    normalised alone; other dynamic columns go through the whole pipeline per draw."""
    plan = group.plan
    assert draws.cell_unit is not None and draws.cell_column is not None
    assert draws.cell_values is not None
    c = rows.size
    start = np.nan_to_num(group.static[:, group.dynamic])  # missing cells hold 0 (see dyn_present)
    block = np.repeat(start[:, np.newaxis, :], c, axis=1)
    values = draws.cell_values[rows]  # (C, V)
    fast = group.fast_cells
    if fast.size:
        scored = values[:, fast] * group.fast_a  # (C, F)
        scored += group.fast_b
        if group.fast_clip.all():
            np.clip(scored, 0.0, 100.0, out=scored)
        elif group.fast_clip.any():
            scored[:, group.fast_clip] = np.clip(scored[:, group.fast_clip], 0.0, 100.0)
        block[draws.cell_unit[fast], :, group.fast_slots] = scored.T
    if group.general.size and not (plan.denominator_of[group.general] >= 0).any():
        gen = group.general
        slots = np.asarray([group.slot[int(k)] for k in gen], dtype=np.int64)
        x = np.repeat(raw[:, gen][:, np.newaxis, :], c, axis=1)  # (U, C, g)
        where = {int(k): j for j, k in enumerate(gen)}
        slot = np.asarray([where.get(int(k), -1) for k in draws.cell_column], dtype=np.int64)
        keep = slot >= 0
        x[draws.cell_unit[keep], :, slot[keep]] = values[:, keep].T
        scored = _indicator_scores(plan, x, gen, group.methods)
        block[:, :, slots] = np.nan_to_num(scored, copy=False)
    elif group.general.size:
        gen = group.general
        need = np.unique(
            np.concatenate([gen, plan.denominator_of[gen][plan.denominator_of[gen] >= 0]])
        )
        where = {int(k): j for j, k in enumerate(need)}
        raws = np.repeat(raw[:, need][:, np.newaxis, :], c, axis=1)  # (U, C, n_need)
        slot = np.asarray([where.get(int(k), -1) for k in draws.cell_column], dtype=np.int64)
        keep = slot >= 0
        raws[draws.cell_unit[keep], :, slot[keep]] = values[:, keep].T
        x = raws[:, :, [where[int(k)] for k in gen]]
        den_cols = plan.denominator_of[gen]
        den = raws[:, :, [where[int(k)] if k >= 0 else 0 for k in den_cols]]
        x = denominated(plan, x, gen, den)
        scored = _indicator_scores(plan, x, gen, group.methods)
        block[:, :, [group.slot[int(k)] for k in gen]] = np.nan_to_num(scored)
    return block


def score_draws(
    plan: Plan,
    raw: np.ndarray,
    draws: Draws,
    keep: Sequence[str] | None = None,
    chunk: int = 256,
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
        group = _Group(plan, raw, methods, dynamic, draws)
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
    n_ind = len(plan.indicators)
    scores: dict[int, np.ndarray] = {}
    blocks: dict[int, np.ndarray] = {}  # parent item -> (U, C, k) scores of its node children
    for j, node_id in enumerate(plan.nodes):
        kids = plan.children[j]
        item = plan.item_index[node_id]
        if kids[0] >= n_ind:
            scores[-item - 1] = blocks.pop(item)  # this node's children, laid out as one block
        code = int(group.codes[j])
        offset = float(group.offsets[j])
        total = w[:, kids].sum(axis=1)[np.newaxis, :]  # (1, C)
        any_zero = _any_zero(group, dyn, scores, kids, w.shape[0]) if not np.isnan(offset) else None
        value = None
        if any_zero is None or not any_zero.all():
            plain = _node_stats(group, w, dyn, scores, kids, code, np.nan)
            value = node_score(*plain, total, code, np.nan, plan.min_coverage[j])
        if any_zero is not None and any_zero.any():
            shifted = _node_stats(group, w, dyn, scores, kids, code, offset)
            with_offset = node_score(*shifted, total, code, offset, plan.min_coverage[j])
            value = (
                with_offset
                if value is None
                else np.where(any_zero[np.newaxis, :], with_offset, value)
            )
        assert value is not None
        scores[item] = value
        parent = int(plan.parent[item])
        if parent >= 0:
            siblings = plan.children[parent - n_ind]
            if parent not in blocks:
                blocks[parent] = np.empty((*value.shape, siblings.size))
            blocks[parent][:, :, int(np.flatnonzero(siblings == item)[0])] = value
        scores.pop(-item - 1, None)
    return scores


def _any_zero(
    group: _Group,
    dyn: np.ndarray | None,
    scores: dict[int, np.ndarray],
    kids: np.ndarray,
    n: int,
) -> np.ndarray:
    """Per draw: whether any unit has a child of this node at or below zero (C,)."""
    plan = group.plan
    if kids[0] < len(plan.indicators):
        static = kids[~group.is_dynamic[kids]]
        out = np.full(n, bool((group.static[:, static] <= 0).any()))
        part = _slice(group, dyn, kids)
        if part is not None:
            x, _, a, b = part
            out |= ((x <= 0) & group.dyn_present[:, np.newaxis, a:b]).any(axis=(0, 2))
        return out
    x = scores[-int(plan.parent[kids[0]]) - 1]  # the children's block, laid out by _aggregate
    return np.asarray((x <= 0).any(axis=(0, 2)))


def _node_stats(
    group: _Group,
    w: np.ndarray,
    dyn: np.ndarray | None,
    scores: dict[int, np.ndarray],
    kids: np.ndarray,
    code: int,
    offset: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """S1, S0 and the weight of undefined children (each (U, C)) of one node."""
    plan = group.plan
    if kids[0] < len(plan.indicators):  # a pillar: its children are indicators
        static = kids[~group.is_dynamic[kids]]
        g, p, bad = group.static_terms(code, offset)
        ws = w[:, static].T  # (k_s, C)
        s1, s0, zeros = g[:, static] @ ws, p[:, static] @ ws, bad[:, static] @ ws
        part = _slice(group, dyn, kids)
        if part is not None:
            x, cols, a, b = part  # (U, C, k_d): this node's dynamic children, 0 where missing
            wd = w[:, cols]
            s0 = s0 + group.dyn_present_f[:, a:b] @ wd.T
            if code == ARITHMETIC:
                s1 = s1 + np.einsum("uck,ck->uc", x, wd)
            else:
                o = 0.0 if np.isnan(offset) else offset
                shifted = x + o
                ok = (shifted > 0) & group.dyn_present[:, np.newaxis, a:b]
                safe = np.where(ok, shifted, 1.0)
                with np.errstate(divide="ignore"):
                    g = np.log(safe) if code == GEOMETRIC else np.where(ok, 1.0 / safe, 0.0)
                s1 = s1 + np.einsum("uck,ck->uc", g, wd)
                bad = ~ok & group.dyn_present[:, np.newaxis, a:b] & (wd > 0)[np.newaxis, :, :]
                zeros = zeros + bad.any(axis=2)  # a present child with weight leaves g undefined
        return s1, s0, zeros
    parent = int(plan.parent[kids[0]])
    x = scores[-parent - 1]  # (U, C, k): the children's scores, laid out by _aggregate
    wk = w[:, kids]
    g, p, bad = _child_terms(x, code, offset)
    return (
        np.einsum("uck,ck->uc", g, wk),
        np.einsum("uck,ck->uc", p, wk),
        np.einsum("uck,ck->uc", bad, wk),
    )


def _slice(
    group: _Group, dyn: np.ndarray | None, kids: np.ndarray
) -> tuple[np.ndarray, np.ndarray, int, int] | None:
    """A node's dynamic children as one slice of the dynamic block (they are contiguous: the
    block is ordered by parent), with their indicator columns; None when it has none."""
    cols = kids[group.is_dynamic[kids]]
    if cols.size == 0:
        return None
    assert dyn is not None
    slots = sorted(group.slot[int(k)] for k in cols)
    a, b = slots[0], slots[-1] + 1
    return dyn[:, :, a:b], group.dynamic[a:b], a, b
