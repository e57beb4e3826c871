#!/usr/bin/env python3
"""Benchmark: start-up of the commands people type most, against a bare interpreter.

Each round runs, as fresh processes and in rotating order so that load from other processes
hits all of them alike:
  bare      python -c pass                                   (the interpreter's own start-up)
  help      readiness --help                                 (target: median < 0.2 s)
  validate  readiness validate --rubric R <shipped workbook> (target: median < 0.5 s)
Prints the median wall time and the median CPU time (user + system, from the child's rusage)
of each, and each command's time over the bare start-up. The targets are judged on CPU time:
on a shared machine the wall time mostly measures waiting for a core (the bare start-up's own
wall/CPU ratio, printed, shows how busy the machine was); on an idle one the two agree.

    .venv/bin/python benchmarks/bench_cli.py [--rounds 15] [--check]

Exit status 1 when a target is missed and --check is given.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUBRIC = ROOT / "rubrics" / "c5-critical-minerals.yaml"
BIN = Path(sys.executable).parent
TARGETS = {"help": 0.2, "validate": 0.5}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    from readiness import sources

    rubric_id = sources.RubricFile.read(RUBRIC).declared_id or "c5-critical-minerals"
    workbook = sources.period_files(ROOT / "inputs", rubric_id)[-1].files[0]  # the officials'

    readiness = str(BIN / "readiness")
    commands = {
        "bare": [sys.executable, "-c", "pass"],
        "help": [readiness, "--help"],
        "validate": [readiness, "validate", "--rubric", str(RUBRIC), str(workbook)],
    }
    print(f"workbook: {workbook.relative_to(ROOT)}")
    for command in commands.values():  # warm the page cache
        subprocess.run(command, capture_output=True, check=False, cwd=ROOT)
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    names = list(commands)
    for k in range(args.rounds):
        for name in names[k % 3 :] + names[: k % 3]:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            proc = subprocess.run(commands[name], capture_output=True, check=False, cwd=ROOT)
            wall[name].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            if proc.returncode != 0:
                print(f"{name} exited {proc.returncode}: {proc.stderr.decode()[-500:]}")
                return 1
    w = {name: statistics.median(t) for name, t in wall.items()}
    c = {name: statistics.median(t) for name, t in cpu.items()}
    print(f"median over {args.rounds} rounds (fresh process each), wall / CPU:")
    print(
        f"  python -c pass        : {w['bare'] * 1000:5.0f} / {c['bare'] * 1000:4.0f} ms"
        f"  (wall/CPU {w['bare'] / max(c['bare'], 1e-9):.1f}: how busy the machine is)"
    )
    ok = True
    for name, label in (("help", "readiness --help"), ("validate", "readiness validate")):
        met = c[name] < TARGETS[name]
        ok &= met
        print(
            f"  {label:<22}: {w[name] * 1000:5.0f} / {c[name] * 1000:4.0f} ms"
            f"  = {c[name] / max(c['bare'], 1e-9):.1f} x bare (CPU),"
            f" {1000 * (c[name] - c['bare']):.0f} ms CPU over it"
            f" (target < {TARGETS[name]} s: {'met' if met else 'MISSED'})"
        )
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
