"""The fast path of workbook validation: the Values rows that every check would pass are read
column by column, each check judging a column's distinct cells once (a workbook has a few hundred
codes and a few dozen dates and addresses in 50,000 rows), with no Python work per cell.

Any row that any check might have something to say about (an empty cell where a value belongs,
text in a number cell, a stale date, a missing source...) is handed back to the validator, which
checks it cell by cell, in order, as before. So the fast path changes no message and no order;
it only skips work on rows that are fine (tests/workbook and the fuzz compare both paths on the
same workbooks).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
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


def _indicator(
    rubric: Rubric, ind: Indicator, aliases: dict[str, float] | None = None
) -> _Indicator:
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
    if ind.kind is not Kind.NUMERIC:
        # A label in another language, exactly as the drop-down writes it (any other spelling
        # takes the careful path, which folds it).
        for label, value in (aliases or {}).items():
            levels.setdefault(label, value)
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


def _value(ind: _Indicator | None, raw: Any) -> float | None:
    """The value a cell gives its indicator, or None when it needs a closer look: a number
    within limits and goalposts, or a level as typed."""
    if ind is None:
        return None
    kind = type(raw)
    if ind.numeric:
        if kind is float or kind is int:
            value = float(raw)
            return value if ind.low <= value <= ind.high else None
        return None
    if kind is bool:
        return float(raw) if ind.yes_no else None
    if kind is str or kind is float or kind is int:
        return ind.levels.get(raw)  # "not found" and "" are no level
    return None


def _rows_of(column: list[Any], cells: set[Any]) -> list[int]:
    """The rows of `column` holding one of `cells`."""
    return [i for i, v in enumerate(column) if v in cells] if cells else []


def _name(line: list[Any], c_name: int | None, unit: str) -> str:
    """A unit's name as its first row gives it (the code when the row gives none)."""
    name = line[c_name] if c_name is not None else ""
    return (name.strip() if type(name) is str else _text(name).strip()) or unit


class _Columns(NamedTuple):
    """The cells of the rows below the header, column by column."""

    units: list[Any]
    indicators: list[Any]
    values: list[Any]  # float, or None: the cell needs a closer look
    raw_as_of: list[Any]
    as_of: list[Any]  # str, or None: the cell needs a closer look
    parsed: dict[Any, tuple[date, str] | None]  # distinct as-of cell -> date and text
    sources: list[Any]
    urls: list[Any]
    notes: list[Any]
    optional: list[list[Any]]


class FastRows:
    """Reads rows that need no closer look; see the module docstring."""

    def __init__(
        self,
        rubric: Rubric,
        units: Collection[str],
        cols: dict[str, int | None],
        reference: date,
        today: date,
        *,
        aliases: dict[str, dict[str, float]] | None = None,
    ) -> None:
        self.units = frozenset(units)
        self.any_unit = not rubric.units  # a rubric without units takes any code
        typed = aliases or {}
        self.indicators = {i.id: _indicator(rubric, i, typed.get(i.id)) for i in rubric.indicators}
        self.reference, self.today = reference, today
        self.as_of: dict[Any, tuple[date, str] | None] = {}
        self.ages: dict[date, float] = {}  # as-of date -> its age in years at `reference`
        self.youngest_max_age = min((i.max_age for i in self.indicators.values()), default=0.0)
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
    ) -> list[list[Any]] | None:
        """Go through rows 1.. of `rows` in order: read each row that needs no closer look
        (and its unit's name into `names`), call `careful(r)` for every other row (and those in
        `skip`). When every row is read in one go, return the table's columns (`Row` order, as
        far as `note`) and leave `read` alone; otherwise append a `Row` to `read` for each row
        read here, in order among the careful ones, and return None.

        The checks run column by column, over each column's distinct cells where they can (a
        workbook has a few hundred codes and a few dozen dates in 50,000 rows): this is the
        hot path of validation (benchmarks/bench_workbook.py)."""
        body = rows[1:]
        n = len(body)
        if n == 0:
            return None
        widest = self.widest
        short: list[int] = []
        if min(map(len, body)) <= widest:  # a ragged grid: the short rows need a closer look
            short = [i for i, line in enumerate(body) if len(line) <= widest]
            pad = [""] * (widest + 1)
            body = [line if len(line) > widest else [*line, *pad[len(line) :]] for line in body]
        try:
            cols = self._columns(body)
            bad = self._bad_rows(cols)
            keys = list(zip(cols.units, cols.indicators, strict=True))
            distinct_keys = len(set(keys))
        except TypeError:  # an unhashable cell (no reader makes one): read every row carefully
            for r in range(1, n + 1):
                careful(r)
            return None
        bad.update(r - 1 for r in skip if 1 <= r <= n)
        bad.update(short)
        if not bad and not seen and distinct_keys == n:
            seen.update(zip(keys, range(1, n + 1), strict=True))
            first = dict(zip(reversed(cols.units), range(n - 1, -1, -1), strict=True))
            for unit in dict.fromkeys(cols.units):
                if unit not in names:
                    names[unit] = _name(body[first[unit]], c_name, unit)
            return [
                cols.units,
                cols.indicators,
                cols.values,
                cols.as_of,
                cols.sources,
                cols.urls,
                cols.notes,
            ]
        for i, key in enumerate(keys):
            if i in bad or key in seen:
                careful(i + 1)
                continue
            seen[key] = i + 1
            unit = cols.units[i]
            if unit not in names:
                names[unit] = _name(body[i], c_name, unit)
            read.append(
                Row(
                    unit,
                    cols.indicators[i],
                    cols.values[i],
                    cols.as_of[i],
                    cols.sources[i],
                    cols.urls[i],
                    cols.notes[i],
                )
            )
        return None

    def _columns(self, body: list[list[Any]]) -> _Columns:
        """The columns the checks read, with each row's value and as-of text (None where the
        cell needs a closer look)."""
        indicators = self.indicators

        def column(c: int) -> list[Any]:
            return list(map(itemgetter(c), body))

        inds = column(self.c_indicator)
        raw_as_of = column(self.c_as_of)
        parsed = {raw: self._as_of_of(raw) for raw in set(raw_as_of)}
        text_of = {raw: p[1] for raw, p in parsed.items() if p is not None}
        return _Columns(
            units=column(self.c_unit),
            indicators=inds,
            values=list(map(_value, map(indicators.get, inds), column(self.c_value))),
            raw_as_of=raw_as_of,
            as_of=list(map(text_of.get, raw_as_of)),
            parsed=parsed,
            sources=column(self.c_source),
            urls=column(self.c_url),
            notes=column(self.c_note),
            optional=[column(c) for c in self.optional],
        )

    def _bad_rows(self, cols: _Columns) -> set[int]:
        """The rows (0-based, below the header) that some check might have something to say
        about. Each column is judged by its distinct cells; rows are looked up only for the
        cells found wanting."""
        bad: set[int] = set()
        units, any_unit, cap = self.units, self.any_unit, self.cap
        wrong_units = {
            u
            for u in set(cols.units)
            if type(u) is not str or not (u in units or (any_unit and u and u == u.strip()))
        }
        bad.update(_rows_of(cols.units, wrong_units))
        # (an unknown indicator has no value either: the value check below finds its rows)
        if None in cols.values:
            bad.update(i for i, v in enumerate(cols.values) if v is None)
        if None in cols.as_of:
            bad.update(i for i, v in enumerate(cols.as_of) if v is None)
        bad.update(self._stale_rows(cols))
        wrong_sources = {
            s
            for s in set(cols.sources)
            if type(s) is not str or not s or s.isspace() or len(s) >= cap
        }
        bad.update(_rows_of(cols.sources, wrong_sources))
        wrong_urls = {u for u in set(cols.urls) if not self._url_ok(u)}
        bad.update(_rows_of(cols.urls, wrong_urls))
        notes = cols.notes
        if set(map(type, notes)) != {str}:
            bad.update(i for i, v in enumerate(notes) if type(v) is not str)
            notes = [v if type(v) is str else "-" for v in notes]
        # (a text of exactly the limit may have been cut short)
        if max(map(len, notes)) >= cap:
            bad.update(i for i, v in enumerate(notes) if len(v) >= cap)
        if not all(map(str.strip, notes)):
            # The lowest level needs its evidence: let the full check say so.
            indicators, values = self.indicators, cols.values
            for i, note in enumerate(notes):
                if not note.strip():
                    ind = indicators.get(cols.indicators[i])
                    if ind is not None and not ind.numeric and values[i] == ind.lowest:
                        bad.add(i)
        n = len(cols.units)
        for column in cols.optional:
            if column.count("") + column.count(None) != n:
                bad.update(i for i, v in enumerate(column) if v != "" and v is not None)
        return bad

    def _stale_rows(self, cols: _Columns) -> list[int]:
        """Rows whose as-of date is older than their indicator allows."""
        ages: dict[Any, float] = {}
        for raw, parsed in cols.parsed.items():
            if parsed is not None:
                when = parsed[0]
                age = self.ages.get(when)
                if age is None:
                    age = self.ages[when] = years_between(when, self.reference)
                ages[raw] = age
        if not ages or max(ages.values()) <= self.youngest_max_age:
            return []
        indicators = self.indicators
        stale = set()
        for raw, ind_id in set(zip(cols.raw_as_of, cols.indicators, strict=True)):
            ind = indicators.get(ind_id)
            if raw in ages and ind is not None and ages[raw] > ind.max_age:
                stale.add((raw, ind_id))
        pairs = zip(cols.raw_as_of, cols.indicators, strict=True)
        return [i for i, pair in enumerate(pairs) if pair in stale] if stale else []

    def _url_ok(self, url: Any) -> bool:
        if type(url) is not str:
            return False
        if not url:
            return True
        ok = self.urls.get(url)
        if ok is None:
            ok = self.urls[url] = len(url) < self.cap and urls_ok(url)
        return ok

    def _as_of_of(self, raw: Any) -> tuple[date, str] | None:
        parsed = self.as_of.get(raw, _MISSING)
        return self._parse_as_of(raw) if parsed is _MISSING else parsed

    def _parse_as_of(self, raw: Any) -> tuple[date, str] | None:
        parsed: tuple[date, str] | None = None
        if raw != "" and raw is not None:
            try:
                parsed = parse_as_of(raw, self.today)
            except CellError:
                parsed = None
        self.as_of[raw] = parsed
        return parsed
