#!/usr/bin/env python3
"""Benchmark: the history database, recording a period and reading a trajectory back.

    .venv/bin/python benchmarks/bench_history.py [--runs 7] [--periods 40] [--check]

Uses bench_engine's synthetic rubric (100 indicators -> 20 pillars -> 4 sub-indices -> index)
scored for 250 units (one `Result`, scored once, not timed). In a database file in a temporary
folder (SQLite's default durability: the journal and the database are fsynced on commit):
  record    `record_period` of one period: 25,000 input values with evidence and 31,250 result
            rows, deleting what was stored for the period first, one transaction. Each run
            records a new period, so later runs insert beside earlier periods.
            Target: median <= 0.5 s.
  staged    the same as `readiness run` records: into a staged copy of the history
            (`schema.connect(..., staged=True)`: no fsync per commit, rollback journal in
            memory), then one fsync of the file, as the output transaction does before it
            renames the copy over the history. For information.
  baseline  the same rows through bare `executemany` into tables without keys or indexes, one
            transaction: what SQLite alone costs for this many rows (ratio printed).
  read      after --periods periods are recorded, one unit's trajectory (index, sub-indices,
            pillars in every period) through `history.read.trajectory`, opening the database
            each time (connect, schema check, query). Target: median < 50 ms.
Both wall and CPU time (time.process_time) are printed; the targets are judged on CPU time,
because on a machine shared with other jobs the wall time mostly measures the wait for a core
(the wall/CPU ratio of the bare inserts, printed, shows how busy the machine was).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_engine import synthetic_rubric, synthetic_values

from readiness.api import score
from readiness.history import read, schema
from readiness.history.record import _result_rows, _value_rows, record_period

TARGET_RECORD_S = 0.5
TARGET_READ_MS = 50.0


def quarters(n: int) -> list[str]:
    return [f"{2000 + k // 4}-Q{k % 4 + 1}" for k in range(n)]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--periods", type=int, default=40)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    rubric = synthetic_rubric(250)
    rubric_text = rubric.model_dump_json()
    values = synthetic_values(rubric)
    result = score(rubric, values, period="2026-Q4")
    n_values = len(values.table)
    n_results = len(result.units) * (len(rubric.indicators) + len(rubric.nodes))
    print(f"one period: {len(result.units)} units, {n_values:,} values, {n_results:,} results")

    periods = quarters(max(args.periods, args.runs + 1))
    record_times: list[float] = []
    record_cpu: list[float] = []
    bare_times: list[float] = []
    bare_cpu: list[float] = []
    staged_times: list[float] = []
    staged_cpu: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "history.sqlite"
        conn = schema.connect(db)
        staged_db = Path(tmp) / "staged.sqlite"
        staged = schema.connect(staged_db, staged=True)
        bare = schema.connect(Path(tmp) / "bare.sqlite")
        bare.execute("CREATE TABLE v (a, b, c, d, e, f, g, h, i, j, k, l)")
        bare.execute("CREATE TABLE r (a, b, c, d, e, f, g, h, i, j, k, l, m)")
        for k, period in enumerate(periods):
            scored = score(rubric, values, period=period) if k else result
            start, cpu = time.perf_counter(), time.process_time()
            record_period(conn, scored, rubric_text=rubric_text, inputs=[("bench.xlsx", "0")])
            elapsed, elapsed_cpu = time.perf_counter() - start, time.process_time() - cpu
            if k < args.runs:
                record_times.append(elapsed)
                record_cpu.append(elapsed_cpu)
                start, cpu = time.perf_counter(), time.process_time()
                bare.execute("BEGIN")
                bare.executemany(
                    f"INSERT INTO v VALUES ({','.join('?' * 11)}, 0)", _value_rows(scored, period)
                )
                bare.executemany(
                    f"INSERT INTO r VALUES ({','.join('?' * 13)})", _result_rows(scored, period)
                )
                bare.execute("COMMIT")
                bare_times.append(time.perf_counter() - start)
                bare_cpu.append(time.process_time() - cpu)
                start, cpu = time.perf_counter(), time.process_time()
                record_period(staged, scored, rubric_text=rubric_text, inputs=[("bench.xlsx", "0")])
                fd = os.open(staged_db, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
                staged_times.append(time.perf_counter() - start)
                staged_cpu.append(time.process_time() - cpu)
        conn.close()
        staged.close()
        bare.close()
        size_mib = db.stat().st_size / 2**20

        read_times: list[float] = []
        read_cpu: list[float] = []
        unit = result.units[len(result.units) // 2]
        points: list[read.Point] = []
        for _ in range(args.runs * 3):
            start, cpu = time.perf_counter(), time.process_time()
            reader = schema.connect(db, readonly=True)
            points = read.trajectory(reader, unit)
            reader.close()
            read_times.append(time.perf_counter() - start)
            read_cpu.append(time.process_time() - cpu)

    recorded = len({p.period for p in points})
    med = statistics.median
    rec_w, rec_c = med(record_times), med(record_cpu)
    bare_w, bare_c = med(bare_times), med(bare_cpu)
    staged_w, staged_c = med(staged_times), med(staged_cpu)
    read_w, read_c = med(read_times) * 1000, med(read_cpu) * 1000
    ok_record, ok_read = rec_c <= TARGET_RECORD_S, read_c < TARGET_READ_MS
    print(f"database after {len(periods)} periods: {size_mib:.0f} MiB")
    print(f"median over {args.runs} runs, wall / CPU:")
    print(
        f"  bare executemany       : {bare_w:.3f} / {bare_c:.3f} s "
        f"(wall/CPU {bare_w / max(bare_c, 1e-9):.1f}: how busy the machine is)"
    )
    print(
        f"  record one period      : {rec_w:.3f} / {rec_c:.3f} s = {rec_c / bare_c:.1f} x bare "
        f"(CPU)  (target <= {TARGET_RECORD_S} s: {'met' if ok_record else 'MISSED'})"
    )
    print(
        f"  record, staged + fsync : {staged_w:.3f} / {staged_c:.3f} s = "
        f"{staged_c / bare_c:.1f} x bare (CPU)  (as `readiness run` records; for information)"
    )
    print(
        f"  one unit's trajectory  : {read_w:.1f} / {read_c:.1f} ms for {recorded} periods, "
        f"{len(points)} points (target < {TARGET_READ_MS:.0f} ms: "
        f"{'met' if ok_read else 'MISSED'})"
    )
    return 0 if (ok_record and ok_read) or not args.check else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
