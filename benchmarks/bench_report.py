#!/usr/bin/env python3
"""Benchmark: our report path against WeasyPrint rendering the same HTML bare, same run.

Three timings per round, interleaved so that load from other processes hits all of them alike:
  bare   WeasyPrint alone: HTML(string=..., base_url=templates).write_pdf(file) for each of the
         very same HTML documents our path renders (generated once, before timing), one process;
  ours   readiness.report.render_reports(result, out): context, path-to-next-band re-scoring,
         charts, jinja, the restricted URL fetcher, log checks and atomic writes, one process;
  ours2  the same with jobs=2 (process pool).
Reports the median of each and the ratios. Targets: ours <= 1.15 x bare, ours2 <= 0.7 x bare.
Our PDFs are tagged (PDF/UA-1) and carry a references list; bare renders the very same HTML
untagged, so the ratio includes the cost of tagging. CPU seconds (this process plus its worker
processes, from os.times) are printed beside wall seconds: on a machine shared with other jobs
the wall clock mostly measures the neighbours, and the CPU ratio is the one to compare.

    .venv/bin/python benchmarks/bench_report.py [--rubric R] [--inputs FILE] [--rounds 5]

Inputs default to the shipped workbook when it exists, else the TEST fixture under tests/report.
Exit status 1 when a target is missed and --check is given.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from weasyprint import HTML

from readiness import api
from readiness.engine.paths import paths_to_next_band
from readiness.report import build_documents, build_report_set, render_reports, resolve_templates

ROOT = Path(__file__).resolve().parents[1]
RUBRIC = ROOT / "rubrics" / "c5-critical-minerals.yaml"
SHIPPED = sorted((ROOT / "inputs").glob("*.xlsx"))  # the assessed and the reference workbook
FIXTURE = ROOT / "tests" / "report" / "data" / "c5-test-values.csv"
TARGET_ONE, TARGET_TWO = 1.15, 0.70


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rubric", type=Path, default=RUBRIC)
    parser.add_argument("--inputs", type=Path, nargs="+", default=SHIPPED or [FIXTURE])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    rubric = api.load_rubric(args.rubric)
    result = api.score(rubric, api.load_values(args.inputs, rubric))
    t_score = time.perf_counter() - t0
    templates = resolve_templates(None)
    docs = build_documents(build_report_set(result, paths=paths_to_next_band(result)), templates)
    base_url = templates.as_uri() + "/"
    shown = [str(p.relative_to(ROOT) if p.is_relative_to(ROOT) else p) for p in args.inputs]
    print(f"inputs: {', '.join(shown)}")
    print(f"documents: {len(docs)}; load + score: {t_score:.2f} s (not in the timings below)")

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)

        def bare() -> None:
            for doc in docs:
                HTML(string=doc.html, base_url=base_url).write_pdf(out / "bare" / f"{doc.stem}.pdf")

        def ours() -> None:
            render_reports(result, out / "ours", paths=paths_to_next_band(result))

        def ours2() -> None:
            render_reports(result, out / "ours2", jobs=2, paths=paths_to_next_band(result))

        (out / "bare").mkdir()
        runs: dict[str, list[float]] = {"bare": [], "ours": [], "ours2": []}
        steps: list[tuple[str, Callable[[], None]]] = [
            ("bare", bare),
            ("ours", ours),
            ("ours2", ours2),
        ]
        for _, step in steps:  # warm-up: fonts, caches, imports
            step()
        cpu: dict[str, list[float]] = {"bare": [], "ours": [], "ours2": []}
        for k in range(args.rounds):
            order = steps[k % 3 :] + steps[: k % 3]  # rotate who goes first
            for name, step in order:
                start, start_cpu = time.perf_counter(), _cpu()
                step()
                runs[name].append(time.perf_counter() - start)
                cpu[name].append(_cpu() - start_cpu)
            print(
                f"round {k + 1}: "
                + ", ".join(
                    f"{n} {runs[n][-1]:.2f} s ({cpu[n][-1]:.2f} s CPU)"
                    for n in ("bare", "ours", "ours2")
                ),
                file=sys.stderr,
            )
        same = all(
            (out / "ours" / f"{d.stem}.pdf").read_bytes()
            == (out / "ours2" / f"{d.stem}.pdf").read_bytes()
            for d in docs
        )

    med = {name: statistics.median(times) for name, times in runs.items()}
    med_cpu = {name: statistics.median(times) for name, times in cpu.items()}
    one, two = med["ours"] / med["bare"], med["ours2"] / med["bare"]
    print(f"median over {args.rounds} rounds (load average at the end: {_load()}):")
    print(f"  bare WeasyPrint, 1 process : {med['bare']:.2f} s")
    ok_one, ok_two = one <= TARGET_ONE, two <= TARGET_TWO
    print(
        f"  ours, 1 process            : {med['ours']:.2f} s  = {one:.2f} x bare "
        f"(target <= {TARGET_ONE}: {'met' if ok_one else 'MISSED'})"
    )
    print(
        f"  ours, --jobs 2             : {med['ours2']:.2f} s  = {two:.2f} x bare "
        f"(target <= {TARGET_TWO}: {'met' if ok_two else 'MISSED'})"
    )
    print(f"  jobs 1 and jobs 2 PDFs byte-identical: {same}")
    print(
        f"  CPU seconds: bare {med_cpu['bare']:.2f}, ours {med_cpu['ours']:.2f} "
        f"= {med_cpu['ours'] / med_cpu['bare']:.2f} x bare, ours --jobs 2 (both workers) "
        f"{med_cpu['ours2']:.2f}"
    )
    return 0 if (ok_one and ok_two and same) or not args.check else 1


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the --jobs 2 workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
