"""The committed JSON Schema is current, and every rubric we ship validates against it.

Editors autocomplete and check rubric YAML with rubrics/rubric.schema.json; if the model changes
and the schema is not regenerated (`readiness rubric schema > rubrics/rubric.schema.json`),
these tests fail.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from readiness.rubric import json_schema, load_rubric
from readiness.rubric.translation import is_translation
from readiness.rubric.translation import json_schema as translation_schema

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_FILE = ROOT / "rubrics" / "rubric.schema.json"
RUBRICS = [
    *sorted(p for p in (ROOT / "rubrics").glob("*.yaml") if not is_translation(p)),
    *sorted(p for p in (ROOT / "rubrics" / "archive").glob("*.yaml") if not is_translation(p)),
    ROOT / "tests" / "conformance" / "asem.yaml",
]


def test_committed_schema_is_not_stale() -> None:
    committed = SCHEMA_FILE.read_text(encoding="utf-8")
    assert committed == json_schema(), (
        "rubrics/rubric.schema.json is stale: run "
        "`readiness rubric schema > rubrics/rubric.schema.json`"
    )


def test_schema_is_a_2020_12_schema_for_the_rubric() -> None:
    schema = json.loads(json_schema())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"id", "title", "version", "nodes", "indicators"}


def test_there_are_rubrics_to_check() -> None:
    assert any(p.name == "c5-critical-minerals.yaml" for p in RUBRICS)


@pytest.mark.parametrize("path", RUBRICS, ids=lambda p: p.name)
def test_rubric_loads(path: Path) -> None:
    rubric = load_rubric(path)
    assert rubric.indicators and rubric.nodes


@pytest.mark.parametrize("path", RUBRICS, ids=lambda p: p.name)
def test_rubric_validates_against_the_json_schema(path: Path) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert _errors(data, schema, schema, "") == []


def test_the_schema_check_can_fail() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    data = {
        "id": "9bad",
        "title": "",
        "version": "1",
        "nodes": [{"id": "idx", "name": "I", "aggregation": "median"}],
        "indicators": [
            {"id": "a", "name": "A", "parent": "idx", "direction": 2, "weight": -1, "x": 1},
            {"id": "b", "name": "B", "parent": "idx", "normalisation": {"method": "sigmoid"}},
        ],
    }
    assert sorted(_errors(data, schema, schema, "")) == [
        "/id: pattern",
        "/indicators/0/direction: enum",
        "/indicators/0/weight: minimum",
        "/indicators/0/x: unexpected",
        "/indicators/1/normalisation: no alternative",
        "/nodes/0/aggregation: enum",
        "/title: minLength",
    ]


TRANSLATION_SCHEMA = ROOT / "rubrics" / "translation.schema.json"
TRANSLATIONS = sorted(p for p in (ROOT / "rubrics").rglob("*.yaml") if is_translation(p))


def test_committed_translation_schema_is_not_stale() -> None:
    assert TRANSLATION_SCHEMA.read_text(encoding="utf-8") == translation_schema(), (
        "rubrics/translation.schema.json is stale: run "
        "`readiness rubric schema --translation > rubrics/translation.schema.json`"
    )


def test_there_are_translations_to_check() -> None:
    assert [p.name for p in TRANSLATIONS] == ["c5-critical-minerals.ru.yaml"]


@pytest.mark.parametrize("path", TRANSLATIONS, ids=lambda p: p.name)
def test_translation_validates_against_its_schema(path: Path) -> None:
    schema = json.loads(TRANSLATION_SCHEMA.read_text(encoding="utf-8"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=translation.schema.json"
    )
    assert _errors(data, schema, schema, "") == []


def test_the_translation_schema_check_can_fail() -> None:
    schema = json.loads(TRANSLATION_SCHEMA.read_text(encoding="utf-8"))
    data = {
        "language": "ru",
        "rubric": "x",
        "version": "1",
        "title": "",
        "nodes": {"idx": {"name": "Индекс", "weight": 2}},
        "indicators": {"a": {"name": "А", "levels": {"0": {"label": "нет"}}}},
    }
    assert sorted(_errors(data, schema, schema, "")) == [
        "/indicators/a/levels/0/definition: required",
        "/nodes/idx/weight: unexpected",
        "/title: minLength",
    ]


# A small JSON Schema (2020-12) checker for the keywords pydantic emits: enough to show the
# schema accepts what the model accepts, without adding a dependency.

_TYPES: dict[str, Any] = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "null": type(None),
}


def _errors(data: Any, node: dict[str, Any], root: dict[str, Any], at: str) -> list[str]:
    if "$ref" in node:
        name = node["$ref"].removeprefix("#/$defs/")
        return _errors(data, root["$defs"][name], root, at)
    for key in ("anyOf", "oneOf"):
        if key in node:
            passing = [alt for alt in node[key] if not _errors(data, alt, root, at)]
            ok = len(passing) >= 1 if key == "anyOf" else len(passing) == 1
            return [] if ok else [f"{at}: no alternative"]
    out: list[str] = []
    if "type" in node:
        expected = _TYPES[node["type"]]
        if isinstance(data, bool) and node["type"] in ("integer", "number"):
            return [f"{at}: type"]
        if not isinstance(data, expected):
            return [f"{at}: type"]
    if "enum" in node and data not in node["enum"]:
        out.append(f"{at}: enum")
    if "const" in node and data != node["const"]:
        out.append(f"{at}: const")
    if isinstance(data, str):
        if len(data) < node.get("minLength", 0):
            out.append(f"{at}: minLength")
        if len(data) > node.get("maxLength", len(data)):
            out.append(f"{at}: maxLength")
        if "pattern" in node and not re.search(node["pattern"], data):
            out.append(f"{at}: pattern")
    if isinstance(data, int | float) and not isinstance(data, bool):
        if "minimum" in node and data < node["minimum"]:
            out.append(f"{at}: minimum")
        if "maximum" in node and data > node["maximum"]:
            out.append(f"{at}: maximum")
        if "exclusiveMinimum" in node and data <= node["exclusiveMinimum"]:
            out.append(f"{at}: exclusiveMinimum")
    if isinstance(data, dict):
        props = node.get("properties", {})
        for name in node.get("required", []):
            if name not in data:
                out.append(f"{at}/{name}: required")
        for name, value in data.items():
            if name in props:
                out.extend(_errors(value, props[name], root, f"{at}/{name}"))
            elif node.get("additionalProperties") is False:
                out.append(f"{at}/{name}: unexpected")
            elif isinstance(node.get("additionalProperties"), dict):  # a mapping's values
                out.extend(_errors(value, node["additionalProperties"], root, f"{at}/{name}"))
    if isinstance(data, list) and "items" in node:
        for k, item in enumerate(data):
            out.extend(_errors(item, node["items"], root, f"{at}/{k}"))
    return out
