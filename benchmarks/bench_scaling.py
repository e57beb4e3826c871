"""Benchmark: time and memory of `template`, `validate`, `score`, `export` and `report` as
indicators and units grow, to show they grow at most linearly within readiness.limits.

Run: python benchmarks/bench_scaling.py [--runs 3] [--report] [--at-limit]

Two series on the synthetic rubric of bench_workbook.py (every indicator kind):
  - indicators 125, 250, 500, 1,000 (the limit) with 20 units;
  - units 25, 50, 100, 200 with 100 indicators.
For each size and stage it prints the median wall time and the peak traced memory (tracemalloc,
one separate call), and for each doubling the ratio to the previous size. Linear growth gives
about 2 per doubling, quadratic about 4. A stage passes when the ratio of its largest size to its
smallest (8x the size) is at most 8 * 1.5 = 12 in time and in memory; exit 1 if any fails.
`export` is what `readiness score` writes after scoring: scores.csv, scores.json and
scores.xlsx (as bytes, nothing written). `--report` also builds the report context (including
the path to the next band, which helper i10 is rewriting) for information only: it is not
judged. `--at-limit` also times `score` and `export` once at the row limit (250 units x 1,000
indicators, 250,000 values, scored from memory: writing that workbook alone takes minutes),
with the peak traced memory, for information.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from bench_workbook import PERIOD, TODAY, synthetic_rubric, synthetic_values

from readiness.api import score
from readiness.engine.paths import paths_to_next_band
from readiness.results.export import results_files
from readiness.rubric.model import Rubric
from readiness.workbook import read_values, validate_workbook, write_template

GROWTH = 8
TOLERANCE = 1.5
INDICATOR_SERIES = (125, 250, 500, 1000)
UNIT_SERIES = (25, 50, 100, 200)


def median_seconds(fn: Callable[[], object], runs: int) -> float:
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
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def stages(rubric: Rubric, folder: Path, with_report: bool) -> dict[str, Callable[[], object]]:
    values = synthetic_values(rubric)
    path = folder / f"w{len(rubric.units)}x{len(rubric.indicators)}.xlsx"
    write_template(rubric, PERIOD, path, values=values)
    loaded = read_values(path, rubric, today=TODAY)
    scored = score(rubric, loaded, period=PERIOD)
    out: dict[str, Callable[[], object]] = {
        "template": lambda: write_template(rubric, PERIOD, folder / "t.xlsx", values=values),
        "validate": lambda: validate_workbook(path, rubric, today=TODAY),
        "score": lambda: score(rubric, loaded, period=PERIOD),
        "export": lambda: results_files(scored),
    }
    if with_report:
        from readiness.report.context import build_report_set

        result = score(rubric, loaded, period=PERIOD)
        out["report context"] = lambda: build_report_set(result, paths=paths_to_next_band(result))
    return out


def series(
    name: str, sizes: tuple[int, ...], make: Callable[[int], Rubric], runs: int, report: bool
) -> bool:
    print(f"\n{name}")
    rows: dict[str, list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            for stage, fn in stages(make(size), Path(tmp), report).items():
                fn()  # warm-up
                rows.setdefault(stage, []).append((median_seconds(fn, runs), peak_mib(fn)))
    ok = True
    header = "  ".join(f"{s:>16,}" for s in sizes)
    print(f"{'stage':<16}{header}   largest/smallest (x{GROWTH} size)")
    for stage, measured in rows.items():
        cells = "  ".join(f"{t:7.3f}s {m:6.1f}MiB" for t, m in measured)
        t_ratio = measured[-1][0] / measured[0][0]
        m_ratio = measured[-1][1] / measured[0][1]
        judged = stage != "report context"
        good = t_ratio <= GROWTH * TOLERANCE and m_ratio <= GROWTH * TOLERANCE
        verdict = ("PASS" if good else "FAIL") if judged else "(info)"
        ok = ok and (good or not judged)
        print(f"{stage:<16}{cells}   time {t_ratio:5.1f}x  memory {m_ratio:5.1f}x  {verdict}")
    return ok


def at_limit() -> None:
    """`score` and `export` once at the row limit (for information)."""
    rubric = synthetic_rubric(250, 1000)
    values = synthetic_values(rubric)
    print(f"\nat the row limit: {len(values.table):,} values (250 units x 1,000 indicators)")
    result = score(rubric, values, period=PERIOD)
    for stage, fn in (
        ("score", lambda: score(rubric, values, period=PERIOD)),
        ("export", lambda: results_files(result)),
    ):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(f"{stage:<16}{wall:7.1f}s wall {cpu:7.1f}s CPU {peak_mib(fn):8.1f}MiB peak traced")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--report", action="store_true")
    parser.add_argument("--at-limit", action="store_true")
    args = parser.parse_args()
    if args.at_limit:
        at_limit()
    ok = series(
        "indicators (20 units)",
        INDICATOR_SERIES,
        lambda n: synthetic_rubric(20, n),
        args.runs,
        args.report,
    )
    ok &= series(
        "units (100 indicators)",
        UNIT_SERIES,
        lambda n: synthetic_rubric(n, 100),
        args.runs,
        args.report,
    )
    print("\nPASS" if ok else "\nFAIL: a stage grows faster than linearly")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
