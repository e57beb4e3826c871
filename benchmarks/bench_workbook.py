"""Benchmark: validate_workbook on 50,000 value rows against a bare python-calamine pass.

Run: python benchmarks/bench_workbook.py [--runs 5] [--units 250] [--indicators 200] [--quick]

Builds a synthetic rubric (250 units x 200 indicators, every indicator kind), writes the template
pre-filled with values, then times, in the same process and interleaved, (a) a bare
python-calamine pass that opens the file, reads the Values sheet and touches every cell, and
(b) `validate_workbook`. Prints the medians and their ratio; exits 1 if validation takes more than
1.3 times the bare pass. For information it also times a bare openpyxl read-only pass (the old
baseline) and the slow path, taken when a sheet holds a formula (one more XML pass); `--quick`
skips both. It prints the CPU time too (user + system of the process, both threads): on a
machine shared with other jobs the wall time mostly measures the wait for a core, and
validation uses a second core when one is free (calamine reads a large sheet as two halves at
once, and the search for formulas runs beside it), trading CPU time for wall time.
"""

from __future__ import annotations

import argparse
import math
import re
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl
import python_calamine

from readiness.inputs.values import Values, make_table
from readiness.rubric.model import Rubric
from readiness.workbook import validate_workbook, write_template
from readiness.workbook.raw import open_workbook

TARGET = 1.3
PERIOD = "2026-Q4"
TODAY = date(2026, 11, 15)


def synthetic_rubric(n_units: int, n_indicators: int, per_pillar: int = 20) -> Rubric:
    n_pillars = math.ceil(n_indicators / per_pillar)
    nodes = [{"id": "index", "name": "Index"}] + [
        {"id": f"p{k:02d}", "name": f"Pillar {k}", "parent": "index"} for k in range(n_pillars)
    ]
    indicators: list[dict[str, object]] = []
    for i in range(n_indicators):
        base: dict[str, object] = {
            "id": f"ind{i:03d}",
            "name": f"Indicator {i}",
            "parent": f"p{i // per_pillar:02d}",
        }
        if i % 4 == 1:
            base |= {
                "kind": "categorical",
                "levels": [
                    {"value": v, "label": f"level {v}", "definition": f"Definition of {v}."}
                    for v in range(4)
                ],
            }
        elif i % 4 == 2:
            base |= {"kind": "yes_no"}
        else:
            base |= {
                "unit": "percent",
                "limits": {"min": 0, "max": 100},
                "normalisation": {"method": "goalposts", "low": 0, "high": 100},
            }
        indicators.append(base)
    return Rubric.model_validate(
        {
            "id": "bench",
            "title": "Benchmark rubric",
            "version": "1",
            "units": [{"id": f"U{u:03d}", "name": f"Unit {u}"} for u in range(n_units)],
            "nodes": nodes,
            "indicators": indicators,
        }
    )


def synthetic_values(rubric: Rubric) -> Values:
    rows: list[dict[str, object]] = []
    for u, unit in enumerate(rubric.units):
        for i, ind in enumerate(rubric.indicators):
            if ind.scale:
                value = ind.scale[(u + i) % len(ind.scale)].value
            else:
                value = float((u * 7 + i * 13) % 100) + 0.5
            rows.append(
                {
                    "unit": unit.id,
                    "indicator": ind.id,
                    "value": value,
                    "as_of": "2025-12-31",
                    "source": "Synthetic source",
                    "source_url": "https://example.org/data",
                    "note": f"Evidence for {unit.id} {ind.id}.",
                }
            )
    return Values(table=make_table(rows), period=PERIOD)


def bare_calamine_pass(path: Path) -> int:
    """Open the file, read the Values sheet, touch every cell: what any reader must do."""
    with open(path, "rb") as fh:
        book = python_calamine.CalamineWorkbook.from_filelike(fh)
        rows = book.get_sheet_by_name("Values").to_python(skip_empty_area=False)
        book.close()
    n = 0
    for row in rows:
        for _ in row:
            n += 1
    return n


def bare_openpyxl_pass(path: Path) -> int:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    n = 0
    for row in book["Values"].iter_rows(values_only=True):
        for _ in row:
            n += 1
    book.close()
    return n


def with_formula(src: Path, dest: Path) -> None:
    """A copy of `src` whose first value cell holds a formula (forces the exact XML pass)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        with open_workbook(src) as book:
            part = book.sheet_paths["Values"]
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == part:
                data = re.sub(rb'(<c r="G2"[^>]*>)<v>', rb"\1<f>25+0.5</f><v>", data, count=1)
            zout.writestr(info, data)


def timed(fn: Callable[[], object], cpu: list[float] | None = None) -> float:
    start, used = time.perf_counter(), time.process_time()
    fn()
    if cpu is not None:
        cpu.append(time.process_time() - used)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--units", type=int, default=250)
    parser.add_argument("--indicators", type=int, default=200)
    parser.add_argument("--quick", action="store_true", help="skip the information-only passes")
    args = parser.parse_args()

    rubric = synthetic_rubric(args.units, args.indicators)
    values = synthetic_values(rubric)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.xlsx"
        start = time.perf_counter()
        write_template(rubric, PERIOD, path, values=values)
        print(f"write_template: {len(values.table):,} rows in {time.perf_counter() - start:.2f} s")
        print(f"file size: {path.stat().st_size / 2**20:.1f} MB")

        report = validate_workbook(path, rubric, today=TODAY)
        assert not report.problems, report.problems[:5]
        assert report.values is not None and len(report.values.table) == len(values.table)
        cells = bare_calamine_pass(path)
        print(f"cells in the Values sheet: {cells:,}")

        bare: list[float] = []
        ours: list[float] = []
        bare_cpu: list[float] = []
        ours_cpu: list[float] = []
        for _ in range(args.runs):
            bare.append(timed(lambda: bare_calamine_pass(path), bare_cpu))
            ours.append(timed(lambda: validate_workbook(path, rubric, today=TODAY), ours_cpu))
        old: list[float] = []
        slow: list[float] = []
        if not args.quick:
            old = [timed(lambda: bare_openpyxl_pass(path)) for _ in range(min(args.runs, 3))]
            formula_path = Path(tmp) / "formula.xlsx"
            with_formula(path, formula_path)
            slow_report = validate_workbook(formula_path, rubric, today=TODAY)
            assert not slow_report.problems, slow_report.problems[:5]
            slow = [
                timed(lambda: validate_workbook(formula_path, rubric, today=TODAY))
                for _ in range(args.runs)
            ]

    median = statistics.median
    m_bare, m_ours = median(bare), median(ours)
    ratio = m_ours / m_bare
    print(f"runs: {args.runs} each, interleaved")
    print(f"bare python-calamine pass:           median {m_bare:.3f} s  {_fmt(bare)}")
    print(f"validate_workbook:                   median {m_ours:.3f} s  {_fmt(ours)}")
    if slow:
        print(f"validate_workbook, sheet w/ formula: median {median(slow):.3f} s  {_fmt(slow)}")
        print(f"bare openpyxl read-only pass:        median {median(old):.3f} s  {_fmt(old)}")
    cpu_ratio = median(ours_cpu) / median(bare_cpu)
    print(
        f"CPU time: bare {median(bare_cpu):.3f} s, validate {median(ours_cpu):.3f} s, "
        f"ratio {cpu_ratio:.3f} (for information)"
    )
    print(f"ratio validate / bare calamine pass: {ratio:.3f} (target <= {TARGET})")
    if slow:
        print(f"ratio with a formula present: {median(slow) / m_bare:.3f}")
        print(f"ratio validate / bare openpyxl pass: {m_ours / median(old):.3f} (for information)")
    if ratio > TARGET:
        print("FAIL: validation is slower than the target", file=sys.stderr)
        return 1
    print("PASS")
    return 0


def _fmt(samples: list[float]) -> str:
    return "[" + ", ".join(f"{s:.2f}" for s in samples) + "]"


if __name__ == "__main__":
    sys.exit(main())
