"""Write outputs safely: one run per output folder, all-or-nothing commits, nothing half-written.

- **Lock.** `locked(folder)` takes an exclusive `fcntl.flock` on `folder/.readiness.lock` (kept
  there: deleting a lock file races with a process about to lock it). A second run on the same
  folder is refused at once with `OutputBusy` (exit status 4) naming the holder; the lock is
  re-entrant within one process and the kernel drops it when the holder dies, even by SIGKILL.
- **Staging.** A `Transaction` writes every new file, and every new folder, under a temporary
  name beside its target (`.readiness-tmp-...`), fsyncs the data and the folders, and only then
  commits.
- **Commit.** The commit first writes a journal (`folder/.readiness-commit.json`, itself
  written to a temporary, fsynced and renamed) listing the renames to do, then does them, then
  deletes the journal. A run killed before the journal exists changed nothing under a final
  name; one killed after it is rolled forward by the next `locked(folder)`, which finishes the
  renames (each step can be repeated safely). So a flat set of files (scores.csv, .json, .xlsx
  and the PDFs) ends up wholly new or wholly old, never mixed, once the folder is next locked.
- **Folders.** A staged folder replaces its target with one `renameat2(RENAME_EXCHANGE)` (Linux
  3.15+, through ctypes): at every instant the target name holds the complete old folder or the
  complete new one; the old one, left under the staging name, is then deleted. Where the call is
  missing (other systems, filesystems without it) the fallback renames the old folder aside and
  the new one in: a kill between the two renames leaves no folder under the target name for a
  moment, and the journal restores it on the next run. The new folder is told from the old one
  by its inode, which a rename keeps (contents cannot tell them apart: an unchanged re-run makes
  a byte-identical folder).
- **Leftovers.** Temporaries of killed runs (anything named `.readiness-tmp-*`) are deleted the
  next time the folder is locked, after any pending journal has been rolled forward.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import json
import os
import shutil
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from readiness import atomic
from readiness.problems import Location, Problem, ReadinessError, fail

LOCK_FILE = ".readiness.lock"
JOURNAL_FILE = ".readiness-commit.json"
TMP_PREFIX = atomic.TMP_PREFIX
EXIT_BUSY = 4


class OutputBusy(ReadinessError):
    """Another run holds the output folder's lock: try again when it has finished."""

    exit_code = EXIT_BUSY


# --- durable primitives -----------------------------------------------------------------------


def fsync_dir(folder: Path) -> None:
    """Make the entries of `folder` (renames, new files) durable."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_tree(root: Path) -> None:
    """fsync every file and folder under `root` (deepest first), then `root` itself."""
    if root.is_file():
        _fsync_file(root)
        return
    for here, _dirs, files in os.walk(root, topdown=False):
        for name in files:
            _fsync_file(Path(here) / name)
        fsync_dir(Path(here))


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Restricted(bytes):
    """File content that must not be more readable than its source: written with `mode`
    (e.g. a stylesheet copied from a user's templates folder that only its owner may read)."""

    mode: int = 0o644

    def __new__(cls, data: bytes, mode: int) -> Restricted:
        out = super().__new__(cls, data)
        out.mode = mode & 0o644
        return out


def write_durable(path: Path, data: bytes) -> None:
    """Write `data` to a new file `path` and fsync it (the file must not exist). The file is
    0o644 less the umask, or narrower for `Restricted` data."""
    mode = data.mode if isinstance(data, Restricted) else 0o644
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def temporary_name(target: Path) -> Path:
    """A fresh temporary name beside `target`, recognisable as a leftover if a run dies."""
    return target.parent / f"{TMP_PREFIX}{os.urandom(6).hex()}-{target.name}"


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _renameat2() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.renameat2  # glibc 2.28+
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    function.argtypes += [ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Swap the names `a` and `b` in one atomic step; False if the system cannot."""
    if _RENAMEAT2 is None:
        return False
    done = _RENAMEAT2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # no such call, or a filesystem without exchange: fall back
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def remove(path: Path) -> None:
    """Delete a file or a folder tree if it exists."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=False)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


# --- the lock -----------------------------------------------------------------------------------

_held: dict[Path, int] = {}  # folder -> depth, for re-entrant locking within one process
_lock_fds: set[int] = set()  # descriptors of the locks this process holds


def _close_locks_in_child() -> None:
    """A forked child (a render worker) must not share the lock: flock belongs to the open
    file, so a worker outliving a killed parent would keep the folder locked for good."""
    for fd in list(_lock_fds):
        with contextlib.suppress(OSError):
            os.close(fd)
    _lock_fds.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_locks_in_child)


def _unwritable(folder: Path, exc: OSError) -> ReadinessError:
    problem = Problem(
        "output-unwritable",
        f"cannot write here: {exc.strerror or exc}",
        Location(file=str(folder)),
    )
    return ReadinessError(f"{folder}: cannot write", [problem])


@contextlib.contextmanager
def locked(folder: str | os.PathLike[str]) -> Iterator[Path]:
    """Hold `folder`'s lock (creating the folder): finish any interrupted commit, clean the
    temporaries of killed runs, then yield the folder. Raises `OutputBusy` if another process
    holds the lock."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        key = folder.resolve()
    except OSError as exc:
        raise _unwritable(folder, exc) from None
    if key in _held:
        _held[key] += 1
        try:
            yield folder
        finally:
            _held[key] -= 1
        return
    try:
        fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise _unwritable(folder, exc) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
            message = (
                f"another readiness run ({holder}) is writing to this folder; "
                "wait for it to finish, then run again"
            )
            problem = Problem("output-busy", message, Location(file=str(folder)))
            raise OutputBusy(f"{folder}: {message}", [problem]) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}\n".encode(), 0)
        _held[key] = 1
        _lock_fds.add(fd)
        try:
            recover(folder)
            yield folder
        finally:
            del _held[key]
            _lock_fds.discard(fd)
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def is_locked(folder: Path) -> bool:
    """True while this process holds `folder`'s lock."""
    return folder.resolve() in _held


# --- the journal --------------------------------------------------------------------------------


def _encode(path: Path, root: Path) -> str:
    path, root = path.absolute(), root.absolute()
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def _decode(text: str, root: Path) -> Path:
    path = Path(text)
    return path if path.is_absolute() else root / path


def _apply(op: Mapping[str, str], root: Path) -> None:
    """Do one journalled step; safe to repeat after a crash at any point."""
    source, target = _decode(op["from"], root), _decode(op["to"], root)
    if op["op"] == "replace":  # a file: rename the fsynced temporary over the target
        if source.exists():
            os.replace(source, target)
        fsync_dir(target.parent)
        return
    # "swap": the staged folder (device and inode in the journal) replaces the target
    aside = _decode(op["aside"], root)

    def is_new(folder: Path) -> bool:
        try:
            found = folder.lstat()
        except FileNotFoundError:
            return False
        return (found.st_dev, found.st_ino) == (int(op["device"]), int(op["inode"]))

    if not is_new(target):
        if not is_new(source):
            fail(
                "commit-unfinished",
                f"an interrupted commit cannot be finished: neither {target.name} nor its "
                f"staged replacement {source.name} is the new folder; check the folder, remove "
                f"{root / JOURNAL_FILE} and run again",
                Location(file=str(target)),
            )
        if target.exists():
            if not exchange(source, target):
                os.rename(target, aside)  # fallback: the target name is empty until the next
                fsync_dir(target.parent)
                os.rename(source, target)
        else:
            os.rename(source, target)
        fsync_dir(target.parent)
    for leftover in (source, aside):  # the old folder, under whichever name it ended up
        if leftover.exists() and not is_new(leftover):
            remove(leftover)


def recover(folder: Path) -> list[str]:
    """Roll forward an interrupted commit in `folder`, then delete leftover temporaries.
    Returns what was done, one line each (empty when there was nothing to do)."""
    done: list[str] = []
    journal = folder / JOURNAL_FILE
    if journal.exists():
        try:
            ops = json.loads(journal.read_text(encoding="utf-8"))["ops"]
        except (ValueError, KeyError, TypeError, OSError) as exc:
            fail(
                "commit-unfinished",
                f"the commit journal an interrupted run left is unreadable ({exc}); check the "
                "folder, remove the journal and run again",
                Location(file=str(journal)),
            )
        for op in ops:
            _apply(op, folder)
            done.append(f"finished an interrupted commit: {op['to']}")
        journal.unlink()
        fsync_dir(folder)
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(TMP_PREFIX):
            remove(entry)
            done.append(f"removed a killed run's temporary {entry.name}")
    return done


# --- transactions -------------------------------------------------------------------------------


class Transaction:
    """Files and folders staged under temporary names, committed together.

    Use inside `locked(root)`; the journal lives in `root`. Targets may lie outside `root`
    (a history database elsewhere), on the same filesystem as their temporaries.
    """

    def __init__(self, root: Path) -> None:
        if not is_locked(root):
            raise RuntimeError(f"{root} must be locked before a transaction")
        self.root = root
        self._ops: list[dict[str, str]] = []
        self._temps: list[Path] = []
        self._targets: list[Path] = []

    def _temporary(self, target: Path) -> Path:
        if target in self._targets:
            raise ValueError(f"{target} is staged twice")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _unwritable(target.parent, exc) from None
        temp = temporary_name(target)
        self._temps.append(temp)
        self._targets.append(target)
        return temp

    def write(self, target: Path, data: bytes) -> None:
        """Stage `data` as the new content of the file `target`."""
        atomic.check_targets(target)
        temp = self._temporary(target)
        try:
            write_durable(temp, data)
        except OSError as exc:
            raise _unwritable(target, exc) from None
        self._ops.append({"op": "replace", "from": str(temp), "to": str(target)})

    def file(self, target: Path) -> Path:
        """A temporary path the caller fills in; it replaces the file `target` on commit."""
        atomic.check_targets(target)
        temp = self._temporary(target)
        self._ops.append({"op": "replace", "from": str(temp), "to": str(target)})
        return temp

    def folder(self, target: Path) -> Path:
        """An empty staging folder the caller fills in; on commit it replaces the folder
        `target` in one step."""
        if target.exists() and not target.is_dir():
            atomic.check_targets(target)  # a file in the way: a located error
        staging = self._temporary(target)
        staging.mkdir()
        aside = temporary_name(target)
        self._temps.append(aside)
        self._ops.append(
            {
                "op": "swap",
                "from": str(staging),
                "to": str(target),
                "aside": str(aside),
            }
        )
        return staging

    def commit(self) -> None:
        """Make every staged change durable, write the journal, apply it, delete it."""
        ops: list[dict[str, str]] = []
        for op in self._ops:
            source = Path(op["from"])
            fsync_tree(source)
            entry = {**op}
            if op["op"] == "swap":
                found = source.lstat()
                entry["device"], entry["inode"] = str(found.st_dev), str(found.st_ino)
            entry = {
                k: (_encode(Path(v), self.root) if k in ("from", "to", "aside") else v)
                for k, v in entry.items()
            }
            ops.append(entry)
        for parent in sorted({Path(op["from"]).parent for op in self._ops}):
            fsync_dir(parent)
        journal = self.root / JOURNAL_FILE
        temp = temporary_name(journal)
        write_durable(temp, json.dumps({"version": 1, "ops": ops}, indent=1).encode())
        os.replace(temp, journal)
        fsync_dir(self.root)  # from here on the commit happens, now or on the next run
        for op in ops:
            _apply(op, self.root)
        journal.unlink()
        fsync_dir(self.root)
        self._ops.clear()
        self._temps.clear()

    def discard(self) -> None:
        """Delete whatever was staged (after a failure); the targets are untouched."""
        for temp in self._temps:
            with contextlib.suppress(OSError):
                remove(temp)
        self._ops.clear()
        self._temps.clear()


@contextlib.contextmanager
def transaction(root: Path) -> Iterator[Transaction]:
    """A `Transaction` in the locked folder `root`, discarded unless committed."""
    tx = Transaction(root)
    try:
        yield tx
    finally:
        tx.discard()


def write_set(folder: str | os.PathLike[str], files: Mapping[str, bytes]) -> list[Path]:
    """Write `files` ({relative name: bytes}) into `folder` as one set: after a crash the
    folder holds all of the new files or all of the old ones (once the folder is next locked).
    Every target is checked before anything is written. Returns the paths, in order."""
    out = Path(folder)
    targets = [out / name for name in files]
    atomic.check_targets(*targets)
    with locked(out), transaction(out) as tx:
        for target, data in zip(targets, files.values(), strict=True):
            tx.write(target, data)
        tx.commit()
    return targets
