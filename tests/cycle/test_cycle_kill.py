"""SIGKILL `readiness run` at random moments: the previous period folder and the history
database stay exactly as they were (or become exactly the new ones, when the commit had been
decided), the database passes PRAGMA integrity_check, and no partial file ever has a final name."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cycle_support import CURRENT, make_repo, snapshot

from readiness import outputs

KILLS_ANYTIME = 14  # uniformly over the whole run
KILLS_LATE = 8  # in the last moments: after the last PDF is rendered, around the commit


def rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


def state(reports: Path) -> tuple[dict[str, bytes], dict[str, list[tuple[object, ...]]]]:
    return snapshot(reports / "2026-Q1"), rows(reports / "history.sqlite")


def start(root: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "readiness", "run"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def kill(proc: subprocess.Popen[str]) -> None:
    """SIGKILL the run and its render workers (its process group), and wait until every one of
    them is gone, as it is before a next run starts."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.stderr is not None
    proc.stderr.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.02)
    raise AssertionError("processes of the killed run are still alive")


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_old_or_new_never_a_mix(tmp_path: Path) -> None:
    rng = random.Random(20261231)
    root = make_repo(tmp_path / "repo")
    first = start(root)
    assert first.stderr is not None
    first.stderr.read()
    first.stderr.close()
    assert first.wait() == 0
    saved = tmp_path / "reports-A"
    shutil.copytree(root / "reports", saved)
    old = state(saved)

    # the next quarter's corrected workbook gives different outputs (B)
    make_repo(tmp_path / "corrected", {**CURRENT, ("AAA", "code"): 7.0})
    shutil.copy(tmp_path / "corrected/inputs/tiny-2026-Q1.xlsx", root / "inputs")
    started = time.monotonic()
    proc = start(root)
    assert proc.stderr is not None
    rendered = started
    for line in proc.stderr:
        if "rendered scorecard-BBB.pdf" in line:
            rendered = time.monotonic()
    proc.stderr.close()
    assert proc.wait() == 0
    duration = time.monotonic() - started
    tail = time.monotonic() - rendered  # from the last PDF to the end: staging and commit
    new = state(root / "reports")
    assert new != old

    seen = {"old": 0, "new": 0, "rolled forward": 0}
    moments = [("anytime", rng.uniform(0.0, duration * 1.05)) for _ in range(KILLS_ANYTIME)]
    moments += [("late", rng.uniform(0.0, tail * 1.1)) for _ in range(KILLS_LATE)]
    for when, delay in moments:
        shutil.rmtree(root / "reports")
        shutil.copytree(saved, root / "reports")
        proc = start(root)
        if when == "late":
            assert proc.stderr is not None
            for line in proc.stderr:
                if "rendered scorecard-BBB.pdf" in line:
                    break
        time.sleep(delay)
        kill(proc)

        reports = root / "reports"
        for path in reports.rglob("*"):  # nothing half-written under a final name
            if path.is_file() and not path.name.startswith((outputs.TMP_PREFIX, ".readiness")):
                name = str(path.relative_to(reports / "2026-Q1")) if "2026-Q1" in path.parts else ""
                if name:
                    assert path.read_bytes() in (old[0].get(name), new[0].get(name)), name
        pending = (reports / outputs.JOURNAL_FILE).exists()
        found = state(reports)  # integrity_check passes at every moment
        if not pending:
            assert found in (old, new), f"mixed state after a kill at {when} +{delay:.2f} s"
            seen["old" if found == old else "new"] += 1
        with outputs.locked(reports):  # what the next run does first
            pass
        after = state(reports)
        assert after in (old, new)
        if pending:
            assert after == new  # a decided commit is finished, never undone halfway
            seen["rolled forward"] += 1
        leftovers = [p.name for p in reports.iterdir() if p.name.startswith(outputs.TMP_PREFIX)]
        assert leftovers == [] and not (reports / outputs.JOURNAL_FILE).exists()
    assert sum(seen.values()) == KILLS_ANYTIME + KILLS_LATE >= 20
    assert seen["old"] > 0  # most kills land before the commit
    print(f"kills: {seen}")
