"""history.frames: a recorded period back as the values and rubric it was scored with, so that
scoring them again gives the recorded scores (what trend attribution relies on)."""

from __future__ import annotations

import math
import sqlite3

import pytest
from history_support import FIRST, RUBRIC, evidence_table, result_for

from readiness import api
from readiness.history import frames
from readiness.history.record import record_period
from readiness.inputs.values import Values


def test_the_values_come_back_with_their_evidence_and_uncertainty(db: sqlite3.Connection) -> None:
    result = result_for("2025-Q4", FIRST)
    table = evidence_table(result)
    table.loc[(table.unit == "A") & (table.indicator == "x"), ["low", "high"]] = [1.5, 2.5]
    table.loc[(table.unit == "B") & (table.indicator == "z"), "contested"] = True
    table.loc[(table.unit == "A") & (table.indicator == "z"), "value"] = float("nan")
    result = api.score(result.rubric, Values(table, period="2025-Q4"), period="2025-Q4")
    record_period(db, result, rubric_text=RUBRIC, inputs=[])

    values = frames.values_of(db, "2025-Q4")
    assert (values.period, values.origin) == ("2025-Q4", "history 2025-Q4")
    assert values.units["name"].to_dict() == {"A": "Alpha", "B": "=Beta"}
    rows = values.table.set_index(["unit", "indicator"])
    assert rows.at[("A", "x"), "value"] == 2.0
    assert (rows.at[("A", "x"), "low"], rows.at[("A", "x"), "high"]) == (1.5, 2.5)
    assert math.isnan(rows.at[("A", "y"), "low"])  # not given: NaN, never None or 0
    assert rows.at[("B", "z"), "contested"] and not rows.at[("A", "x"), "contested"]
    assert rows.at[("A", "x"), "note"] == "=note A x"  # text as recorded, not made inert
    assert math.isnan(rows.at[("A", "z"), "value"])  # recorded without a value: NaN again
    assert ("B", "y") not in rows.index  # never given, never recorded


def test_scoring_a_recorded_period_again_gives_its_recorded_scores(
    db: sqlite3.Connection,
) -> None:
    original = result_for("2025-Q4", FIRST)
    record_period(db, original, rubric_text=RUBRIC, inputs=[])
    rubric = frames.rubric_of(db, "2025-Q4")
    assert (rubric.id, rubric.version) == ("hist", "1")
    again = api.score(rubric, frames.values_of(db, "2025-Q4"), period="2025-Q4")
    assert again.scores.at["A", "idx"] == pytest.approx(45.0)
    assert again.scores.equals(original.scores)


def test_an_unrecorded_period_has_no_rubric(db: sqlite3.Connection) -> None:
    with pytest.raises(KeyError):
        frames.rubric_of(db, "2025-Q4")
    assert len(frames.values_of(db, "2025-Q4").table) == 0
