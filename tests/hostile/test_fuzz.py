"""A hypothesis fuzz of workbook mutations through `validate` and `score`: whatever an official
(or a damaged disk) does to the shipped workbook, readiness answers with problems or scores,
never with another exception, and never with a value it did not read."""

from __future__ import annotations

import io
import math
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
from corpus import ROWS, RUBRIC, SHIPPED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from readiness import api
from readiness.problems import REGISTRY, ReadinessError
from readiness.workbook import validate, validate_workbook

RUBRIC_MODEL = api.load_rubric(RUBRIC)
SHIPPED_BYTES = SHIPPED.read_bytes()
COLUMNS = 16  # the Values sheet's 14 columns and two beyond

text = st.text(max_size=30).map(lambda s: ILLEGAL_CHARACTERS_RE.sub("", s))
number_text = st.from_regex(r"\A[-−]?\d{1,7}([.,]\d{1,4})?( ?%)?\Z")
cell_value = st.one_of(
    text,
    number_text,
    st.sampled_from(["=1/0", "=A1", "=NA()", "not found", "yes", "no", "13.11.2025", "05/11/2025"]),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.floats(min_value=-1e300, max_value=1e300),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2200, 1, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2200, 1, 1)),
    st.times(),
    st.none(),
)
edit = st.one_of(
    st.tuples(
        st.just("cell"),
        st.integers(1, ROWS + 5),
        st.integers(1, COLUMNS),
        cell_value,
        st.sampled_from(["General", "@", "0.00%", "yyyy-mm-dd", "0.0"]),
    ),
    st.tuples(st.just("delete-row"), st.integers(1, ROWS + 1)),
    st.tuples(st.just("insert-rows"), st.integers(2, ROWS + 1), st.integers(1, 3)),
    st.tuples(st.just("merge"), st.integers(2, ROWS), st.integers(1, COLUMNS - 1)),
    st.tuples(st.just("rename"), st.sampled_from(["Values", "About"]), text.filter(bool)),
    st.tuples(st.just("about"), st.integers(1, 8), st.integers(1, 2), cell_value),
)


def _apply(book: Any, change: tuple[Any, ...]) -> None:
    kind = change[0]
    ws = book["Values"] if "Values" in book.sheetnames else book.worksheets[0]
    if kind == "cell":
        _, row, col, value, fmt = change
        target = ws.cell(row=row, column=col)
        if target.coordinate in ws.merged_cells:
            return
        target.value = value
        if isinstance(value, str) and not value.startswith("="):
            target.data_type = "s"
        target.number_format = fmt
    elif kind == "delete-row":
        ws.delete_rows(change[1])
    elif kind == "insert-rows":
        ws.insert_rows(change[1], amount=change[2])
    elif kind == "merge":
        ws.merge_cells(start_row=change[1], start_column=change[2], end_row=change[1] + 1,
                       end_column=change[2] + 1)  # fmt: skip
    elif kind == "rename":
        name = change[2][:31].translate(str.maketrans("", "", "[]:*?/\\"))
        if change[1] in book.sheetnames and name and name not in book.sheetnames:
            book[change[1]].title = name
    elif kind == "about" and "About" in book.sheetnames:
        book["About"].cell(row=change[1], column=change[2]).value = change[3]


def _check(path: Path) -> None:
    """validate returns a report, the same by the fast path and the careful one; a report
    without errors scores; nothing else escapes."""
    report = validate_workbook(path, RUBRIC_MODEL)
    validate.FAST_PATH = False
    try:
        careful = validate_workbook(path, RUBRIC_MODEL)
    finally:
        validate.FAST_PATH = True
    assert [(p.key(), p.message) for p in report.problems] == [
        (p.key(), p.message) for p in careful.problems
    ]
    if careful.values is not None:
        assert report.values is not None
        assert report.values.table.equals(careful.values.table)
    assert all(p.code in REGISTRY for p in report.problems)
    if report.errors:
        assert report.values is None
        return
    assert report.values is not None
    assert all(math.isfinite(v) for v in report.values.table["value"].dropna())
    try:
        result = api.score(RUBRIC_MODEL, report.values)
    except ReadinessError as exc:  # a located refusal is an answer too
        assert exc.problems
        return
    assert len(result.ranking()) > 0


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(changes=st.lists(edit, min_size=1, max_size=6))
def test_edited_workbooks_are_answered(tmp_path: Path, changes: list[tuple[Any, ...]]) -> None:
    book = openpyxl.load_workbook(io.BytesIO(SHIPPED_BYTES))
    for change in changes:
        _apply(book, change)
    path = tmp_path / "fuzzed.xlsx"
    try:
        book.save(path)
    except (ValueError, TypeError):  # openpyxl itself refuses some values: nothing to read
        return
    _check(path)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    flips=st.lists(
        st.tuples(st.integers(0, len(SHIPPED_BYTES) - 1), st.integers(1, 255)),
        min_size=1,
        max_size=20,
    ),
    cut=st.one_of(st.none(), st.integers(0, len(SHIPPED_BYTES))),
)
def test_damaged_bytes_are_answered(
    tmp_path: Path, flips: list[tuple[int, int]], cut: int | None
) -> None:
    data = bytearray(SHIPPED_BYTES)
    for offset, mask in flips:
        data[offset] ^= mask
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(data[:cut]))
    _check(path)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    part=st.sampled_from(sorted(zipfile.ZipFile(SHIPPED).namelist())), junk=st.binary(max_size=200)
)
def test_a_damaged_part_is_answered(tmp_path: Path, part: str, junk: bytes) -> None:
    """One part of the workbook replaced by junk bytes (a damaged sheet, styles, relations)."""
    path = tmp_path / "part.xlsx"
    with zipfile.ZipFile(SHIPPED) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, junk if info.filename == part else zin.read(info.filename))
    _check(path)
