"""Uncertainty analysis: known answers.

- zero noise (no weight noise, no method switch, no values varied) reproduces the nominal
  scores and ranks in every draw;
- a value uniform on [60, 80] with a band at 70 is in the band in half of the draws, with the
  5th-95th percentiles at 61 and 79;
- a contested level moves one level either way, each with chance 1/3;
- reference units are scored and banded in every draw, never ranked;
- the same seed gives the same files, byte for byte;
- COINr's ASEM example (weight noise at the pillar and sub-index levels, as COINr's own
  sensitivity vignette, min-max vs z-score, arithmetic vs geometric): the first stays first.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from needs import shared
from readiness import api
from readiness.engine.batch import score_draws
from readiness.engine.result import Result
from readiness.engine.uncertainty import _column_quantiles, analyse, draw_ranks, setup
from readiness.inputs.values import Values, from_matrix
from readiness.results.robustness import write_robustness
from readiness.rubric.model import RankTies, Rubric, Uncertainty

ROOT = Path(__file__).resolve().parents[2]
C5 = ROOT / "rubrics" / "archive" / "c5-critical-minerals-1.0.0.yaml"  # the fixture's rubric
C5_VALUES = ROOT / "tests" / "report" / "data" / "c5-test-values.csv"
ASEM = ("conformance", "coinr-asem", "input", "ASEM_iData.csv")  # under ../shared


def with_spec(rubric: Rubric, **spec: Any) -> Rubric:
    return rubric.model_copy(update={"uncertainty": Uncertainty.model_validate(spec)})


def c5(**spec: Any) -> Result:
    rubric = with_spec(api.load_rubric(C5), **spec)
    return api.score(rubric, api.load_values(C5_VALUES, rubric))


def test_zero_noise_reproduces_the_nominal_scores_and_ranks() -> None:
    result = c5(draws=50, weights={"noise": 0}, values=False)
    rob = analyse(result)
    assert rob.varied == ()
    index = rob.index_draws
    nominal = result.scores["index"].to_numpy()
    for row in index:
        np.testing.assert_array_equal(np.isnan(row), np.isnan(nominal))
        np.testing.assert_allclose(row, nominal, rtol=0, atol=1e-9)
    ranks = draw_ranks(index, np.ones(len(result.units), bool), RankTies.MIN)
    expected = result.ranks["index"].to_numpy(dtype=float, na_value=np.nan)
    for row in ranks:
        np.testing.assert_array_equal(row, expected)
    for u in rob.units:
        if u.band is not None:
            assert u.p_same_band == 1.0 and u.p_same_rank == 1.0
            assert u.score_low == pytest.approx(u.score, abs=1e-9)
            assert u.rank_low == u.rank_high == u.rank


def _interval_case(make_rubric: Any, **spec: Any) -> Result:
    rubric = make_rubric(
        {"a": {"parent": "p", "normalisation": {"method": "goalposts", "low": 0, "high": 100}}},
        {"idx": {}, "p": {"parent": "idx"}},
        bands=[{"label": "High", "min": 70}, {"label": "Low", "min": 0}],
    )
    values = from_matrix(pd.DataFrame({"a": [70.0, 50.0]}, index=["X", "Y"]))
    table = values.table.copy()
    table.loc[table["unit"] == "X", ["low", "high"]] = [60.0, 80.0]
    values = Values(table=table, units=values.units)
    return api.score(with_spec(rubric, weights={"noise": 0}, **spec), values)


def test_a_value_within_its_interval_hand_worked(make_rubric: Any) -> None:
    """index = a, a ~ U[60, 80]: P(a >= 70) = 1/2, median 70, 5th pct 61, 95th pct 79."""
    rob = analyse(_interval_case(make_rubric, draws=20000, seed=5))
    x = rob.by_unit()["X"]
    assert x.p_band == pytest.approx((0.5, 0.5), abs=0.015)
    assert x.score_median == pytest.approx(70, abs=0.3)
    assert (x.score_low, x.score_high) == pytest.approx((61, 79), abs=0.3)
    y = rob.by_unit()["Y"]
    assert y.p_band == (0.0, 1.0) and y.score_low == y.score_high == 50


def test_a_contested_level_moves_one_level_either_way(make_rubric: Any) -> None:
    levels = [{"value": v, "label": f"l{v}", "definition": f"Level {v}."} for v in range(4)]
    rubric = make_rubric(
        {"a": {"parent": "p", "kind": "categorical", "levels": levels}},
        {"idx": {}, "p": {"parent": "idx"}},
    )
    values = from_matrix(pd.DataFrame({"a": [1.0]}, index=["X"]))
    table = values.table.copy()
    table["contested"] = True
    result = api.score(
        with_spec(rubric, weights={"noise": 0}, draws=9000), Values(table, values.units)
    )
    index = analyse(result).index_draws[:, 0]
    shares = [np.mean(np.isclose(index, v)) for v in (0.0, 100 / 3, 200 / 3)]
    assert shares == pytest.approx([1 / 3] * 3, abs=0.02)


def test_reference_units_are_scored_never_ranked(make_rubric: Any) -> None:
    rubric = make_rubric(
        {"a": {"parent": "p", "normalisation": {"method": "goalposts", "low": 0, "high": 100}}},
        {"idx": {}, "p": {"parent": "idx"}},
        units=[
            {"id": "X", "name": "X"},
            {"id": "Y", "name": "Y"},
            {"id": "R", "name": "Ref", "role": "reference"},
        ],
        bands=[{"label": "High", "min": 70}, {"label": "Low", "min": 0}],
    )
    values = from_matrix(pd.DataFrame({"a": [40.0, 50.0, 90.0]}, index=["X", "Y", "R"]))
    rob = analyse(api.score(with_spec(rubric, draws=100), values))
    ref = rob.by_unit()["R"]
    assert ref.reference and ref.rank is None and np.isnan(ref.rank_median)
    assert ref.p_scored == 1.0 and ref.p_band == (1.0, 0.0)
    assert rob.by_unit()["Y"].rank == 1 and rob.by_unit()["Y"].rank_high == 1
    assert rob.units[-1].unit == "R"  # listed after the assessed units


def test_same_seed_same_files_other_seed_other_files(tmp_path: Path) -> None:
    result = c5(draws=400, leave_one_out=True, aggregation=["rubric", "geometric"])
    outputs = []
    for k, seed in enumerate((11, 11, 12)):
        rob, sens = api.robustness(result, seed=seed)
        folder = tmp_path / f"run{k}"
        paths = write_robustness(rob, sens, folder)
        outputs.append([p.read_bytes() for p in paths])
    assert outputs[0] == outputs[1]
    assert outputs[0] != outputs[2]


def test_asem_first_stays_first() -> None:
    """COINr's ASEM case with weight noise +/-25 % on pillar and sub-index weights (the levels
    COINr's sensitivity vignette perturbs), min-max (1-100) vs z-score (10, 2) normalisation,
    arithmetic vs geometric aggregation. CHE, first nominally, is first in every draw with
    arithmetic means and with geometric means of z-scores. With geometric means of min-max
    scores it is second in about 5 % of draws (DNK or BEL within 1.6 points): never lower."""
    data = shared(*ASEM)
    rubric = with_spec(
        api.load_rubric(ROOT / "tests" / "conformance" / "asem.yaml"),
        draws=2000,
        seed=3,
        weights={"noise": 0, "by_level": {2: 0.25, 3: 0.25}},
        normalisation=[
            {"method": "minmax", "low": 1, "high": 100},
            {"method": "zscore", "mean": 10, "sd": 2},
        ],
        aggregation=["arithmetic", "geometric"],
        values=False,
    )
    result = api.score(rubric, api.load_values(data, rubric))
    assert str(result.ranking()["unit"][0]) == "CHE"
    assert rubric.uncertainty is not None
    plan, raw, design = setup(result, rubric.uncertainty)
    draws = design.draws(np.random.default_rng(3).random((2000, design.k)))
    index = score_draws(plan, raw, draws)["Index"]
    che = draw_ranks(index, ~plan.reference, RankTies.MIN)[:, plan.units.index("CHE")]
    geometric_minmax = draws.method_of == 1  # (minmax, geometric): see design.methods
    assert design.methods[1].aggregation == "geometric"
    assert design.methods[1].normalisation is not None
    assert design.methods[1].normalisation.method == "minmax"
    assert np.all(che[~geometric_minmax] == 1)
    assert np.all(che <= 2)
    assert 0.9 < np.mean(che[geometric_minmax] == 1) < 1.0


@pytest.mark.parametrize("method", ["linear", "inverted_cdf"])
@pytest.mark.parametrize("rows", [1, 2, 7, 20, 1001])
def test_column_quantiles_are_numpys_nanquantile(method: str, rows: int) -> None:
    """The percentiles taken from one sort of every column equal np.nanquantile's, bit for
    bit: scores (with missing draws) and integer ranks (ties); a column with no value, one
    with one value."""
    rng = np.random.default_rng(rows)
    x = rng.uniform(0, 100, (rows, 9))
    x[:, 1] = rng.integers(1, 6, rows)  # ranks: many ties
    x[rng.random(x.shape) < 0.2] = np.nan
    x[:, 2] = np.nan
    x[:, 3] = np.nan
    x[0, 3] = 42.0
    got = _column_quantiles(x, method)
    with np.errstate(invalid="ignore"), pytest.warns(RuntimeWarning):
        expected = np.nanquantile(x, [0.05, 0.5, 0.95], axis=0, method=method)
    np.testing.assert_array_equal(got, expected)


def _two_pillars(make_rubric: Any, **spec: Any) -> Result:
    """A = mean(a1 = 0, a2 = 80) = 40 ("none exists" scores a legitimate 0 on fixed
    goalposts), B = mean(60, 100) = 80; the index is mean(A, B) = 60."""
    goal = {"method": "goalposts", "low": 0, "high": 100}
    rubric = make_rubric(
        {
            "a1": {"parent": "A", "normalisation": goal},
            "a2": {"parent": "A", "normalisation": goal},
            "b1": {"parent": "B", "normalisation": goal},
            "b2": {"parent": "B", "normalisation": goal},
        },
        {"idx": {}, "A": {"parent": "idx"}, "B": {"parent": "idx"}},
    )
    values = from_matrix(
        pd.DataFrame({"a1": [0.0], "a2": [80.0], "b1": [60.0], "b2": [100.0]}, index=["X"])
    )
    defaults = {"draws": 20, "weights": {"noise": 0}, "values": False}
    return api.score(with_spec(rubric, **{**defaults, **spec}), values)


def test_geometric_at_the_index_only_hand_worked(make_rubric: Any) -> None:
    """Geometric at the index only: sqrt(40 x 80) = 56.5685; the pillars keep their
    arithmetic means, so the zero inside A takes no offset and does not collapse it."""
    result = _two_pillars(make_rubric, aggregation=["geometric"], aggregation_nodes=["idx"])
    assert result.scores.at["X", "idx"] == pytest.approx(60.0)
    rob = analyse(result)
    np.testing.assert_allclose(rob.index_draws[:, 0], math.sqrt(40 * 80), rtol=0, atol=1e-9)
    assert rob.varied == ()  # one option: a fixed switch, not an uncertain input


def test_geometric_at_every_node_hand_worked(make_rubric: Any) -> None:
    """The default (every node): A has a zero child, so its geometric mean adds the offset 1:
    A = sqrt(1 x 81) - 1 = 8, B = sqrt(60 x 100) = 77.4597, index = sqrt(8 x 77.4597) =
    24.8933: the pillar collapses, which is why the shipped rubric switches the index only."""
    rob = analyse(_two_pillars(make_rubric, aggregation=["geometric"]))
    expected = math.sqrt(8 * math.sqrt(6000))
    assert expected == pytest.approx(24.8933, abs=1e-4)
    np.testing.assert_allclose(rob.index_draws[:, 0], expected, rtol=0, atol=1e-9)


def test_the_switch_is_drawn_at_the_index_only(make_rubric: Any) -> None:
    """[rubric, geometric] at the index: every draw is 60 (arithmetic) or 56.5685, about
    half each, and the varied text names the node."""
    rob = analyse(
        _two_pillars(
            make_rubric, draws=2000, aggregation=["rubric", "geometric"], aggregation_nodes=["idx"]
        )
    )
    index = rob.index_draws[:, 0]
    arithmetic = np.isclose(index, 60.0, rtol=0, atol=1e-9)
    geometric = np.isclose(index, math.sqrt(3200), rtol=0, atol=1e-9)
    assert np.all(arithmetic | geometric)
    assert 0.45 < arithmetic.mean() < 0.55
    assert "aggregation of idx: as in the rubric, geometric (a zero child: offset)" in [
        v.text() for v in rob.varied
    ]
