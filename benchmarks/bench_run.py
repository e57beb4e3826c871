#!/usr/bin/env python3
"""Benchmark: the full default `readiness run`, cold and unchanged, against WeasyPrint rendering
the same documents bare, all measured in the same run as fresh processes.

    .venv/bin/python benchmarks/bench_run.py [--rounds 3] [--check]

In a temporary copy of the repository's rubrics/ and inputs/ (the shipped defaults), each
round times, in rotating order:
  cold       `readiness run` with no reports/ folder: validate, score, ingest the six earlier
             periods into a new history, record, render the six PDFs (the default: one render
             process per processor available), scores, next period's workbook, manifest, commit;
  cold1      the same with --jobs 1 (everything in one process, as the bare render is);
  unchanged  `readiness run` again on the same folder: it must reuse the folder without
             importing pandas or starting the renderer;
  bare       one fresh Python process that imports WeasyPrint and renders the very same six HTML
             documents (`HTML(string=..., base_url=templates).write_pdf(...)`, one after the
             other), built once before timing from the run's own results and history.
Targets: cold <= 1.2 x bare; unchanged <= 0.1 x cold. Medians of wall time; CPU time
(user + system of the child processes) is printed too, and the cold run in one process is
compared with the bare render as well, for information.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TARGET_COLD, TARGET_UNCHANGED = 1.2, 0.1

BARE = """
import sys
from pathlib import Path
from weasyprint import HTML
folder, base = Path(sys.argv[1]), sys.argv[2]
for page in sorted(folder.glob("*.html")):
    HTML(string=page.read_text(encoding="utf-8"), base_url=base).write_pdf(
        folder / (page.stem + ".pdf")
    )
"""


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh process (which must succeed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{proc.stderr[-2000:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def documents(repo: Path, out: Path) -> int:
    """Write the HTML documents the run renders (same results, history and templates)."""
    from readiness.api import score
    from readiness.cycle import pipeline
    from readiness.cycle.plan import make_plan
    from readiness.engine.paths import paths_to_next_band
    from readiness.history import schema
    from readiness.inputs import load_values
    from readiness.report import build_documents, build_report_set

    plan = make_plan(root=repo, out=repo / "reports")
    rubric = plan.rubric.rubric
    result = score(rubric, load_values(plan.inputs, rubric, plan.period), period=plan.period)
    conn = schema.connect(plan.history, readonly=True)
    try:
        previous = pipeline._previous(conn, plan, result)
        trend = pipeline._trend(conn, plan, result)
    finally:
        conn.close()
    paths = paths_to_next_band(result)
    docs = build_documents(
        build_report_set(result, previous, paths=paths, trend=trend), plan.templates
    )
    for doc in docs:
        (out / f"{doc.stem}.html").write_text(doc.html, encoding="utf-8")
    return len(docs)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    readiness = str(BIN / "readiness")
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        repo.mkdir()
        for folder in ("rubrics", "inputs"):
            shutil.copytree(ROOT / folder, repo / folder)
        timed([readiness, "run"], repo)  # warm the page cache; builds the history
        html = Path(tmp) / "bare"
        html.mkdir()
        n = documents(repo, html)
        from readiness.cycle.plan import PACKAGED_TEMPLATES

        base = PACKAGED_TEMPLATES.resolve().as_uri() + "/"
        print(f"documents: {n}")

        def cold() -> tuple[float, float]:
            shutil.rmtree(repo / "reports")
            return timed([readiness, "run"], repo)

        def cold1() -> tuple[float, float]:
            shutil.rmtree(repo / "reports")
            return timed([readiness, "run", "--jobs", "1"], repo)

        def unchanged() -> tuple[float, float]:
            return timed([readiness, "run"], repo)

        def bare() -> tuple[float, float]:
            return timed([sys.executable, "-c", BARE, str(html), base], repo)

        steps: list[tuple[str, Callable[[], tuple[float, float]]]] = [
            ("cold", cold),
            ("unchanged", unchanged),
            ("bare", bare),
            ("cold1", cold1),
        ]
        wall: dict[str, list[float]] = {name: [] for name, _ in steps}
        cpu: dict[str, list[float]] = {name: [] for name, _ in steps}
        for k in range(args.rounds):
            # unchanged must follow a cold run; the others rotate
            first, unchanged_, bare_, one = steps
            order = [
                [first, unchanged_, bare_, one],
                [bare_, one, first, unchanged_],
                [one, first, unchanged_, bare_],
            ][k % 3]
            for name, step in order:
                w, c = step()
                wall[name].append(w)
                cpu[name].append(c)
            print(
                f"round {k + 1}: " + ", ".join(f"{n} {wall[n][-1]:.2f} s" for n, _ in steps),
                file=sys.stderr,
            )

    w = {name: statistics.median(v) for name, v in wall.items()}
    c = {name: statistics.median(v) for name, v in cpu.items()}
    cold_ratio, unchanged_ratio = w["cold"] / w["bare"], w["unchanged"] / w["cold"]
    ok_cold, ok_unchanged = cold_ratio <= TARGET_COLD, unchanged_ratio <= TARGET_UNCHANGED
    print(f"median over {args.rounds} rounds, wall / CPU (fresh processes):")
    print(f"  bare WeasyPrint, same {n} documents : {w['bare']:.2f} / {c['bare']:.2f} s")
    print(
        f"  readiness run, cold                 : {w['cold']:.2f} / {c['cold']:.2f} s"
        f" = {cold_ratio:.2f} x bare (CPU {c['cold'] / c['bare']:.2f} x)"
        f" (target <= {TARGET_COLD}: {'met' if ok_cold else 'MISSED'})"
    )
    print(
        f"  readiness run, unchanged            : {w['unchanged']:.2f} / {c['unchanged']:.2f} s"
        f" = {unchanged_ratio:.3f} x cold (CPU {c['unchanged'] / c['cold']:.3f} x)"
        f" (target <= {TARGET_UNCHANGED}: {'met' if ok_unchanged else 'MISSED'})"
    )
    print(
        f"  readiness run, cold, --jobs 1       : {w['cold1']:.2f} / {c['cold1']:.2f} s"
        f" = {w['cold1'] / w['bare']:.2f} x bare (CPU {c['cold1'] / c['bare']:.2f} x)"
    )
    return 0 if (ok_cold and ok_unchanged) or not args.check else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
