"""Read the history database: periods, headline scores, one unit's trajectory, a period's
rubric text and values. Plain SQL and tuples: nothing here imports pandas."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class PeriodInfo:
    period: str
    start: str  # ISO date of the period's first day: the sort key
    rubric_id: str
    rubric_version: str
    rubric_sha256: str
    inputs_sha256: str


@dataclass(frozen=True)
class Point:
    """One item of one unit in one period."""

    period: str
    item: str
    kind: str  # index, aggregate or indicator
    score: float | None
    coverage: float | None
    rank: int | None
    band: str | None
    reason: str


def periods(conn: sqlite3.Connection) -> list[PeriodInfo]:
    """Every recorded period, oldest first."""
    rows = conn.execute(
        "SELECT p.period, p.start, r.id, r.version, p.rubric_sha256, p.inputs_sha256 "
        "FROM periods p JOIN rubrics r ON r.sha256 = p.rubric_sha256 ORDER BY p.start, p.period"
    ).fetchall()
    return [PeriodInfo(*row) for row in rows]


def units(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(unit, name) of every unit ever recorded, in the order of the latest period's rubric."""
    rows = conn.execute(
        "SELECT u.unit, u.name, p.start, u.position FROM units u "
        "JOIN periods p ON p.period = u.period ORDER BY p.start DESC, u.position"
    ).fetchall()
    seen: dict[str, str] = {}
    for unit, name, _, _ in rows:
        seen.setdefault(unit, name)
    return list(seen.items())


def _point(row: tuple[object, ...]) -> Point:
    period, _unit, item, kind, score, coverage, rank, band, reason = row
    return Point(
        str(period),
        str(item),
        str(kind),
        None if score is None else float(score),  # type: ignore[arg-type]
        None if coverage is None else float(coverage),  # type: ignore[arg-type]
        None if rank is None else int(rank),  # type: ignore[call-overload]
        None if band is None else str(band),
        str(reason or ""),
    )


def headline(conn: sqlite3.Connection) -> list[tuple[str, Point]]:
    """(unit, index) of every unit in every period: period order, then rubric unit order."""
    rows = conn.execute(
        "SELECT r.period, r.unit, r.item, r.kind, r.score, r.coverage, r.rank, r.band, r.reason "
        "FROM results r JOIN periods p ON p.period = r.period "
        "JOIN units u ON u.period = r.period AND u.unit = r.unit "
        "WHERE r.kind = 'index' ORDER BY p.start, u.position"
    ).fetchall()
    return [(str(row[1]), _point(row)) for row in rows]


def trajectory(conn: sqlite3.Connection, unit: str, *, indicators: bool = False) -> list[Point]:
    """One unit's index and aggregates (and, with `indicators`, indicators) in every recorded
    period, oldest first; periods without the unit are absent."""
    kinds = "" if indicators else "AND r.kind != 'indicator'"
    rows = conn.execute(
        "SELECT r.period, r.unit, r.item, r.kind, r.score, r.coverage, r.rank, r.band, r.reason "
        f"FROM results r JOIN periods p ON p.period = r.period WHERE r.unit = ? {kinds} "
        "ORDER BY p.start, r.rowid",
        (unit,),
    ).fetchall()
    return [_point(row) for row in rows]


def rubric_text(conn: sqlite3.Connection, period: str) -> str:
    row = conn.execute(
        "SELECT r.text FROM periods p JOIN rubrics r ON r.sha256 = p.rubric_sha256 "
        "WHERE p.period = ?",
        (period,),
    ).fetchone()
    if row is None:
        raise KeyError(period)
    return str(row[0])


VALUE_COLUMNS = (
    "unit",
    "indicator",
    "value",
    "as_of",
    "source",
    "source_url",
    "note",
    "low",
    "high",
    "contested",
)


def value_rows(conn: sqlite3.Connection, period: str) -> list[tuple[object, ...]]:
    """`VALUE_COLUMNS` of every value recorded for one period (low and high None when not
    given; contested 0/1, or None for a period recorded before version 2 stored it)."""
    return conn.execute(
        f"SELECT {', '.join(VALUE_COLUMNS)} FROM input_values WHERE period = ? ORDER BY rowid",
        (period,),
    ).fetchall()


def input_files(conn: sqlite3.Connection, period: str) -> list[tuple[str, str]]:
    """(name, SHA-256) of the files a period was scored from (empty before version 2)."""
    rows = conn.execute(
        "SELECT name, sha256 FROM input_files WHERE period = ? ORDER BY position", (period,)
    ).fetchall()
    return [(str(n), str(s)) for n, s in rows]


def unit_rows(conn: sqlite3.Connection, period: str) -> list[tuple[str, str, str]]:
    """(unit, name, role) of one period, in rubric order."""
    rows = conn.execute(
        "SELECT unit, name, role FROM units WHERE period = ? ORDER BY position", (period,)
    ).fetchall()
    return [(str(u), str(n), str(r)) for u, n, r in rows]


@dataclass(frozen=True)
class Summary:
    """Every recorded period with each unit's index (None where a unit has none)."""

    periods: list[PeriodInfo]
    units: list[tuple[str, str]]  # (unit, name)
    index: dict[tuple[str, str], Point]  # (period, unit) -> index point
    thresholds: dict[str, tuple[float, ...]]  # period -> its rubric's band thresholds


def summary(conn: sqlite3.Connection) -> Summary:
    found = periods(conn)
    return Summary(
        found,
        units(conn),
        {(p.period, u): p for u, p in headline(conn)},
        {p.period: thresholds(conn, p.period) for p in found},
    )


@dataclass(frozen=True)
class Trajectory:
    """One unit's index and aggregates over every recorded period."""

    unit: str
    name: str
    points: list[Point]
    items: list[str]  # the aggregates (pillars, sub-indices) in the order first recorded
    thresholds: dict[str, tuple[float, ...]]  # period -> its rubric's band thresholds


def unit_trajectory(conn: sqlite3.Connection, unit: str) -> Trajectory | None:
    """None when the unit was never recorded."""
    names = dict(units(conn))
    if unit not in names:
        return None
    points = trajectory(conn, unit)
    items = list(dict.fromkeys(p.item for p in points if p.kind == "aggregate"))
    bands = {period: thresholds(conn, period) for period in dict.fromkeys(p.period for p in points)}
    return Trajectory(unit, names[unit], points, items, bands)


@dataclass(frozen=True)
class Standing:
    """One unit's index in one period, for the ranking table."""

    unit: str
    name: str
    role: str
    score: float | None
    band: str | None
    rank: int | None
    coverage: float | None
    reason: str


def ranking(conn: sqlite3.Connection, period: str) -> list[Standing]:
    """The units of `period` by index rank (unranked last, in rubric order)."""
    rows = conn.execute(
        "SELECT r.unit, u.name, u.role, r.score, r.band, r.rank, r.coverage, r.reason "
        "FROM results r JOIN units u ON u.period = r.period AND u.unit = r.unit "
        "WHERE r.period = ? AND r.kind = 'index' "
        "ORDER BY r.rank IS NULL, r.rank, u.position",
        (period,),
    ).fetchall()
    return [
        Standing(
            str(unit),
            str(name),
            str(role),
            None if score is None else float(score),
            None if band is None else str(band),
            None if rank is None else int(rank),
            None if coverage is None else float(coverage),
            str(reason or ""),
        )
        for unit, name, role, score, band, rank, coverage, reason in rows
    ]


def thresholds(conn: sqlite3.Connection, period: str) -> tuple[float, ...]:
    """The band thresholds (highest first) of the rubric `period` was recorded with, read from
    its stored text without validating it again (it was valid when recorded)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(rubric_text(conn, period), Loader=loader)
    bands = data.get("bands") if isinstance(data, dict) else None
    return tuple(float(b["min"]) for b in bands or () if isinstance(b, dict) and "min" in b)
