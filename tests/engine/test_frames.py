"""The engine's input frames: an empty evidence frame and evidence laid out as a grid."""

from __future__ import annotations

import numpy as np
import pandas as pd

from readiness.engine.frames import EVIDENCE_COLUMNS, empty_evidence, evidence_matrix


def test_empty_evidence_has_the_columns_and_index() -> None:
    frame = empty_evidence()
    assert tuple(frame.columns) == EVIDENCE_COLUMNS
    assert frame.index.names == ["unit", "indicator"] and frame.empty


def test_evidence_matrix_places_rows_and_fills_the_rest() -> None:
    index = pd.MultiIndex.from_tuples(
        [("B", "x"), ("A", "y"), ("Z", "x")], names=["unit", "indicator"]
    )
    frame = pd.DataFrame({"low": [1.0, 2.0, 3.0], "contested": [True, False, True]}, index=index)
    low = evidence_matrix(frame, "low", ["A", "B"], ["x", "y"], np.nan)
    np.testing.assert_array_equal(low, [[np.nan, 2.0], [1.0, np.nan]])
    contested = evidence_matrix(frame, "contested", ["A", "B"], ["x", "y"], False, bool)
    assert contested.tolist() == [[False, False], [True, False]]  # unit Z is not listed
