"""Atomic file writes: write to a temporary file beside the target, fsync it, rename over it.

A crash or an error never leaves a half-written file under its final name; the temporary's name
starts with `TMP_PREFIX`, so a killed run's leftover is recognised and deleted the next time its
folder is locked (`readiness.outputs`). A target that cannot
be written (a folder, a device such as /dev/null, a path under a file, an unwritable folder, one
of the run's own input files) is a user error: `ReadinessError`, located at the target.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, NoReturn

from readiness.problems import Location, fail

TMP_PREFIX = ".readiness-tmp-"

# Files this run reads (rubric, values, previous workbook): an output must never replace one.
_protected: list[Path] = []


@contextlib.contextmanager
def protecting(*paths: str | os.PathLike[str] | None) -> Iterator[None]:
    """Within the block, refuse to write over any of `paths` (the run's input files)."""
    added = [Path(p) for p in paths if p is not None]
    _protected.extend(added)
    try:
        yield
    finally:
        for path in added:
            _protected.remove(path)


def _same_file(a: Path, b: Path) -> bool:
    with contextlib.suppress(OSError):
        if a.exists() and b.exists() and os.path.samefile(a, b):
            return True
    with contextlib.suppress(OSError, RuntimeError):
        return a.resolve() == b.resolve()
    return False


def _fail(target: Path, code: str, message: str) -> NoReturn:
    fail(code, message, Location(file=str(target)))


def check_targets(*targets: str | os.PathLike[str]) -> None:
    """Raise `ReadinessError` now if any of `targets` could not be written later, so a set of
    files is not left half-updated (a new scores.csv beside an old scores.xlsx)."""
    for target in targets:
        _check_target(Path(target))


def _check_target(target: Path) -> None:
    for path in _protected:
        if _same_file(path, target):
            _fail(
                target,
                "output-is-input",
                f"this is an input of the run ({path}); choose another output",
            )
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        _fail(target, "output-unwritable", f"cannot write here: {exc.strerror or exc}")
    if stat.S_ISDIR(mode):
        _fail(target, "output-is-folder", "a folder of that name is in the way; choose a file name")
    if not stat.S_ISREG(mode):
        # Renaming over /dev/null would replace the device with a regular file.
        _fail(target, "output-not-a-file", "this is a device or other special file, not a file")


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success rename it to `target`."""
    target = Path(target)
    if not target.name or target.name in (".", ".."):
        _fail(target, "output-is-folder", "the output needs a file name")
    _check_target(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            prefix=f"{TMP_PREFIX}{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        _fail(
            target, "output-unwritable", f"cannot write into {target.parent}: {exc.strerror or exc}"
        )
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        try:
            yield tmp_path
            os.chmod(tmp_path, 0o644)
            _fsync(tmp_path)  # the data is on disk before the name points at it
            os.replace(tmp_path, target)
        except OSError as exc:  # disk full, quota, the target turned into a folder meanwhile
            _fail(target, "output-unwritable", f"cannot write: {exc.strerror or exc}")
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_bytes(target: str | os.PathLike[str], data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text(target: str | os.PathLike[str], text: str) -> None:
    with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)


@contextlib.contextmanager
def open_text(target: str | os.PathLike[str]) -> Iterator[IO[str]]:
    with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        yield fh
