"""Score many what-if scenarios at once: each changes a few raw cells, weights and methods stay.

A scenario is a set of (unit, raw column, new value) changes. Only what a change reaches is
recomputed: the changed indicator scores (a whole column when its normalisation, imputation or
outlier treatment looks across units), then each node above them, level by level, by updating
the node's sufficient statistics (see `engine.means`):
    S1' = S1 + w_c (p'_c g(x'_c) - p_c g(x_c)),   S0' = S0 + w_c (p'_c - p_c).
Memory and time grow with the number of changes times the depth of the tree, not with the
number of scenarios times the number of indicators, so searching every single change of a
5,000-indicator rubric stays linear in the number of indicators.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from readiness.engine.means import child_terms, node_score, transform
from readiness.engine.plan import Methods, Plan, denominated, indicator_scores, normalise_cells


@dataclass(frozen=True)
class Changes:
    """Cell changes of `n` scenarios: scenario b sets raw[unit, column] := value."""

    n: int
    scenario: np.ndarray  # (M,) int
    unit: np.ndarray  # (M,) int, index into plan.units
    column: np.ndarray  # (M,) int, index into plan.columns (indicators, then denominators)
    value: np.ndarray  # (M,) float; NaN removes the value

    @classmethod
    def of(cls, n: int, rows: list[tuple[int, int, int, float]]) -> Changes:
        """From (scenario, unit, column, value) tuples."""
        if not rows:
            e = np.zeros(0, dtype=np.int64)
            return cls(n, e, e, e, np.zeros(0))
        s, u, c, v = zip(*rows, strict=True)
        return cls(
            n,
            np.asarray(s, dtype=np.int64),
            np.asarray(u, dtype=np.int64),
            np.asarray(c, dtype=np.int64),
            np.asarray(v, dtype=float),
        )


class Baseline:
    """The nominal state of every unit, kept as node statistics so changes can be applied."""

    def __init__(self, plan: Plan, raw: np.ndarray) -> None:
        self.plan = plan
        self.raw = raw  # (U, columns)
        self.methods = Methods()
        n_ind = len(plan.indicators)
        cols = np.arange(n_ind)
        den = raw[:, np.where(plan.denominator_of >= 0, plan.denominator_of, 0)]
        self.denominated = denominated(plan, raw[:, :n_ind], cols, den)
        self.normalised = indicator_scores(plan, self.denominated, cols, self.methods)
        self.codes, self.offsets = plan.node_methods(self.methods)
        n_units, n_nodes = len(plan.units), len(plan.nodes)
        self.values = np.full((n_units, len(plan.items)), np.nan)  # every item's score
        self.values[:, :n_ind] = self.normalised
        self.s1 = np.zeros((n_units, n_nodes))
        self.s0 = np.zeros((n_units, n_nodes))
        self.zeros = np.zeros((n_units, n_nodes))
        self.total = np.zeros(n_nodes)
        for j, node_id in enumerate(plan.nodes):
            kids = plan.children[j]
            w = plan.weight[kids]
            self.total[j] = w.sum()
            if not np.isnan(self.offsets[j]):  # recomputed whole, never updated (see score)
                self.values[:, plan.item_index[node_id]] = self._whole_node(
                    j, self.values[:, kids][:, np.newaxis, :]
                )[:, 0]
                continue
            g, p, bad = child_terms(self.values[:, kids], int(self.codes[j]), self.offsets[j])
            self.s1[:, j], self.s0[:, j], self.zeros[:, j] = g @ w, p @ w, bad @ w
            self.values[:, plan.item_index[node_id]] = node_score(
                self.s1[:, j],
                self.s0[:, j],
                self.zeros[:, j],
                self.total[j],
                int(self.codes[j]),
                self.offsets[j],
                plan.min_coverage[j],
            )

    def _whole_node(self, j: int, x: np.ndarray) -> np.ndarray:
        """Node j for every unit from its children's values x (U, S, k) in S scenarios. A
        geometric or harmonic mean with `on_zero: offset` adds the offset only in a scenario
        where some unit has a child at or below zero (as `score`), so one unit's change can move
        every unit's score of that node: such nodes are recomputed whole."""
        w = self.plan.weight[self.plan.children[j]]
        code, offset = int(self.codes[j]), float(self.offsets[j])
        out = []
        for o in (np.nan, offset):
            g, p, bad = child_terms(x, code, o)
            out.append(
                node_score(g @ w, p @ w, bad @ w, self.total[j], code, o, self.plan.min_coverage[j])
            )
        any_zero = np.asarray((x <= 0).any(axis=(0, 2)))[np.newaxis, :]
        return np.where(any_zero, out[1], out[0])

    @cached_property
    def relative(self) -> np.ndarray:
        """Per indicator: True when a change to one unit's value moves other units' scores."""
        missing = np.isnan(self.denominated).any(axis=0)
        return ~self.plan.cellwise(self.methods, missing)

    @property
    def index(self) -> np.ndarray:
        """Each unit's index score (U,)."""
        return self.values[:, self.plan.root]

    def score(self, changes: Changes, keep: str | None = None) -> np.ndarray:
        """Scores of one item (default: the index) for every unit in every scenario: (n, U)."""
        plan = self.plan
        item = plan.root if keep is None else plan.item_index[keep]
        out = np.broadcast_to(self.values[:, item], (changes.n, len(plan.units))).copy()
        b, u, i, new = self._indicator_changes(changes)
        n_ind = len(plan.indicators)
        n_units = len(plan.units)
        if item < n_ind:
            hit = i == item
            out[b[hit], u[hit]] = new[hit]
        # Pending changes at the child level: (scenario, unit, item, new value).
        while b.size:
            old = self.values[u, i]
            moved = ~((old == new) | (np.isnan(old) & np.isnan(new)))
            moved &= plan.parent[i] >= 0  # the index has no parent to pass a change to
            b, u, i, new, old = b[moved], u[moved], i[moved], new[moved], old[moved]
            if not b.size:
                break
            parent = plan.parent[i]
            level = plan.level[parent]
            # Process the lowest parent level first: every change reaching a node arrives
            # before the node itself is recomputed (a parent's level exceeds its children's).
            now = level == level.min()
            later = (b[~now], u[~now], i[~now], new[~now])
            b, u, i, new, old, j = b[now], u[now], i[now], new[now], old[now], parent[now] - n_ind
            whole = ~np.isnan(self.offsets[j])
            if whole.any():
                wb, wu, wj, wn = self._whole_changes(
                    b[whole], u[whole], i[whole], new[whole], j[whole]
                )
                b, u, i, new, old, j = (
                    b[~whole],
                    u[~whole],
                    i[~whole],
                    new[~whole],
                    old[~whole],
                    j[~whole],
                )
                later = (
                    np.concatenate([later[0], wb]),
                    np.concatenate([later[1], wu]),
                    np.concatenate([later[2], wj + n_ind]),
                    np.concatenate([later[3], wn]),
                )
                hit = wj + n_ind == item
                out[wb[hit], wu[hit]] = wn[hit]
            code, offset = self.codes[j], self.offsets[j]
            g_new, p_new, bad_new = _terms(new, code, offset)
            g_old, p_old, bad_old = _terms(old, code, offset)
            w = plan.weight[i]
            n_nodes = len(plan.nodes)
            key = (b * n_units + u) * n_nodes + j
            keys, inv = np.unique(key, return_inverse=True)
            d1 = np.bincount(inv, w * (g_new - g_old), minlength=keys.size)
            d0 = np.bincount(inv, w * (p_new - p_old), minlength=keys.size)
            dz = np.bincount(inv, w * (bad_new - bad_old), minlength=keys.size)
            kb, ku, kj = keys // (n_units * n_nodes), (keys // n_nodes) % n_units, keys % n_nodes
            scores = node_score(
                self.s1[ku, kj] + d1,
                self.s0[ku, kj] + d0,
                self.zeros[ku, kj] + dz,
                self.total[kj],
                self.codes[kj],
                self.offsets[kj],
                plan.min_coverage[kj],
            )
            hit = kj + n_ind == item
            out[kb[hit], ku[hit]] = scores[hit]
            b = np.concatenate([kb, later[0]])
            u = np.concatenate([ku, later[1]])
            i = np.concatenate([kj + n_ind, later[2]])
            new = np.concatenate([scores, later[3]])
        return out

    def _whole_changes(
        self, b: np.ndarray, u: np.ndarray, i: np.ndarray, new: np.ndarray, j: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Recompute whole nodes (see `_whole_node`) for the scenarios that change them."""
        plan = self.plan
        n_units = len(plan.units)
        out: list[tuple[np.ndarray, ...]] = []
        for node in np.unique(j):
            sel = j == node
            kids = plan.children[int(node)]
            scen = np.unique(b[sel])
            x = np.repeat(self.values[:, kids][:, np.newaxis, :], scen.size, axis=1)
            slot = {int(k): c for c, k in enumerate(kids)}
            x[u[sel], np.searchsorted(scen, b[sel]), [slot[int(k)] for k in i[sel]]] = new[sel]
            y = self._whole_node(int(node), x)  # (U, S)
            uu, ss = np.meshgrid(np.arange(n_units), np.arange(scen.size), indexing="ij")
            out.append(
                (scen[ss.ravel()], uu.ravel(), np.full(uu.size, node, dtype=np.int64), y.ravel())
            )
        return tuple(np.concatenate(parts) for parts in zip(*out, strict=True))  # type: ignore[return-value]

    def _indicator_changes(
        self, changes: Changes
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """New normalised scores of every indicator cell the changes reach."""
        plan = self.plan
        n_ind = len(plan.indicators)
        if changes.scenario.size == 0:
            e = np.zeros(0, dtype=np.int64)
            return e, e, e, np.zeros(0)
        # The last change to a cell wins.
        cell: dict[tuple[int, int, int], float] = {}
        for b_, u_, c_, v_ in zip(
            changes.scenario.tolist(),
            changes.unit.tolist(),
            changes.column.tolist(),
            changes.value.tolist(),
            strict=True,
        ):
            cell[(b_, u_, c_)] = v_
        # Indicator cells reached: changed indicators, and indicators over a changed denominator.
        by_den: dict[int, list[int]] = {}
        for k, d in enumerate(plan.denominator_of):
            if d >= 0:
                by_den.setdefault(int(d), []).append(k)
        reached: dict[tuple[int, int, int], None] = {}
        for b_, u_, c_ in cell:
            for k in [c_] if c_ < n_ind else by_den.get(c_, []):
                reached[(b_, u_, k)] = None
        rb = np.asarray([t[0] for t in reached], dtype=np.int64)
        ru = np.asarray([t[1] for t in reached], dtype=np.int64)
        ri = np.asarray([t[2] for t in reached], dtype=np.int64)
        x = np.asarray(
            [cell.get((b_, u_, k), self.raw[u_, k]) for b_, u_, k in reached], dtype=float
        )
        den_col = plan.denominator_of[ri]
        den = np.asarray(
            [
                cell.get((b_, u_, int(d)), self.raw[u_, d]) if d >= 0 else 1.0
                for (b_, u_, _), d in zip(reached, den_col, strict=True)
            ],
            dtype=float,
        )
        x = denominated(plan, x, ri, den)
        # Removing a value that imputation would fill moves the column's imputed cells too.
        imputes = (self.methods.imputation or plan.rubric.missing_data.imputation).value != "none"
        relative = self.relative[ri] | (np.isnan(x) & imputes)
        cw = ~relative
        # Cellwise indicators: each changed cell is normalised alone (a column of one unit).
        out_b, out_u, out_i = [rb[cw]], [ru[cw]], [ri[cw]]
        out_v = [normalise_cells(plan, x[cw], ri[cw], self.methods)]
        # Relative indicators: recompute the whole column for each scenario that touches it.
        for k in np.unique(ri[relative]):
            sel = relative & (ri == k)
            scen = np.unique(rb[sel])
            col = np.repeat(self.denominated[:, [k]], scen.size, axis=1)  # (U, S)
            pos = np.searchsorted(scen, rb[sel])
            col[ru[sel], pos] = x[sel]
            y = indicator_scores(plan, col[:, :, np.newaxis], np.asarray([k]), self.methods)[
                :, :, 0
            ]
            uu, ss = np.meshgrid(np.arange(len(plan.units)), np.arange(scen.size), indexing="ij")
            out_b.append(scen[ss.ravel()])
            out_u.append(uu.ravel())
            out_i.append(np.full(uu.size, k, dtype=np.int64))
            out_v.append(y.ravel())
        return (
            np.concatenate(out_b),
            np.concatenate(out_u),
            np.concatenate(out_i),
            np.concatenate(out_v),
        )


def _terms(
    x: np.ndarray, code: np.ndarray, offset: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    present = ~np.isnan(x)
    g = transform(x, code, offset)
    bad = present & np.isnan(g)
    ok = present & ~bad
    return np.where(ok, g, 0.0), ok.astype(float), bad.astype(float)
