"""The history database's schema, its version table, and the migrations between versions.

One SQLite file (default `reports/history.sqlite`). `connect` opens it, creating the current
schema in an empty file or migrating an older one forward in one transaction; a file written by
a newer readiness, or one that is not a database, is a user error, not a crash.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from readiness.problems import Location, Problem, ReadinessError

SCHEMA_VERSION = 2

# Version 1, the first schema.
V1 = """
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE rubrics (
    sha256  TEXT PRIMARY KEY,
    id      TEXT NOT NULL,
    version TEXT NOT NULL,
    text    TEXT NOT NULL
);
CREATE TABLE periods (
    period        TEXT PRIMARY KEY,
    start         TEXT NOT NULL,
    rubric_sha256 TEXT NOT NULL REFERENCES rubrics (sha256),
    inputs_sha256 TEXT NOT NULL
);
CREATE TABLE units (
    period   TEXT NOT NULL REFERENCES periods (period) ON DELETE CASCADE,
    unit     TEXT NOT NULL,
    name     TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (period, unit)
);
CREATE TABLE input_values (
    period     TEXT NOT NULL REFERENCES periods (period) ON DELETE CASCADE,
    unit       TEXT NOT NULL,
    indicator  TEXT NOT NULL,
    value      REAL,
    as_of      TEXT NOT NULL,
    source     TEXT NOT NULL,
    source_url TEXT NOT NULL,
    note       TEXT NOT NULL,
    PRIMARY KEY (period, unit, indicator)
);
CREATE TABLE results (
    period                 TEXT NOT NULL REFERENCES periods (period) ON DELETE CASCADE,
    unit                   TEXT NOT NULL,
    item                   TEXT NOT NULL,
    kind                   TEXT NOT NULL,
    parent                 TEXT NOT NULL,
    raw                    REAL,
    score                  REAL,
    coverage               REAL,
    rank                   INTEGER,
    band                   TEXT,
    contribution_to_parent REAL,
    contribution_to_index  REAL,
    reason                 TEXT NOT NULL,
    PRIMARY KEY (period, unit, item)
);
CREATE INDEX results_by_unit ON results (unit, kind, period);
"""


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    """Version 2: each value's uncertainty (low, high, contested; NULL where not recorded),
    each unit's role, the input files a period was scored from, and the tool that recorded it.
    Rows recorded under version 1 keep their data; what version 1 did not store stays NULL."""
    for statement in (
        "ALTER TABLE input_values ADD COLUMN low REAL",
        "ALTER TABLE input_values ADD COLUMN high REAL",
        "ALTER TABLE input_values ADD COLUMN contested INTEGER",
        "ALTER TABLE units ADD COLUMN role TEXT NOT NULL DEFAULT 'assessed'",
        "ALTER TABLE periods ADD COLUMN recorded_with TEXT NOT NULL DEFAULT ''",
        """CREATE TABLE input_files (
            period   TEXT NOT NULL REFERENCES periods (period) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name     TEXT NOT NULL,
            sha256   TEXT NOT NULL,
            PRIMARY KEY (period, position)
        )""",
    ):
        conn.execute(statement)


# MIGRATIONS[n] takes a database from version n to n + 1.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _v1_to_v2}


def _fail(path: Path, code: str, message: str) -> ReadinessError:
    return ReadinessError(
        f"{path}: the history database cannot be used",
        [Problem(code, message, Location(file=str(path)))],
    )


def version_of(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the database; 0 for an empty database."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not has_table:
        return 0
    row = conn.execute("SELECT version FROM schema_version").fetchone()
    return int(row[0]) if row else 0


# Pages SQLite may cache per connection that writes (KiB, as a negative cache_size). Recording
# a period inserts into the results index at one place per unit and kind; with the default
# 2 MiB cache those pages are evicted and read back again and again once the history holds a
# few dozen periods (250 units x 100 indicators, 30 periods: 0.33 s of CPU per period recorded
# against 0.29 s with this cache). Allocated only as pages are used.
WRITE_CACHE_KIB = 64 * 1024

# A staged database (`connect(..., staged=True)`) is a private copy that `outputs.Transaction`
# fsyncs and renames over the history only when the whole run commits; a killed run leaves the
# copy under a temporary name, deleted by the next run, and the history as it was. SQLite's own
# durability per COMMIT (fsync of the journal and the file) would only repeat the commit's, so
# it is off there (synchronous OFF), and the rollback journal, which ROLLBACK still needs, is
# kept in memory: a crash can corrupt only the copy, which is then never committed. The history
# file itself is never opened so (default: rollback journal on disk, synchronous FULL).
STAGED_PRAGMAS = ("PRAGMA synchronous = OFF", "PRAGMA journal_mode = MEMORY")


def connect(
    path: str | os.PathLike[str], *, readonly: bool = False, staged: bool = False
) -> sqlite3.Connection:
    """Open the history database at `path` at the current schema version.

    Creates the file and the schema when missing (unless `readonly`), and migrates an older
    schema forward in one transaction. Transactions are explicit (`BEGIN`), never implicit.
    `staged` is for a copy of the history that `readiness.outputs` commits (see
    `STAGED_PRAGMAS`): never for the history file itself, which must stay durable on its own.
    """
    path = Path(path)
    if readonly and staged:
        raise ValueError("a staged database is one that is written")
    if readonly and not path.is_file():
        raise _fail(path, "history-not-found", "no history database here; `run` records one")
    try:
        if readonly:
            conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        else:
            conn = sqlite3.connect(path)
        conn.isolation_level = None  # autocommit unless a transaction is begun explicitly
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute(f"PRAGMA cache_size = {-WRITE_CACHE_KIB}")
        if staged:
            for pragma in STAGED_PRAGMAS:
                conn.execute(pragma)
        found = version_of(conn)
    except sqlite3.DatabaseError as exc:
        raise _fail(path, "history-unreadable", f"not a readable SQLite database ({exc})") from None
    if found > SCHEMA_VERSION:
        conn.close()
        raise _fail(
            path,
            "history-too-new",
            f"schema version {found} was written by a newer readiness (this one reads up to "
            f"{SCHEMA_VERSION}); upgrade readiness",
        )
    if found < SCHEMA_VERSION:
        if readonly:
            conn.close()
            raise _fail(
                path, "history-old-schema", f"schema version {found}; a run will migrate it"
            )
        migrate(conn, found)
    return conn


def migrate(conn: sqlite3.Connection, found: int) -> None:
    """Bring a database at schema version `found` (0: empty) to `SCHEMA_VERSION`, atomically."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        if found == 0:
            for statement in _statements(V1):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version (version) VALUES (1)")
            found = 1
        while found < SCHEMA_VERSION:
            MIGRATIONS[found](conn)
            found += 1
            conn.execute("UPDATE schema_version SET version = ?", (found,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    """The statements of a DDL script (no semicolons inside them), to run in one transaction
    (`executescript` would commit first)."""
    return [s.strip() for s in script.split(";") if s.strip()]
