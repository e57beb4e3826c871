"""A rubric's text in another language: the shipped Russian text covers rubric 2.0.0 exactly,
changes nothing but text, and every way a translation can be wrong is a located problem."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

import pytest

from readiness import api
from readiness.problems import ReadinessError
from readiness.results.export import to_csv_text
from readiness.rubric import load_rubric, parse_rubric
from readiness.rubric.model import Kind, Rubric
from readiness.rubric.translation import (
    Translation,
    is_translation,
    load_translation,
    parse_translation,
    translation_for,
    translation_path,
)
from readiness.sources import find_rubric

ROOT = Path(__file__).resolve().parents[2]
RUBRIC = ROOT / "rubrics" / "c5-critical-minerals.yaml"
RUSSIAN = ROOT / "rubrics" / "c5-critical-minerals.ru.yaml"
INPUTS = [
    ROOT / "inputs" / "c5-critical-minerals-2026-Q4.xlsx",
    ROOT / "inputs" / "c5-critical-minerals-reference-2026-Q4.xlsx",
]

# The fields of the rubric model a person reads; everything else is identity or method.
TEXT_FIELDS = {
    "title",
    "description",
    "name",
    "unit",
    "as_of_label",
    "rationale",
    "source_guidance",
    "label",
    "definition",
    "text",
    "source",
}


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric(RUBRIC)


@pytest.fixture(scope="module")
def russian(rubric: Rubric) -> Translation:
    translation = translation_for(RUBRIC, rubric, "ru")
    assert translation is not None
    return translation


# -- the shipped translation ---------------------------------------------------------------------


def _numbers(text: str) -> list[str]:
    """The numbers a text states, decimal comma or point alike, in sorted order."""
    return sorted(re.findall(r"\d+(?:\.\d+)?", re.sub(r"(\d),(\d)", r"\1.\2", text)))


def test_the_russian_rules_and_facts_state_the_english_numbers(
    rubric: Rubric, russian: Translation
) -> None:
    """A level definition is a rule applied to every country alike and a context fact is
    cited: their Russian must state exactly the English numbers (thresholds, years, shares)."""
    translated = russian.apply(rubric)
    pairs = [(a.text, b.text) for a, b in zip(rubric.context, translated.context, strict=True)]
    for en, ru in zip(rubric.indicators, translated.indicators, strict=True):
        pairs += [(a.definition, b.definition) for a, b in zip(en.scale, ru.scale, strict=True)]
    assert len(pairs) > 50
    assert [(en, ru) for en, ru in pairs if _numbers(en) != _numbers(ru)] == []
    assert _numbers("до 1,5 млн в 2024 г.") == ["1.5", "2024"]  # the check reads both forms


def test_the_shipped_russian_text_covers_rubric_2(rubric: Rubric, russian: Translation) -> None:
    assert (russian.language, russian.rubric, russian.version) == ("ru", rubric.id, "2.0.0")
    assert list(russian.units) == [u.id for u in rubric.units]  # references too, in order
    assert len(russian.units) == 9
    assert list(russian.nodes) == [n.id for n in rubric.nodes]
    assert list(russian.indicators) == [i.id for i in rubric.indicators]
    assert list(russian.bands) == [b.label for b in rubric.bands]
    assert len(russian.context) == len(rubric.context) == 4
    for ind in rubric.indicators:
        given = sorted(float(k) for k in russian.indicators[ind.id].levels)
        assert given == [lv.value for lv in ind.scale], ind.id
    levels = sum(len(t.levels) for t in russian.indicators.values())
    assert levels == sum(len(i.levels) for i in rubric.indicators) == 57


def test_country_names_and_terms_are_the_agreed_ones(rubric: Rubric, russian: Translation) -> None:
    assert russian.units == {
        "KAZ": "Казахстан",
        "KGZ": "Кыргызстан",
        "TJK": "Таджикистан",
        "TKM": "Туркменистан",
        "UZB": "Узбекистан",
        "AUS": "Австралия",
        "CAN": "Канада",
        "CHL": "Чили",
        "MNG": "Монголия",
    }
    assert russian.indicators["fdi_inflows"].unit == "% ВВП"
    assert "ИПДО (EITI)" in russian.indicators["extractives_transparency"].name
    assert "МФЦА (AIFC)" in russian.indicators["finance_centre"].rationale
    assert "Индекс эффективности логистики (LPI) Всемирного банка" in (
        russian.indicators["lpi_overall"].description
    )
    assert "Индикаторы качества государственного управления (WGI) Всемирного банка" in (
        russian.indicators["rule_of_law"].description
    )


# Text that may stay in Latin letters: rating symbols (the agencies' own scale, typed as is).
LATIN_ALLOWED = re.compile(r"^(AAA|AA[+-]?|A[+-]?|BBB[+-]?|BB[+-]?|B[+-]?|CCC[+-]?|CC|C|D)$")


def _texts(data: Any, path: str = "") -> list[tuple[str, str]]:
    """Every (path, text) of a translation's text fields."""
    out: list[tuple[str, str]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if path == "" and key in ("language", "rubric", "version"):
                continue
            out += _texts(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list | tuple):
        for k, value in enumerate(data):
            out += _texts(value, f"{path}[{k}]")
    elif isinstance(data, str) and data:
        out.append((path, data))
    return out


def _english_texts(data: Any) -> int:
    """How many non-empty text fields the rubric has (what a translation must give)."""
    if isinstance(data, dict):
        return sum(
            1 if k in TEXT_FIELDS and isinstance(v, str) and v else _english_texts(v)
            for k, v in data.items()
        )
    if isinstance(data, list | tuple):
        return sum(_english_texts(v) for v in data)
    return 0


def test_every_translated_text_is_russian(rubric: Rubric, russian: Translation) -> None:
    texts = _texts(russian.model_dump())
    assert len(texts) == _english_texts(rubric.model_dump()) == 253
    latin_only = [
        (path, text)
        for path, text in texts
        if not re.search("[А-Яа-яЁё]", text) and not LATIN_ALLOWED.match(text)
    ]
    assert latin_only == []
    # The rating symbols are the only exception, and only as labels.
    kept = [path for path, text in texts if LATIN_ALLOWED.match(text)]
    assert kept and all(p.startswith("indicators.sovereign_rating.levels.") for p in kept)
    assert all(p.endswith(".label") for p in kept)


def test_no_english_sentence_was_left_untranslated(rubric: Rubric, russian: Translation) -> None:
    """A text copied from the rubric instead of translated still has Cyrillic nowhere; a
    sentence left in English inside a Russian text shows as a run of English words outside
    parentheses and quotation marks (names and quoted titles are allowed there)."""
    english_run = re.compile(r"(?:\b[a-z]{3,}\b[ ,;]+){5,}")
    offenders = []
    for path, text in _texts(russian.model_dump()):
        bare = re.sub(r"\([^()]*\)|«[^«»]*»|https?://\S+", "", text)
        if english_run.search(bare):
            offenders.append((path, english_run.search(bare)))
    assert offenders == []


# -- apply: only text changes --------------------------------------------------------------------


def _blank_text(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: ("<text>" if k in TEXT_FIELDS else _blank_text(v)) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_blank_text(v) for v in data]
    return data


def test_apply_changes_the_text_and_nothing_else(rubric: Rubric, russian: Translation) -> None:
    translated = russian.apply(rubric)
    before, after = rubric.model_dump(), translated.model_dump()
    assert _blank_text(after) == _blank_text(before)  # ids, values, weights, order, methods
    assert translated.title == russian.title != rubric.title
    for unit in translated.units:
        assert unit.name == russian.units[unit.id]
    for node in translated.nodes:
        assert node.name == russian.nodes[node.id].name
        assert node.rationale == russian.nodes[node.id].rationale
    for ind, english in zip(translated.indicators, rubric.indicators, strict=True):
        text = russian.indicators[ind.id]
        assert (ind.name, ind.unit, ind.description) == (text.name, text.unit, text.description)
        assert (ind.as_of_label, ind.source_guidance) == (text.as_of_label, text.source_guidance)
        for level, old in zip(ind.levels, english.levels, strict=True):
            assert level.value == old.value
            assert level.label == text.levels[_key(level.value)].label
            assert level.definition == text.levels[_key(level.value)].definition
    for band, old in zip(translated.bands, rubric.bands, strict=True):
        assert (band.label, band.min) == (russian.band_label(old.label), old.min)
    assert [c.text for c in translated.context] == [c.text for c in russian.context]
    # Derived views answer from the translated text, not a cache of the English one.
    assert translated.indicator_by_id["rule_of_law"].name == "Верховенство права (WGI)"
    assert translated.root.name == russian.nodes["index"].name


def _key(value: float) -> str:
    return f"{value:g}"


def test_scores_with_the_translated_rubric_are_byte_identical(
    rubric: Rubric, russian: Translation
) -> None:
    values = api.load_values(INPUTS, rubric)
    english = api.score(rubric, values)
    translated = api.score(russian.apply(rubric), values)
    for frame in ("raw", "normalised", "scores", "coverage", "ranks", "contributions"):
        a, b = getattr(english, frame), getattr(translated, frame)
        assert a.to_csv() == b.to_csv(), frame
    # The band is the same band, named in the language; mapped back, the CSV is the same bytes.
    bands = {russian.band_label(b.label): b.label for b in rubric.bands}
    back = translated.tidy()
    assert set(back["band"].dropna()) - {""} <= set(bands)
    assert set(english.tidy()["band"].dropna()) - {""}  # there are bands to compare
    text = to_csv_text(translated)
    for russian_label, english_label in bands.items():
        text = text.replace(f",{russian_label},", f",{english_label},")
    assert text == to_csv_text(english)


def test_apply_refuses_another_rubric(russian: Translation) -> None:
    other = load_rubric(ROOT / "rubrics" / "archive" / "c5-critical-minerals-1.0.0.yaml")
    with pytest.raises(ReadinessError) as info:
        russian.apply(other)
    assert [p.code for p in info.value.problems] == ["translation-rubric-mismatch"]


# -- level aliases -------------------------------------------------------------------------------


def test_level_aliases_map_every_translated_label_to_its_value(
    rubric: Rubric, russian: Translation
) -> None:
    aliases = russian.level_aliases()
    categorical = [i for i in rubric.indicators if i.kind is not Kind.NUMERIC]
    assert set(aliases) == {i.id for i in categorical}
    assert aliases["finance_centre"] == {
        "Площадки общего права нет": 0.0,
        "Создается": 1.0,
        "Действует": 2.0,
    }
    assert aliases["sovereign_rating"]["BBB-"] == 12.0
    for ind in categorical:
        assert sorted(aliases[ind.id].values()) == [lv.value for lv in ind.scale]


def test_every_typed_label_names_one_level(rubric: Rubric, russian: Translation) -> None:
    """English and Russian labels together: no two levels of an indicator read alike."""
    aliases = russian.level_aliases()
    for ind in rubric.indicators:
        if ind.id not in aliases:
            continue
        reads: dict[str, set[float]] = {}
        pairs = [*((lv.label, lv.value) for lv in ind.scale), *aliases[ind.id].items()]
        for label, value in pairs:
            reads.setdefault(re.sub(r"\s+", "", label).casefold(), set()).add(value)
        assert all(len(v) == 1 for v in reads.values()), ind.id


# -- finding a translation -----------------------------------------------------------------------


def test_english_needs_no_translation(rubric: Rubric) -> None:
    assert translation_for(RUBRIC, rubric, "en") is None


def test_translation_lives_beside_the_rubric(tmp_path: Path) -> None:
    assert translation_path(RUBRIC, "ru") == RUSSIAN
    archived = tmp_path / "archive" / "c5-critical-minerals-1.0.0.yaml"
    assert translation_path(archived, "ru").name == "c5-critical-minerals-1.0.0.ru.yaml"
    assert is_translation(RUSSIAN) and not is_translation(RUBRIC)


def test_a_missing_translation_is_a_located_error(tmp_path: Path, rubric: Rubric) -> None:
    path = tmp_path / "c5-critical-minerals.yaml"
    with pytest.raises(ReadinessError) as info:
        translation_for(path, rubric, "ru")
    assert [p.key() for p in info.value.problems] == [
        (str(tmp_path / "c5-critical-minerals.ru.yaml"), "translation-not-found")
    ]


def test_the_rubric_finder_ignores_translations(tmp_path: Path) -> None:
    (tmp_path / "rubrics").mkdir()
    for path in (RUBRIC, RUSSIAN):
        (tmp_path / "rubrics" / path.name).write_bytes(path.read_bytes())
    assert find_rubric(tmp_path) == tmp_path / "rubrics" / RUBRIC.name


# -- every error located -------------------------------------------------------------------------

SMALL = """
id: small
title: Small rubric
version: '1'
units:
  - {id: AAA, name: Aland}
  - {id: BBB, name: Bland, role: reference}
nodes:
  - {id: idx, name: Index, description: The whole.}
  - {id: p, name: Pillar, parent: idx}
indicators:
  - {id: n, name: Number, parent: p, unit: '% of GDP', rationale: Why.}
  - id: c
    name: Choice
    parent: p
    kind: categorical
    levels:
      - {value: 0, label: none, definition: Nothing.}
      - {value: 1, label: some, definition: Something.}
      - {value: 2.5, label: full, definition: Everything.}
  - {id: y, name: Yes or no, parent: p, kind: yes_no}
bands:
  - {label: Good, min: 50, description: Fine.}
  - {label: Bad, min: 0}
"""

GOOD = """
language: ru
rubric: small
version: '1'
title: Малая рубрика
units: {AAA: Аланд, BBB: Бланд}
nodes:
  idx: {name: Индекс, description: Целое.}
  p: {name: Компонент}
indicators:
  n: {name: Число, unit: '% ВВП', rationale: Почему.}
  c:
    name: Выбор
    levels:
      0: {label: нет, definition: Ничего.}
      1: {label: частично, definition: Кое-что.}
      2.5: {label: полностью, definition: Все.}
  y:
    name: Да или нет
    levels:
      0: {label: нет, definition: Нет.}
      1: {label: да, definition: Да.}
bands:
  Good: {label: Хорошо, description: Хорошо.}
  Bad: {label: Плохо}
"""


@pytest.fixture(scope="module")
def small() -> Rubric:
    return parse_rubric(textwrap.dedent(SMALL).lstrip("\n"), "small.yaml")


def keys(text: str, rubric: Rubric) -> list[tuple[str, str]]:
    with pytest.raises(ReadinessError) as info:
        parse_translation(textwrap.dedent(text).lstrip("\n"), rubric, "t.yaml")
    return [p.key() for p in info.value.problems]


def edited(old: str, new: str) -> str:
    text = textwrap.dedent(GOOD).lstrip("\n")
    assert old in text
    return text.replace(old, new, 1)


def test_a_complete_translation_loads_and_applies(small: Rubric) -> None:
    t = parse_translation(textwrap.dedent(GOOD).lstrip("\n"), small, "t.yaml")
    r = t.apply(small)
    assert [u.name for u in r.units] == ["Аланд", "Бланд"]
    assert r.indicator_by_id["c"].levels[2].label == "полностью"
    assert r.indicator_by_id["c"].levels[2].value == 2.5
    # A yes/no indicator's implicit levels are written out, with the same values.
    assert [(lv.value, lv.label) for lv in r.indicator_by_id["y"].scale] == [
        (0, "нет"),
        (1, "да"),
    ]
    assert r.indicator_by_id["y"].effective_normalisation == (
        small.indicator_by_id["y"].effective_normalisation
    )
    assert t.level_aliases() == {
        "c": {"нет": 0.0, "частично": 1.0, "полностью": 2.5},
        "y": {"нет": 0.0, "да": 1.0},
    }
    assert r.band_for(60) == "Хорошо" and small.band_for(60) == "Good"


def test_wrong_rubric_version_and_language_are_located(small: Rubric) -> None:
    text = edited(
        "language: ru\nrubric: small\nversion: '1'", "language: en\nrubric: big\nversion: '2'"
    )
    assert keys(text, small) == [
        ("t.yaml:1:11 language", "translation-rubric-mismatch"),
        ("t.yaml:2:9 rubric", "translation-rubric-mismatch"),
        ("t.yaml:3:10 version", "translation-rubric-mismatch"),
    ]
    # A version written as a number is not the rubric's version text (and is reported with the
    # rest).
    assert keys(text.replace("version: '2'", "version: 2"), small) == [
        ("t.yaml:1:11 language", "translation-rubric-mismatch"),
        ("t.yaml:2:9 rubric", "translation-rubric-mismatch"),
        ("t.yaml:3:10 version", "translation-invalid"),
    ]


def test_missing_items_are_located_at_their_section(small: Rubric) -> None:
    text = edited("units: {AAA: Аланд, BBB: Бланд}", "units: {AAA: Аланд}")
    text = text.replace("  p: {name: Компонент}\n", "")
    text = text.replace("      2.5: {label: полностью, definition: Все.}\n", "")
    text = text.replace("  Bad: {label: Плохо}\n", "")
    assert keys(text, small) == [
        ("t.yaml:5:8 units", "translation-missing"),  # the reference unit BBB
        ("t.yaml:7:3 nodes", "translation-missing"),  # node p
        ("t.yaml:13:7 indicators.c.levels", "translation-missing"),  # level 2.5
        ("t.yaml:21:3 bands", "translation-missing"),  # band Bad
    ]


def test_a_missing_indicator_and_a_missing_field_together(small: Rubric) -> None:
    text = edited("  n: {name: Число, unit: '% ВВП', rationale: Почему.}\n", "")
    text = text.replace("title: Малая рубрика\n", "")
    assert keys(text, small) == [
        ("t.yaml:1:1 title", "translation-missing"),  # a field the file format requires
        ("t.yaml:9:3 indicators", "translation-missing"),  # indicator n
    ]


def test_extra_items_are_located_at_their_key(small: Rubric) -> None:
    text = edited("units: {AAA: Аланд, BBB: Бланд}", "units: {AAA: Аланд, BBB: Бланд, CCC: Лишняя}")
    text = text.replace("  p: {name: Компонент}\n", "  p: {name: Компонент}\n  q: {name: Лишний}\n")
    text = text.replace(
        "      1: {label: да, definition: Да.}\n",
        "      1: {label: да, definition: Да.}\n      2: {label: может быть, definition: Может.}\n",
    )
    text = text.replace("  Bad: {label: Плохо}\n", "  Bad: {label: Плохо}\n  Ugly: {label: Ужас}\n")
    assert keys(text, small) == [
        ("t.yaml:5:33 units.CCC", "translation-unknown"),
        ("t.yaml:9:3 nodes.q", "translation-unknown"),
        ("t.yaml:23:7 indicators.y.levels.2", "translation-unknown"),
        ("t.yaml:27:3 bands.Ugly", "translation-unknown"),
    ]


def test_a_missing_section_is_reported_once(small: Rubric) -> None:
    text = edited("units: {AAA: Аланд, BBB: Бланд}\n", "")
    text = text[: text.index("indicators:")]
    with pytest.raises(ReadinessError) as info:
        parse_translation(text, small, "t.yaml")
    assert [(p.key(), p.message) for p in info.value.problems] == [
        (("t.yaml:1:1", "translation-missing"), "no bands: translate every band"),
        (("t.yaml:1:1", "translation-missing"), "no indicators: translate every indicator"),
        (("t.yaml:1:1", "translation-missing"), "no units: translate every unit"),
    ]


def test_an_unknown_indicator_a_non_numeric_level_and_a_typo(small: Rubric) -> None:
    text = edited("  n: {name: Число,", "  m: {name: Другое}\n  n: {nmae: Ч, name: Число,")
    text = text.replace("      0: {label: нет,", "      zero: {label: нет,", 1)
    assert keys(text, small) == [
        ("t.yaml:10:3 indicators.m", "translation-unknown"),
        ("t.yaml:11:7 indicators.n.nmae", "translation-unknown"),  # a field typo
        ("t.yaml:15:7 indicators.c.levels.zero", "translation-unknown"),
        ("t.yaml:15:7 indicators.c.levels", "translation-missing"),  # level 0
    ]


def test_texts_are_translated_exactly_where_the_rubric_has_them(small: Rubric) -> None:
    text = edited("  idx: {name: Индекс, description: Целое.}", "  idx: {name: Индекс}")
    text = text.replace("  p: {name: Компонент}", "  p: {name: Компонент, rationale: Лишнее.}")
    text = text.replace(" unit: '% ВВП',", "")
    assert keys(text, small) == [
        ("t.yaml:7:8 nodes.idx", "translation-missing"),  # description
        ("t.yaml:8:35 nodes.p.rationale", "translation-unknown"),  # the rubric has none
        ("t.yaml:10:6 indicators.n", "translation-missing"),  # unit
    ]


def test_labels_that_read_alike_are_a_clash(small: Rubric) -> None:
    text = edited("1: {label: частично,", "1: {label: ' НЕТ ',")  # as level 0's, case and spaces
    text = text.replace("2.5: {label: полностью,", "2.5: {label: Some,")  # level 1's English label
    text = text.replace("1: {label: да,", "1: {label: не найдено,")  # reads as 'not found'
    assert keys(text, small) == [
        ("t.yaml:15:18 indicators.c.levels.1.label", "translation-label-clash"),
        ("t.yaml:16:20 indicators.c.levels.2.5.label", "translation-label-clash"),
        ("t.yaml:21:18 indicators.y.levels.1.label", "translation-label-clash"),
    ]


def test_a_label_may_repeat_its_own_english_label(small: Rubric) -> None:
    text = edited("2.5: {label: полностью,", "2.5: {label: FULL,")
    t = parse_translation(text, small, "t.yaml")
    assert t.level_aliases()["c"]["FULL"] == 2.5


def test_empty_text_wrong_types_and_context(small: Rubric) -> None:
    text = edited("1: {label: частично,", "1: {label: '',")
    text = text.replace("  p: {name: Компонент}", "  p: {name: [Компонент]}")
    text += "context:\n  - {text: Факт., source: Источник.}\n"
    assert keys(text, small) == [
        ("t.yaml:8:13 nodes.p.name", "translation-invalid"),
        ("t.yaml:15:18 indicators.c.levels.1.label", "translation-invalid"),
        ("t.yaml:26:3 context", "translation-unknown"),  # the rubric cites no context
    ]


def test_yaml_problems_are_located(small: Rubric) -> None:
    assert keys("units: {AAA: [x\n", small) == [("t.yaml:2:1", "yaml-syntax")]
    assert keys("- a list\n", small) == [("t.yaml:1:1", "translation-invalid")]
    text = edited("  p: {name: Компонент}", "  p: {name: Компонент}\n  p: {name: Снова}")
    assert ("t.yaml:9:3", "yaml-duplicate-key") in keys(text, small)


def test_the_file_names_its_language(tmp_path: Path, small: Rubric) -> None:
    rubric_path = tmp_path / "small.yaml"
    path = tmp_path / "small.ru.yaml"
    path.write_text(edited("language: ru", "language: de"), encoding="utf-8")
    with pytest.raises(ReadinessError) as info:
        translation_for(rubric_path, small, "ru")
    assert [p.key() for p in info.value.problems] == [
        (f"{path}:1:11 language", "translation-rubric-mismatch")
    ]
    path.write_bytes(b"\xff\xfe bad")
    with pytest.raises(ReadinessError) as info:
        load_translation(path, small)
    assert [p.code for p in info.value.problems] == ["file-encoding"]
