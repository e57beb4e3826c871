"""Benchmark: `score` on synthetic rubrics of 50, 250 and 2,500 units x 100 indicators x 4 levels.

Run: python benchmarks/bench_engine.py [--runs 7] [--profile]

Each rubric is built in code with the pydantic models: 100 indicators -> 20 pillars -> 4
sub-indices -> index, mixed goalposts / min-max normalisation and directions; about 5 % of the
values are missing, and every value carries an as-of date so stale flags are computed. For each
size it times `score` (a warm-up call, then the median of --runs calls, time.perf_counter) and
measures its peak traced memory (tracemalloc, one separate call). For 250 units it also times
scoring one unit at a time (a separate `score` call on a one-unit Values per unit), in the same
run, as the baseline the vectorised engine must beat.

Targets (PASS/FAIL printed for each; exit 1 if any fails):
  - 250 units: median <= 50 ms;
  - 2,500 / 250 median ratio <= 12 (10x the units may cost at most 12x the time);
  - 250 units: batch at least 10x faster than one unit at a time.
With --profile (or when a target fails) the slowest functions of one 2,500-unit call are printed
(cProfile, cumulative time).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable

import numpy as np
import pandas as pd

from readiness.api import score
from readiness.inputs.values import Values, from_matrix
from readiness.rubric.model import (
    Goalposts,
    Indicator,
    MinMax,
    MissingData,
    Node,
    Rubric,
    Unit,
)

SIZES = (50, 250, 2500)
N_INDICATORS, N_PILLARS, N_SUBINDICES = 100, 20, 4
PERIOD = "2026-Q4"
TARGET_250_MS = 50.0
TARGET_SCALING = 12.0
TARGET_VS_LOOP = 10.0


def synthetic_rubric(n_units: int) -> Rubric:
    """index <- 4 sub-indices <- 20 pillars <- 100 indicators (5 per pillar); `n_units` units
    declared in the rubric (0: none, the units are whatever the values hold)."""
    per_pillar = N_INDICATORS // N_PILLARS
    per_sub = N_PILLARS // N_SUBINDICES
    nodes = [Node(id="index", name="Index", min_coverage=0.25)]
    nodes += [Node(id=f"s{k}", name=f"Sub-index {k}", parent="index") for k in range(N_SUBINDICES)]
    nodes += [
        Node(id=f"p{k:02d}", name=f"Pillar {k}", parent=f"s{k // per_sub}", weight=1 + k % 3)
        for k in range(N_PILLARS)
    ]
    indicators = [
        Indicator(
            id=f"i{i:03d}",
            name=f"Indicator {i}",
            parent=f"p{i // per_pillar:02d}",
            direction=-1 if i % 7 == 0 else 1,
            weight=1 + i % 2,
            normalisation=Goalposts(low=0, high=100) if i % 2 else MinMax(),
            max_age_years=2 if i % 5 == 0 else None,
        )
        for i in range(N_INDICATORS)
    ]
    return Rubric(
        id="bench",
        title="Benchmark rubric",
        version="1",
        units=tuple(Unit(id=f"U{u:04d}", name=f"Unit {u}") for u in range(n_units)),
        nodes=tuple(nodes),
        indicators=tuple(indicators),
        missing_data=MissingData(min_coverage=0.5),
    )


def synthetic_values(rubric: Rubric, seed: int = 1) -> Values:
    rng = np.random.default_rng(seed)
    units = [u.id for u in rubric.units]
    ids = [i.id for i in rubric.indicators]
    x = rng.uniform(0, 100, size=(len(units), len(ids)))
    x[rng.random(x.shape) < 0.05] = np.nan
    values = from_matrix(pd.DataFrame(x, index=units, columns=ids), period=PERIOD)
    table = values.table.copy()
    table["as_of"] = rng.choice(["2022", "2024-06", "2025-12-31", "2026-09"], size=len(table))
    return Values(table=table, units=values.units, period=PERIOD, origin="<bench>")


def one_unit(values: Values, unit: str) -> Values:
    table = values.table[values.table["unit"] == unit].reset_index(drop=True)
    return Values(
        table=table, units=values.units.loc[[unit]], period=values.period, origin=values.origin
    )


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


def profile(rubric: Rubric, values: Values, top: int = 25) -> str:
    prof = cProfile.Profile()
    prof.enable()
    score(rubric, values)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per size (median)")
    parser.add_argument("--loop-runs", type=int, default=3, help="timed runs of the unit loop")
    parser.add_argument("--profile", action="store_true", help="always print a cProfile")
    args = parser.parse_args()

    cases = {}
    print(
        f"score(): {N_INDICATORS} indicators -> {N_PILLARS} pillars -> {N_SUBINDICES} "
        f"sub-indices -> index; median of {args.runs} runs after a warm-up"
    )
    print(f"{'units':>6}  {'median ms':>10}  {'ms / unit':>9}  {'peak MiB':>9}")
    medians: dict[int, float] = {}
    for n in SIZES:
        rubric = synthetic_rubric(n)
        values = synthetic_values(rubric)
        cases[n] = (rubric, values)
        medians[n] = median_seconds(lambda r=rubric, v=values: score(r, v), args.runs)
        peak = peak_mib(lambda r=rubric, v=values: score(r, v))
        ms = medians[n] * 1e3
        print(f"{n:>6}  {ms:>10.1f}  {ms / n:>9.3f}  {peak:>9.1f}")

    # Scoring from values alone (no units in the rubric) must not be slower: the unit list
    # then comes from the values table.
    open_rubric = synthetic_rubric(0)
    values_2500 = cases[2500][1]
    open_2500 = median_seconds(lambda: score(open_rubric, values_2500), args.runs)
    print(
        f"{2500:>6}  {open_2500 * 1e3:>10.1f}  {open_2500 * 1e3 / 2500:>9.3f}  "
        f"{'':>9}  (units taken from the values, none declared in the rubric)"
    )

    # The baseline: each unit scored on its own, a one-unit Values and a rubric without units.
    rubric, values = cases[250]
    singles = [one_unit(values, u.id) for u in rubric.units]
    loop = median_seconds(lambda: [score(open_rubric, v) for v in singles], max(1, args.loop_runs))

    t250 = medians[250] * 1e3
    scaling = medians[2500] / medians[250]
    vs_loop = loop / medians[250]
    checks = [
        (f"250 units: {t250:.1f} ms (target <= {TARGET_250_MS:.0f} ms)", t250 <= TARGET_250_MS),
        (
            f"2500/250 time ratio: {scaling:.2f} (target <= {TARGET_SCALING:.0f} for 10x units)",
            scaling <= TARGET_SCALING,
        ),
        (
            f"250 units one at a time: {loop * 1e3:.0f} ms, {vs_loop:.1f}x the batch "
            f"(target >= {TARGET_VS_LOOP:.0f}x)",
            vs_loop >= TARGET_VS_LOOP,
        ),
    ]
    print()
    for text, ok in checks:
        print(f"{verdict(ok)}  {text}")
    failed = not all(ok for _, ok in checks)
    if failed or args.profile:
        print("\ncProfile of one 2,500-unit score() call (cumulative):")
        print(profile(*cases[2500]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
