"""The draw kernel against the engine: same inputs, same scores (to rounding).

`score_draws` (weights per draw, method switches, varied cells) and `Baseline.score` (what-if
changes) must give what `score` gives for each draw or scenario scored on its own. Checked on
COINr's ASEM case (51 units, 49 indicators, 4 levels, denominators, group imputation) and on
the shipped C5 rubric.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from needs import shared
from readiness import api
from readiness.engine.batch import Draws, score_draws
from readiness.engine.plan import Methods, Plan
from readiness.engine.result import Result
from readiness.engine.score import score
from readiness.rubric.model import (
    Aggregation,
    Imputation,
    MinMax,
    OnZero,
    Outliers,
    Rank,
    Rubric,
    ZScore,
)

ROOT = Path(__file__).resolve().parents[2]
ASEM = ("conformance", "coinr-asem", "input", "ASEM_iData.csv")  # under ../shared
C5 = ROOT / "rubrics" / "archive" / "c5-critical-minerals-1.0.0.yaml"  # the fixture's rubric
C5_VALUES = ROOT / "tests" / "report" / "data" / "c5-test-values.csv"
TOL = 1e-9


def _frame(result: Result, plan: Plan, raw: np.ndarray | None = None) -> pd.DataFrame:
    if raw is None:
        raw = _matrix(result, plan)
    return pd.DataFrame(raw, index=result.units, columns=list(plan.columns))


def _matrix(result: Result, plan: Plan) -> np.ndarray:
    both = pd.concat([result.raw, result.denominators], axis=1)
    return both.reindex(columns=list(plan.columns)).to_numpy(dtype=float)


@pytest.fixture(scope="module")
def asem() -> tuple[Rubric, Result, Plan]:
    data = shared(*ASEM)
    rubric = api.load_rubric(ROOT / "tests" / "conformance" / "asem.yaml")
    # Outlier treatment looks at a whole column and is not redone per draw; the varied-cell
    # cases below use the rubric without it (the nominal case keeps it).
    result = api.score(rubric, api.load_values(data, rubric))
    return rubric, result, Plan.build(rubric, result.units, result.attributes)


def _assert_same(got: np.ndarray, expected: np.ndarray) -> None:
    np.testing.assert_array_equal(np.isnan(got), np.isnan(expected))
    np.testing.assert_allclose(got, expected, rtol=0, atol=TOL)


def test_nominal_draw_is_the_engine_score_on_asem(asem: tuple[Rubric, Result, Plan]) -> None:
    rubric, result, plan = asem
    keep = [n.id for n in rubric.nodes]
    out = score_draws(plan, _matrix(result, plan), Draws(n=2), keep=keep)
    for node in keep:
        for row in out[node]:
            _assert_same(row, result.scores[node].to_numpy())


def _variant(rubric: Rubric, norm: object, agg: Aggregation) -> Rubric:
    data = rubric.model_dump(by_alias=True)
    for ind in data["indicators"]:
        ind["normalisation"] = norm
    for node in data["nodes"]:
        node["aggregation"] = agg.value
        node["on_zero"] = "offset"
    return Rubric.model_validate(data)


@pytest.mark.parametrize(
    ("norm", "agg"),
    [
        (MinMax(low=1, high=100), Aggregation.GEOMETRIC),
        (ZScore(mean=10, sd=2), Aggregation.ARITHMETIC),
        (Rank(), Aggregation.HARMONIC),
    ],
)
def test_method_switches_and_varied_cells_match_the_engine(
    asem: tuple[Rubric, Result, Plan], norm: MinMax | ZScore | Rank, agg: Aggregation
) -> None:
    rubric, result, _ = asem
    rubric = rubric.model_copy(update={"outliers": Outliers()})
    plan = Plan.build(rubric, result.units, result.attributes)
    raw = _matrix(result, plan)
    cells_u = np.array([0, 3, 7, 20])
    cells_c = np.array([0, 9, plan.columns.index("GDP"), 30])
    factors = np.array([[1.0, 1.0, 1.0, 1.0], [1.5, 0.5, 2.0, 0.9]])
    values = raw[cells_u, cells_c][np.newaxis, :] * factors
    rng = np.random.default_rng(7)
    weights = plan.weight[np.newaxis, :] * rng.uniform(0.75, 1.25, (2, len(plan.items)))
    methods = (Methods(), Methods(norm, agg, on_zero=OnZero.OFFSET))
    draws = Draws(2, weights, methods, np.array([1, 1]), cells_u, cells_c, values)
    got = score_draws(plan, raw, draws)["Index"]
    variant = _variant(rubric, norm.model_dump(), agg)
    for d in range(2):
        changed = raw.copy()
        changed[cells_u, cells_c] = values[d]
        data = variant.model_dump(by_alias=True)
        for k, item in enumerate(plan.items):
            target = data["indicators"] if item in rubric.indicator_by_id else data["nodes"]
            for entry in target:
                if entry["id"] == item:
                    entry["weight"] = float(weights[d, k])
        weighted = Rubric.model_validate(data)
        expected = score(weighted, _frame(result, plan, changed), attributes=result.attributes)
        _assert_same(got[d], expected.scores["Index"].to_numpy())


# --- random rubrics: every route of the kernel against `score`, draw by draw ------------------

LEVELS4 = [{"value": v, "label": f"L{v}", "definition": f"Level {v}."} for v in range(4)]
NORMS: list[dict[str, object] | None] = [
    None,
    {"method": "minmax", "low": 0, "high": 100},
    {"method": "minmax", "low": 1, "high": 100},
    {"method": "zscore", "mean": 10, "sd": 2},
    {"method": "rank"},
]
AGGS = [None, Aggregation.ARITHMETIC, Aggregation.GEOMETRIC, Aggregation.HARMONIC]


def _random_case(seed: int) -> tuple[Rubric, pd.DataFrame, pd.DataFrame]:
    """index <- [2 sub-indices <-] 2-4 pillars <- 1-4 indicators: goalposts (clipped or not,
    either direction), declared min-max, z-score, rank or distance to target, categorical
    levels with a 0 level, one indicator over a denominator; 12 units, a tenth of the values
    missing and one unit with most of them missing; declared geometric and harmonic nodes."""
    rng = np.random.default_rng(seed)
    deep = bool(rng.integers(2))
    nodes: list[dict[str, object]] = [{"id": "idx", "name": "idx"}]
    if deep:
        nodes += [{"id": f"s{s}", "name": f"s{s}", "parent": "idx"} for s in range(2)]
    n_pillars = int(rng.integers(2, 5))
    indicators: list[dict[str, object]] = []
    for p in range(n_pillars):
        node: dict[str, object] = {
            "id": f"p{p}",
            "name": f"p{p}",
            "parent": f"s{p % 2}" if deep else "idx",
            "weight": float(rng.uniform(0.5, 2)),
        }
        if rng.random() < 0.3:
            node["aggregation"] = str(rng.choice(["geometric", "harmonic"]))
            node["on_zero"] = str(rng.choice(["offset", "insufficient"]))
            node["zero_offset"] = float(rng.choice([1.0, 0.5]))
        nodes.append(node)
        for k in range(int(rng.integers(1, 5))):
            ind: dict[str, object] = {
                "id": f"i{p}_{k}",
                "name": f"i{p}_{k}",
                "parent": f"p{p}",
                "weight": float(rng.choice([1.0, 2.0, 0.5])),
                "direction": int(rng.choice([1, -1])),
            }
            kind = rng.integers(7)
            if kind <= 1:
                ind["normalisation"] = {
                    "method": "goalposts",
                    "low": 0,
                    "high": 80,
                    "clip": bool(kind == 0),
                }
            elif kind == 2:
                ind["normalisation"] = {"method": "minmax", "low": 0, "high": 100}
            elif kind == 3:
                ind["normalisation"] = {"method": "zscore", "mean": 50, "sd": 10}
            elif kind == 4:
                ind["normalisation"] = {"method": "rank"}
            elif kind == 5:
                ind["normalisation"] = {"method": "distance_to_target", "target": 90}
            else:
                ind.update(kind="categorical", levels=LEVELS4, direction=1)
            indicators.append(ind)
    indicators[0].update(denominator="pop", kind="numeric")
    indicators[0].pop("levels", None)
    indicators[0]["normalisation"] = {"method": "goalposts", "low": 0, "high": 2, "clip": True}
    for n in nodes:
        if n["id"] == "idx" and rng.random() < 0.3:
            n.update(aggregation="geometric", on_zero="offset")
    imputation = str(rng.choice(["none", "indicator_mean", "indicator_median", "group_mean"]))
    missing_data: dict[str, object] = {
        "imputation": imputation,
        "min_coverage": float(rng.choice([0.0, 0.5, 0.75])),
    }
    if imputation == "group_mean":
        missing_data["group"] = "region"
    units = [f"U{u}" for u in range(12)]
    rubric = Rubric.model_validate(
        {
            "id": "t",
            "title": "t",
            "version": "0",
            "units": [{"id": u, "name": u} for u in units],
            "denominators": [{"id": "pop", "name": "pop"}],
            "nodes": nodes,
            "indicators": indicators,
            "missing_data": missing_data,
        }
    )
    x = rng.uniform(0, 100, (12, len(indicators)))
    for k, ind in enumerate(rubric.indicators):
        if ind.kind.value == "categorical":
            x[:, k] = rng.integers(0, 4, 12)
    x[rng.random(x.shape) < 0.1] = np.nan
    x[3, : max(1, len(indicators) - 1)] = np.nan  # a unit with most values missing
    x[:, 0] = rng.uniform(10, 100, 12)
    x[:, -1] = rng.uniform(0, 100, 12) if rubric.indicators[-1].kind.value == "numeric" else 1
    x[3, -1] = np.nan if rng.random() < 0.5 else x[3, -1]  # the last column: complete or not
    raw = pd.DataFrame(x, index=units, columns=[i.id for i in rubric.indicators])
    raw["pop"] = rng.uniform(50, 100, 12)
    raw.loc["U5", "pop"] = np.nan
    attributes = pd.DataFrame({"region": ["a", "b", "c"] * 4}, index=pd.Index(units, name="unit"))
    return rubric, raw, attributes


def _methods_variant(rubric: Rubric, methods: Methods, weights: np.ndarray, plan: Plan) -> Rubric:
    """The rubric a draw's methods and weights stand for, as `score` takes it."""
    data = rubric.model_dump(by_alias=True)
    if methods.normalisation is not None:
        for ind in data["indicators"]:
            ind["normalisation"] = methods.normalisation.model_dump()
    if methods.imputation is not None:
        data["missing_data"]["imputation"] = methods.imputation.value
        if methods.imputation.value not in ("group_mean", "group_median"):
            data["missing_data"]["group"] = None
    for node in data["nodes"]:
        scoped = methods.aggregation_nodes is None or node["id"] in methods.aggregation_nodes
        declared = Aggregation(node["aggregation"])
        own = declared is not Aggregation.ARITHMETIC and node["on_zero"] != "error"
        if methods.aggregation is not None and scoped:
            node["aggregation"] = methods.aggregation.value
        if not own and node["aggregation"] != "arithmetic":
            node["on_zero"] = (methods.on_zero or OnZero.ERROR).value
            node["zero_offset"] = methods.zero_offset
    for k, item in enumerate(plan.items):
        for entry in (*data["indicators"], *data["nodes"]):
            if entry["id"] == item:
                entry["weight"] = float(weights[k])
    return Rubric.model_validate(data)


@pytest.mark.parametrize("seed", range(24))
def test_random_rubrics_match_the_engine_draw_by_draw(seed: int) -> None:
    rubric, raw_frame, attributes = _random_case(seed)
    rng = np.random.default_rng(1000 + seed)
    plan = Plan.build(rubric, list(raw_frame.index), attributes)
    raw = raw_frame.reindex(columns=list(plan.columns)).to_numpy(dtype=float)
    grouped = rubric.missing_data.group is not None
    imputations = [None, Imputation.NONE, Imputation.INDICATOR_MEAN, Imputation.INDICATOR_MEDIAN]
    if grouped:
        imputations.append(Imputation.GROUP_MEDIAN)
    methods = []
    for _ in range(4):
        norm = NORMS[int(rng.integers(len(NORMS)))]
        scope = [None, frozenset({"idx"}), frozenset({"p0", "s1", "p2"})][int(rng.integers(3))]
        methods.append(
            Methods(
                normalisation=None
                if norm is None
                else Rubric.model_validate({**rubric.model_dump(by_alias=True)})
                .indicators[0]
                .model_validate({"id": "z", "name": "z", "parent": "p0", "normalisation": norm})
                .normalisation,
                aggregation=AGGS[int(rng.integers(len(AGGS)))],
                aggregation_nodes=scope,
                imputation=imputations[int(rng.integers(len(imputations)))],
                on_zero=[OnZero.OFFSET, OnZero.INSUFFICIENT][int(rng.integers(2))],
                zero_offset=float(rng.choice([1.0, 0.25])),
            )
        )
    n = 8
    method_of = rng.integers(0, len(methods), n)
    weights = plan.weight[np.newaxis, :] * rng.uniform(0.75, 1.25, (n, len(plan.items)))
    weights[0, int(rng.integers(len(plan.indicators)))] = 0.0  # one indicator left out
    weights[1, : len(plan.indicators)] *= rng.random(len(plan.indicators)) < 0.5  # many out
    # Varied cells: present cells of some indicators (values in range, levels for categorical
    # ones, some at 0), and one denominator cell.
    # Some columns vary in every unit (cells ordered by column, then unit, as the design
    # orders them), the others in about a third of their present cells.
    everywhere = rng.random(len(plan.indicators)) < 0.3
    cells = [
        (u, k)
        for k in range(len(plan.indicators))
        for u in range(len(plan.units))
        if not np.isnan(raw[u, k]) and (everywhere[k] or rng.random() < 0.3)
    ]
    cells.append((0, plan.columns.index("pop")))
    if seed % 2:  # cells in any order, not the design's (column, unit) order
        cells = [cells[v] for v in rng.permutation(len(cells))]
    cu = np.asarray([c[0] for c in cells], dtype=np.int64)
    cc = np.asarray([c[1] for c in cells], dtype=np.int64)
    values = np.empty((n, len(cells)))
    for v, (u, k) in enumerate(cells):
        ind = rubric.indicator_by_id.get(plan.columns[k])
        if ind is not None and ind.kind.value == "categorical":
            values[:, v] = rng.integers(0, 4, n)
        else:
            values[:, v] = raw[u, k] * rng.uniform(0.5, 1.5, n)
    values[2, cc < len(plan.indicators)] = np.where(
        rng.random(int((cc < len(plan.indicators)).sum())) < 0.5,
        0.0,
        values[2, cc < len(plan.indicators)],
    )
    draws = Draws(n, weights, tuple(methods), method_of, cu, cc, values)
    keep = [nd.id for nd in rubric.nodes]
    got = score_draws(plan, raw, draws, keep=keep, chunk=3)
    for d in range(n):
        variant = _methods_variant(rubric, methods[int(method_of[d])], weights[d], plan)
        changed = raw.copy()
        changed[cu, cc] = values[d]
        frame = pd.DataFrame(changed, index=raw_frame.index, columns=list(plan.columns))
        expected = score(variant, frame, attributes=attributes)
        for node in keep:
            _assert_same(got[node][d], expected.scores[node].to_numpy())
