"""Conformance with COINr's ASEM example: every pipeline stage matches the published peer.

The rubric `asem.yaml` re-expresses COINr v1.1.14's ASEM structure; inputs and expected outputs
are CSV conversions of the package's data objects (../shared/conformance/coinr-asem/README.md).
The tests use only the public API and the CLI, as a user would.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from needs import shared
from readiness.api import Result, Rubric, load_rubric, load_values, score
from readiness.cli import main
from readiness.rubric.model import MinMax

HERE = Path(__file__).resolve().parent
RUBRIC = HERE / "asem.yaml"
CASE = shared("conformance", "coinr-asem", module=True)
DATA = CASE / "input" / "ASEM_iData.csv"
META = CASE / "input" / "ASEM_iMeta.csv"
EXPECTED = CASE / "expected"

TOL = 1e-6  # README: an independent re-implementation reproduced every stage to ~1e-7

STAGES = {
    "denominated": "coinr6_denominated.csv",
    "imputed": "coinr6_imputed.csv",
    "treated": "coinr6_treated.csv",
    "normalised": "coinr6_normalised.csv",
}
AGGREGATES = [
    "Physical",
    "ConEcFin",
    "Political",
    "Instit",
    "P2P",
    "Environ",
    "Social",
    "SusEcFin",
    "Conn",
    "Sust",
    "Index",
]


def _expected(name: str) -> pd.DataFrame:
    return pd.read_csv(EXPECTED / name).set_index("UnitCode")


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric(RUBRIC)


@pytest.fixture(scope="module")
def result(rubric: Rubric) -> Result:
    return score(rubric, load_values(DATA, rubric))


@pytest.fixture(scope="module")
def aggregated() -> pd.DataFrame:
    return _expected("coinr6_aggregated.csv")


def _assert_frame_close(got: pd.DataFrame, expected: pd.DataFrame, what: str) -> None:
    """Same units, same columns, same missing cells, and values within TOL (absolute)."""
    assert sorted(got.index) == sorted(expected.index), what
    exp = expected.loc[got.index, list(got.columns)].astype(float)
    g, e = got.to_numpy(dtype=float), exp.to_numpy(dtype=float)
    np.testing.assert_array_equal(np.isnan(g), np.isnan(e), err_msg=f"{what}: missing cells")
    diff = np.abs(np.where(np.isnan(g), 0.0, g - e))
    worst = np.unravel_index(np.argmax(diff), diff.shape)
    assert diff.max() <= TOL, (
        f"{what}: {got.index[worst[0]]}/{got.columns[worst[1]]} differs by {diff.max():.3g}"
    )


def test_all_51_units_and_49_indicators_are_scored(result: Result) -> None:
    assert len(result.units) == 51
    assert result.normalised.shape == (51, 49)
    assert result.scores.shape == (51, 11)


@pytest.mark.parametrize("stage", list(STAGES))
def test_stage_matches_coinr(result: Result, stage: str) -> None:
    expected = _expected(STAGES[stage])
    got: pd.DataFrame = getattr(result, stage)
    assert set(got.columns) <= set(expected.columns)
    assert len(got.columns) == 49
    _assert_frame_close(got, expected, stage)


def test_denominated_keeps_the_missing_cells(result: Result) -> None:
    # 63 missing indicator values, plus 2 Energy-denominated values of the unit without Energy.
    assert int(result.denominated.isna().sum().sum()) == 65
    assert int(result.imputed.isna().sum().sum()) == 0
    assert int(result.imputed_mask.sum().sum()) == 65


def test_aggregates_match_coinr(result: Result, aggregated: pd.DataFrame) -> None:
    assert sorted(result.scores.columns) == sorted(AGGREGATES)
    _assert_frame_close(result.scores, aggregated[AGGREGATES], "aggregated")


def test_treatment_labels_match_coinr(result: Result) -> None:
    summary = pd.read_csv(EXPECTED / "coinr6_treatment_summary.csv")
    expected = dict(zip(summary["IndCode"], summary["Treatment"].fillna("None"), strict=True))
    got = {t.indicator: t.label for t in result.treatment}
    assert got == expected
    # The low/high split matters too (FemLab is winsorised at its minimum).
    lows = dict(zip(summary["IndCode"], summary["Low"].astype(int), strict=True))
    highs = dict(zip(summary["IndCode"], summary["High"].astype(int), strict=True))
    assert {t.indicator: t.low_points for t in result.treatment} == lows
    assert {t.indicator: t.high_points for t in result.treatment} == highs


def test_index_ranks_match_coinr(result: Result, aggregated: pd.DataFrame) -> None:
    # Ranks from the full-precision expected scores; ties share the lowest rank number.
    expected = aggregated["Index"].rank(method="min", ascending=False).astype(int)
    got = result.ranks["Index"]
    assert got.isna().sum() == 0
    assert got.astype(int).to_dict() == expected.to_dict()


@pytest.mark.parametrize(("unit", "published"), [("CHE", 68.38), ("NLD", 64.82), ("DNK", 64.80)])
def test_published_spot_values(result: Result, unit: str, published: float) -> None:
    assert result.scores.at[unit, "Index"] == pytest.approx(published, abs=0.005)


def test_top_three_in_published_order(result: Result) -> None:
    assert list(result.ranking()["unit"][:3]) == ["CHE", "NLD", "DNK"]


# --- the rubric encodes COINr's structure ------------------------------------------------------


def _meta() -> pd.DataFrame:
    return pd.read_csv(META)


def test_rubric_indicators_match_imeta(rubric: Rubric) -> None:
    meta = _meta()
    rows = meta[meta["Type"] == "Indicator"]
    expected = {
        r.iCode: (
            r.Parent,
            int(r.Direction),
            float(r.Weight),
            None if pd.isna(r.Denominator) else r.Denominator,
        )
        for r in rows.itertuples(index=False)
    }
    got = {i.id: (i.parent, i.direction, i.weight, i.denominator) for i in rubric.indicators}
    assert len(got) == 49
    assert got == expected


def test_rubric_aggregates_match_imeta(rubric: Rubric) -> None:
    meta = _meta()
    rows = meta[meta["Type"] == "Aggregate"]
    expected = {
        r.iCode: (None if pd.isna(r.Parent) else r.Parent, float(r.Weight))
        for r in rows.itertuples(index=False)
    }
    got = {n.id: (n.parent, n.weight) for n in rubric.nodes}
    assert got == expected
    levels = {r.iCode: int(r.Level) for r in rows.itertuples(index=False)}
    assert {n.id: rubric.levels[n.id] for n in rubric.nodes} == levels


def test_rubric_denominators_match_imeta(rubric: Rubric) -> None:
    meta = _meta()
    expected = set(meta.loc[meta["Type"] == "Denominator", "iCode"])
    assert {d.id for d in rubric.denominators} == expected


def test_rubric_methods_are_coinr_defaults(rubric: Rubric) -> None:
    assert rubric.missing_data.imputation == "group_mean"
    assert rubric.missing_data.group == "EurAsia_group"
    assert rubric.outliers.method == "winsorise"
    assert (rubric.outliers.skew, rubric.outliers.kurtosis, rubric.outliers.max_points) == (
        2,
        3.5,
        5,
    )
    for ind in rubric.indicators:
        assert ind.effective_normalisation == MinMax(low=0, high=100), ind.id
    assert {n.aggregation for n in rubric.nodes} == {"arithmetic"}


# --- the same through the command line ---------------------------------------------------------


def test_cli_score_writes_coinr_index(tmp_path: Path, aggregated: pd.DataFrame) -> None:
    out = tmp_path / "out"
    run = CliRunner().invoke(
        main, ["score", "--rubric", str(RUBRIC), "--inputs", str(DATA), "-o", str(out)]
    )
    assert run.exit_code == 0, run.output
    assert "CHE" in run.stdout.splitlines()[3]  # title, header, rule, then rank 1
    scores = pd.read_csv(out / "scores.csv", keep_default_na=False, na_values=[""])
    index_rows = scores[scores["id"] == "Index"].set_index("unit")
    assert len(index_rows) == 51
    assert set(index_rows["type"]) == {"index"}
    expected = aggregated["Index"]
    diff = (index_rows["score"] - expected.loc[index_rows.index]).abs()
    assert diff.max() <= TOL
    ranks = expected.rank(method="min", ascending=False).astype(int)
    assert index_rows["rank"].astype(int).to_dict() == ranks.loc[index_rows.index].to_dict()
    assert (out / "scores.json").is_file()
    assert math.isclose(index_rows.at["CHE", "score"], 68.38, abs_tol=0.005)
