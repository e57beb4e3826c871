"""Run one hostile case the way an official would, in a forked child under resource limits.

The child is forked from the test process (readiness, pandas and WeasyPrint already imported,
so a case costs only its own work), runs the `readiness` command line with its stdout and
stderr in files, and is bounded by an address-space-free data limit (RLIMIT_DATA) and a CPU and
wall-clock cap: a case that needs more is killed, and the test fails. The parent records the
exit status, both outputs, the wall time and the child's peak resident memory.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import resource
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import readiness.cli  # noqa: F401  (imported before forking: the children share it)
from readiness.cli import main

MB = 2**20
MEMORY_CAP = 2048 * MB  # data a case may allocate beyond what the test process already holds
TIME_CAP = 120  # seconds of wall clock (and of CPU) a case may take: a bound, not a benchmark
BUG_STATUS = 97  # the child's own exit status for an exception that escaped the CLI


@dataclass
class Run:
    args: list[str]
    status: int | None  # exit status; None when the child was killed by a signal
    killed_by: int | None
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float  # the child's peak RSS, less what it shared with the test process at fork

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def _vm(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0


def run_cli(
    args: Sequence[str],
    cwd: Path,
    *,
    time_cap: int = TIME_CAP,
    before: Callable[[], None] | None = None,
) -> Run:
    """`readiness ARGS` in a forked child bounded in memory and time; `before` runs in the
    child first (to sabotage it: kill it at the k-th rename, log its fsyncs)."""
    args = [str(a) for a in args]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        sys.stdout.flush()
        sys.stderr.flush()
        rss_at_fork = _vm("VmRSS")
        data_limit = _vm("VmData") + MEMORY_CAP
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            _child(args, cwd, out.fileno(), err.fileno(), data_limit, time_cap, before)
        _, wait_status, usage = os.wait4(pid, 0)
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    killed = os.WTERMSIG(wait_status) if os.WIFSIGNALED(wait_status) else None
    status = os.WEXITSTATUS(wait_status) if os.WIFEXITED(wait_status) else None
    peak = max(usage.ru_maxrss * 1024 - rss_at_fork, 0) / MB
    run = Run(args, status, killed, stdout, stderr, seconds, peak)
    stats = os.environ.get("READINESS_HOSTILE_STATS")
    if stats:  # one JSON line per run, for the figures in the closing note
        with open(stats, "a", encoding="utf-8") as fh:
            record = {"args": args[:1], "case": str(cwd.name), "seconds": round(seconds, 3)}
            record |= {"peak_mb": round(peak, 1), "status": status}
            fh.write(json.dumps(record) + "\n")
    return run


def _child(
    args: list[str],
    cwd: Path,
    out: int,
    err: int,
    data: int,
    cap: int,
    before: Callable[[], None] | None,
) -> None:
    code = BUG_STATUS
    try:
        os.chdir(cwd)
        os.dup2(out, 1)
        os.dup2(err, 2)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        resource.setrlimit(resource.RLIMIT_DATA, (data, data))
        resource.setrlimit(resource.RLIMIT_CPU, (cap, cap + 5))
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.alarm(cap)
        if before is not None:
            before()
        try:
            main(args, prog_name="readiness", standalone_mode=True)
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:
        traceback.print_exc()
        code = BUG_STATUS
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


# -- what every hostile case must show ------------------------------------------------------------


def fingerprint(paths: Iterable[Path]) -> dict[str, tuple[str, int, int]]:
    """Each input's SHA-256, modification time and mode: 'inputs unchanged' compares these."""
    out = {}
    for path in paths:
        if path.is_file() and not path.is_symlink():
            info = path.stat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            out[str(path)] = (digest, info.st_mtime_ns, info.st_mode)
    return out


def tree(folder: Path) -> list[str]:
    """Every file and folder under `folder` (relative), or [] when it does not exist."""
    if not folder.exists():
        return []
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def assert_clean(run: Run, *, status: int) -> None:
    """The run ended by itself, with `status`, and without a traceback."""
    assert run.killed_by is None, f"killed by signal {run.killed_by} (over a cap?) {run.args}"
    assert run.status != BUG_STATUS and "Traceback" not in run.output, run.output[-3000:]
    assert "internal error" not in run.output, run.output[-3000:]
    assert run.status == status, (run.status, run.args, run.output[-3000:])


def assert_located(run: Run, file: Path, codes: Iterable[str], where: str) -> None:
    """The message names the file, the location and every expected code."""
    text = run.output
    assert file.name in text, text[-2000:]
    for code in codes:
        assert re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text), (code, text[-2000:])
    if where:
        assert where in text, (where, text[-2000:])
