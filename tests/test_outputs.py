"""Writing outputs safely: the folder lock, all-or-nothing sets, staged folders swapped in whole,
interrupted commits rolled forward, leftovers of killed runs cleaned."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from readiness import outputs
from readiness.cli import main


def listing(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != outputs.LOCK_FILE
    }


def test_a_set_is_written_whole_and_leaves_no_temporary(tmp_path: Path) -> None:
    written = outputs.write_set(tmp_path / "out", {"a.csv": b"1", "sub/b.pdf": b"22"})
    assert written == [tmp_path / "out" / "a.csv", tmp_path / "out" / "sub" / "b.pdf"]
    assert listing(tmp_path / "out") == {"a.csv": b"1", "sub/b.pdf": b"22"}
    names = [p.name for p in (tmp_path / "out").rglob("*")]
    assert not [n for n in names if n.startswith(outputs.TMP_PREFIX)]
    assert outputs.JOURNAL_FILE not in names
    assert (tmp_path / "out" / outputs.LOCK_FILE).read_bytes() == b""  # released: no holder


def test_a_bad_target_stops_the_set_before_anything_is_written(tmp_path: Path) -> None:
    (tmp_path / "b.pdf").mkdir()
    with pytest.raises(outputs.ReadinessError) as err:
        outputs.write_set(tmp_path, {"a.csv": b"new", "b.pdf": b"x"})
    assert err.value.problems[0].code == "output-is-folder"
    assert not (tmp_path / "a.csv").exists()


_HOLD = """
import sys, time
from readiness import outputs
with outputs.locked(sys.argv[1]):
    print("locked", flush=True)
    time.sleep(60)
"""


def _holder(folder: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(folder)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    return proc


def _stop(proc: subprocess.Popen[str]) -> None:
    proc.kill()
    proc.wait()
    if proc.stdout is not None:
        proc.stdout.close()


def test_a_second_run_on_a_locked_folder_is_refused_with_the_holder_named(
    tmp_path: Path,
) -> None:
    proc = _holder(tmp_path)
    try:
        with pytest.raises(outputs.OutputBusy) as err:
            outputs.write_set(tmp_path, {"a.csv": b"1"})
        assert f"pid {proc.pid}" in str(err.value)
        assert "wait for it to finish" in str(err.value)
        assert not (tmp_path / "a.csv").exists()
    finally:
        _stop(proc)
    # SIGKILL released the lock with the process
    outputs.write_set(tmp_path, {"a.csv": b"1"})
    assert (tmp_path / "a.csv").read_bytes() == b"1"


def test_the_cli_exits_4_when_the_output_folder_is_busy(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(
        "id: t\ntitle: T\nversion: '1'\nunits: [{id: A, name: A}]\n"
        "nodes: [{id: idx, name: I}]\n"
        "indicators: [{id: x, name: X, parent: idx, "
        "normalisation: {method: goalposts, low: 0, high: 10}}]\n",
        encoding="utf-8",
    )
    (tmp_path / "v.csv").write_text("unit,indicator,value\nA,x,5\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = _holder(out)
    try:
        args = ["score", "--rubric", str(tmp_path / "r.yaml"), "--inputs", str(tmp_path / "v.csv")]
        result = CliRunner().invoke(main, [*args, "-o", str(out)])
    finally:
        _stop(proc)
    assert result.exit_code == outputs.EXIT_BUSY == 4
    assert "another readiness run" in result.stderr
    assert "Traceback" not in result.output


def test_the_lock_is_reentrant_within_one_process(tmp_path: Path) -> None:
    with outputs.locked(tmp_path):
        outputs.write_set(tmp_path, {"a": b"1"})
        assert outputs.is_locked(tmp_path)
    assert not outputs.is_locked(tmp_path)


def test_a_staged_folder_replaces_the_old_one_in_one_exchange(tmp_path: Path) -> None:
    period = tmp_path / "2026-Q4"
    period.mkdir()
    (period / "manifest.json").write_text("old")
    (period / "only-old.pdf").write_text("old")
    with outputs.locked(tmp_path), outputs.transaction(tmp_path) as tx:
        staging = tx.folder(period)
        (staging / "manifest.json").write_text("new")
        (staging / "a.pdf").write_text("new")
        inode = staging.stat().st_ino
        tx.commit()
    assert listing(period) == {"manifest.json": b"new", "a.pdf": b"new"}
    assert period.stat().st_ino == inode  # the staged folder itself took the name
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["2026-Q4", outputs.LOCK_FILE])


def test_renameat2_exchange_works_here(tmp_path: Path) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("renameat2 is Linux-only; the fallback is tested below")
    (tmp_path / "a").write_text("a")
    (tmp_path / "b").write_text("b")
    assert outputs.exchange(tmp_path / "a", tmp_path / "b") is True
    assert (tmp_path / "a").read_text() == "b"
    assert (tmp_path / "b").read_text() == "a"


def test_the_fallback_without_renameat2_gives_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(outputs, "_RENAMEAT2", None)
    period = tmp_path / "P"
    period.mkdir()
    (period / "manifest.json").write_text("old")
    with outputs.locked(tmp_path), outputs.transaction(tmp_path) as tx:
        staging = tx.folder(period)
        (staging / "manifest.json").write_text("new")
        tx.commit()
    assert listing(period) == {"manifest.json": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["P", outputs.LOCK_FILE])


def test_an_identical_folder_still_replaces_the_old_one(tmp_path: Path) -> None:
    """The new folder is told from the old by its inode: identical contents (an unchanged
    re-run) still swap, and a stray file in the old folder goes with it."""
    period = tmp_path / "P"
    period.mkdir()
    (period / "manifest.json").write_text("same")
    (period / "stray.txt").write_text("added by hand")
    with outputs.locked(tmp_path), outputs.transaction(tmp_path) as tx:
        staging = tx.folder(period)
        (staging / "manifest.json").write_text("same")
        tx.commit()
    assert listing(period) == {"manifest.json": b"same"}


def test_a_failed_run_discards_its_staging_and_leaves_the_old_folder(tmp_path: Path) -> None:
    period = tmp_path / "P"
    period.mkdir()
    (period / "manifest.json").write_text("old")
    with pytest.raises(RuntimeError), outputs.locked(tmp_path), outputs.transaction(tmp_path) as tx:
        staging = tx.folder(period)
        (staging / "manifest.json").write_text("new")
        tx.write(tmp_path / "history.sqlite", b"new db")
        raise RuntimeError("rendering failed")
    assert listing(tmp_path) == {"P/manifest.json": b"old"}


def _crash_after(monkeypatch: pytest.MonkeyPatch, steps: int) -> None:
    """Make the commit stop, as a kill would, after `steps` journalled renames."""
    real = outputs._apply
    count = {"n": 0}

    def apply(op: dict[str, str], root: Path) -> None:
        if count["n"] == steps:
            raise KeyboardInterrupt("killed")
        count["n"] += 1
        real(op, root)

    monkeypatch.setattr(outputs, "_apply", apply)


@pytest.mark.parametrize("steps", [0, 1, 2])
def test_an_interrupted_commit_is_rolled_forward_by_the_next_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, steps: int
) -> None:
    outputs.write_set(tmp_path, {"a": b"old", "b": b"old", "c": b"old"})
    _crash_after(monkeypatch, steps)
    with pytest.raises(KeyboardInterrupt), outputs.locked(tmp_path):
        tx = outputs.Transaction(tmp_path)
        for name in "abc":
            tx.write(tmp_path / name, b"new")
        tx.commit()
    assert (tmp_path / outputs.JOURNAL_FILE).exists()  # the commit had been decided
    monkeypatch.undo()
    with outputs.locked(tmp_path):
        pass
    assert listing(tmp_path) == {"a": b"new", "b": b"new", "c": b"new"}


def test_a_fallback_swap_interrupted_between_its_two_renames_is_finished(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(outputs, "_RENAMEAT2", None)
    period = tmp_path / "P"
    period.mkdir()
    (period / "manifest.json").write_text("old")
    real_rename = os.rename
    calls = {"n": 0}

    def rename(a: os.PathLike[str], b: os.PathLike[str]) -> None:
        real_rename(a, b)
        calls["n"] += 1
        if calls["n"] == 1:  # the old folder went aside; the new one is not in yet
            raise KeyboardInterrupt("killed")

    with outputs.locked(tmp_path):
        tx = outputs.Transaction(tmp_path)
        staging = tx.folder(period)
        (staging / "manifest.json").write_text("new")
        monkeypatch.setattr(outputs.os, "rename", rename)
        with pytest.raises(KeyboardInterrupt):
            tx.commit()
    monkeypatch.setattr(outputs.os, "rename", real_rename)
    assert not period.exists()
    with outputs.locked(tmp_path):
        pass
    assert listing(tmp_path) == {"P/manifest.json": b"new"}


def test_leftover_temporaries_of_killed_runs_are_removed_under_the_lock(tmp_path: Path) -> None:
    (tmp_path / f"{outputs.TMP_PREFIX}abc-scores.csv").write_text("half")
    (tmp_path / f"{outputs.TMP_PREFIX}def-2026-Q4").mkdir()
    (tmp_path / f"{outputs.TMP_PREFIX}def-2026-Q4" / "x.pdf").write_text("half")
    (tmp_path / ".keep-me").write_text("user file")
    with outputs.locked(tmp_path):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([".keep-me", outputs.LOCK_FILE])


def test_a_journal_that_cannot_be_finished_is_a_clear_error(tmp_path: Path) -> None:
    op = {"op": "swap", "from": "gone", "to": "P", "aside": "gone2", "device": "1", "inode": "1"}
    (tmp_path / outputs.JOURNAL_FILE).write_text(json.dumps({"version": 1, "ops": [op]}))
    message = "interrupted commit cannot be finished"
    with pytest.raises(outputs.ReadinessError, match=message), outputs.locked(tmp_path):
        pass


_WRITER = """
import sys
from readiness import outputs
folder = sys.argv[1]
k = 0
while True:
    k += 1
    data = str(k).encode() * 200_000
    outputs.write_set(folder, {name: data for name in ("a.pdf", "b.pdf", "c.csv", "d.json")})
"""


@pytest.mark.slow
def test_sigkill_at_random_moments_never_leaves_a_mixed_set(tmp_path: Path) -> None:
    """A writer commits numbered sets in a loop; kill it 12 times at random moments. After the
    next lock, the four files always belong to one set and no temporary is left."""
    rng = random.Random(8)
    folder = tmp_path / "out"
    for _ in range(12):
        proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(_WRITER), str(folder)])
        time.sleep(rng.uniform(0.3, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with outputs.locked(folder):
            files = listing(folder)
        assert sorted(files) == ["a.pdf", "b.pdf", "c.csv", "d.json"] or files == {}
        assert len(set(files.values())) <= 1, "files from different sets"
        assert not [p for p in folder.iterdir() if p.name.startswith(outputs.TMP_PREFIX)]


_FORKS = """
import os, signal, sys, time
from readiness import outputs
with outputs.locked(sys.argv[1]):
    child = os.fork()
    if child == 0:  # a render worker, say, that outlives its parent
        # Python code runs in the child only after the fork hooks: the lock is closed here
        print(os.getpid(), flush=True)
        time.sleep(60)
        os._exit(0)
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_forked_worker_outliving_a_killed_parent_does_not_keep_the_lock(
    tmp_path: Path,
) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", _FORKS, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    child = int(proc.stdout.readline())  # printed by the worker once it runs
    proc.wait()
    proc.stdout.close()
    try:
        os.kill(child, 0)  # the worker is still alive
        outputs.write_set(tmp_path, {"a.csv": b"1"})  # and the folder is free
        assert (tmp_path / "a.csv").read_bytes() == b"1"
    finally:
        os.kill(child, signal.SIGKILL)
