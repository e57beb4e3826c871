"""Normalised scores of the indicator columns a batch of draws varies, a chunk of draws at once.

A draw may give some raw cells other values (a value within its Low-High interval, a contested
level one either way). Only the columns holding such cells ("varied columns") are scored per
draw; every other column keeps its scores under the draw's method combination. Three routes:

- cells: fixed goalposts, no imputation reaching the column, no denominator, and few of its
  cells varied. A score depends on its own value only, y = a x + b (clipped to [0, 100] where
  the rubric clips): only the varied cells are scored (COINr `n_goalposts`).
- affine: goalposts, min-max or z-score, imputation none or indicator mean, no denominator.
  Per draw the column's statistics (the mean that fills its missing cells; its minimum and
  maximum, or mean and standard deviation) are taken over the column with the draw's values,
  and every cell becomes y = a_d x + b_d (COINr `i_mean`, `n_goalposts`, `n_minmax`,
  `n_zscore`).
- general: anything else (rank, distance to target, median or group imputation, denominators):
  the columns go through `plan.indicator_scores` for every draw of the chunk at once.

A chunk's scores are one block (columns, draws, units), 0 where a cell is missing. Whether a
varied column's cell has a value does not change across draws (intervals and contested levels
vary values that exist; imputation fills the same cells whatever the values), so presence is
kept once per column (`present`).
"""

from __future__ import annotations

import numpy as np

from readiness.engine.normalise import Method
from readiness.engine.plan import Methods, Plan, denominated, indicator_scores
from readiness.rubric.model import Goalposts, Imputation, MinMax, ZScore

GENERAL, AFFINE, CELLS = 0, 1, 2
GOALPOSTS, MINMAX, ZSCORE = 0, 1, 2


class VariedColumns:
    """The varied columns of one method combination, and how each chunk of draws scores them.

    Slots (the block's first axis) hold the general columns, then the affine ones (goalposts,
    then min-max, then z-score), then the cell-by-cell ones.
    """

    def __init__(
        self,
        plan: Plan,
        raw: np.ndarray,
        den: np.ndarray,
        static: np.ndarray,
        methods: Methods,
        cell_unit: np.ndarray,
        cell_column: np.ndarray,
    ) -> None:
        """`raw` (U, plan.columns), `den` its denominated indicator columns (U, I), `static`
        the normalised scores under `methods` (U, I); the draws vary raw[cell_unit,
        cell_column]."""
        self.plan = plan
        self.raw = raw
        self.methods = methods
        n_units, n_ind = den.shape
        counts = np.bincount(cell_column, minlength=len(plan.columns))
        varied = [
            k
            for k in range(n_ind)
            if counts[k] or (plan.denominator_of[k] >= 0 and counts[plan.denominator_of[k]])
        ]
        imputation = methods.imputation or plan.rubric.missing_data.imputation
        treated = plan.rubric.outliers.method != "none"
        norms = plan.normalisation_of(methods)
        holes = np.isnan(den).any(axis=0)  # a column imputation would reach

        def route(k: int) -> tuple[int, int]:
            """(route, kind of normalisation)."""
            norm = norms[k]
            kind = {Goalposts: GOALPOSTS, MinMax: MINMAX, ZScore: ZSCORE}.get(type(norm), -1)
            if treated or plan.denominator_of[k] >= 0 or kind < 0:
                return GENERAL, 0
            filled = imputation is not Imputation.NONE and bool(holes[k])
            if kind == GOALPOSTS and not filled and 2 * counts[k] < n_units:
                return CELLS, kind
            if not filled or imputation is Imputation.INDICATOR_MEAN:
                return AFFINE, kind
            return GENERAL, 0

        keyed = sorted(varied, key=lambda k: (*route(k), k))
        self.columns = np.asarray(keyed, dtype=np.int64)  # indicator column of each slot
        routes = np.asarray([route(k)[0] for k in keyed], dtype=np.int64)
        kinds = np.asarray([route(k)[1] for k in keyed], dtype=np.int64)
        self.n = len(keyed)
        self.general = np.flatnonzero(routes == GENERAL)
        self.affine = _span(routes == AFFINE)
        self.cells = _span(routes == CELLS)
        slot_of = np.full(len(plan.columns), -1, dtype=np.int64)
        slot_of[self.columns] = np.arange(self.n)
        scores = static[:, self.columns].T  # (k, U)
        self.present = ~np.isnan(scores)
        self.start = np.nan_to_num(scores)  # static scores, 0 where missing
        self.missing = [np.flatnonzero(~p) for p in self.present]  # units, per slot

        slot = slot_of[cell_column]  # a cell on a denominator column has no slot of its own
        cell_route = np.where(slot >= 0, routes[np.maximum(slot, 0)], -1)
        self._cells_setup(norms, cell_unit, cell_column, slot, cell_route == CELLS)
        self._affine_setup(norms, kinds, den, imputation, cell_unit, slot, cell_route == AFFINE)
        self._general_setup(plan, cell_unit, cell_column)

    # -- set-up, once per method combination --

    def _cells_setup(
        self,
        norms: list[Method],
        cell_unit: np.ndarray,
        cell_column: np.ndarray,
        slot: np.ndarray,
        mine: np.ndarray,
    ) -> None:
        """Per cell scored alone, its goalposts as y = a x + b, and whether to clip."""
        self._cw_cells = np.flatnonzero(mine)
        self._cw_slot = slot[self._cw_cells]
        self._cw_unit = cell_unit[self._cw_cells]
        cols = cell_column[self._cw_cells]
        a, b, clip = _goalposts(self.plan, norms, cols)
        self._cw_a, self._cw_b, self._cw_clip = a, b, clip

    def _affine_setup(
        self,
        norms: list[Method],
        kinds: np.ndarray,
        den: np.ndarray,
        imputation: Imputation,
        cell_unit: np.ndarray,
        slot: np.ndarray,
        mine: np.ndarray,
    ) -> None:
        a0, a1 = self.affine
        cols = self.columns[a0:a1]
        base = den[:, cols].T.copy()  # (k_a, U) raw values, NaN where missing
        self._af_norms = [norms[int(k)] for k in cols]
        self._af_direction = np.asarray([self.plan.directions[int(k)] for k in cols], dtype=float)
        rel = kinds[a0:a1]
        self._af_kinds = [_span(rel == kind) for kind in (GOALPOSTS, MINMAX, ZSCORE)]
        # Where a slot's varied cells are consecutive among the draws' cells, in unit order (as
        # the design lays them out), the slot takes one slice of the values: copied whole when
        # it covers every unit, else put in its units' places row by row.
        cells = np.flatnonzero(mine)
        rel_slot = slot[cells] - a0
        self._af_runs: list[tuple[int, int, int, np.ndarray | None]] = []
        scattered = np.ones(cells.size, dtype=bool)
        n_units = base.shape[1]
        for s in range(cols.size):
            at = np.flatnonzero(rel_slot == s)
            units = cell_unit[cells[at]]
            consecutive = at.size > 0 and cells[at[-1]] - cells[at[0]] == at.size - 1
            if consecutive and bool(np.all(np.diff(units) > 0)):
                whole = units.size == n_units
                self._af_runs.append((s, int(cells[at[0]]), at.size, None if whole else units))
                scattered[at] = False
        self._af_cells = cells[scattered]
        self._af_slot = rel_slot[scattered]
        self._af_unit = cell_unit[self._af_cells]
        # Mean imputation: a column's fill in a draw is the mean of its values in that draw.
        fill = imputation is Imputation.INDICATOR_MEAN
        self._af_fill = [
            (s, np.flatnonzero(np.isnan(base[s])), float((~np.isnan(base[s])).sum()))
            for s in range(cols.size)
            if fill and np.isnan(base[s]).any()
        ]
        for s, units, _ in self._af_fill:
            base[s, units] = 0.0  # summed over units: a hole adds nothing
        self._af_base = base
        present = self.present[a0:a1]
        self._af_nan = not present.all()  # some cell stays missing: NaN-aware statistics
        self._af_miss_slot, self._af_miss_unit = np.nonzero(~present)
        self._af_a, self._af_b, self._af_clip = _goalposts(
            self.plan, self._af_norms, np.arange(cols.size), self._af_direction
        )

    def _general_setup(self, plan: Plan, cell_unit: np.ndarray, cell_column: np.ndarray) -> None:
        gen = self.columns[self.general]
        den_of = plan.denominator_of[gen]
        need = np.unique(np.concatenate([gen, den_of[den_of >= 0]])).astype(np.int64)
        self._gen_need = need
        where = np.full(len(plan.columns), -1, dtype=np.int64)
        where[need] = np.arange(need.size)
        pos = where[cell_column]
        self._gen_cells = np.flatnonzero(pos >= 0)
        self._gen_pos = pos[self._gen_cells]
        self._gen_unit = cell_unit[self._gen_cells]
        self._gen_x = where[gen]
        self._gen_den = np.where(den_of >= 0, where[np.maximum(den_of, 0)], 0)

    # -- per chunk of draws --

    def block(self, values: np.ndarray) -> np.ndarray:
        """Scores of the varied columns (k, C, U) for C draws whose varied raw cells hold
        `values` (C, V), 0 where a cell is missing."""
        c = values.shape[0]
        out = np.empty((self.n, c, self.start.shape[1]))
        if self.general.size:
            self._general(values, out)
        if self.affine[1] > self.affine[0]:
            self._affine(values, out[self.affine[0] : self.affine[1]])
        c0, c1 = self.cells
        if c1 > c0:
            out[c0:c1] = self.start[c0:c1, np.newaxis, :]
            if self._cw_cells.size:
                y = values[:, self._cw_cells] * self._cw_a  # (C, F)
                y += self._cw_b
                _clip(y, self._cw_clip)
                out[self._cw_slot, :, self._cw_unit] = y.T
        return out

    def _affine(self, values: np.ndarray, x: np.ndarray) -> None:
        """Affine columns, in place in `x` (k_a, C, U)."""
        x[...] = self._af_base[:, np.newaxis, :]
        for s, first, size, units in self._af_runs:
            if units is None:
                x[s] = values[:, first : first + size]
            else:
                x[s][:, units] = values[:, first : first + size]
        if self._af_cells.size:
            x[self._af_slot, :, self._af_unit] = values[:, self._af_cells].T
        for s, units, count in self._af_fill:
            fill = x[s].sum(axis=1) / count if count else np.full(x.shape[1], np.nan)
            x[s][:, units] = fill[:, np.newaxis]
        a = np.repeat(self._af_a[:, np.newaxis], x.shape[1], axis=1)  # (k_a, C)
        b = np.repeat(self._af_b[:, np.newaxis], x.shape[1], axis=1)
        _, (m0, m1), (z0, z1) = self._af_kinds
        if m1 > m0:
            self._minmax(x[m0:m1], a[m0:m1], b[m0:m1], m0)
        if z1 > z0:
            self._zscore(x[z0:z1], a[z0:z1], b[z0:z1], z0)
        x *= a[:, :, np.newaxis]
        x += b[:, :, np.newaxis]
        clip = np.flatnonzero(self._af_clip)
        if clip.size and clip[-1] - clip[0] + 1 == clip.size:  # one run of slots: one call
            np.clip(x[clip[0] : clip[-1] + 1], 0.0, 100.0, out=x[clip[0] : clip[-1] + 1])
        else:
            for j in clip:
                np.clip(x[j], 0.0, 100.0, out=x[j])
        if self._af_miss_slot.size:
            x[self._af_miss_slot, :, self._af_miss_unit] = 0.0

    def _minmax(self, x: np.ndarray, a: np.ndarray, b: np.ndarray, j0: int) -> None:
        """y = (d x - min d x) / (max d x - min d x) (high - low) + low as y = a x + b per
        column and draw; every present value equal: the middle of the range (`minmax`)."""
        if self._af_nan:
            lo, hi = np.fmin.reduce(x, axis=2), np.fmax.reduce(x, axis=2)  # (k, C)
        else:
            lo, hi = x.min(axis=2), x.max(axis=2)
        norms = self._af_norms[j0 : j0 + x.shape[0]]
        low = np.asarray([n.low for n in norms if isinstance(n, MinMax)])[:, np.newaxis]
        high = np.asarray([n.high for n in norms if isinstance(n, MinMax)])[:, np.newaxis]
        d = self._af_direction[j0 : j0 + x.shape[0], np.newaxis]
        span = hi - lo
        with np.errstate(divide="ignore", invalid="ignore"):
            scale = (high - low) / span
        flat = span == 0
        a[...] = np.where(flat, 0.0, d * scale)
        b[...] = np.where(flat, (low + high) / 2.0, low - np.where(d == 1, lo, -hi) * scale)

    def _zscore(self, x: np.ndarray, a: np.ndarray, b: np.ndarray, j0: int) -> None:
        """y = (d x - mean d x) / sd(d x) sd' + mean' (sample sd) as y = a x + b per column and
        draw; fewer than two values or no spread: every unit gets mean' (`zscore`)."""
        at = self.affine[0] + j0
        present = self.present[at : at + x.shape[0]][:, np.newaxis, :]
        n = present.sum(axis=2).astype(float)  # (k, 1)
        with np.errstate(invalid="ignore", divide="ignore"):
            mu = np.where(present, x, 0.0).sum(axis=2) / n  # (k, C), mean of x
            dev = np.where(present, x - mu[:, :, np.newaxis], 0.0)
            s = np.sqrt(np.einsum("kcu,kcu->kc", dev, dev) / (n - 1.0))
            norms = self._af_norms[j0 : j0 + x.shape[0]]
            mean = np.asarray([z.mean for z in norms if isinstance(z, ZScore)])[:, np.newaxis]
            sd = np.asarray([z.sd for z in norms if isinstance(z, ZScore)])[:, np.newaxis]
            d = self._af_direction[j0 : j0 + x.shape[0], np.newaxis]
            scale = sd / s
        flat = (n < 2) | ~(s > 0)
        a[...] = np.where(flat, 0.0, d * scale)
        b[...] = np.where(flat, mean, mean - d * mu * scale)

    def _general(self, values: np.ndarray, out: np.ndarray) -> None:
        """General columns through the whole pipeline, every draw of the chunk at once."""
        plan = self.plan
        c = values.shape[0]
        gen = self.columns[self.general]
        raws = np.repeat(self.raw[:, self._gen_need][:, np.newaxis, :], c, axis=1)  # (U, C, n)
        if self._gen_cells.size:
            raws[self._gen_unit, :, self._gen_pos] = values[:, self._gen_cells].T
        x = raws[:, :, self._gen_x]
        x = denominated(plan, x, gen, raws[:, :, self._gen_den])
        scored = indicator_scores(plan, x, gen, self.methods)  # (U, C, g)
        out[self.general] = np.nan_to_num(scored).transpose(2, 1, 0)


def _span(mask: np.ndarray) -> tuple[int, int]:
    """[first, last + 1) of the True entries of a mask whose True entries are consecutive."""
    at = np.flatnonzero(mask)
    return (int(at[0]), int(at[-1]) + 1) if at.size else (0, 0)


def _goalposts(
    plan: Plan, norms: list[Method], cols: np.ndarray, direction: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Fixed goalposts as y = a x + b (and whether to clip) for each of `cols` (indices into
    `norms`); 0, 0 and no clipping for another method. y = (x - low) / (high - low) 100, or
    (high - x) / (high - low) 100 for direction -1 (`normalise.goalposts`)."""
    a, b, clip = np.zeros(cols.size), np.zeros(cols.size), np.zeros(cols.size, dtype=bool)
    for j, k in enumerate(cols):
        gp = norms[int(k)]
        if not isinstance(gp, Goalposts):
            continue
        span = gp.high - gp.low
        up = (direction[j] if direction is not None else plan.directions[int(k)]) == 1
        a[j] = 100.0 / span if up else -100.0 / span
        b[j] = -100.0 * gp.low / span if up else 100.0 * gp.high / span
        clip[j] = gp.clip
    return a, b, clip


def _clip(y: np.ndarray, clip: np.ndarray) -> None:
    """Clip the columns of y (C, F) marked in `clip` to [0, 100], in place."""
    if clip.all():
        np.clip(y, 0.0, 100.0, out=y)
    elif clip.any():
        y[:, clip] = np.clip(y[:, clip], 0.0, 100.0)
