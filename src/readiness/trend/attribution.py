"""Why a score moved between two periods: each change split into its causes.

For each unit and each item of the current rubric (the index and every aggregate), the change
from the earlier period to the current one is split into

- **method**: the rubric changed. The earlier values are scored again under the current rubric;
  method = S(earlier values, current rubric) - S(earlier values, earlier rubric). Zero when the
  rubric is the same. Under the current rubric the earlier values lose the indicators it
  dropped, and gain the indicators it added, at their current values: the earlier period could
  not answer a question its rubric did not ask, so a value of an indicator new to the rubric is
  the rubric's doing, not new data about the country (issue #9: the move from one rubric
  version to the next is a method effect). The rule assumes the added indicators' readings held
  in the earlier period too; an indicator that keeps its id keeps its earlier value.
- **data**, the rest, = S(current values, current rubric) - S(earlier values, current rubric),
  itself split by walking from the earlier values to the current ones in three steps, all under
  the current rubric and applied to every unit at once:
    1. **changed**: values present in both periods take their new numbers;
    2. **appeared**: values present now but not before are added (new data);
    3. **disappeared**: values present before but not now are removed.
  Only indicators both rubrics have take part in these steps.
  Each cause is the score's move over its step, so method + changed + appeared + disappeared
  equals the total change (up to float rounding; `split_for_print` rounds the parts so that the
  printed parts add up to the printed total). The order is fixed: changed values first, then
  new ones, then removed ones. An intermediate state that has no score under the rubric's
  coverage rules is scored on the values it has, with the coverage rules relaxed; the endpoints
  are always the published scores, so the parts still add up to the total. Only where even that
  gives no score (a geometric or harmonic mean meeting a new zero) is a change not split.

A unit's causes include effects through other units (min-max normalisation, imputation); with
fixed goalposts and no imputation, as in the shipped rubric, a unit moves only with its own
values. A score missing in both periods has no change (never "changed"); a score that exists in
one period only is `new` or `lost`, with the values that appeared or disappeared named.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from readiness.engine.result import Result
from readiness.engine.score import score
from readiness.rubric.model import Rubric

CAUSES = ("method", "changed", "appeared", "disappeared")
_ZERO = 1e-9  # a cause smaller than this is no cause (float noise)

Key = tuple[str, str]  # (unit, indicator)


@dataclass(frozen=True)
class Move:
    """One item of one unit: its score in both periods and the change split by cause."""

    item: str
    before: float | None  # under the earlier period's own rubric
    after: float | None
    status: str  # "scored" (both), "new" (now only), "lost" (before only), "absent" (neither)
    method: float | None = None  # None when the change cannot be split (see `attributable`)
    changed: float | None = None
    appeared: float | None = None
    disappeared: float | None = None
    values_changed: tuple[str, ...] = ()  # indicators under the item, for this unit
    values_appeared: tuple[str, ...] = ()
    values_disappeared: tuple[str, ...] = ()
    # Indicators new to the current rubric whose values entered with it (the method step).
    values_added_by_rubric: tuple[str, ...] = ()

    @property
    def total(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def data(self) -> float | None:
        parts = (self.changed, self.appeared, self.disappeared)
        return None if any(p is None for p in parts) else sum(p for p in parts if p is not None)

    @property
    def attributable(self) -> bool:
        return self.status == "scored" and self.method is not None and self.data is not None

    def causes(self) -> dict[str, float]:
        """The non-zero causes, in `CAUSES` order (empty when not attributable)."""
        if not self.attributable:
            return {}
        found = {
            "method": self.method,
            "changed": self.changed,
            "appeared": self.appeared,
            "disappeared": self.disappeared,
        }
        return {k: v for k, v in found.items() if v is not None and abs(v) > _ZERO}

    @property
    def only_new_data(self) -> bool:
        """The move comes from values that appeared and nothing else (or the item is scored
        for the first time because values appeared)."""
        if self.status == "new":
            return bool(self.values_appeared) and not (
                self.values_changed or self.values_disappeared
            )
        return list(self.causes()) == ["appeared"]


@dataclass(frozen=True)
class UnitMoves:
    unit: str
    band_before: str | None
    band_after: str | None
    moves: dict[str, Move]  # item -> move: the index first, then the aggregates

    @property
    def band_changed(self) -> bool:
        """True only when the band differs; no band in either period is no change."""
        return self.band_before != self.band_after


@dataclass(frozen=True)
class Attribution:
    period_before: str
    period_after: str
    rubric_changed: bool
    units: dict[str, UnitMoves]
    version_before: str = ""  # the rubric version of each period
    version_after: str = ""
    added_by_rubric: tuple[str, ...] = ()  # indicators the current rubric added
    dropped_by_rubric: tuple[str, ...] = ()  # indicators of the earlier rubric it dropped


def _raw(result: Result) -> pd.DataFrame:
    """The values the result was scored from: units x indicators and denominators."""
    return pd.concat([result.raw, result.denominators], axis=1)


def _present(result: Result, rubric: Rubric, units: Sequence[str]) -> dict[Key, float]:
    """The values with a number, for indicators and denominators `rubric` has."""
    known = [i.id for i in rubric.indicators] + [d.id for d in rubric.denominators]
    raw = _raw(result)
    out: dict[Key, float] = {}
    for column in [c for c in raw.columns if c in set(known)]:
        for unit, value in raw[column].items():
            if str(unit) in set(units) and not math.isnan(float(value)):
                out[(str(unit), str(column))] = float(value)
    return out


def _frame(rows: Mapping[Key, float], rubric: Rubric, units: Sequence[str]) -> pd.DataFrame:
    ids = [i.id for i in rubric.indicators] + [d.id for d in rubric.denominators]
    frame = pd.DataFrame(np.nan, index=pd.Index(list(units), name="unit"), columns=ids)
    for (unit, ind), value in rows.items():
        frame.at[unit, ind] = value
    return frame


def _scores(rubric: Rubric, rows: Mapping[Key, float], template: Result) -> pd.DataFrame:
    """Scores of an intermediate state: under `rubric` where its coverage rules give one, else
    on the values present (the same rubric with every coverage requirement at 0)."""
    frame = _frame(rows, rubric, template.units)
    real = score(rubric, frame, attributes=template.attributes, origin="attribution").scores
    if not real.isna().to_numpy().any():
        return real
    relaxed = score(
        _relaxed(rubric), frame, attributes=template.attributes, origin="attribution"
    ).scores
    return real.where(real.notna(), relaxed)


def _relaxed(rubric: Rubric) -> Rubric:
    data = rubric.model_dump()
    for node in data["nodes"]:
        node["min_coverage"] = 0.0
    data["missing_data"]["min_coverage"] = 0.0
    return Rubric.model_validate(data)


def _under(rubric: Rubric, item: str) -> set[str]:
    """Indicators (and their denominators) below `item` in `rubric`."""
    below: set[str] = set()
    todo = [item]
    while todo:
        node = todo.pop()
        for kid in rubric.children.get(node, ()):
            if kid in rubric.indicator_by_id:
                below.add(kid)
                denominator = rubric.indicator_by_id[kid].denominator
                if denominator:
                    below.add(denominator)
            else:
                todo.append(kid)
    return below


def _number(frame: pd.DataFrame, unit: str, item: str) -> float | None:
    if unit not in frame.index or item not in frame.columns:
        return None
    value = float(frame.at[unit, item])
    return None if math.isnan(value) else value


def attribute(before: Result, after: Result) -> Attribution:
    """Split each unit's change from `before` (the earlier period, scored with its own rubric)
    to `after` (the current period) into causes; see the module docstring."""
    rubric = after.rubric
    units = after.units
    earlier_ids = _ids(before.rubric)
    added = tuple(i for i in _ids(rubric) if i not in earlier_ids)
    dropped = tuple(i for i in earlier_ids if i not in set(_ids(rubric)))
    kept = _present(before, rubric, units)
    new = _present(after, rubric, units)
    # The method step: the earlier values under the current rubric, with the values of the
    # indicators it added (the earlier period was never asked them).
    by_rubric = {k: v for k, v in new.items() if k[1] in set(added) and k not in kept}
    old = {**kept, **by_rubric}
    changed = {k for k in old.keys() & new.keys() if old[k] != new[k]}
    appeared = set(new) - set(old)
    disappeared = set(old) - set(new)

    rubric_changed = before.rubric != rubric
    s_old = (
        _scores(rubric, old, after)
        if rubric_changed or len(old) != _count(before)
        else before.scores
    )
    step_changed = {**old, **{k: new[k] for k in changed}}
    s_changed = _scores(rubric, step_changed, after) if changed else s_old
    step_appeared = {**step_changed, **{k: new[k] for k in appeared}}
    s_appeared = _scores(rubric, step_appeared, after) if appeared else s_changed
    s_new = after.scores

    items = [rubric.root.id, *(n for n in rubric.aggregation_order if n != rubric.root.id)]
    below = {item: _under(rubric, item) for item in items}
    out: dict[str, UnitMoves] = {}
    for unit in units:
        moves = {}
        for item in items:
            b = _number(before.scores, unit, item)
            a = _number(s_new, unit, item)
            lists = (
                _named(changed, unit, below[item]),
                _named(appeared, unit, below[item]),
                _named(disappeared, unit, below[item]),
                _named(set(by_rubric), unit, below[item]),
            )
            steps = [
                _number(s_old, unit, item),
                _number(s_changed, unit, item),
                _number(s_appeared, unit, item),
            ]
            moves[item] = _move(item, b, a, steps, lists)
        band_before = before.bands.get(unit) if unit in before.bands.index else None
        band_after = after.bands.get(unit) if unit in after.bands.index else None
        out[unit] = UnitMoves(unit, _label(band_before), _label(band_after), moves)
    return Attribution(
        str(before.period or ""),
        str(after.period or ""),
        rubric_changed,
        out,
        version_before=before.rubric.version,
        version_after=rubric.version,
        added_by_rubric=added,
        dropped_by_rubric=dropped,
    )


def _ids(rubric: Rubric) -> tuple[str, ...]:
    return tuple(i.id for i in rubric.indicators) + tuple(d.id for d in rubric.denominators)


def _move(
    item: str,
    b: float | None,
    a: float | None,
    steps: list[float | None],
    lists: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]],
) -> Move:
    """The move of one item; `steps` are its scores after re-scoring the earlier values under
    the current rubric, after the changed values, and after the new values."""
    status = {
        (True, True): "scored",
        (False, True): "new",
        (True, False): "lost",
        (False, False): "absent",
    }[(b is not None, a is not None)]
    o, c, p = steps
    if b is None or a is None or o is None or c is None or p is None:
        return Move(  # not attributable
            item,
            b,
            a,
            status,
            values_changed=lists[0],
            values_appeared=lists[1],
            values_disappeared=lists[2],
            values_added_by_rubric=lists[3],
        )
    return Move(
        item,
        b,
        a,
        status,
        method=o - b,  # exactly 0.0 when the rubric and the values kept are the same
        changed=c - o,
        appeared=p - c,
        disappeared=a - p,
        values_changed=lists[0],
        values_appeared=lists[1],
        values_disappeared=lists[2],
        values_added_by_rubric=lists[3],
    )


def _count(result: Result) -> int:
    return int(_raw(result).notna().to_numpy().sum())


def _named(keys: set[Key], unit: str, below: set[str]) -> tuple[str, ...]:
    return tuple(sorted(i for u, i in keys if u == unit and i in below))


def _label(band: object) -> str | None:
    if band is None or band is pd.NA or (isinstance(band, float) and math.isnan(band)):
        return None
    return str(band)


def split_for_print(
    parts: Mapping[str, float], total: float, decimals: int = 1
) -> dict[str, float]:
    """`parts` rounded to `decimals` so that they add up to `total` rounded the same way
    (largest remainder): a reader who adds the printed causes gets the printed change."""
    scale = 10**decimals
    target = round(total * scale)
    floors = {k: math.floor(v * scale) for k, v in parts.items()}
    short = target - sum(floors.values())
    order = sorted(parts, key=lambda k: parts[k] * scale - floors[k], reverse=short > 0)
    for k in order[: abs(short)]:
        floors[k] += 1 if short > 0 else -1
    return {k: floors[k] / scale for k in parts}


def as_frame(attribution: Attribution) -> pd.DataFrame:
    """One row per unit x item: before, after, total and each cause (NaN where none)."""
    rows = []
    for unit, found in attribution.units.items():
        for item, move in found.moves.items():
            rows.append(
                {
                    "unit": unit,
                    "item": item,
                    "status": move.status,
                    "before": move.before,
                    "after": move.after,
                    "total": move.total,
                    **{c: getattr(move, c) for c in CAUSES},
                }
            )
    frame = pd.DataFrame(rows)
    for column in ("before", "after", "total", *CAUSES):
        frame[column] = frame[column].astype(float)
    return frame
