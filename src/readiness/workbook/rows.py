"""The fast path of workbook validation: a Values row that every check would pass is read in one
go, with the cell parser's answers cached per distinct cell (a workbook has a few dozen distinct
dates and addresses in 50,000 rows).

`FastRows.read` returns None for any row that any check might have something to say about (an
empty cell where a value belongs, text in a number cell, a stale date, a missing source...):
the validator then checks that row cell by cell, in order, as before. So the fast path changes
no message and no order; it only skips work on rows that are fine (tests/workbook compare both
paths on the same workbooks).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from readiness import limits
from readiness.inputs.parse import MAX_MAGNITUDE, CellError, cell_text, parse_as_of
from readiness.period import years_between
from readiness.rubric.model import Goalposts, Indicator, Kind, Rubric

URL = re.compile(r"^https?://[^\s/$.?#][^\s;]*$", re.IGNORECASE)
URL_SPLIT = re.compile(r"[\s;]+")
_MISSING: Any = object()
_text = cell_text


class Row(NamedTuple):
    """One value row as read: what `Values.table` holds for it (a tuple: 50,000 of them are
    made and transposed into columns)."""

    unit: str
    indicator: str
    value: float
    as_of: str
    source: str
    source_url: str
    note: str
    low: float = math.nan
    high: float = math.nan
    contested: bool = False


def urls_ok(text: str) -> bool:
    """Whether every address in a Source URL cell is a web address."""
    return all(not u or URL.match(u) for u in URL_SPLIT.split(text.strip()))


@dataclass(frozen=True)
class _Indicator:
    id: str
    numeric: bool
    low: float  # a value outside [low, high] (limits and goalposts) needs a closer look
    high: float
    levels: dict[Any, float]  # typed cell -> level number (categorical and yes/no)
    yes_no: bool
    lowest: float  # the lowest level: an answer that needs its evidence
    max_age: float


def _indicator(rubric: Rubric, ind: Indicator) -> _Indicator:
    low, high = -math.inf, math.inf
    if ind.limits is not None:
        low = ind.limits.min if ind.limits.min is not None else low
        high = ind.limits.max if ind.limits.max is not None else high
    norm = ind.normalisation
    if ind.kind is Kind.NUMERIC and isinstance(norm, Goalposts):
        low, high = max(low, norm.low), min(high, norm.high)
    low, high = max(low, -MAX_MAGNITUDE), min(high, MAX_MAGNITUDE)
    levels: dict[Any, float] = {}
    for level in ind.scale:
        levels[level.label] = level.value
        levels[level.value] = level.value  # the level's number typed as a number
    if ind.kind is Kind.YES_NO:
        levels.update({"yes": 1.0, "no": 0.0, "Yes": 1.0, "No": 0.0})
    lowest = ind.scale[0].value if ind.scale else math.nan
    return _Indicator(
        ind.id,
        ind.kind is Kind.NUMERIC,
        low,
        high,
        levels,
        ind.kind is Kind.YES_NO,
        lowest,
        rubric.max_age_of(ind.id),
    )


class FastRows:
    """Reads rows that need no closer look; see the module docstring."""

    def __init__(
        self,
        rubric: Rubric,
        units: Collection[str],
        cols: dict[str, int | None],
        reference: date,
        today: date,
    ) -> None:
        self.units = frozenset(units)
        self.any_unit = not rubric.units  # a rubric without units takes any code
        self.indicators = {i.id: _indicator(rubric, i) for i in rubric.indicators}
        self.reference, self.today = reference, today
        self.as_of: dict[Any, tuple[date, str] | None] = {}
        self.fresh: dict[tuple[date, float], bool] = {}
        self.urls: dict[str, bool] = {}
        need = ("unit", "indicator", "value", "as_of", "source", "source_url", "note")
        found = {k: cols.get(k) for k in need}
        self.usable = all(c is not None for c in found.values())
        at = {k: c if c is not None else 0 for k, c in found.items()}
        self.c_unit, self.c_indicator, self.c_value = at["unit"], at["indicator"], at["value"]
        self.c_as_of, self.c_source, self.c_url = at["as_of"], at["source"], at["source_url"]
        self.c_note = at["note"]
        self.optional = [c for k in ("low", "high", "contested") if (c := cols.get(k)) is not None]
        self.widest = max([*at.values(), *self.optional])
        self.cap = limits.CELL_TEXT.value

    def run(
        self,
        rows: list[list[Any]],
        skip: Collection[int],
        seen: dict[tuple[str, str], int],
        careful: Callable[[int], None],
        read: list[Row],
        names: dict[str, str],
        c_name: int | None,
    ) -> None:
        """Go through rows 1.. of `rows` in order: append to `read` each row that needs no
        closer look (and its unit's name to `names`), call `careful(r)` for every other row (and
        those in `skip`). Written as one loop over locals, inlined by hand: this is the hot
        path of validation (benchmarks/bench_workbook.py)."""
        units, any_unit, indicators = self.units, self.any_unit, self.indicators
        c_unit, c_ind, c_value, c_as_of = self.c_unit, self.c_indicator, self.c_value, self.c_as_of
        c_source, c_url, c_note = self.c_source, self.c_url, self.c_note
        optional, widest, cap = self.optional, self.widest, self.cap
        as_of_cache, fresh_cache, url_cache = self.as_of, self.fresh, self.urls
        blank = ("", None)
        for r in range(1, len(rows)):
            line = rows[r]
            if r in skip or len(line) <= widest:
                careful(r)
                continue
            unit, ind_id = line[c_unit], line[c_ind]
            ind = indicators.get(ind_id) if type(ind_id) is str else None
            if (
                ind is None
                or type(unit) is not str
                or not (unit in units or (any_unit and unit and unit == unit.strip()))
                or (unit, ind_id) in seen
            ):
                careful(r)
                continue
            # The value: a number within limits and goalposts, or a level as typed.
            raw = line[c_value]
            kind = type(raw)
            value: float | None = None
            if ind.numeric:
                if kind is float or kind is int:
                    value = float(raw)
                    if not ind.low <= value <= ind.high:
                        value = None
            elif kind is bool:
                value = float(raw) if ind.yes_no else None
            elif kind is str or kind is float or kind is int:
                value = ind.levels.get(raw)  # "not found" and "" are no level
            if value is None:
                careful(r)
                continue
            # The as-of date, parsed once per distinct cell, and not stale.
            raw = line[c_as_of]
            try:
                parsed = as_of_cache.get(raw, _MISSING)
            except TypeError:
                parsed = None
            if parsed is _MISSING:
                parsed = self._parse_as_of(raw)
            if parsed is None:
                careful(r)
                continue
            when, as_of = parsed
            fresh = fresh_cache.get((when, ind.max_age))
            if fresh is None:
                fresh = fresh_cache[(when, ind.max_age)] = (
                    years_between(when, self.reference) <= ind.max_age
                )
            source, url, note = line[c_source], line[c_url], line[c_note]
            if (
                not fresh
                or type(source) is not str
                or type(url) is not str
                or type(note) is not str
                or not source
                or source.isspace()
                or len(source) >= cap  # (a text of exactly the limit may have been cut short)
                or len(note) >= cap
            ):
                careful(r)
                continue
            if url:
                ok = url_cache.get(url)
                if ok is None:
                    ok = url_cache[url] = len(url) < cap and urls_ok(url)
                if not ok:
                    careful(r)
                    continue
            if not ind.numeric and value == ind.lowest and (not note or note.isspace()):
                careful(r)  # the lowest level needs its evidence: let the full check say so
                continue
            for c in optional:
                if line[c] not in blank:
                    break
            else:
                seen[(unit, ind_id)] = r
                if unit not in names:
                    name = line[c_name] if c_name is not None else ""
                    names[unit] = (
                        name.strip() if type(name) is str else _text(name).strip()
                    ) or unit
                read.append(Row(unit, ind_id, value, as_of, source, url, note))
                continue
            careful(r)

    def _parse_as_of(self, raw: Any) -> tuple[date, str] | None:
        parsed: tuple[date, str] | None = None
        if raw != "" and raw is not None:
            try:
                parsed = parse_as_of(raw, self.today)
            except CellError:
                parsed = None
        self.as_of[raw] = parsed
        return parsed
