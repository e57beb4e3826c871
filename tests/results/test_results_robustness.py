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


def test_a_unit_without_a_published_score_is_kept_but_marked(make_rubric: Any) -> None:
    """Review M7: Z has no value for b (coverage 100 % needed at p), so no published score; a
    draw that leaves b out scores it. Its draw statistics stay in the files, marked."""
    rubric = make_rubric(
        {"a": {"parent": "p"}, "b": {"parent": "p"}},
        {"idx": {}, "p": {"parent": "idx", "min_coverage": 1.0}},
        units=[{"id": "X", "name": "X"}, {"id": "Y", "name": "Y"}, {"id": "Z", "name": "Z"}],
        bands=[{"label": "Top", "min": 50}, {"label": "Rest", "min": 0}],
        uncertainty=Uncertainty.model_validate(
            {"draws": 200, "leave_one_out": True, "sobol": {"base_samples": 16}}
        ).model_dump(),
    )
    frame = pd.DataFrame(
        {"a": [10.0, 80.0, 40.0], "b": [30.0, 20.0, float("nan")]}, index=["X", "Y", "Z"]
    )
    result = api.score(rubric, from_matrix(frame))
    rob, sens = api.robustness(result)
    z = rob.by_unit()["Z"]
    assert 0 < z.p_scored < 1  # scored only in the draws leaving b out
    table = pd.read_csv(io.BytesIO(robustness_files(rob, sens)["uncertainty.csv"]))
    rows = table.set_index("unit")
    assert rows.loc["Z", "published"] == False  # noqa: E712 (a CSV boolean)
    assert rows.loc["Z", "note"].startswith("no index score in the published scoring")
    assert f"{100 * z.p_scored:.1f}% of draws" in rows.loc["Z", "note"]
    assert rows.loc["Z", "score_median"] == rows.loc["Z", "score_median"]  # kept, not NaN
    assert rows.loc["X", "published"] == True  # noqa: E712
    data = json.loads(robustness_files(rob, sens)["uncertainty.json"])
    marked = {u["unit"]: (u["published"], u["note"]) for u in data["units"]}
    assert marked["Z"][0] is False and marked["Z"][1] and marked["X"] == (True, "")
