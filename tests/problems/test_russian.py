"""The registry in Russian: every code has a Russian meaning and action, and nothing else does."""

from __future__ import annotations

import re

import pytest

from readiness.problems import REGISTRY, lookup
from readiness.problems.russian import RUSSIAN

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# Tokens with a digit (2026-Q4, 1.234, #DIV/0!, cp1251, 64) and spans in backticks: the Russian
# text must say the same figures, forms and commands as the English one.
_FIGURE = re.compile(r"[\w#/.:-]*\d[\w#/.:!-]*")


def _figures(text: str) -> set[str]:
    found = {m.group().rstrip(".,;:") for m in _FIGURE.finditer(text)}
    return found | set(re.findall(r"`[^`]+`", text))


def test_every_code_has_russian_and_nothing_else_does() -> None:
    assert len(REGISTRY) > 100
    missing = sorted(set(REGISTRY) - set(RUSSIAN))
    extra = sorted(set(RUSSIAN) - set(REGISTRY))
    assert not missing, f"add a Russian meaning and action for {missing}"
    assert not extra, f"not registered codes with Russian text: {extra}"


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_russian_text_is_a_russian_sentence(code: str) -> None:
    entry = lookup(code)
    for english, russian in zip(
        (entry.meaning, entry.action), (entry.meaning_in("ru"), entry.action_in("ru")), strict=True
    ):
        assert CYRILLIC.search(russian), (code, russian)
        assert russian != english
        assert russian[:1].isupper() and russian.endswith("."), (code, russian)
        assert "\n" not in russian and "  " not in russian and len(russian) <= 200, russian
        assert '"' not in russian, f"Russian quotes are «…»: {russian}"
        assert russian.count("«") == russian.count("»"), russian
        assert not _figures(english) - _figures(russian), (code, english, russian)


def test_english_is_the_registry_text() -> None:
    for entry in REGISTRY.values():
        assert entry.meaning_in("en") == entry.meaning
        assert entry.action_in("en") == entry.action
        assert (entry.meaning_in("ru"), entry.action_in("ru")) == RUSSIAN[entry.code]


def test_excel_menu_paths_are_russian_excel_names() -> None:
    # English names a menu path in three actions; Russian names the same menus in Russian Excel.
    menus = {c: lookup(c).action_in("ru") for c in ("workbook-encrypted", "merged-cells")}
    assert "«Файл > Сведения > Защитить книгу" in menus["workbook-encrypted"]
    assert "«Главная > Объединить и поместить в центре" in menus["merged-cells"]
    assert "«CSV UTF-8 (разделитель — запятая)»" in lookup("file-encoding").action_in("ru")
    for code in REGISTRY:
        action = lookup(code).action_in("ru")
        assert not re.search(r"\b(File|Home|Info|Data) >", action), (code, action)
