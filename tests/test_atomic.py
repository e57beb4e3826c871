"""Atomic writes: a target that cannot be written is a located user error, never a traceback,
never a replaced device, never an overwritten input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from readiness import atomic
from readiness.problems import ReadinessError


def code_of(target: Path | str) -> str:
    with pytest.raises(ReadinessError) as err:
        atomic.write_text(target, "x")
    return err.value.problems[0].code


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_writes_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    atomic.write_text(tmp_path / "deep" / "er" / "a.txt", "hello")
    assert (tmp_path / "deep/er/a.txt").read_text() == "hello"
    assert leftovers(tmp_path / "deep/er") == []


def test_a_folder_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "out.xlsx").mkdir()
    assert code_of(tmp_path / "out.xlsx") == "output-is-folder"
    assert code_of("") == "output-is-folder"
    assert leftovers(tmp_path) == []


def test_a_path_under_a_file(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x")
    assert code_of(tmp_path / "afile" / "out.xlsx") == "output-unwritable"


def test_a_device_or_fifo_is_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert code_of(fifo) == "output-not-a-file"
    assert fifo.is_fifo()
    assert code_of("/dev/null") == "output-not-a-file"
    assert Path("/dev/null").is_char_device()


def test_inputs_are_protected_within_the_block(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("original")
    link = tmp_path / "link.csv"
    link.symlink_to(source)
    with atomic.protecting(source, None):
        assert code_of(source) == "output-is-input"
        assert code_of(link) == "output-is-input"
        atomic.write_text(tmp_path / "other.csv", "fine")
    assert source.read_text() == "original"
    atomic.write_text(source, "now allowed")
    assert source.read_text() == "now allowed"
