"""uncertainty.csv, uncertainty.json and sensitivity.csv: columns, values and inert text."""

from __future__ import annotations

import io
import json
from typing import Any

import pandas as pd

from readiness import api
from readiness.inputs.values import from_matrix
from readiness.results.robustness import robustness_files
from readiness.rubric.model import Uncertainty


def test_files_hold_the_analysis(make_rubric: Any) -> None:
    rubric = make_rubric(
        {"a": {"parent": "p"}, "b": {"parent": "p"}},
        {"idx": {}, "p": {"parent": "idx"}},
        units=[{"id": "X", "name": "=X"}, {"id": "Y", "name": "Y"}],
        bands=[{"label": "Top", "min": 50}, {"label": "Rest", "min": 0}],
        uncertainty=Uncertainty.model_validate(
            {"draws": 50, "sobol": {"base_samples": 16}}
        ).model_dump(),
    )
    frame = pd.DataFrame({"a": [10.0, 80.0], "b": [30.0, 20.0]}, index=["X", "Y"])
    result = api.score(rubric, from_matrix(frame))
    files = robustness_files(*api.robustness(result))
    assert sorted(files) == ["sensitivity.csv", "uncertainty.csv", "uncertainty.json"]
    table = pd.read_csv(io.BytesIO(files["uncertainty.csv"]))
    assert list(table.columns[:6]) == ["unit", "name", "role", "score", "rank", "band"]
    assert {"p_band_top", "p_band_rest", "score_p05", "rank_p95"} <= set(table.columns)
    assert table.loc[table["unit"] == "X", "name"].item() == "'=X"  # never a formula
    data = json.loads(files["uncertainty.json"])
    assert data["draws"] == 50 and data["bands"] == ["Top", "Rest"]
    assert data["sensitivity"]["base_samples"] == 16
    sens = pd.read_csv(io.BytesIO(files["sensitivity.csv"]))
    assert list(sens.columns) == ["input", "first_order", "first_order_conf", "total", "total_conf"]
