"""The officials' workbook in Russian: what it says (sheets, headers, About, drop-downs, levels)
and that reading it gives exactly what the English workbook with the same values gives, down to
the scores (the shipped 2026-Q4 values written through the Russian template)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from readiness import api
from readiness.i18n.workbook import EN, RU
from readiness.inputs.values import Values
from readiness.rubric.model import Kind, Rubric
from readiness.rubric.translation import Translation, translation_for
from readiness.workbook import layout as L
from readiness.workbook import validate_workbook, write_template
from readiness.workbook.levels import aliases_beside

ROOT = Path(__file__).resolve().parents[2]
RUBRIC = ROOT / "rubrics" / "c5-critical-minerals.yaml"
SHIPPED = ROOT / "inputs" / "c5-critical-minerals-2026-Q4.xlsx"
PERIOD = "2026-Q4"
CYRILLIC = re.compile("[А-Яа-яЁё]")


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return api.load_rubric(RUBRIC)


@pytest.fixture(scope="module")
def translation(rubric: Rubric) -> Translation:
    found = translation_for(RUBRIC, rubric, "ru")
    assert found is not None
    return found


@pytest.fixture(scope="module")
def shipped(rubric: Rubric) -> Values:
    return api.load_values(SHIPPED, rubric)


@pytest.fixture(scope="module")
def russian(
    tmp_path_factory: pytest.TempPathFactory,
    rubric: Rubric,
    translation: Translation,
    shipped: Values,
) -> Path:
    """The shipped values written through the Russian template."""
    path = tmp_path_factory.mktemp("ru") / "ru.xlsx"
    write_template(rubric, PERIOD, path, values=shipped, language="ru", translation=translation)
    return path


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory, rubric: Rubric, shipped: Values) -> Path:
    path = tmp_path_factory.mktemp("en") / "en.xlsx"
    write_template(rubric, PERIOD, path, values=shipped)
    return path


def _read(path: Path, rubric: Rubric) -> Values:
    return api.load_values(path, rubric, rubric_path=RUBRIC)


def _same(a: Values, b: Values) -> None:
    """The same values: table, units, period and provenance (not the file they came from)."""
    assert a.table.equals(b.table)
    assert a.units.equals(b.units)
    assert a.period == b.period
    assert a.provenance.equals(b.provenance)


def test_the_russian_workbook_names_its_sheets_headers_and_about_fields_in_russian(
    russian: Path, rubric: Rubric
) -> None:
    book = openpyxl.load_workbook(russian)
    sheets = RU.sheets
    assert book.sheetnames == [
        sheets[k] for k in ("instructions", "values", "indicators", "levels", "provenance", "about")
    ]
    header = [c.value for c in next(book[sheets["values"]].iter_rows(max_row=1))]
    assert header == [RU.headers[c.key] for c in L.COLUMNS]
    about = {row[0].value: row[1].value for row in book[sheets["about"]].iter_rows(min_row=2)}
    # identity stays: period, rubric id and version, unit role; the language is recorded
    assert about[RU.about["period"]] == PERIOD
    assert about[RU.about["rubric_id"]] == rubric.id
    assert about[RU.about["rubric_version"]] == rubric.version
    assert about[RU.about["unit_role"]] == "assessed"
    assert about[RU.about["language"]] == "ru"


def test_every_text_a_person_reads_in_the_russian_workbook_is_russian(
    russian: Path, rubric: Rubric, translation: Translation
) -> None:
    """Headers, instructions, names and labels, prompts and alerts; the exceptions are identity
    (codes, ids, periods, numbers, dates) and quoted evidence (sources, URLs, notes)."""
    book = openpyxl.load_workbook(russian)
    ru = translation.apply(rubric)
    ids = {i.id for i in rubric.indicators} | {u.id for u in rubric.units}
    evidence_columns = {L.COLUMN_INDEX[k] + 1 for k in ("source", "source_url", "note")}
    # level labels that are codes in every language (credit ratings: CCC, BBB+)
    labels = {lv.label for ind in ru.indicators for lv in ind.scale}
    labels |= {" / ".join(lv.label for lv in ind.scale) for ind in ru.indicators}
    english: list[tuple[str, str, Any]] = []
    for ws in book.worksheets:
        if ws.title in (RU.sheets["provenance"], RU.sheets["about"]):
            continue  # citations (provenance) and identity (About's values)
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                if not isinstance(v, str) or not re.search("[A-Za-z]{3,}", v):
                    continue
                if v in ids or v in labels or CYRILLIC.search(v):
                    continue
                if ws.title == RU.sheets["values"] and cell.column in evidence_columns:
                    continue
                english.append((ws.title, cell.coordinate, v))
    assert english == []
    values = book[RU.sheets["values"]]
    for dv in values.data_validations.dataValidation:
        for text in (dv.error, dv.errorTitle, dv.prompt):
            if text:
                assert CYRILLIC.search(text), text
    assert CYRILLIC.search(values.oddHeader.center.text)
    assert CYRILLIC.search(values.oddFooter.center.text)
    # the drop-down's level labels are the translation's, with "не найдено" after them
    levels = book[RU.sheets["levels"]]
    labels = [r[3].value for r in levels.iter_rows(min_row=2)]
    expected = []
    for ind in ru.indicators:
        if ind.kind is not Kind.NUMERIC:
            expected += [lv.label for lv in ind.scale] + [RU.not_found]
    assert labels == expected


def test_the_drop_downs_point_at_the_russian_levels_sheet(russian: Path) -> None:
    book = openpyxl.load_workbook(russian)
    lists = [
        dv.formula1
        for dv in book[RU.sheets["values"]].data_validations.dataValidation
        if dv.type == "list" and dv.formula1.startswith("'")
    ]
    assert lists and all(f.startswith(f"'{RU.sheets['levels']}'!$D$") for f in lists)


def test_the_russian_and_english_workbooks_of_the_same_values_read_the_same(
    russian: Path, english: Path, rubric: Rubric, shipped: Values
) -> None:
    from_ru, from_en = _read(russian, rubric), _read(english, rubric)
    _same(from_ru, from_en)
    _same(from_ru, shipped)  # the shipped workbook's own values, through the Russian template
    a, b = api.score(rubric, from_ru), api.score(rubric, from_en)
    assert a.scores.equals(b.scores)
    assert a.ranking().equals(b.ranking())
    # and the problems are the same, at the same cells (only the sheet is named in Russian)
    got = validate_workbook(russian, rubric, level_aliases=aliases_beside(RUBRIC, rubric))
    want = validate_workbook(english, rubric)
    assert [(p.code, p.location.cell) for p in got.problems] == [
        (p.code, p.location.cell) for p in want.problems
    ]
    assert {p.location.sheet for p in got.problems} <= {RU.sheets["values"]}


def test_a_russian_level_is_read_only_with_the_translations_aliases(
    russian: Path, rubric: Rubric
) -> None:
    """Without the aliases a Russian label is an unknown level (the test can fail)."""
    report = validate_workbook(russian, rubric)
    assert "unknown-level" in {p.code for p in report.problems}


def test_labels_typed_in_either_language_and_case_are_the_same_level(
    tmp_path: Path, rubric: Rubric, translation: Translation
) -> None:
    """An official may type a level in English into the Russian workbook, or in another case;
    "не найдено" and "not found" both read as missing."""
    path = tmp_path / "ru.xlsx"
    write_template(rubric, PERIOD, path, language="ru", translation=translation)
    ru = translation.apply(rubric)
    categorical = [i for i in rubric.indicators if i.kind is Kind.CATEGORICAL]
    first, second = categorical[0], categorical[1]
    typed = {
        first.id: ru.indicator_by_id[first.id].scale[1].label.upper(),
        second.id: second.scale[-1].label,  # English, in the Russian workbook
    }
    book = openpyxl.load_workbook(path)
    ws = book[RU.sheets["values"]]
    value, note = L.COLUMN_INDEX["value"], L.COLUMN_INDEX["note"]
    for row in ws.iter_rows(min_row=2):
        ind = row[L.COLUMN_INDEX["indicator"]].value
        if ind in typed:
            row[value].value = typed[ind]
        elif row[0].value == "KAZ" and ind == categorical[2].id:
            row[value].value = "  НЕ НАЙДЕНО "
            row[note].value = "searched the ministry's site"
    book.save(path)
    report = validate_workbook(path, rubric, level_aliases=aliases_beside(RUBRIC, rubric))
    assert "unknown-level" not in {p.code for p in report.problems}
    assert report.values is not None
    table = report.values.table.set_index(["unit", "indicator"])["value"]
    assert (table.xs(first.id, level="indicator") == first.scale[1].value).all()
    assert (table.xs(second.id, level="indicator") == second.scale[-1].value).all()
    assert table.isna()[("KAZ", categorical[2].id)]
    missing = [p for p in report.problems if p.location.cell and p.code == "missing-value"]
    assert any("не найдено" in p.message for p in missing)


def test_an_unknown_level_in_a_russian_workbook_lists_the_russian_labels(
    tmp_path: Path, rubric: Rubric, translation: Translation
) -> None:
    path = tmp_path / "ru.xlsx"
    write_template(rubric, PERIOD, path, language="ru", translation=translation)
    ind = next(i for i in rubric.indicators if i.kind is Kind.CATEGORICAL)
    book = openpyxl.load_workbook(path)
    ws = book[RU.sheets["values"]]
    ws.cell(row=2 + 0, column=1)  # the first row is KAZ's first indicator
    for row in ws.iter_rows(min_row=2):
        if row[L.COLUMN_INDEX["indicator"]].value == ind.id:
            row[L.COLUMN_INDEX["value"]].value = "примерно средне"
            break
    book.save(path)
    report = validate_workbook(path, rubric, level_aliases=aliases_beside(RUBRIC, rubric))
    (bad,) = [p for p in report.problems if p.code == "unknown-level"]
    label = translation.apply(rubric).indicator_by_id[ind.id].scale[0].label
    assert repr(label) in bad.message
    assert bad.location.sheet == RU.sheets["values"]


def test_carried_cells_are_quoted_as_typed_never_translated(
    tmp_path: Path, rubric: Rubric, translation: Translation
) -> None:
    """A Russian next-period workbook made from the English shipped one keeps its cells as the
    officials typed them (levels, notes, sources), and reads back to the same values."""
    path = tmp_path / "next.xlsx"
    write_template(
        rubric, "2027-Q1", path, previous=SHIPPED, language="ru", translation=translation
    )
    old = openpyxl.load_workbook(SHIPPED)[EN.sheets["values"]]
    new = openpyxl.load_workbook(path)[RU.sheets["values"]]
    inputs = [c.key for c in L.COLUMNS if c.input and not c.optional]

    def cells(ws: Any) -> dict[tuple[str, str], list[Any]]:
        return {
            (r[0].value, r[3].value): [r[L.COLUMN_INDEX[k]].value for k in inputs if k != "as_of"]
            for r in ws.iter_rows(min_row=2)
            if r[0].value
        }

    assert cells(new) == cells(old)
    nxt = api.load_values(path, rubric, rubric_path=RUBRIC)
    eng = tmp_path / "next-en.xlsx"
    write_template(rubric, "2027-Q1", eng, previous=SHIPPED)
    _same(nxt, api.load_values(eng, rubric))


def test_the_english_workbook_has_no_russian_and_no_language_row(
    english: Path,
) -> None:
    book = openpyxl.load_workbook(english)
    assert book.sheetnames[:2] == ["Instructions", "Values"]
    about = [row[0].value for row in book["About"].iter_rows()]
    assert EN.about["language"] not in about
    for ws in book.worksheets:
        if ws.title == "Provenance":
            continue
        for row in ws.iter_rows():
            for cell in row:
                assert not (isinstance(cell.value, str) and CYRILLIC.search(cell.value))
