"""Level labels in other languages (readiness.workbook.levels)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from readiness import api
from readiness.problems import ReadinessError
from readiness.workbook.levels import aliases_beside, folded_aliases, merge_aliases

ROOT = Path(__file__).resolve().parents[2]
RUBRIC = ROOT / "rubrics" / "c5-critical-minerals.yaml"


def test_folded_aliases_ignore_case_and_spaces() -> None:
    assert folded_aliases({"a": {"  Частично  по правилам ": 1.0}}) == {
        "a": {"частично по правилам": 1.0}
    }
    assert folded_aliases(None) == {}


def test_merge_aliases_joins_languages() -> None:
    assert merge_aliases({"a": {"x": 1.0}}, {"a": {"y": 2.0}, "b": {"z": 0.0}}) == {
        "a": {"x": 1.0, "y": 2.0},
        "b": {"z": 0.0},
    }


def test_the_shipped_rubric_has_russian_labels_for_every_level() -> None:
    rubric = api.load_rubric(RUBRIC)
    found = aliases_beside(RUBRIC, rubric)
    assert set(found) == {"ru"}
    for ind in rubric.indicators:
        if ind.scale:
            assert sorted(found["ru"][ind.id].values()) == sorted(lv.value for lv in ind.scale)


def test_no_translation_beside_the_rubric_means_no_aliases(tmp_path: Path) -> None:
    copy = tmp_path / "c5.yaml"
    shutil.copyfile(RUBRIC, copy)
    assert aliases_beside(copy, api.load_rubric(copy)) == {}


def test_a_broken_translation_is_a_located_error(tmp_path: Path) -> None:
    copy = tmp_path / "c5.yaml"
    shutil.copyfile(RUBRIC, copy)
    (tmp_path / "c5.ru.yaml").write_text("language: ru\nrubric: other\n", encoding="utf-8")
    with pytest.raises(ReadinessError) as caught:
        aliases_beside(copy, api.load_rubric(copy))
    assert any(p.location.file.endswith("c5.ru.yaml") for p in caught.value.problems) or (
        "c5.ru.yaml" in str(caught.value)
    )
