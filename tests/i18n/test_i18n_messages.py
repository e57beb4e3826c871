"""`Text`: a detail message that is its English `str` and can say itself in another language."""

from __future__ import annotations

import json
import pickle

from readiness.i18n.messages import Text, fields, has_language, in_language, quote
from readiness.inputs.parse import CellError, describe, read_number


def test_a_text_is_its_english_string() -> None:
    text = Text.of("cell.text", text="great")
    assert text == "the text 'great'"
    assert isinstance(text, str)
    assert f"{text}!" == "the text 'great'!"
    assert type(f"{text}") is str
    assert json.dumps({"m": text}) == json.dumps({"m": "the text 'great'"})
    assert hash(text) == hash("the text 'great'")
    assert text.message_id == "cell.text"
    assert text.params == {"text": "great"}


def test_a_text_survives_pickling_with_its_id() -> None:
    text = Text.of("level.unknown", cell=describe("maybe"), labels=("A", "B"))
    again = pickle.loads(pickle.dumps(text))
    assert again == text and again.message_id == "level.unknown"
    assert again.in_language("ru") == text.in_language("ru")


def test_parameters_render_in_the_language() -> None:
    text = Text.of("level.unknown", cell=describe("может"), labels=("Нет", "Да"))
    assert text == "the text 'может' is not a level of this indicator; choose one of 'Нет', 'Да'"
    assert text.in_language("ru") == (
        "текст «может» не является уровнем этого индикатора; выберите один из уровней: «Нет», «Да»"
    )


def test_typed_text_is_quoted_as_typed_and_control_characters_are_shown() -> None:
    # Quotes, guillemets and Cyrillic stay exactly as typed; a line break is shown as \n, as
    # the English message's repr() shows it, so a message stays on one line.
    typed = "it's «x»\nстрока"
    ru = describe(typed).in_language("ru")
    assert ru == "текст «it's «x»\\nстрока»"
    assert quote("a'b", "ru") == "«a'b»" and quote("a'b", "en") == repr("a'b")


def test_a_plain_string_stays_english() -> None:
    assert not has_language("some message", "ru")
    assert has_language("some message", "en")
    assert in_language("some message", "ru") == "some message"
    assert has_language(Text.of("as-of.missing"), "ru")


def test_cell_errors_keep_their_text() -> None:
    try:
        read_number("12 kg")
    except CellError as exc:
        assert isinstance(exc.message, Text)
        assert str(exc) == exc.message
        assert "12 kg" in exc.message.in_language("ru")
    else:
        raise AssertionError("12 kg is not a number")


def test_fields() -> None:
    assert fields("{a!r} and {b} «{c}»") == {"a", "b", "c"}


def test_a_number_in_russian_prose_takes_a_decimal_comma() -> None:
    from readiness.i18n.messages import number_in

    assert number_in("3.2", "ru") == "3,2" and number_in("3.2", "en") == "3.2"
    assert number_in("12", "ru") == "12"
