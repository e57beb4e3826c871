"""The `template` and `validate` commands: exit codes, output, and no traceback on bad files."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cli_support  # noqa: F401 (puts the workbook tests' helpers on sys.path)
import pytest
import workbook_support
from click.testing import CliRunner, Result
from workbook_support import HERE

from readiness.cli.workbook import template, validate

RUBRIC = str(HERE / "rubric.yaml")

# The workbook tests' fixtures: a filled workbook of their small rubric.
rubric = workbook_support.rubric
template_workbook = workbook_support.template_workbook
make_workbook = workbook_support.make_workbook
Make = Callable[..., Path]


def run(command: Any, *args: str) -> Result:
    return CliRunner().invoke(command, [*args], catch_exceptions=True)


def assert_clean_exit(result: Result, code: int) -> None:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    if code:
        assert isinstance(result.exception, SystemExit)


def test_template_writes_a_workbook(tmp_path: Path) -> None:
    out = tmp_path / "inputs" / "2026-Q4.xlsx"
    result = run(template, "--rubric", RUBRIC, "--period", "2026-Q4", "-o", str(out))
    assert_clean_exit(result, 0)
    assert out.is_file()
    assert f"wrote {out}" in result.output
    again = tmp_path / "2027-Q1.xlsx"
    result = run(template, "--rubric", RUBRIC, "--period", "2027-Q1", "-o", str(again),
                 "--from", str(out))  # fmt: skip
    assert_clean_exit(result, 0)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "2026-Q9"], "bad-period"),
        (["--period", "2026-Q4", "--from", "nope.xlsx"], "file-not-found"),
    ],
)
def test_template_user_errors_exit_1(tmp_path: Path, args: list[str], message: str) -> None:
    result = run(template, "--rubric", RUBRIC, "-o", str(tmp_path / "x.xlsx"), *args)
    assert_clean_exit(result, 1)
    assert message in result.output


def test_validate_clean_workbook_exits_0(make_workbook: Make) -> None:
    result = run(validate, "--rubric", RUBRIC, str(make_workbook()))
    assert_clean_exit(result, 0)
    assert "0 errors, 0 warnings" in result.stderr
    assert result.stdout == ""


def test_validate_warnings_pass_unless_strict(make_workbook: Make) -> None:
    def no_source(book: Any) -> None:
        book["Values"]["I2"] = None

    path = make_workbook(no_source)
    result = run(validate, "--rubric", RUBRIC, str(path))
    assert_clean_exit(result, 0)
    assert "missing-source" in result.stdout
    strict = run(validate, "--rubric", RUBRIC, "--strict", str(path))
    assert_clean_exit(strict, 1)
    assert "--strict" in strict.stderr


def test_validate_errors_exit_1_with_the_table(make_workbook: Make) -> None:
    def damage(book: Any) -> None:
        book["Values"]["G2"] = 140
        book["Values"]["H3"] = "soon"

    path = make_workbook(damage)
    result = run(validate, "--rubric", RUBRIC, str(path))
    assert_clean_exit(result, 1)
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["location", "severity", "code", "message"]
    assert lines[1].split()[:3] == [f"{path}!Values!G2", "error", "out-of-limits"]
    assert lines[2].split()[:3] == [f"{path}!Values!H3", "error", "bad-date"]
    assert "2 errors, 0 warnings" in result.stderr


def test_validate_json_and_annotate(make_workbook: Make, tmp_path: Path) -> None:
    def damage(book: Any) -> None:
        book["Values"]["G2"] = 140

    path = make_workbook(damage)
    out = tmp_path / "checked.xlsx"
    result = run(
        validate, "--rubric", RUBRIC, "--format", "json", "--annotate", str(out), str(path)
    )
    assert_clean_exit(result, 1)
    data = json.loads(result.stdout)
    assert [(p["cell"], p["code"]) for p in data["problems"]] == [("G2", "out-of-limits")]
    assert out.is_file()


def test_validate_wrong_period(make_workbook: Make) -> None:
    result = run(validate, "--rubric", RUBRIC, "--period", "2026-Q3", str(make_workbook()))
    assert_clean_exit(result, 1)
    assert "wrong-period" in result.stdout


@pytest.mark.parametrize(
    "content",
    [b"", b"plain text, not a workbook\n", os.urandom(4096), b"PK\x03\x04" + os.urandom(500)],
    ids=["empty", "text", "random", "random-zip-header"],
)
def test_validate_non_workbooks_exit_1_without_traceback(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "values.xlsx"
    path.write_bytes(content)
    result = run(validate, "--rubric", RUBRIC, str(path))
    assert_clean_exit(result, 1)
    assert ("workbook-unreadable" if content else "file-empty") in result.stdout
    annotated = run(validate, "--rubric", RUBRIC, "--annotate", str(tmp_path / "o.xlsx"), str(path))
    assert_clean_exit(annotated, 1)


def test_validate_missing_file_and_rubric(tmp_path: Path) -> None:
    result = run(validate, "--rubric", RUBRIC, str(tmp_path / "none.xlsx"))
    assert_clean_exit(result, 1)
    assert "file-not-found" in result.stdout
    result = run(validate, "--rubric", str(tmp_path / "none.yaml"), str(tmp_path / "none.xlsx"))
    assert_clean_exit(result, 1)
    assert "file-not-found" in result.output


def test_validate_malformed_period_option(make_workbook: Make) -> None:
    result = run(validate, "--rubric", RUBRIC, "--period", "Q4", str(make_workbook()))
    assert_clean_exit(result, 1)
    assert "bad-period" in result.output


@pytest.mark.parametrize("command", [template, validate])
def test_commands_have_help_with_an_example(command: Any) -> None:
    result = run(command, "--help")
    assert_clean_exit(result, 0)
    assert "Example:" in result.output


def test_template_never_writes_over_its_own_inputs(tmp_path: Path) -> None:
    rubric = tmp_path / "rubric.yaml"
    rubric.write_bytes(Path(RUBRIC).read_bytes())
    previous = tmp_path / "2026-Q4.xlsx"
    assert_clean_exit(
        run(template, "--rubric", str(rubric), "--period", "2026-Q4", "-o", str(previous)), 0
    )
    before = previous.read_bytes(), rubric.read_bytes()
    for out in (previous, rubric):
        result = run(template, "--rubric", str(rubric), "--period", "2027-Q1", "-o", str(out),
                     "--from", str(previous))  # fmt: skip
        assert_clean_exit(result, 1)
        assert "output-is-input" in result.output
    assert (previous.read_bytes(), rubric.read_bytes()) == before


@pytest.mark.parametrize("period", ["２０２６-Q4", "2026-Q٤"])
def test_template_period_digits_must_be_ascii(tmp_path: Path, period: str) -> None:
    result = run(template, "--rubric", RUBRIC, "--period", period, "-o", str(tmp_path / "x.xlsx"))
    assert_clean_exit(result, 1)
    assert "bad-period" in result.output


def test_validate_never_annotates_over_the_rubric(make_workbook: Make, tmp_path: Path) -> None:
    rubric = tmp_path / "rubric.yaml"
    rubric.write_bytes(Path(RUBRIC).read_bytes())
    result = run(validate, "--rubric", str(rubric), str(make_workbook()), "--annotate", str(rubric))
    assert_clean_exit(result, 1)
    assert "output-is-input" in result.output
    assert rubric.read_bytes() == Path(RUBRIC).read_bytes()


SHIPPED_RUBRIC = HERE.parents[1] / "rubrics" / "c5-critical-minerals.yaml"


def test_template_lang_ru_writes_the_russian_workbook_and_validate_reads_it(
    tmp_path: Path,
) -> None:
    import openpyxl

    from readiness.i18n.workbook import RU

    out = tmp_path / "ru.xlsx"
    result = run(template, "--rubric", str(SHIPPED_RUBRIC), "--period", "2026-Q4",
                 "-o", str(out), "--lang", "ru")  # fmt: skip
    assert_clean_exit(result, 0)
    assert openpyxl.load_workbook(out).sheetnames[:2] == [RU.sheets["instructions"],
                                                          RU.sheets["values"]]  # fmt: skip
    # read without being told its language: a blank workbook has warnings only (no values)
    checked = run(validate, "--rubric", str(SHIPPED_RUBRIC), str(out), "--lang", "ru")
    assert_clean_exit(checked, 0)
    assert "missing-value" in checked.output
    assert "missing-sheet" not in checked.output and "missing-column" not in checked.output


def test_template_lang_needs_a_translation_beside_the_rubric(tmp_path: Path) -> None:
    result = run(template, "--rubric", RUBRIC, "--period", "2026-Q4",
                 "-o", str(tmp_path / "x.xlsx"), "--lang", "ru")  # fmt: skip
    assert_clean_exit(result, 1)
    assert "translation-not-found" in result.output
    assert not (tmp_path / "x.xlsx").exists()


def test_an_unknown_language_is_a_usage_error(tmp_path: Path) -> None:
    result = run(template, "--rubric", RUBRIC, "--period", "2026-Q4",
                 "-o", str(tmp_path / "x.xlsx"), "--lang", "de")  # fmt: skip
    assert result.exit_code == 2
    assert "'de' is not one of 'en', 'ru'" in result.output


def test_validate_lang_ru_lists_the_problems_and_annotates_in_russian(
    make_workbook: Make, tmp_path: Path
) -> None:
    import openpyxl

    from readiness.i18n.workbook import RU

    def damage(book: Any) -> None:
        book["Values"]["G2"] = "lots"  # not a number, not a level: an error

    path = make_workbook(damage)
    annotated = tmp_path / "checked.xlsx"
    english = run(validate, "--rubric", RUBRIC, str(path))
    result = run(validate, "--rubric", RUBRIC, str(path), "--lang", "ru",
                 "--annotate", str(annotated))  # fmt: skip
    assert_clean_exit(result, 1)
    assert english.output != result.output
    assert re.search("[А-Яа-я]", result.output)
    assert RU.sheets["problems"] in openpyxl.load_workbook(annotated).sheetnames
    as_json = json.loads(run(validate, "--rubric", RUBRIC, str(path), "--lang", "ru",
                             "--format", "json").stdout)  # fmt: skip
    assert as_json["language"] == "ru"
