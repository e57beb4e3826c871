"""A problem as a person reads it: English as always, Russian with the place in words, the
registry's Russian meaning and action, and the English detail in parentheses."""

from __future__ import annotations

import pytest

from readiness.problems import (
    Location,
    Problem,
    ReadinessError,
    capped_lines,
    fail_all,
    lookup,
)
from readiness.problems.present import counts_ru, line, plural_ru, rest_ru, where_ru

CELL = Location(file="inputs/w.xlsx", sheet="Значения", cell="G5")
YAML = Location(file="rubrics/c5.yaml", line=14, column=9, path="nodes[1].weight")
ROW = Location(file="w.xlsx", sheet="Values", path="KAZ/rule_of_law")


@pytest.mark.parametrize(
    ("count", "form"),
    [(0, "many"), (1, "one"), (2, "few"), (4, "few"), (5, "many"), (11, "many"), (12, "many"),
     (14, "many"), (21, "one"), (22, "few"), (25, "many"), (101, "one"), (111, "many"),
     (112, "many"), (1004, "few")],
)  # fmt: skip
def test_russian_plural_forms(count: int, form: str) -> None:
    assert plural_ru(count, "one", "few", "many") == form


def test_places_in_russian_words() -> None:
    assert where_ru(CELL) == "файл «inputs/w.xlsx», лист «Значения», ячейка G5"
    assert where_ru(CELL, with_file=False) == "лист «Значения», ячейка G5"
    assert where_ru(YAML) == "файл «rubrics/c5.yaml», строка 14, позиция 9, путь nodes[1].weight"
    assert where_ru(ROW) == "файл «w.xlsx», лист «Values», путь KAZ/rule_of_law"
    assert where_ru(Location(file="v.csv", line=3)) == "файл «v.csv», строка 3"
    assert where_ru(Location()) == ""


def test_english_lines_are_what_they_always_were() -> None:
    for problem in (
        Problem("not-a-number", "'x' is not a number", CELL),
        Problem("yaml-syntax", "bad", YAML),
        Problem("stale-value", "old"),
    ):
        assert line(problem, "en") == str(problem)


def test_a_russian_line_reads_place_severity_meaning_action_then_the_english_detail() -> None:
    problem = Problem("not-a-number", "'x' is not a number", CELL)
    entry = lookup("not-a-number")
    text = line(problem, "ru")
    assert text.startswith("файл «inputs/w.xlsx», лист «Значения», ячейка G5: ошибка: ")
    assert text.endswith(" [not-a-number]")
    meaning, action = entry.meaning_in("ru"), entry.action_in("ru")
    detail = "('x' is not a number)"
    assert text.index(meaning) < text.index(action) < text.index(detail)
    assert entry.meaning not in text  # the English meaning is not repeated
    warning = line(Problem("stale-value", "old"), "ru")
    assert warning.startswith("предупреждение: ") and "(old)" in warning


def test_the_russian_terminal_list_is_capped_and_counts_the_rest() -> None:
    many = [Problem("missing-source", f"row {k}", Location("w.xlsx", "Values", f"I{k}"))
            for k in range(2, 25)]  # fmt: skip
    lines = capped_lines(many, limit=20, language="ru")
    assert len(lines) == 21
    assert lines[-1] == "... и ещё 3 замечания не показаны (показано 20 из 23)"
    assert capped_lines(many, limit=22, language="ru")[-1].startswith(
        "... и ещё 1 замечание не показано"
    )
    assert rest_ru(1_000, 50, 1_050) == (
        "... и ещё 1\u00a0000 замечаний не показаны (показано 50 из 1\u00a0050)"
    )
    assert "JSON" in rest_ru(5, 50, 55, everywhere=True)


def test_a_russian_error_counts_errors_and_warnings_and_keeps_the_english_summary() -> None:
    problems = [
        Problem("not-a-number", "'x' is not a number", CELL),
        Problem("bad-date", "'y' is not a date", CELL),
        Problem("stale-value", "old", CELL),
    ]
    assert counts_ru(problems) == "2 ошибки, 1 предупреждение"
    with pytest.raises(ReadinessError) as info:
        fail_all(problems, "inputs/w.xlsx")
    text = info.value.format_message(language="ru").splitlines()
    assert text[0] == "2 ошибки, 1 предупреждение (inputs/w.xlsx: 2 problems)"
    assert text[1:] == [f"  {line(p, 'ru')}" for p in problems]
    english = info.value.format_message()
    assert english.splitlines()[0] == "inputs/w.xlsx: 2 problems"
    assert "ошибка" not in english


def test_one_russian_problem_is_one_line() -> None:
    problem = Problem("file-not-found", "no such file: x.xlsx", Location(file="x.xlsx"))
    error = ReadinessError(str(problem), [problem])
    assert error.format_message(language="ru") == (
        "файл «x.xlsx»: ошибка: Входной файл не найден. Проверьте путь и имя файла. "
        "(no such file: x.xlsx) [file-not-found]"
    )
    assert ReadinessError("plain").format_message(language="ru") == "plain"
