"""Fixtures for the history tests: an empty database (durable and staged), one with two periods."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from history_support import FIRST, RUBRIC, result_for

from readiness.history import schema
from readiness.history.record import record_period


@pytest.fixture(params=["durable", "staged"])
def db(tmp_path: Path, request: pytest.FixtureRequest) -> sqlite3.Connection:
    # `staged`: the run's private copy (no fsync per commit, rollback journal in memory)
    conn = schema.connect(tmp_path / "h.sqlite", staged=request.param == "staged")
    yield conn
    conn.close()


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    path = tmp_path / "h.sqlite"
    conn = schema.connect(path)
    record_period(conn, result_for("2025-Q4", FIRST), rubric_text=RUBRIC, inputs=[])
    later = {**FIRST, ("A", "x"): 10.0}
    record_period(conn, result_for("2026-Q1", later), rubric_text=RUBRIC, inputs=[])
    conn.close()
    return path
