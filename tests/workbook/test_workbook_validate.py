"""validate_workbook: one broken workbook per problem class, asserting (location, code) pairs."""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from workbook_support import GOOD_AS_OF, ROWS, TODAY, check, keys, rewrite_sheet_xml

from readiness.problems import ReadinessError, Severity
from readiness.rubric.model import Rubric
from readiness.workbook import read_values, validate_workbook
from readiness.workbook.validate import problems_json, problems_table

Make = Callable[..., Path]


def at(path: Path, cell: str, sheet: str = "Values") -> str:
    return f"{path}!{sheet}!{cell}"


def set_cells(**cells: Any) -> Callable[[Any], None]:
    def edit(book: Any) -> None:
        for ref, value in cells.items():
            book["Values"][ref] = value

    return edit


# -- a clean workbook --------------------------------------------------------------------------


def test_filled_workbook_is_clean_and_read(make_workbook: Make, rubric: Rubric) -> None:
    path = make_workbook()
    report = check(path, rubric)
    assert keys(report) == []
    assert report.values is not None
    table = report.values.table.set_index(["unit", "indicator"])
    assert list(table.index) == list(ROWS)
    assert table.loc[("KAZ", "rule_of_law"), "value"] == 45.5
    assert table.loc[("KGZ", "mining_code"), "value"] == 2.0  # label "modern" -> level value
    assert table.loc[("UZB", "us_bit"), "value"] == 1.0  # "yes"
    assert table.loc[("KAZ", "fdi_inflows"), "as_of"] == "2025-12-31"
    assert table.loc[("KAZ", "fdi_inflows"), "source_url"] == "https://example.org/data"
    assert report.values.period == "2026-Q4"
    assert list(report.values.units["name"]) == ["Kazakhstan", "Kyrgyzstan", "Uzbekistan"]
    assert report.values.origin == str(path)
    assert len(report.values.sha256) == 64


def test_read_values_returns_values_and_raises_with_every_error(
    make_workbook: Make, rubric: Rubric
) -> None:
    values = read_values(make_workbook(), rubric, today=TODAY)
    assert len(values.table) == 12
    broken = make_workbook(set_cells(G2=140, G5="great"))
    with pytest.raises(ReadinessError) as err:
        read_values(broken, rubric, today=TODAY)
    assert [p.key() for p in err.value.problems] == [
        (at(broken, "G2"), "out-of-limits"),
        (at(broken, "G5"), "unknown-level"),
    ]
    assert err.value.exit_code == 1


def test_fresh_template_only_warns_of_missing_values(template: Path, rubric: Rubric) -> None:
    report = check(template, rubric)
    assert keys(report) == [(at(template, f"G{r}"), "missing-value") for r in range(2, 14)]
    assert report.values is not None
    assert report.values.table["value"].isna().all()


# -- files that are not workbooks ----------------------------------------------------------------


def test_file_not_found(tmp_path: Path, rubric: Rubric) -> None:
    path = tmp_path / "nope.xlsx"
    report = check(path, rubric)
    assert keys(report) == [(str(path), "file-not-found")]
    assert report.values is None


@pytest.mark.parametrize(
    "content",
    [b"", b"country,indicator,value\nKAZ,x,1\n", bytes(range(256)) * 8, b"PK\x03\x04garbage"],
    ids=["empty", "csv", "random", "bad-zip"],
)
def test_not_a_workbook(tmp_path: Path, rubric: Rubric, content: bytes) -> None:
    path = tmp_path / "values.xlsx"
    path.write_bytes(content)
    code = "workbook-unreadable" if content else "file-empty"
    assert keys(check(path, rubric)) == [(str(path), code)]


def test_zip_that_is_not_a_workbook(tmp_path: Path, rubric: Rubric) -> None:
    path = tmp_path / "values.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<document/>")
    assert keys(check(path, rubric)) == [(str(path), "workbook-unreadable")]


def test_truncated_workbook(make_workbook: Make, rubric: Rubric, tmp_path: Path) -> None:
    data = make_workbook().read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    assert keys(check(path, rubric)) == [(str(path), "workbook-unreadable")]


def test_password_protected_workbook(tmp_path: Path, rubric: Rubric) -> None:
    # Excel saves an encrypted workbook as an OLE compound file with these two streams.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    ole += "EncryptionInfo".encode("utf-16-le") + bytes(50)
    ole += "EncryptedPackage".encode("utf-16-le") + bytes(1000)
    path = tmp_path / "locked.xlsx"
    path.write_bytes(ole)
    report = check(path, rubric)
    assert keys(report) == [(str(path), "workbook-encrypted")]
    assert "password" in report.problems[0].message


def test_old_xls_file(tmp_path: Path, rubric: Rubric) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    report = check(path, rubric)
    assert keys(report) == [(str(path), "workbook-unreadable")]
    assert ".xlsx" in report.problems[0].message


def test_empty_workbook(tmp_path: Path, rubric: Rubric) -> None:
    path = tmp_path / "blank.xlsx"
    openpyxl.Workbook().save(path)
    assert keys(check(path, rubric)) == [(str(path), "empty-workbook")]


# -- sheets and columns --------------------------------------------------------------------------


def test_renamed_values_sheet(make_workbook: Make, rubric: Rubric) -> None:
    def rename(book: Any) -> None:
        book["Values"].title = "values "

    path = make_workbook(rename)
    report = check(path, rubric)
    assert keys(report) == [(f"{path}!Values", "missing-sheet")]
    assert "renamed 'values '" in report.problems[0].message


def test_missing_about_sheet(make_workbook: Make, rubric: Rubric) -> None:
    def drop(book: Any) -> None:
        del book["About"]

    path = make_workbook(drop)
    assert keys(check(path, rubric)) == [(f"{path}!About", "missing-sheet")]


def test_empty_values_sheet(make_workbook: Make, rubric: Rubric) -> None:
    def clear(book: Any) -> None:
        ws = book["Values"]
        ws.delete_rows(1, ws.max_row)

    path = make_workbook(clear)
    assert keys(check(path, rubric)) == [(at(path, "A1"), "empty-sheet")]


def test_renamed_header_column(make_workbook: Make, rubric: Rubric) -> None:
    path = make_workbook(set_cells(G1="Valeur"))
    report = check(path, rubric)
    assert keys(report) == [(at(path, "G1"), "missing-column")]
    assert "'Valeur'" in report.problems[0].message


def test_missing_key_column_stops_row_checks(make_workbook: Make, rubric: Rubric) -> None:
    path = make_workbook(set_cells(A1="Code", G2="not a number"))
    assert keys(check(path, rubric)) == [(at(path, "A1"), "missing-column")]


def test_columns_found_by_header_not_position(make_workbook: Make, rubric: Rubric) -> None:
    def swap(book: Any) -> None:
        ws = book["Values"]
        for row in ws.iter_rows():
            row[8].value, row[9].value = row[9].value, row[8].value

    report = check(make_workbook(swap), rubric)
    assert keys(report) == []
    assert report.values is not None
    assert set(report.values.table["source"]) == {"World Bank"}


# -- rows ------------------------------------------------------------------------------------------


def test_unknown_country(make_workbook: Make, rubric: Rubric) -> None:
    path = make_workbook(set_cells(A3="XXX"))
    assert keys(check(path, rubric)) == [
        (at(path, "A3"), "unknown-unit"),
        (f"{path}!Values KGZ/rule_of_law", "missing-row"),
    ]


def test_unknown_indicator(make_workbook: Make, rubric: Rubric) -> None:
    path = make_workbook(set_cells(D2="nope"))
    assert keys(check(path, rubric)) == [
        (at(path, "D2"), "unknown-indicator"),
        (f"{path}!Values KAZ/rule_of_law", "missing-row"),
    ]


def test_duplicate_row(make_workbook: Make, rubric: Rubric) -> None:
    def duplicate(book: Any) -> None:
        ws = book["Values"]
        ws.append([c.value for c in ws[2]])

    path = make_workbook(duplicate)
    report = check(path, rubric)
    assert keys(report) == [(at(path, "A14"), "duplicate-row")]
    assert "row 2" in report.problems[0].message


def test_missing_row(make_workbook: Make, rubric: Rubric) -> None:
    def drop(book: Any) -> None:
        book["Values"].delete_rows(13)

    path = make_workbook(drop)
    report = check(path, rubric)
    assert keys(report) == [(f"{path}!Values UZB/us_bit", "missing-row")]
    assert report.problems[0].location.path == "UZB/us_bit"


def test_row_without_country_or_indicator(make_workbook: Make, rubric: Rubric) -> None:
    path = make_workbook(set_cells(K20="a stray note"))
    assert keys(check(path, rubric)) == [(at(path, "A20"), "unidentified-row")]


def test_blank_rows_are_skipped(make_workbook: Make, rubric: Rubric) -> None:
    def blank(book: Any) -> None:
        book["Values"].insert_rows(5, amount=2)

    assert keys(check(make_workbook(blank), rubric)) == []


# -- cells -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["about 40", "12 kg", "1.2.3", "nan", True, datetime(2024, 1, 1)], ids=str
)
def test_not_a_number(make_workbook: Make, rubric: Rubric, value: object) -> None:
    path = make_workbook(set_cells(G2=value))
    assert keys(check(path, rubric)) == [(at(path, "G2"), "not-a-number")]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("12,5", 12.5), ("45.5", 45.5), (" 36,79 % ", 36.79), ("0,125", 0.125), ("−2,5", None)],
    ids=str,
)
def test_a_number_stored_as_text_is_read_by_the_number_rules(
    make_workbook: Make, rubric: Rubric, typed: str, expected: float | None
) -> None:
    """Regression: a number in a Text-formatted cell was blamed on the official's typing."""

    def as_text(book: Any) -> None:
        cell = book["Values"]["G2"]
        cell.value = typed
        cell.number_format = "@"

    report = check(make_workbook(as_text), rubric)
    if expected is None:  # -2.5 is read, then refused by the indicator's limits
        assert [p.message for p in report.problems] == [
            "-2.5 is outside the allowed range 0 to 100"
        ]
        return
    assert keys(report) == []
    assert report.values is not None
    assert report.values.table["value"].iloc[0] == expected


def test_an_ambiguous_number_is_refused_with_both_readings(
    make_workbook: Make, rubric: Rubric
) -> None:
    path = make_workbook(set_cells(G2="1,234"))
    report = check(path, rubric)
    assert keys(report) == [(at(path, "G2"), "ambiguous-number")]
    assert "1234 or 1.234" in report.problems[0].message


def test_a_percentage_cell_is_read_as_the_percentage_shown(
    make_workbook: Make, rubric: Rubric
) -> None:
    """Regression: 36.79 % (stored as 0.3679) was scored as 0.37 without a word."""

    def percent(book: Any) -> None:
        for ref, fmt in (("G2", "0.00%"), ("G3", '0.0" pts"%')):
            cell = book["Values"][ref]
            cell.value = 0.3679
            cell.number_format = fmt

    report = check(make_workbook(percent), rubric)
    assert report.values is not None
    assert report.values.table["value"].iloc[:2].tolist() == [36.79, 36.79]


def test_out_of_limits(make_workbook: Make, rubric: Rubric) -> None:
    path = make_workbook(set_cells(G2=140, G3=-0.5, G8=-150))
    report = check(path, rubric)
    assert keys(report) == [
        (at(path, "G2"), "out-of-limits"),
        (at(path, "G3"), "out-of-limits"),
        (at(path, "G8"), "out-of-limits"),
    ]
    assert report.problems[2].message == "-150 is outside the allowed range at least -100"


@pytest.mark.parametrize("value", ["great", 7, 2.5, True, datetime(2024, 1, 1)], ids=str)
def test_unknown_level(make_workbook: Make, rubric: Rubric, value: object) -> None:
    path = make_workbook(set_cells(G5=value))
    report = check(path, rubric)
    assert keys(report) == [(at(path, "G5"), "unknown-level")]
    assert "'modern'" in report.problems[0].message


@pytest.mark.parametrize(
    ("cell", "typed", "expected"),
    [
        ("G5", " MODERN ", 2.0),  # trimmed and case-folded for matching only
        ("G5", 3, 3.0),  # a level's number
        ("G11", "no", 0.0),
        ("G11", True, 1.0),  # TRUE in a yes/no cell
        ("G11", "Y", 1.0),  # the CSV reader's yes/no synonyms
    ],
)
def test_levels_accepted(
    make_workbook: Make, rubric: Rubric, cell: str, typed: object, expected: float
) -> None:
    report = check(make_workbook(set_cells(**{cell: typed})), rubric)
    assert keys(report) == []
    assert report.values is not None
    row = int(cell[1:]) - 2
    assert report.values.table["value"].iloc[row] == expected


@pytest.mark.parametrize(
    "typed", ["soon", "2024-13-45", "31.02.2024", "13.11.25", date(1905, 7, 16)], ids=str
)
def test_bad_date(make_workbook: Make, rubric: Rubric, typed: object) -> None:
    path = make_workbook(set_cells(H2=typed))
    assert keys(check(path, rubric)) == [(at(path, "H2"), "bad-date")]


@pytest.mark.parametrize(
    ("typed", "iso"), [("13.11.2025", "2025-11-13"), ("5.1.2025", "2025-01-05")]
)
def test_a_day_first_date_with_points_is_read_day_first(
    make_workbook: Make, rubric: Rubric, typed: str, iso: str
) -> None:
    report = check(make_workbook(set_cells(H2=typed)), rubric)
    assert keys(report) == []
    assert report.values is not None
    assert report.values.table["as_of"].iloc[0] == iso


@pytest.mark.parametrize("typed", ["05/11/2025", "31/12/2024"])
def test_a_date_with_slashes_is_refused_as_ambiguous(
    make_workbook: Make, rubric: Rubric, typed: str
) -> None:
    path = make_workbook(set_cells(H2=typed))
    report = check(path, rubric)
    assert keys(report) == [(at(path, "H2"), "ambiguous-date")]
    assert "year-month-day" in report.problems[0].message


def test_number_in_a_date_cell_without_date_format(make_workbook: Make, rubric: Rubric) -> None:
    def number(book: Any) -> None:
        cell = book["Values"]["H2"]
        cell.value = 45000
        cell.number_format = "General"

    path = make_workbook(number)
    report = check(path, rubric)
    assert keys(report) == [(at(path, "H2"), "bad-date")]
    assert "the number 45000" in report.problems[0].message


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("2025-06-30", "2025-06-30"), ("2025", "2025"), ("2025-09", "2025-09")],
)
def test_dates_typed_as_text(make_workbook: Make, rubric: Rubric, typed: str, stored: str) -> None:
    report = check(make_workbook(set_cells(H2=typed)), rubric)
    assert keys(report) == []
    assert report.values is not None
    assert report.values.table["as_of"].iloc[0] == stored


def test_future_date(make_workbook: Make, rubric: Rubric) -> None:
    path = make_workbook(set_cells(H2=datetime(2026, 11, 16)))
    report = check(path, rubric)
    assert keys(report) == [(at(path, "H2"), "future-date")]
    assert "today is 2026-11-15" in report.problems[0].message


def test_stale_value_against_the_period_end(make_workbook: Make, rubric: Rubric) -> None:
    # fdi_inflows may be 2 years old; the period ends 2026-12-31.
    path = make_workbook(set_cells(H8=datetime(2024, 12, 1), H2=datetime(2024, 12, 1)))
    report = check(path, rubric)
    assert keys(report) == [(at(path, "H8"), "stale-value")]
    assert report.problems[0].severity is Severity.WARNING
    assert report.values is not None  # warnings do not block


def test_stale_value_without_a_period_is_measured_from_today(
    make_workbook: Make, rubric: Rubric
) -> None:
    def no_period(book: Any) -> None:
        del book["About"]

    path = make_workbook(no_period)
    report = validate_workbook(path, rubric, today=date(2028, 6, 1))
    assert keys(report)[0] == (f"{path}!About", "missing-sheet")
    assert keys(report)[1:] == [(at(path, f"H{r}"), "stale-value") for r in range(8, 11)]


def test_outside_goalposts_warns(make_workbook: Make, rubric: Rubric) -> None:
    path = make_workbook(set_cells(G8=15))
    report = check(path, rubric)
    assert keys(report) == [(at(path, "G8"), "outside-goalposts")]
    assert "clipped" in report.problems[0].message
    assert report.values is not None
    assert report.values.table["value"].iloc[6] == 15  # read as typed; the engine clips


def test_missing_value_source_date_and_bad_url(make_workbook: Make, rubric: Rubric) -> None:
    path = make_workbook(set_cells(G2=None, I3=None, H4=None, J5="www.example.org", J6=" "))
    report = check(path, rubric)
    assert keys(report) == [
        (at(path, "G2"), "missing-value"),
        (at(path, "I3"), "missing-source"),
        (at(path, "H4"), "missing-as-of"),
        (at(path, "J5"), "bad-url"),
    ]
    assert all(p.severity is Severity.WARNING for p in report.problems)


def test_several_urls_separated_by_semicolons(make_workbook: Make, rubric: Rubric) -> None:
    path = make_workbook(set_cells(J2="https://a.example/x ; http://b.example/y"))
    assert keys(check(path, rubric)) == []


def test_formula_without_cached_value(make_workbook: Make, rubric: Rubric) -> None:
    # openpyxl writes formulas without a calculated result, as a script would.
    path = make_workbook(set_cells(G2="=40+5.5", K3='=CONCAT("a","b")'))
    assert keys(check(path, rubric)) == [
        (at(path, "G2"), "formula-without-value"),
        (at(path, "K3"), "formula-without-value"),
    ]


def test_formula_with_cached_value_is_read(
    make_workbook: Make, rubric: Rubric, tmp_path: Path
) -> None:
    src = make_workbook()
    dest = tmp_path / "calculated.xlsx"

    def add_formula(xml: bytes) -> bytes:
        out, n = re.subn(rb'(<c r="G2"[^>]*>)(<v>)', rb"\1<f>40+5.5</f>\2", xml)
        assert n == 1
        return out

    rewrite_sheet_xml(src, dest, "Values", add_formula)
    report = check(dest, rubric)
    assert keys(report) == []
    assert report.values is not None
    assert report.values.table["value"].iloc[0] == 45.5


def test_excel_error_cell(make_workbook: Make, rubric: Rubric) -> None:
    path = make_workbook(set_cells(G2="#N/A", H3="#VALUE!"))
    report = check(path, rubric)
    assert keys(report) == [(at(path, "G2"), "excel-error"), (at(path, "H3"), "excel-error")]
    assert "#N/A" in report.problems[0].message


def test_merged_input_cells(make_workbook: Make, rubric: Rubric) -> None:
    def merge(book: Any) -> None:
        book["Values"].merge_cells("K2:K4")

    path = make_workbook(merge)
    report = check(path, rubric)
    assert keys(report) == [(at(path, "K2"), "merged-cells")]
    assert "K2:K4" in report.problems[0].message


# -- the About sheet ------------------------------------------------------------------------------


def set_about(**cells: Any) -> Callable[[Any], None]:
    def edit(book: Any) -> None:
        for ref, value in cells.items():
            book["About"][ref] = value

    return edit


def test_wrong_period(make_workbook: Make, rubric: Rubric) -> None:
    path = make_workbook()
    report = check(path, rubric, period="2026-Q3")
    assert keys(report) == [(at(path, "B2", "About"), "wrong-period")]
    assert "2026-Q4" in report.problems[0].message


def test_period_argument_must_be_well_formed(make_workbook: Make, rubric: Rubric) -> None:
    with pytest.raises(ReadinessError) as err:
        check(make_workbook(), rubric, period="2026Q3")
    assert err.value.problems[0].code == "bad-period"


def test_bad_period_in_workbook(make_workbook: Make, rubric: Rubric) -> None:
    path = make_workbook(set_about(B2="Q4 2026"))
    assert keys(check(path, rubric)) == [(at(path, "B2", "About"), "bad-period")]


def test_wrong_rubric_and_version(make_workbook: Make, rubric: Rubric) -> None:
    other = make_workbook(set_about(B3="another-rubric"))
    assert keys(check(other, rubric)) == [(at(other, "B3", "About"), "wrong-rubric")]
    older = make_workbook(set_about(B4="1.1"))
    report = check(older, rubric)
    assert keys(report) == [(at(older, "B4", "About"), "rubric-version-differs")]
    assert report.problems[0].severity is Severity.WARNING


# -- everything at once ---------------------------------------------------------------------------


def test_many_problems_reported_at_once(make_workbook: Make, rubric: Rubric) -> None:
    def damage(book: Any) -> None:
        ws = book["Values"]
        ws["G2"] = "12 kg"  # text in a number cell
        ws["H2"] = "yesterday"  # not a date
        ws["G5"] = "excellent"  # not a level
        ws["A6"] = "KAZ"  # KAZ/mining_code twice, KGZ/mining_code missing
        ws["G8"] = 12  # beyond the goalposts (warning)
        ws["I9"] = None  # no source (warning)
        ws["G10"] = "=1/0"  # uncalculated formula
        ws["D12"] = "us_treaty"  # unknown indicator, KGZ/us_bit missing
        ws.merge_cells("J12:K12")
        book["About"]["B2"] = "2026-Q3"

    path = make_workbook(damage)
    report = check(path, rubric, period="2026-Q4")
    assert keys(report) == [
        (at(path, "B2", "About"), "wrong-period"),
        (at(path, "J12"), "merged-cells"),
        (at(path, "G2"), "not-a-number"),
        (at(path, "H2"), "bad-date"),
        (at(path, "G5"), "unknown-level"),
        (at(path, "A6"), "duplicate-row"),
        (at(path, "G8"), "outside-goalposts"),
        (at(path, "I9"), "missing-source"),
        (at(path, "G10"), "formula-without-value"),
        (at(path, "D12"), "unknown-indicator"),
        (f"{path}!Values KGZ/mining_code", "missing-row"),
        (f"{path}!Values KGZ/us_bit", "missing-row"),
    ]
    assert report.values is None
    assert report.failed() and report.failed(strict=True)


def test_report_output_formats(make_workbook: Make, rubric: Rubric) -> None:
    import json

    path = make_workbook(set_cells(G2=140, I3=None))
    report = check(path, rubric)
    table = problems_table(report.problems).splitlines()
    assert table[0].split() == ["location", "severity", "code", "message"]
    assert table[1].split()[:3] == [at(path, "G2"), "error", "out-of-limits"]
    data = json.loads(problems_json(report))
    assert data["errors"] == 1 and data["warnings"] == 1
    assert [(p["cell"], p["code"]) for p in data["problems"]] == [
        ("G2", "out-of-limits"),
        ("I3", "missing-source"),
    ]
    assert report.summary() == f"{path}: 1 error, 1 warning"


def test_values_are_read_as_typed(make_workbook: Make, rubric: Rubric) -> None:
    note = "  Two spaces before, a tab\tinside, =SUM(A1) and trailing space "
    path = make_workbook(set_cells(K2=note, I2=2024, J3="https://example.org/a b"))
    report = check(path, rubric)
    assert keys(report) == [(at(path, "J3"), "bad-url")]
    assert report.values is not None
    row = report.values.table.iloc[0]
    assert row["note"] == note
    assert row["source"] == "2024"  # a number in a text column, as text without ".0"
    assert math.isclose(row["value"], 45.5)
    assert GOOD_AS_OF.isoformat() == row["as_of"]


# -- optional Low / High / Contested columns ---------------------------------------------------


def test_interval_and_contested_are_read_into_values(make_workbook: Make, rubric: Rubric) -> None:
    # row 2: KAZ rule_of_law 45.5 (numeric); row 5: KAZ mining_code "modern" (levels)
    path = make_workbook(set_cells(L2=40.1, M2=50.25, N5="yes", N6="no"))
    report = check(path, rubric)
    assert keys(report) == []
    assert report.values is not None
    table = report.values.table.set_index(["unit", "indicator"])
    assert table.loc[("KAZ", "rule_of_law"), "low"] == 40.1
    assert table.loc[("KAZ", "rule_of_law"), "high"] == 50.25
    assert math.isnan(table.loc[("KGZ", "rule_of_law"), "low"])
    assert bool(table.loc[("KAZ", "mining_code"), "contested"]) is True
    assert bool(table.loc[("KGZ", "mining_code"), "contested"]) is False
    evidence = report.values.evidence()
    assert evidence.loc[("KAZ", "rule_of_law"), "high"] == 50.25


@pytest.mark.parametrize(
    ("cells", "where"),
    [
        ({"L2": 40.0}, "L2"),  # Low without High
        ({"L2": 46.0, "M2": 50.0}, "L2"),  # does not surround the value 45.5
        ({"L2": "about 40", "M2": 50.0}, "L2"),  # not a number
        ({"L5": 1, "M5": 3}, "L5"),  # an interval on an indicator with levels
    ],
)
def test_bad_interval_is_located(
    make_workbook: Make, rubric: Rubric, cells: dict[str, Any], where: str
) -> None:
    path = make_workbook(set_cells(**cells))
    report = check(path, rubric)
    assert (at(path, where), "bad-interval") in keys(report)
    assert report.values is None


@pytest.mark.parametrize(("cells", "where"), [({"N5": "maybe"}, "N5"), ({"N2": "yes"}, "N2")])
def test_bad_contested_is_located(
    make_workbook: Make, rubric: Rubric, cells: dict[str, Any], where: str
) -> None:
    path = make_workbook(set_cells(**cells))
    report = check(path, rubric)
    assert keys(report) == [(at(path, where), "bad-contested")]


def test_workbook_without_the_optional_columns_is_still_valid(
    make_workbook: Make, rubric: Rubric
) -> None:
    def drop_optional(book: Any) -> None:
        book["Values"].delete_cols(12, 3)

    path = make_workbook(drop_optional)
    report = check(path, rubric)
    assert keys(report) == []
    assert report.values is not None
    assert not report.values.table["contested"].any()
    assert report.values.table["low"].isna().all()


def test_lower_case_codes_get_one_error_a_row_naming_the_code(
    make_workbook: Make, rubric: Rubric
) -> None:
    """Regression: lower-case codes gave two errors a row (unknown, then missing) without
    naming the expected code."""

    def lower(book: Any) -> None:
        ws = book["Values"]
        for row in ws.iter_rows(min_row=2, max_col=1):
            row[0].value = str(row[0].value).lower()

    path = make_workbook(lower)
    report = check(path, rubric)
    codes = {p.code for p in report.problems}
    assert codes == {"unknown-unit"}
    rows = openpyxl.load_workbook(path)["Values"].max_row - 1
    assert len(report.problems) == rows
    assert "did you mean 'KAZ'?" in report.problems[0].message


def test_the_terminal_table_is_capped_and_json_keeps_every_problem(
    make_workbook: Make, rubric: Rubric
) -> None:
    """Regression: a 300k-row workbook printed 300,059 lines on the terminal."""
    import json

    def damage(book: Any) -> None:
        ws = book["Values"]
        for k in range(2, 202):
            ws.cell(row=k, column=4).value = f"nope{k}"  # 200 unknown indicators

    report = check(make_workbook(damage), rubric)
    assert len(report.errors) > 100
    table = problems_table(report.problems).splitlines()
    assert len(table) == 1 + 50 + 1
    assert table[-1].startswith(f"... and {len(report.problems) - 50:,} more problems not shown")
    assert len(json.loads(problems_json(report))["problems"]) == len(report.problems)
    assert len(problems_table(report.problems, limit=None).splitlines()) == 1 + len(report.problems)
