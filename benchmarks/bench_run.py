#!/usr/bin/env python3
"""Benchmark: the full default `readiness run`, cold and unchanged, against WeasyPrint rendering
the very same documents bare, all measured in the same run as fresh processes.

    .venv/bin/python benchmarks/bench_run.py [--rounds 3] [--check]

In a temporary copy of the repository's rubrics/ and inputs/ (the shipped defaults), a first
`readiness run` builds the folder, and a second one (forced, in one process) records the HTML
of every document it renders, exactly as handed to WeasyPrint. Each round then times, as fresh
processes in rotating order:
  cold       `readiness run` with no reports/ folder: validate, score, ingest the six earlier
             periods into a new history, record, the uncertainty analysis and Sobol indices the
             rubric declares, the path to the next band, render the six PDFs (the default: one
             render process per processor available), scores, next period's workbook,
             manifest, commit;
  cold1      the same with --jobs 1: everything in one process, as the bare render is;
  unchanged  `readiness run` again on the folder a cold run made: it reuses the folder without
             importing pandas or WeasyPrint (tests/cycle/test_cycle_pipeline.py checks the imports);
  bare       one Python process that imports WeasyPrint and renders the recorded HTML with the
             product's WeasyPrint options: `HTML(string=..., base_url=<templates>)
             .write_pdf(pdf_variant="pdf/ua-1", font_config=<one FontConfiguration for all>)`,
             one document after the other. Before timing, its PDFs are checked to be byte for
             byte the PDFs the run wrote: the same documents, rendered the same way;
  untagged   the same without pdf_variant (plain PDF), for information (issue #11 compares
             its report benchmark with an untagged render: benchmarks/bench_report.py);
  analysis   what the uncertainty analysis and the Sobol indices cost inside the run:
             `api.robustness` on the run's result in a fresh process that has already loaded
             the inputs (so pandas and numpy are imported, as they are in the run), with the
             import of SALib (and SciPy) it needs.
Targets (issue #8): cold <= 1.2 x bare; unchanged <= 0.1 x cold. Both are printed on wall time
and on CPU time (user + system of the process and its render workers). Like is compared with
like: the one-process run (cold1) with the one-process bare render; the default run renders
in as many processes as there are processors, so its wall time is not comparable with a
one-process render, and its CPU time is. On a machine shared with other jobs the wall time
mostly measures the neighbours; the CPU time is the measure to judge by.
"""

from __future__ import annotations

import argparse
import json
import os
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

# Records the HTML of every document a forced run renders (argv: folder for the HTML).
CAPTURE = """
import sys
from pathlib import Path
from readiness import api
from readiness.report import render

out = Path(sys.argv[1])
original = render.render_pdfs

def capture(docs, templates_dir, **options):
    for doc in docs:
        (out / f"{doc.stem}.html").write_text(doc.html, encoding="utf-8")
    return original(docs, templates_dir, **options)

render.render_pdfs = capture
api.run(force=True, jobs=1)
"""

# WeasyPrint alone (argv: HTML folder, base URL, PDF variant or "", output suffix).
BARE = """
import sys
from pathlib import Path
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

folder, base, variant, suffix = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
options = {"pdf_variant": variant} if variant else {}
fonts = FontConfiguration()
for page in sorted(folder.glob("*.html")):
    HTML(string=page.read_text(encoding="utf-8"), base_url=base).write_pdf(
        folder / f"{page.stem}{suffix}", font_config=fonts, **options
    )
"""

# The uncertainty analysis and Sobol indices of the run's result, timed after the inputs are
# loaded and scored (prints wall and CPU seconds as JSON).
ANALYSIS = """
import json, time
from readiness import api
from readiness.cycle.plan import make_plan

plan = make_plan()
rubric = plan.rubric.rubric
result = api.score(rubric, api.load_values(plan.inputs, rubric, plan.period), period=plan.period)
wall, cpu = time.perf_counter(), time.process_time()
api.robustness(result)
print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}))
"""


def timed(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """Wall and CPU seconds of one fresh process and its children (which must succeed), and
    its standard output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{proc.stderr[-2000:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, proc.stdout


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    from readiness.cycle.plan import PACKAGED_TEMPLATES, make_plan
    from readiness.report.render import PDF_VARIANT

    readiness = str(BIN / "readiness")
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        repo.mkdir()
        for folder in ("rubrics", "inputs"):
            shutil.copytree(ROOT / folder, repo / folder)
        timed([readiness, "run"], repo)  # warms the page cache, builds the history
        period = make_plan(root=repo).period
        html = Path(tmp) / "html"
        html.mkdir()
        timed([python, "-c", CAPTURE, str(html)], repo)
        base = PACKAGED_TEMPLATES.resolve().as_uri() + "/"
        docs = sorted(html.glob("*.html"))
        timed([python, "-c", BARE, str(html), base, PDF_VARIANT, ".pdf"], repo)
        differ = [
            p.stem
            for p in docs
            if (html / f"{p.stem}.pdf").read_bytes()
            != (repo / "reports" / period / f"{p.stem}.pdf").read_bytes()
        ]
        if differ:
            raise SystemExit(f"the bare render does not make the run's PDFs: {differ}")
        print(f"documents: {len(docs)}, {sum(p.stat().st_size for p in docs) / 1e3:.0f} kB of HTML")
        print("bare render (tagged, the product's options) = the run's PDFs, byte for byte")

        def cold() -> tuple[float, float]:
            shutil.rmtree(repo / "reports")
            return timed([readiness, "run"], repo)[:2]

        def cold1() -> tuple[float, float]:
            shutil.rmtree(repo / "reports")
            return timed([readiness, "run", "--jobs", "1"], repo)[:2]

        def unchanged() -> tuple[float, float]:
            return timed([readiness, "run"], repo)[:2]

        def bare() -> tuple[float, float]:
            return timed([python, "-c", BARE, str(html), base, PDF_VARIANT, ".pdf"], repo)[:2]

        def untagged() -> tuple[float, float]:
            return timed([python, "-c", BARE, str(html), base, "", ".plain.pdf"], repo)[:2]

        def analysis() -> tuple[float, float]:
            found = json.loads(timed([python, "-c", ANALYSIS], repo)[2])
            return float(found["wall"]), float(found["cpu"])

        # `unchanged` must follow a cold run; the pair and the others rotate
        steps: list[list[tuple[str, Callable[[], tuple[float, float]]]]] = [
            [("cold", cold), ("unchanged", unchanged)],
            [("bare", bare)],
            [("cold1", cold1)],
            [("untagged", untagged)],
            [("analysis", analysis)],
        ]
        names = [name for group in steps for name, _ in group]
        wall: dict[str, list[float]] = {name: [] for name in names}
        cpu: dict[str, list[float]] = {name: [] for name in names}
        for k in range(args.rounds):
            for group in steps[k % len(steps) :] + steps[: k % len(steps)]:
                for name, step in group:
                    w, c = step()
                    wall[name].append(w)
                    cpu[name].append(c)
            print(
                f"round {k + 1}: "
                + ", ".join(f"{n} {wall[n][-1]:.2f}/{cpu[n][-1]:.2f} s" for n in names),
                file=sys.stderr,
            )

    w = {name: statistics.median(v) for name, v in wall.items()}
    c = {name: statistics.median(v) for name, v in cpu.items()}

    def verdict(ratio: float, target: float) -> str:
        return f"{ratio:.2f} x ({'met' if ratio <= target else 'MISSED'})"

    print(f"median over {args.rounds} rounds, wall / CPU seconds (load average {_load()}):")
    print(f"  bare WeasyPrint, tagged, 1 process   : {w['bare']:6.2f} / {c['bare']:6.2f}")
    print(
        f"  bare WeasyPrint, untagged            : {w['untagged']:6.2f} / {c['untagged']:6.2f}"
        f"  (tagging costs {c['bare'] / c['untagged']:.2f} x in CPU)"
    )
    print(f"  readiness run, cold, --jobs 1        : {w['cold1']:6.2f} / {c['cold1']:6.2f}")
    print(f"  readiness run, cold, default jobs    : {w['cold']:6.2f} / {c['cold']:6.2f}")
    print(f"  readiness run, unchanged             : {w['unchanged']:6.2f} / {c['unchanged']:6.2f}")
    print(
        f"  in the run: uncertainty + Sobol      : {w['analysis']:6.2f} / {c['analysis']:6.2f}"
        f"  ({c['analysis'] / c['cold1']:.0%} of the one-process run's CPU)"
    )
    print(f"targets (cold <= {TARGET_COLD} x bare, unchanged <= {TARGET_UNCHANGED} x cold):")
    ok_cpu = c["cold1"] / c["bare"] <= TARGET_COLD and c["cold"] / c["bare"] <= TARGET_COLD
    print(
        f"  cold --jobs 1 / bare, CPU            : {verdict(c['cold1'] / c['bare'], TARGET_COLD)}"
    )
    print(
        f"  cold --jobs 1 / bare, wall           : {verdict(w['cold1'] / w['bare'], TARGET_COLD)}"
    )
    print(f"  cold default / bare, CPU             : {verdict(c['cold'] / c['bare'], TARGET_COLD)}")
    print(
        f"  cold default / bare, wall            : {verdict(w['cold'] / w['bare'], TARGET_COLD)}"
        "  (not like with like: the run renders in parallel)"
    )
    ok_unchanged = c["unchanged"] / c["cold"] <= TARGET_UNCHANGED
    print(
        f"  unchanged / cold, CPU                : "
        f"{verdict(c['unchanged'] / c['cold'], TARGET_UNCHANGED)}"
    )
    print(
        f"  unchanged / cold, wall               : "
        f"{verdict(w['unchanged'] / w['cold'], TARGET_UNCHANGED)}"
    )
    rest = c["cold1"] - c["analysis"]
    print(
        f"  for information, cold --jobs 1 without the uncertainty analysis, CPU: "
        f"{rest:.2f} s = {rest / c['bare']:.2f} x bare"
    )
    return 0 if (ok_cpu and ok_unchanged) or not args.check else 1


def _load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
