"""`readiness run --lang ru`: next period's workbook in Russian, its carried cells as typed, and
a run key that tells the languages apart (an English run keeps the key it always had)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from readiness import api
from readiness.cycle import fingerprint
from readiness.cycle.pipeline import _next_workbook
from readiness.cycle.plan import make_plan
from readiness.i18n.workbook import RU

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "inputs" / "c5-critical-minerals-2026-Q4.xlsx"


def test_next_periods_workbook_in_russian_reads_as_the_english_one(tmp_path: Path) -> None:
    words = {}
    for language in ("en", "ru"):
        plan = make_plan(root=ROOT, inputs=[SHIPPED], language=language)
        rubric = plan.rubric.rubric
        folder = tmp_path / language
        folder.mkdir()
        values = api.load_values(SHIPPED, rubric)
        _next_workbook(folder, plan, values)
        (made,) = folder.iterdir()
        assert made.name == "next-period-2027-Q1.xlsx"
        words[language] = api.load_values(made, rubric, rubric_path=plan.rubric.path)
        if language == "ru":
            book = openpyxl.load_workbook(made)
            assert RU.sheets["values"] in book.sheetnames
    assert words["ru"].table.equals(words["en"].table)
    assert words["ru"].period == words["en"].period == "2027-Q1"


def test_the_run_key_tells_the_languages_apart_and_english_keeps_its_key() -> None:
    en = make_plan(root=ROOT, inputs=[SHIPPED])
    ru = make_plan(root=ROOT, inputs=[SHIPPED], language="ru")
    en_prints, ru_prints = fingerprint.compute(en), fingerprint.compute(ru)
    assert en_prints.language == {}
    assert ru_prints.language["language"] == "ru"
    assert [e["file"] for e in ru_prints.language["translation"]] == [
        "rubrics/c5-critical-minerals.ru.yaml"
    ]
    assert en_prints.key("h") != ru_prints.key("h")


def test_a_language_without_a_translation_stops_the_run_before_any_work(tmp_path: Path) -> None:
    from readiness.cycle.pipeline import run
    from readiness.problems import ReadinessError

    rubric = tmp_path / "rubrics" / "c5-critical-minerals.yaml"
    rubric.parent.mkdir()
    rubric.write_bytes((ROOT / "rubrics" / "c5-critical-minerals.yaml").read_bytes())
    plan = make_plan(
        root=tmp_path, rubric=rubric, inputs=[SHIPPED], out=tmp_path / "reports", language="ru"
    )
    with pytest.raises(ReadinessError) as caught:
        run(plan)
    assert "translation-not-found" in str(caught.value.format_message())
    assert not (tmp_path / "reports").exists()
