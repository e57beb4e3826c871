"""Benchmark: the batch kernel behind uncertainty analysis, Sobol and the path search.

Run: python benchmarks/bench_uncertainty.py [--runs 3] [--loop-draws 20] [--draws 10000]

1. Uncertainty analysis, 250 units x 100 indicators x 3 levels (index <- 20 pillars <- 100
   indicators; 80 numeric on goalposts, 20 categorical; 5 % of values missing) x 10,000 draws,
   varying: every weight (+/-25 %), normalisation (as declared / min-max), aggregation (as
   declared / geometric), imputation (none / indicator mean), one indicator left out (or none),
   a Low-High interval on every value of 10 numeric indicators (about 2,400 cells: a tenth of
   the values, the share the shipped data has: the WGI's 90 % intervals) and contested readings
   on 5 categorical indicators for a fifth of the units (about 240 cells).
   Median wall time of `engine.uncertainty.analyse` over --runs runs after a warm-up, and its
   peak traced memory (tracemalloc, one separate run).
   Baseline in the same run: the normal scoring function (`engine.score.score`) called once
   per draw with that draw's rubric (weights, methods) and values. It is timed on
   --loop-draws draws and extrapolated linearly to all draws (said so in the output).
2. Sobol indices for the shipped rubric and inputs, N = 1024 base samples: wall time.
3. Path to the next band on rubrics of 1,250, 2,500 and 5,000 indicators (5 units, 4 levels):
   peak traced memory and time; memory must grow linearly with the indicators.

Targets (PASS/FAIL; exit 1 if any fails): (1) median < 2 s, >= 50x faster than the per-draw
loop, peak < 1 GB; (2) < 10 s; (3) 5,000 indicators within 2 GB, and peak memory per indicator
at 5,000 no more than 1.5x that at 1,250 (linear, not quadratic).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from readiness import api
from readiness.engine.paths import paths_to_next_band
from readiness.engine.result import Result
from readiness.engine.score import score
from readiness.engine.uncertainty import analyse, setup
from readiness.rubric.model import Rubric

ROOT = Path(__file__).resolve().parents[1]
N_UNITS, N_IND, N_PILLARS, N_CAT = 250, 100, 20, 20
N_INTERVAL = 10  # numeric indicators with a Low-High interval on every value
LEVELS = [{"value": v, "label": f"L{v}", "definition": f"Level {v}."} for v in range(4)]
SPEC: dict[str, Any] = {
    "draws": 10000,
    "seed": 7,
    "weights": {"noise": 0.25},
    "normalisation": ["rubric", {"method": "minmax"}],
    "aggregation": ["rubric", "geometric"],
    "imputation": ["rubric", "indicator_mean"],
    "leave_one_out": True,
    "values": True,
    "sobol": {"base_samples": 1024},
}


def synthetic(n_units: int, n_ind: int, n_pillars: int, depth: int = 3, seed: int = 1) -> Result:
    """index <- [sub-indices <-] pillars <- indicators, scored; the last N_CAT indicators of
    each hundred are categorical, the rest numeric on 0-100 goalposts."""
    rng = np.random.default_rng(seed)
    nodes: list[dict[str, Any]] = [{"id": "index", "name": "Index", "min_coverage": 0.5}]
    n_sub = 4 if depth == 4 else 0
    for s in range(n_sub):
        nodes.append({"id": f"s{s}", "name": f"Sub {s}", "parent": "index"})
    for p in range(n_pillars):
        parent = f"s{p % n_sub}" if n_sub else "index"
        nodes.append({"id": f"p{p}", "name": f"Pillar {p}", "parent": parent})
    indicators = []
    for i in range(n_ind):
        ind: dict[str, Any] = {
            "id": f"i{i}",
            "name": f"Indicator {i}",
            "parent": f"p{i % n_pillars}",
            "weight": 1 + i % 3,
            "lever": "outcome" if i % 3 == 0 else "policy",
        }
        if i % 100 >= 100 - N_CAT:
            ind.update(kind="categorical", levels=LEVELS)
        else:
            ind["normalisation"] = {"method": "goalposts", "low": 0, "high": 100}
        indicators.append(ind)
    rubric = Rubric.model_validate(
        {
            "id": "bench",
            "title": "Benchmark",
            "version": "1",
            "units": [{"id": f"U{u:04d}", "name": f"Unit {u}"} for u in range(n_units)],
            "nodes": nodes,
            "indicators": indicators,
            "missing_data": {"min_coverage": 0.5},
            "bands": [
                {"label": "A", "min": 70},
                {"label": "B", "min": 55},
                {"label": "C", "min": 40},
                {"label": "D", "min": 0},
            ],
            "uncertainty": SPEC,
        }
    )
    units = [u.id for u in rubric.units]
    x = rng.uniform(5, 95, size=(n_units, n_ind))
    cat = np.asarray([i % 100 >= 100 - N_CAT for i in range(n_ind)])
    x[:, cat] = rng.integers(0, 4, size=(n_units, int(cat.sum())))
    x[rng.random(x.shape) < 0.05] = np.nan
    ids = [i.id for i in rubric.indicators]
    raw = pd.DataFrame(x, index=units, columns=ids)
    rows = []
    for k, ind in enumerate(ids):
        for u, unit in enumerate(units):
            v = x[u, k]
            if np.isnan(v):
                continue
            low = high = np.nan
            contested = False
            if k < N_INTERVAL and not cat[k]:
                low, high = v - 5.0, v + 5.0
            if cat[k] and k % 100 >= 100 - 5 and u % 5 == 0:
                contested = True
            rows.append((unit, ind, "", "", "", "", low, high, contested))
    evidence = pd.DataFrame(
        rows,
        columns=[
            "unit",
            "indicator",
            "as_of",
            "source",
            "source_url",
            "note",
            "low",
            "high",
            "contested",
        ],
    ).set_index(["unit", "indicator"])
    return score(rubric, raw, evidence=evidence)


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_mib(fn: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def loop_seconds(result: Result, n: int) -> float:
    """The baseline: `score` once per draw, each with that draw's rubric and values."""
    rubric = result.rubric
    spec = rubric.uncertainty
    assert spec is not None
    plan, raw, design = setup(result, spec)
    u = np.random.default_rng(1).random((n, design.k))
    draws = design.draws(u)
    frame = pd.DataFrame(raw, index=list(plan.units), columns=list(plan.columns))
    data = rubric.model_dump(by_alias=True)
    global LOOP_CPU
    cpu0 = time.process_time()
    start = time.perf_counter()
    for d in range(n):
        methods = draws.methods[int(draws.method_of[d])] if draws.method_of is not None else None
        variant = {
            **data,
            "indicators": [dict(i) for i in data["indicators"]],
            "nodes": [dict(n) for n in data["nodes"]],
        }
        assert draws.weights is not None
        for k, item in enumerate(plan.items):
            if k < len(plan.indicators):
                entry = variant["indicators"][k]
                numeric = entry.get("kind", "numeric") == "numeric"
                if methods is not None and methods.normalisation is not None and numeric:
                    entry["normalisation"] = methods.normalisation.model_dump()
            else:
                entry = next(n for n in variant["nodes"] if n["id"] == item)
                scoped = methods is not None and (
                    methods.aggregation_nodes is None or item in methods.aggregation_nodes
                )
                if methods is not None and methods.aggregation is not None and scoped:
                    entry["aggregation"] = methods.aggregation.value
                    entry["on_zero"] = "offset"
            entry["weight"] = float(draws.weights[d, k])
        if methods is not None and methods.imputation is not None:
            variant["missing_data"] = {
                **variant["missing_data"],
                "imputation": methods.imputation.value,
            }
        changed = frame.copy()
        if draws.cell_values is not None and draws.cell_unit is not None:
            assert draws.cell_column is not None
            values = changed.to_numpy(copy=True)
            values[draws.cell_unit, draws.cell_column] = draws.cell_values[d]
            changed = pd.DataFrame(values, index=frame.index, columns=frame.columns)
        score(Rubric.model_validate(variant), changed)
    LOOP_CPU = time.process_time() - cpu0
    return time.perf_counter() - start


LOOP_CPU = 0.0  # CPU seconds of the last timed loop


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs (median)")
    parser.add_argument("--loop-draws", type=int, default=20, help="draws timed in the loop")
    parser.add_argument("--draws", type=int, default=10000)
    args = parser.parse_args()
    checks = []

    print(
        f"1. Uncertainty analysis: {N_UNITS} units x {N_IND} indicators x 3 levels x "
        f"{args.draws:,} draws"
    )
    result = synthetic(N_UNITS, N_IND, N_PILLARS)
    rob = analyse(result, draws=args.draws)
    print("   varied: " + "; ".join(rob.varied))
    cpu0 = time.process_time()
    t = median_seconds(lambda: analyse(result, draws=args.draws), args.runs)
    cpu = (time.process_time() - cpu0) / (args.runs + 1)
    peak = peak_mib(lambda: analyse(result, draws=args.draws))
    loop = loop_seconds(result, args.loop_draws)
    per_draw = loop / args.loop_draws
    extrapolated = per_draw * args.draws
    ratio = extrapolated / t
    load = os.getloadavg()[0]
    print(
        f"   batch: median {t:.2f} s wall of {args.runs} runs ({cpu:.2f} s CPU per run; "
        f"load average {load:.1f} on {os.cpu_count()} cores); peak traced memory {peak:.0f} MiB"
    )
    print(
        f"   per-draw loop: {args.loop_draws} draws timed, {per_draw * 1e3:.0f} ms per draw; "
        f"extrapolated to {args.draws:,} draws: {extrapolated:.0f} s"
    )
    cpu_ratio = LOOP_CPU / args.loop_draws * args.draws / cpu
    print(f"   ratio loop / batch: {ratio:.0f}x wall ({cpu_ratio:.0f}x in CPU time)")
    checks += [
        (f"batch median {t:.2f} s (target < 2 s)", t < 2.0),
        (f"batch {ratio:.0f}x faster than the per-draw loop (target >= 50x)", ratio >= 50),
        (f"batch peak memory {peak:.0f} MiB (target < 1024 MiB)", peak < 1024),
    ]

    print("2. Sobol indices, shipped rubric and inputs, N = 1024")
    rubric = api.load_rubric(ROOT / "rubrics" / "c5-critical-minerals.yaml")
    period = "2026-Q4"
    inputs = [
        ROOT / "inputs" / f"c5-critical-minerals-{period}.xlsx",
        ROOT / "inputs" / f"c5-critical-minerals-reference-{period}.xlsx",
    ]
    shipped = api.score(rubric, api.load_values(inputs, rubric))
    from readiness.engine.sensitivity import sensitivity

    start = time.perf_counter()
    sens = sensitivity(shipped, base_samples=1024)
    sobol_t = time.perf_counter() - start
    print(f"   {sens.runs:,} runs, {len(sens.indices)} inputs: {sobol_t:.2f} s")
    checks.append((f"Sobol N = 1024: {sobol_t:.2f} s (target < 10 s)", sobol_t < 10.0))

    print("3. Path to the next band, 5 units, index <- 4 sub-indices <- pillars <- indicators")
    per_ind = {}
    for n_ind in (1250, 2500, 5000):
        big = synthetic(5, n_ind, n_ind // 5, depth=4, seed=2)
        start = time.perf_counter()
        paths_to_next_band(big)
        took = time.perf_counter() - start
        peak_p = peak_mib(lambda big=big: paths_to_next_band(big))
        per_ind[n_ind] = peak_p / n_ind
        print(
            f"   {n_ind:>5} indicators: {took:.2f} s, peak {peak_p:.1f} MiB "
            f"({peak_p / n_ind * 1024:.1f} KiB per indicator)"
        )
    growth = per_ind[5000] / per_ind[1250]
    peak_5000 = per_ind[5000] * 5000
    checks += [
        (
            f"path search, 5,000 indicators: peak {peak_5000:.0f} MiB (target < 2048 MiB)",
            peak_5000 < 2048,
        ),
        (
            f"path search memory per indicator, 5,000 vs 1,250: {growth:.2f}x (target <= 1.5x)",
            growth <= 1.5,
        ),
    ]
    print()
    for text, ok in checks:
        print(f"{verdict(ok)}  {text}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
