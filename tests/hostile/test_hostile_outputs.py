"""Hostile regression tests for writing outputs (readiness.outputs, helper i8's module): a run
killed at every step of writing leaves the complete old set or the complete new one, a second
run into a busy folder is refused, temporaries of killed runs are cleaned, data is fsynced
before each rename."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from corpus import RUBRIC, SHIPPED, cell, set_cells
from harness import assert_clean, run_cli

from readiness import outputs

SET = ("scores.csv", "scores.json", "scores.xlsx")


def _digests(folder: Path) -> tuple[str | None, ...]:
    return tuple(
        hashlib.sha256((folder / n).read_bytes()).hexdigest() if (folder / n).exists() else None
        for n in SET
    )


def _score(inputs: Path, out: Path) -> list[str]:
    return ["score", "--rubric", RUBRIC, "--inputs", inputs, "-o", out]


@pytest.fixture(scope="module")
def earlier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped workbook with one value changed: its results are the 'old set'."""
    return set_cells({cell("KAZ", "rule_of_law"): 40})(tmp_path_factory.mktemp("earlier"))


@pytest.fixture(scope="module")
def sets(
    earlier: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[tuple[str | None, ...], ...]:
    """The digests of the old set and of the new set (the shipped workbook's results)."""
    root = tmp_path_factory.mktemp("sets")
    old, new = root / "old", root / "new"
    assert_clean(run_cli(_score(earlier, old), root), status=0)
    assert_clean(run_cli(_score(SHIPPED, new), root), status=0)
    assert _digests(old) != _digests(new) and None not in _digests(new)
    return _digests(old), _digests(new)


def _kill_at(function: str, k: int) -> Callable[[], None]:
    """In the child: die by SIGKILL at the k-th call of os.<function>."""

    def sabotage() -> None:
        real = getattr(os, function)
        calls = 0

        def wrapped(*args: object, **kwargs: object) -> object:
            nonlocal calls
            calls += 1
            if calls == k:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)

        setattr(os, function, wrapped)

    return sabotage


@pytest.mark.slow
@pytest.mark.parametrize(
    ("function", "k"), [(f, k) for f in ("fsync", "replace") for k in range(1, 9)]
)
def test_a_run_killed_while_writing_leaves_the_old_set_or_the_new_one(
    sets: tuple[tuple[str | None, ...], ...],
    earlier: Path,
    tmp_path: Path,
    function: str,
    k: int,
) -> None:
    """Regression: a kill part-way through writing left a mixed set (new files beside old)."""
    old, new = sets
    out = tmp_path / "out"
    assert_clean(run_cli(_score(earlier, out), tmp_path), status=0)
    assert _digests(out) == old
    run = run_cli(_score(SHIPPED, out), tmp_path, before=_kill_at(function, k))
    with outputs.locked(out):  # the next run: rolls a commit forward, cleans temporaries
        pass
    assert _digests(out) in (old, new), (function, k, run.killed_by)
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(outputs.TMP_PREFIX)]
    assert leftovers == []


_HOLDER = textwrap.dedent(
    """
    import sys, time
    from readiness import outputs
    with outputs.locked(sys.argv[1]):
        print("locked", flush=True)
        sys.stdin.read()
    """
)


def test_a_second_run_into_a_busy_folder_is_refused(tmp_path: Path) -> None:
    """Regression: two runs into one folder interleaved, both exiting 0."""
    out = tmp_path / "out"
    with subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(out)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        run = run_cli(_score(SHIPPED, out), tmp_path)
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=60)
    assert_clean(run, status=outputs.EXIT_BUSY)
    assert "output-busy" in run.output and str(out) in run.output
    assert sorted(p.name for p in out.iterdir()) == [outputs.LOCK_FILE]


def test_temporaries_of_killed_runs_are_cleaned(tmp_path: Path) -> None:
    """Regression: hidden temporary files of killed runs accumulated."""
    out = tmp_path / "out"
    run = run_cli(_score(SHIPPED, out), tmp_path, before=_kill_at("replace", 1))
    assert run.killed_by == signal.SIGKILL
    assert any(p.name.startswith(outputs.TMP_PREFIX) for p in out.iterdir())
    assert_clean(run_cli(_score(SHIPPED, out), tmp_path), status=0)
    assert not any(p.name.startswith(outputs.TMP_PREFIX) for p in out.iterdir())


def test_data_is_fsynced_before_each_rename(tmp_path: Path) -> None:
    """Regression: no fsync before rename."""
    log = tmp_path / "calls.log"

    def record() -> None:
        real_fsync, real_replace = os.fsync, os.replace

        def fsync(fd: int) -> None:
            with open(log, "a") as fh:
                fh.write(f"fsync {os.readlink(f'/proc/self/fd/{fd}')}\n")
            real_fsync(fd)

        def replace(src: object, dst: object, **kw: object) -> None:
            with open(log, "a") as fh:
                fh.write(f"replace {os.fspath(src)} {os.fspath(dst)}\n")  # type: ignore[arg-type]
            real_replace(src, dst, **kw)  # type: ignore[arg-type]

        os.fsync, os.replace = fsync, replace  # type: ignore[assignment]

    out = tmp_path / "out"
    assert_clean(run_cli(_score(SHIPPED, out), tmp_path, before=record), status=0)
    lines = log.read_text().splitlines()
    synced: set[str] = set()
    renamed = []
    for line in lines:
        kind, *paths = line.split(" ")
        if kind == "fsync":
            synced.add(paths[0])
        elif paths[1].endswith(SET):
            assert paths[0] in synced, f"{paths[0]} renamed before it was fsynced"
            renamed.append(Path(paths[1]).name)
    assert sorted(renamed) == sorted(SET)
    assert str(out.resolve()) in synced  # the folder itself, after the renames
