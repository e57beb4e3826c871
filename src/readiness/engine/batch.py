"""The batch scoring kernel: many draws at once, each with its own weights, methods and values.

A draw is one way the index could have been computed: a weight for every item, one combination
of method choices (`plan.Methods`) and, optionally, other raw values for some cells. Draws are
grouped by method combination; within a group they are scored in chunks of draws x units that
stay in cache, never one draw at a time. A `Kernel` holds what does not change between chunks
(each combination's static indicator scores and per-node terms), so an analysis builds it once.

Every node is a weighted mean written through sufficient statistics (`engine.means`):
    S1 = sum_c w_c p_c g(x_c),  S0 = sum_c w_c p_c,  T = sum_c w_c,  node = g^-1(S1 / S0).
The kernel works with the weights divided by T, so a chunk's arrays hold S1 / T, the mean
itself wherever every child is present:
- A pillar's indicators whose values do not vary across draws ("static") enter through one
  matrix product (draws x children times children x units, BLAS) written straight into the
  pillar's scores; each varied indicator column (`engine.columns`) adds one term. S0 / T
  (the coverage) is computed only for the units with a child missing.
- A node above pillars takes its children's (children, draws, units) block in one `einsum`.
  A child without a score in a draw holds a placeholder there; the few cells concerned are
  summed again over the children present.
- A geometric or harmonic node with `on_zero: offset` adds the offset only in the draws where
  some unit has a child at or below zero, as `score` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from readiness.engine.columns import VariedColumns
from readiness.engine.means import ARITHMETIC, GEOMETRIC, child_terms
from readiness.engine.plan import Methods, Plan, denominated, indicator_scores

CHUNK_CELLS = 1 << 16  # draws x units per chunk: a chunk's (draws, units) arrays stay in cache
_TINY = float(np.nextafter(0.0, 1.0))  # coverage >= _TINY  <=>  coverage > 0
_PLACEHOLDER = 1.0  # the value a child without a score holds inside its parent's block
# An offset mean this close to 0 is clamped to its children's range as `score` clamps it: the
# rounding residue of exp(ln o) - o would otherwise flip a parent's zero rule.
NEAR_ZERO = 1e-9
_NONE = np.zeros(0, dtype=np.int64)


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


def score_draws(
    plan: Plan,
    raw: np.ndarray,
    draws: Draws,
    keep: Sequence[str] | None = None,
    chunk: int | None = None,
) -> dict[str, np.ndarray]:
    """Score every draw: {node id: (D, U) scores} for the nodes in `keep` (default: the root).

    `raw` is the (units, plan.columns) matrix of raw values; draws change weights, methods and
    the cells they name. Scores match `score` for the same inputs up to floating-point rounding
    (the weighted sums are taken in another order). `chunk`: draws scored at once (default:
    about CHUNK_CELLS draws x units).
    """
    return Kernel(plan, raw, draws.methods, draws.cell_unit, draws.cell_column, keep).score(
        draws, chunk
    )


class Kernel:
    """Scores batches of draws for one plan and raw matrix, under a fixed list of method
    combinations and a fixed list of varied cells (their values change from draw to draw)."""

    def __init__(
        self,
        plan: Plan,
        raw: np.ndarray,
        methods: tuple[Methods, ...] = (Methods(),),
        cell_unit: np.ndarray | None = None,
        cell_column: np.ndarray | None = None,
        keep: Sequence[str] | None = None,
    ) -> None:
        self.plan = plan
        self.raw = raw
        self.methods = methods
        none = np.zeros(0, dtype=np.int64)
        self.cell_unit = none if cell_unit is None else np.asarray(cell_unit, dtype=np.int64)
        self.cell_column = none if cell_column is None else np.asarray(cell_column, np.int64)
        self.keep = list(keep) if keep is not None else [plan.rubric.root.id]
        self._groups: dict[int, _Group] = {}

    def score(self, draws: Draws, chunk: int | None = None) -> dict[str, np.ndarray]:
        """{node id: (D, U) scores} of `draws` (made for this kernel's methods and cells)."""
        plan = self.plan
        n_units = len(plan.units)
        if draws.methods != self.methods:
            raise ValueError("the draws were made for other method combinations")
        if draws.cell_column is not None and not np.array_equal(
            draws.cell_column, self.cell_column
        ):
            raise ValueError("the draws vary other cells than the kernel was built for")
        out = {k: np.full((draws.n, n_units), np.nan) for k in self.keep}
        method_of = draws.method_of if draws.method_of is not None else np.zeros(draws.n, np.int64)
        weights = draws.weights if draws.weights is not None else plan.weight[np.newaxis, :]
        size = chunk if chunk is not None else max(1, CHUNK_CELLS // max(n_units, 1))
        for m in range(len(self.methods)):
            rows_all = np.flatnonzero(method_of == m)
            if rows_all.size == 0:
                continue
            if m not in self._groups:
                self._groups[m] = _Group(self, self.methods[m])
            group = self._groups[m]
            for start in range(0, rows_all.size, size):
                rows = rows_all[start : start + size]
                w = weights[rows] if weights.shape[0] == draws.n else weights
                w = np.broadcast_to(w, (rows.size, w.shape[1]))
                values = draws.cell_values[rows] if draws.cell_values is not None else None
                group.score(w, values, rows, out)
        return out


@dataclass
class _Node:
    """One node of the tree as the kernel walks it, under one method combination."""

    id: str
    kids: np.ndarray  # item indices of its children
    code: int
    offset: float  # NaN: no offset rule
    min_coverage: float
    parent: int  # position of the parent in plan.nodes (-1: root)
    slot: int  # position among the parent's children
    width: int  # number of children
    pillar: bool  # children are indicators
    keep: bool  # scores wanted in the output
    # Pillars only (`_Group._pillar_terms`): their static children, by item (= indicator) index,
    # and the terms they add for each offset (0.0, the node's): o -> (G, B).
    static: np.ndarray = field(default_factory=lambda: _NONE)
    terms: dict[float, tuple[np.ndarray, np.ndarray | None]] | None = None
    static_zero: bool = False  # a static child at or below 0 somewhere
    varied: np.ndarray = field(default_factory=lambda: _NONE)  # varied children: slots in the block
    static_at: np.ndarray = field(default_factory=lambda: _NONE)  # static children among `kids`
    varied_at: np.ndarray = field(default_factory=lambda: _NONE)  # varied children among `kids`
    gaps: np.ndarray = field(default_factory=lambda: _NONE)  # units with a child missing
    presence: np.ndarray | None = None  # (k, len(gaps)) float: those units' children present


class _Group:
    """One combination of methods: static indicator scores and per-node terms, built once."""

    def __init__(self, kernel: Kernel, methods: Methods) -> None:
        plan, raw = kernel.plan, kernel.raw
        self.plan = plan
        n_ind = len(plan.indicators)
        cols = np.arange(n_ind)
        den = raw[:, np.where(plan.denominator_of >= 0, plan.denominator_of, 0)]
        den = denominated(plan, raw[:, :n_ind], cols, den)
        self.static = indicator_scores(plan, den, cols, methods)  # (U, I)
        self.varied: VariedColumns | None = None
        slot_of = np.full(n_ind, -1, dtype=np.int64)
        if kernel.cell_column.size:
            self.varied = VariedColumns(
                plan, raw, den, self.static, methods, kernel.cell_unit, kernel.cell_column
            )
            slot_of[self.varied.columns] = np.arange(self.varied.n)
        codes, offsets = plan.node_methods(methods)
        # Each item's parent among the nodes, and node x item incidence: the weight totals
        # of every node in one product per chunk.
        n_items = len(plan.items)
        self.parent_of = np.where(plan.parent >= 0, plan.parent - n_ind, 0)
        self.incidence = np.zeros((n_items, len(plan.nodes)))
        child = plan.parent >= 0
        self.incidence[np.flatnonzero(child), plan.parent[child] - n_ind] = 1.0
        keep = set(kernel.keep)
        self.nodes: list[_Node] = []
        for j, node_id in enumerate(plan.nodes):
            kids = plan.children[j]
            item = plan.item_index[node_id]
            parent_item = int(plan.parent[item])
            parent = parent_item - n_ind if parent_item >= 0 else -1
            slot = int(np.flatnonzero(plan.children[parent] == item)[0]) if parent >= 0 else 0
            node = _Node(
                node_id,
                kids,
                int(codes[j]),
                float(offsets[j]),
                float(plan.min_coverage[j]),
                parent,
                slot,
                kids.size,
                bool(kids[0] < n_ind),
                node_id in keep,
            )
            if node.pillar:
                self._pillar_terms(node, slot_of)
            self.nodes.append(node)

    def _pillar_terms(self, node: _Node, slot_of: np.ndarray) -> None:
        kids = node.kids
        is_varied = slot_of[kids] >= 0
        node.static = kids[~is_varied]
        node.varied = slot_of[kids[is_varied]]
        node.static_at = np.flatnonzero(~is_varied)
        node.varied_at = np.flatnonzero(is_varied)
        x = self.static[:, node.static]  # (U, ks)
        present = ~np.isnan(self.static[:, kids]).T  # (k, U)
        if self.varied is not None and node.varied.size:
            present[is_varied] = self.varied.present[node.varied]
        node.gaps = np.flatnonzero(~present.all(axis=0))
        node.presence = present[:, node.gaps].astype(float)
        node.terms = {}
        offsets = [0.0] if np.isnan(node.offset) else [0.0, node.offset]
        for o in offsets:
            g, _, bad = child_terms(x, node.code, o if o > 0 else np.nan)
            node.terms[o] = (np.ascontiguousarray(g.T), bad.T.copy() if bad.any() else None)
        node.static_zero = bool((x <= 0).any())

    # -- per chunk --

    def score(
        self, w: np.ndarray, values: np.ndarray | None, rows: np.ndarray, out: dict[str, np.ndarray]
    ) -> None:
        """Score the draws `rows` (weights `w` (C, items), varied cell values (C, V)) into
        `out`."""
        c, n_units = w.shape[0], len(self.plan.units)
        varied = None
        if self.varied is not None:
            assert values is not None
            varied = self.varied.block(values)
        blocks: dict[int, np.ndarray] = {}  # node position -> (k, C, U) children's scores
        holes: dict[int, list[np.ndarray]] = {}  # node position -> per child, flat cells
        totals = w @ self.incidence  # (C, nodes): each node's sum of child weights
        with np.errstate(divide="ignore"):
            scale = np.where(totals > 0, 1.0 / totals, 0.0)
        normalised = w * scale[:, self.parent_of]  # (C, items): weight over its siblings' sum
        for j, node in enumerate(self.nodes):
            if node.parent >= 0:
                if node.parent not in blocks:
                    width = self.nodes[node.parent].width
                    blocks[node.parent] = np.empty((width, c, n_units))
                    holes[node.parent] = [_NONE] * width
                dest = blocks[node.parent][node.slot]
            else:
                dest = np.empty((c, n_units))
            total = totals[:, j]
            wn = normalised[:, node.kids]  # (C, k)
            if node.pillar:
                bad = self._pillar(node, wn, varied, dest)
            else:
                bad = self._upper(node, wn, blocks.pop(j), holes.pop(j), dest)
            if total.min() <= 0:  # no weight at all: no score in the whole draw
                empty = np.flatnonzero(total <= 0)
                rows_bad = (empty[:, np.newaxis] * n_units + np.arange(n_units)).ravel()
                bad = np.union1d(bad, rows_bad)
            if node.keep:
                out[node.id][rows] = dest
                if bad.size:
                    out[node.id][rows[bad // n_units], bad % n_units] = np.nan
            if node.parent >= 0:
                dest.reshape(-1)[bad] = _PLACEHOLDER
                holes[node.parent][node.slot] = bad

    def _pillar(
        self, node: _Node, wn: np.ndarray, varied: np.ndarray | None, dest: np.ndarray
    ) -> np.ndarray:
        """A node over indicators: its scores into `dest` (C, U) from the normalised weights
        of its children `wn` (C, k); returns the flat cells without a score."""
        assert node.terms is not None and node.presence is not None
        ws = wn if node.static.size == node.width else wn[:, node.static_at]
        o = self._pillar_offsets(node, varied, dest.shape[0])
        zeros: np.ndarray | None = None
        if o is None or not o.any() or o.all():
            g, b = node.terms[0.0 if o is None or not o.any() else node.offset]
            np.matmul(ws, g, out=dest)
            if b is not None:
                zeros = ws @ b
        else:  # some draws take the offset, the others not
            for key, sel in ((0.0, o == 0), (node.offset, o > 0)):
                g, b = node.terms[key]
                dest[sel] = ws[sel] @ g
                if b is not None:
                    zeros = np.zeros(dest.shape) if zeros is None else zeros
                    zeros[sel] = ws[sel] @ b
        if node.varied.size:
            zeros = self._varied_terms(node, wn, varied, o, dest, zeros)
        coverage = wn @ node.presence if node.gaps.size else None
        bad = _finish(node, dest, o, zeros, coverage, columns=node.gaps)
        if o is not None and o.any():
            near = _near_zero(dest, bad)
            if near.size:
                draw, unit = near // dest.shape[1], near % dest.shape[1]
                x = self.static[unit][:, node.static].T  # (ks, H)
                present = ~np.isnan(x)
                if node.varied.size:
                    assert varied is not None and self.varied is not None
                    x = np.concatenate([x, varied[node.varied][:, draw, unit]])
                    present = np.concatenate([present, self.varied.present[node.varied][:, unit]])
                weights = wn[:, np.concatenate([node.static_at, node.varied_at])]
                _clamp(dest, near, x, present & (weights[draw].T > 0))
        return bad

    def _varied_terms(
        self,
        node: _Node,
        wn: np.ndarray,
        varied: np.ndarray | None,
        o: np.ndarray | None,
        dest: np.ndarray,
        zeros: np.ndarray | None,
    ) -> np.ndarray | None:
        """Add each varied child's term w g(x) to `dest`; returns the weight of undefined
        children (a child at or below 0 that the mean cannot take)."""
        assert varied is not None and self.varied is not None
        wv = wn[:, node.varied_at]
        term = np.empty(dest.shape) if node.code == ARITHMETIC else None
        for k, s in enumerate(node.varied):
            if term is not None:
                np.multiply(varied[s], wv[:, k, np.newaxis], out=term)
                dest += term
                continue
            missing = self.varied.missing[s]
            shifted = varied[s] + o[:, np.newaxis] if o is not None else varied[s].copy()
            undefined = None
            if missing.size:
                shifted[:, missing] = 1.0  # left out below; 1 keeps g defined meanwhile
            if shifted.min() <= 0:  # only a child at or below 0 needs a look
                undefined = shifted <= 0
                if undefined.any():
                    zeros = np.zeros(dest.shape) if zeros is None else zeros
                    zeros += undefined * wv[:, k, np.newaxis]
                    shifted[undefined] = 1.0
                else:
                    undefined = None
            with np.errstate(divide="ignore"):
                if node.code == GEOMETRIC:
                    np.log(shifted, out=shifted)
                else:
                    np.divide(1.0, shifted, out=shifted)
            if missing.size:
                shifted[:, missing] = 0.0
            if undefined is not None:
                shifted[undefined] = 0.0
            shifted *= wv[:, k, np.newaxis]
            dest += shifted
        return zeros

    def _pillar_offsets(self, node: _Node, varied: np.ndarray | None, c: int) -> np.ndarray | None:
        """Per draw, the offset a pillar's geometric or harmonic mean adds (None: no rule)."""
        if np.isnan(node.offset):
            return None
        if node.static_zero:
            return np.full(c, node.offset)
        hit = np.zeros(c, dtype=bool)
        if node.varied.size:
            assert varied is not None and self.varied is not None
            for s in node.varied:
                missing = self.varied.missing[s]
                if missing.size == 0:
                    hit |= varied[s].min(axis=1) <= 0
                    continue
                low = varied[s] <= 0
                low[:, missing] = False
                hit |= low.any(axis=1)
        return np.where(hit, node.offset, 0.0)

    def _upper(
        self,
        node: _Node,
        wn: np.ndarray,
        block: np.ndarray,
        holes: list[np.ndarray],
        dest: np.ndarray,
    ) -> np.ndarray:
        """A node over nodes, from its children's block (k, C, U) (placeholders where a
        child has no score: `holes`)."""
        n_units = block.shape[2]
        wn = np.ascontiguousarray(wn)
        o = None
        zeros = None
        if node.code == ARITHMETIC:
            g = block
        else:
            low = block.min(axis=2).min(axis=0)  # per draw; placeholders are above 0
            if not np.isnan(node.offset):
                o = np.where(low <= 0, node.offset, 0.0)
                low = low + o
            g = block + o[np.newaxis, :, np.newaxis] if o is not None and o.any() else block
            undefined = None
            if (low <= 0).any():
                undefined = g <= 0
                zeros = np.einsum("kcu,ck->cu", undefined.astype(float), wn)
                g = np.where(undefined, 1.0, g)
            with np.errstate(divide="ignore"):
                if node.code == GEOMETRIC:
                    g = np.log(g, out=g) if g is not block else np.log(g)
                else:
                    g = 1.0 / g
            if undefined is not None:
                g[undefined] = 0.0
        np.einsum("kcu,ck->cu", g, wn, out=dest)
        coverage = cells = None
        if any(h.size for h in holes):
            # Cells where some child has no score: the mean again over the present children.
            cells = np.unique(np.concatenate(holes))
            draw, unit = cells // n_units, cells % n_units
            wh = wn[draw].T * _present(holes, cells)  # (k, H)
            coverage = wh.sum(axis=0)
            dest.reshape(-1)[cells] = np.einsum("kh,kh->h", g[:, draw, unit], wh)
        bad = _finish(node, dest, o, zeros, coverage, cells=cells)
        if o is not None and o.any():
            near = _near_zero(dest, bad)
            if near.size:
                draw, unit = near // n_units, near % n_units
                weighted = _present(holes, near) & (wn[draw].T > 0)
                _clamp(dest, near, block[:, draw, unit], weighted)
        return bad


def _present(holes: list[np.ndarray], cells: np.ndarray) -> np.ndarray:
    """(k, H): whether child k has a score at each of the sorted flat `cells` (every list of
    holes is sorted too)."""
    present = np.ones((len(holes), cells.size), dtype=bool)
    for k, h in enumerate(holes):
        if h.size and cells.size:
            at = np.minimum(np.searchsorted(cells, h), cells.size - 1)
            present[k, at[cells[at] == h]] = False
    return present


def _near_zero(dest: np.ndarray, bad: np.ndarray) -> np.ndarray:
    """Flat cells of an offset mean within rounding of 0 (scored cells only)."""
    flat = dest.reshape(-1)
    if np.fmin.reduce(flat) >= NEAR_ZERO:  # the usual case: every score clearly above 0
        return _NONE
    near = (flat > -NEAR_ZERO) & (flat < NEAR_ZERO)
    near[bad] = False
    return np.flatnonzero(near)


def _clamp(dest: np.ndarray, cells: np.ndarray, x: np.ndarray, weighted: np.ndarray) -> None:
    """dest[cells] := the mean clamped to [smallest, largest] weighted child (x, (k, H)), as
    `aggregate_node` does: a geometric or harmonic mean with an offset over children that are
    all 0 is then exactly 0, not exp(ln o) - o, and a parent sees the zero child `score` sees."""
    lo = np.min(np.where(weighted, x, np.inf), axis=0)
    hi = np.max(np.where(weighted, x, -np.inf), axis=0)
    flat = dest.reshape(-1)
    flat[cells] = np.minimum(np.maximum(flat[cells], lo), hi)


def _finish(
    node: _Node,
    dest: np.ndarray,
    offset: np.ndarray | None,
    zeros: np.ndarray | None,
    coverage: np.ndarray | None,
    columns: np.ndarray | None = None,
    cells: np.ndarray | None = None,
) -> np.ndarray:
    """dest holds S1 / T; make it g^-1(S1 / S0) (minus the offset) and return the flat cells
    without a score: coverage S0 / T below the minimum, nothing present, or a weighted
    undefined child. S0 = T wherever every child is present; `coverage` gives S0 / T
    elsewhere: for the units `columns` in every draw (C, n), or for the flat `cells` (H,)."""
    n_units = dest.shape[1]
    flat = dest.reshape(-1)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if coverage is not None and columns is not None:
            dest[:, columns] /= coverage
        elif coverage is not None and cells is not None:
            flat[cells] /= coverage
        if node.code == GEOMETRIC:
            np.exp(dest, out=dest)
        elif node.code != ARITHMETIC:
            np.divide(1.0, dest, out=dest)
    if offset is not None and offset.any():
        dest -= offset[:, np.newaxis]
    bad: list[np.ndarray] = []
    need = max(node.min_coverage - 1e-12, _TINY)
    if coverage is not None and columns is not None:
        draw, col = np.nonzero(coverage < need)
        bad.append(draw * n_units + columns[col])
    elif coverage is not None and cells is not None:
        bad.append(cells[coverage < need])
    if zeros is not None:
        bad.append(np.flatnonzero(zeros > 0))
    if not bad:
        return _NONE
    return np.unique(np.concatenate(bad)) if len(bad) > 1 else bad[0]
