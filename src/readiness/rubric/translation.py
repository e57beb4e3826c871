"""A rubric's text in another language: `rubrics/<stem>.<language>.yaml`, keyed by id.

A translation names the rubric id and version it translates and gives, for every unit, node,
indicator, level (keyed by its value) and band (keyed by its English label), the text a person
reads in that language. Identity never changes with language: `Translation.apply` returns a copy
of the rubric with the same ids, values, weights, order and methods and only its text replaced,
so scoring with either gives the same numbers. Loading is strict, like the rubric's own: every
text the rubric has must be translated, nothing the rubric lacks may be, and every problem is
reported at once at its YAML line.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, ValidationError

from readiness.i18n import DEFAULT_LANGUAGE, LANGUAGES, Language
from readiness.problems import Location, Problem, fail, fail_all, raise_if_errors
from readiness.rubric.base import Strict
from readiness.rubric.indicator import Indicator, Kind, Level
from readiness.rubric.load import Marks, _locate, locate_errors, read_text, read_yaml
from readiness.rubric.model import Rubric
from readiness.rubric.structure import FieldPath

# A level label the workbook reader gives another meaning: typed in a value cell, "not found"
# reads as missing, so no level may be called that in any language.
RESERVED_LABELS = frozenset({"notfound", "ненайдено"})


class _Text(Strict):
    """A translation's part: strict like the rubric's models (unknown keys are errors)."""


class LevelText(_Text):
    label: str = Field(min_length=1, description="The level's label, as typed in a workbook.")
    definition: str = Field(min_length=1, description="The level's written definition.")


class NodeText(_Text):
    name: str = Field(min_length=1, description="The node's name.")
    description: str = Field(default="", description="What the node stands for.")
    rationale: str = Field(default="", description="Why the node is in the rubric.")


class IndicatorText(_Text):
    name: str = Field(min_length=1, description="The indicator's short name.")
    description: str = Field(default="", description="What is measured.")
    unit: str = Field(default="", description="Unit of the raw value ('% ВВП').")
    as_of_label: str = Field(default="", max_length=60, description="What the as-of date means.")
    rationale: str = Field(default="", description="Why the indicator is in the rubric.")
    source_guidance: str = Field(default="", description="Where to find the value and how.")
    levels: dict[str, LevelText] = Field(
        default_factory=dict, description="Every level of the scale, keyed by its value."
    )


class BandText(_Text):
    label: str = Field(min_length=1, description="The band's name.")
    description: str = Field(default="", description="What the band means.")


class DenominatorText(_Text):
    name: str = Field(min_length=1, description="The denominator's name.")
    unit: str = Field(default="", description="Its unit.")


class ReferenceText(_Text):
    text: str = Field(min_length=1, description="The cited fact.")
    source: str = Field(min_length=1, description="Where it is stated (titles stay as quoted).")


class Translation(_Text):
    """The text of one rubric version in one language (never English: that is the rubric)."""

    language: str = Field(description="Language code, e.g. 'ru'.")
    rubric: str = Field(description="Id of the rubric translated.")
    version: str = Field(description="Version of the rubric translated.")
    title: str = Field(min_length=1, description="The rubric's title.")
    description: str = Field(default="", description="What the rubric measures and why.")
    units: dict[str, Annotated[str, Field(min_length=1)]] = Field(
        default_factory=dict, description="Unit id -> name."
    )
    denominators: dict[str, DenominatorText] = Field(default_factory=dict)
    # Not required here: a missing section is reported with what it lacks, against the rubric.
    nodes: dict[str, NodeText] = Field(default_factory=dict, description="Node id -> its text.")
    indicators: dict[str, IndicatorText] = Field(
        default_factory=dict, description="Indicator id -> its text."
    )
    bands: dict[str, BandText] = Field(
        default_factory=dict, description="English band label -> its text."
    )
    context: tuple[ReferenceText, ...] = Field(
        default=(), description="The rubric's cited context, in the same order."
    )

    def apply(self, rubric: Rubric) -> Rubric:
        """A copy of `rubric` with its text in this language: ids, values, weights, order,
        methods and policies unchanged. A yes/no indicator whose rubric leaves the levels
        implicit gets them written out, with the same values 0 and 1."""
        if (rubric.id, rubric.version) != (self.rubric, self.version):
            fail(
                "translation-rubric-mismatch",
                f"this translation is of rubric {self.rubric} {self.version}, "
                f"not {rubric.id} {rubric.version}",
            )
        fields: dict[str, Any] = {name: getattr(rubric, name) for name in Rubric.model_fields}
        fields.update(
            title=self.title,
            description=self.description,
            units=tuple(u.model_copy(update={"name": self.units[u.id]}) for u in rubric.units),
            denominators=tuple(
                d.model_copy(update=self.denominators[d.id].model_dump())
                for d in rubric.denominators
            ),
            nodes=tuple(n.model_copy(update=self.nodes[n.id].model_dump()) for n in rubric.nodes),
            indicators=tuple(self._indicator(i) for i in rubric.indicators),
            bands=tuple(
                b.model_copy(update=self.bands[b.label].model_dump()) for b in rubric.bands
            ),
            context=tuple(
                c.model_copy(update=t.model_dump())
                for c, t in zip(rubric.context, self.context, strict=True)
            ),
        )
        return Rubric.model_validate(fields)

    def _indicator(self, indicator: Indicator) -> Indicator:
        text = self.indicators[indicator.id]
        by_value = {float(k): v for k, v in text.levels.items()}
        levels = tuple(
            lv.model_copy(update=by_value[lv.value].model_dump()) for lv in indicator.scale
        )
        update = text.model_dump(exclude={"levels"})
        if indicator.levels or indicator.kind is Kind.YES_NO:
            update["levels"] = levels
        return indicator.model_copy(update=update)

    def level_aliases(self) -> dict[str, dict[str, float]]:
        """Indicator id -> {translated level label -> level value}: what a workbook reader
        accepts besides the English labels."""
        return {
            ind: {lv.label: float(k) for k, lv in text.levels.items()}
            for ind, text in self.indicators.items()
            if text.levels
        }

    def band_label(self, label: str) -> str:
        """The translated name of the band the rubric calls `label` (results keep English)."""
        return self.bands[label].label


def json_schema() -> str:
    """The translation files' JSON Schema, as committed beside the rubrics for editors
    (`rubrics/translation.schema.json`; a test keeps it current)."""
    schema = Translation.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "readiness rubric translation"
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def translation_path(rubric_path: str | os.PathLike[str], language: Language) -> Path:
    """Where a rubric's translation lives: beside it, `<stem>.<language>.yaml`."""
    path = Path(rubric_path)
    return path.with_name(f"{path.stem}.{language}.yaml")


def is_translation(path: Path) -> bool:
    """Whether a YAML file in a rubrics folder is a translation (`<stem>.<language>.yaml`)."""
    return Path(path.stem).suffix.removeprefix(".") in LANGUAGES


def check_translation(path: str | os.PathLike[str]) -> Translation:
    """Load a translation file against the rubric beside it (`<stem>.yaml` for
    `<stem>.<language>.yaml`): what `readiness rubric check` does with a translation."""
    path = Path(path)
    rubric_path = path.with_name(Path(path.stem).stem + ".yaml")
    if not rubric_path.exists():
        fail(
            "file-not-found",
            f"the rubric this translates is not beside it (no {rubric_path.name})",
            Location(file=str(path)),
        )
    from readiness.rubric.load import load_rubric

    return load_translation(path, load_rubric(rubric_path))


def translation_for(
    rubric_path: str | os.PathLike[str], rubric: Rubric, language: Language
) -> Translation | None:
    """The rubric's translation into `language` (None for English, the rubric's own); a located
    error when none exists or it does not fit the rubric."""
    if language == DEFAULT_LANGUAGE:
        return None
    path = translation_path(rubric_path, language)
    if not path.is_file():
        fail(
            "translation-not-found",
            f"no translation of rubric {rubric.id} {rubric.version} into {language!r}: "
            f"expected {path.name} beside the rubric",
            Location(file=str(path)),
        )
    translation = load_translation(path, rubric)
    if translation.language != language:
        fail(
            "translation-rubric-mismatch",
            f"the file says language {translation.language!r}, not {language!r}",
            Location(file=str(path), path="language"),
        )
    return translation


def load_translation(path: str | os.PathLike[str], rubric: Rubric) -> Translation:
    """Read and validate the translation file at `path` for `rubric`."""
    path = Path(path)
    return parse_translation(read_text(path, "translation"), rubric, str(path))


def parse_translation(text: str, rubric: Rubric, file: str = "<translation>") -> Translation:
    """Validate translation YAML text against `rubric`; one `ReadinessError` lists every
    problem, each at its YAML line."""
    data, marks, problems = read_yaml(text, file, "translation", "translation-invalid")
    _stringify_level_keys(data)
    problems += _Check(rubric, data, file, marks).problems()
    try:
        translation = Translation.model_validate(data)
    except ValidationError as exc:
        problems += [_worded(p) for p in locate_errors(exc, file, marks, _code)]
        fail_all(sorted(problems, key=_order), f"{file}: translation is invalid")
    raise_if_errors(sorted(problems, key=_order), f"{file}: translation is invalid")
    return translation


def _stringify_level_keys(data: dict[str, Any]) -> None:
    """Level keys are values (0, 1, 2.5); kept as the YAML wrote them, so that a problem is
    located at its key and the value is read once, in the check."""
    indicators = data.get("indicators")
    if not isinstance(indicators, dict):
        return
    for entry in indicators.values():
        if isinstance(entry, dict) and isinstance(entry.get("levels"), dict):
            entry["levels"] = {_key_text(k): v for k, v in entry["levels"].items()}


def _key_text(key: object) -> str:
    """A level key as the YAML wrote it: 0 -> "0", 2.5 -> "2.5", 1.0 -> "1.0"."""
    return str(key).lower() if isinstance(key, bool) else str(key)


_CODES = {
    "extra_forbidden": "translation-unknown",
    "missing": "translation-missing",
}


def _code(kind: str) -> str:
    return _CODES.get(kind, "translation-invalid")


def _worded(problem: Problem) -> Problem:
    if problem.code == "translation-unknown":
        return replace(problem, message="unknown field (check the spelling)")
    return problem


def _order(p: Problem) -> tuple[int, int, str]:
    return (p.location.line or 0, p.location.column or 0, p.message)


def _fold(label: str) -> str:
    """A label as a reader compares it: case and every space ignored."""
    return re.sub(r"\s+", "", label).casefold()


class _Check:
    """Whether a translation covers its rubric exactly, read from the parsed YAML so that these
    problems are reported with pydantic's: what has the wrong shape is left to pydantic."""

    def __init__(self, rubric: Rubric, data: dict[str, Any], file: str, marks: Marks):
        self.rubric, self.data, self.file, self.marks = rubric, data, file, marks
        self.out: list[Problem] = []

    def add(self, code: str, message: str, path: FieldPath, *, key: bool = False) -> None:
        self.out.append(Problem(code, message, _locate(self.file, self.marks, path, key=key)))

    def problems(self) -> list[Problem]:
        r, data = self.rubric, self.data
        language = data.get("language")
        if isinstance(language, str) and (
            language not in LANGUAGES or language == DEFAULT_LANGUAGE
        ):
            others = ", ".join(x for x in LANGUAGES if x != DEFAULT_LANGUAGE)
            self.add(
                "translation-rubric-mismatch",
                f"language {language!r} is not one a rubric is translated into ({others})",
                ("language",),
            )
        for field, expected, what in (("rubric", r.id, "rubric"), ("version", r.version, "")):
            given = data.get(field)
            if isinstance(given, str) and given != expected:
                self.add(
                    "translation-rubric-mismatch",
                    f"this translates rubric {given!r}, not {expected!r}"
                    if what
                    else f"this translates version {given!r} of the rubric, not "
                    f"{expected!r}; translate the rubric's current text",
                    (field,),
                )
        self.texts((), Translation, {"description": r.description}, data)
        self.section("units", [u.id for u in r.units], "unit")
        for d in r.denominators:
            self.texts(("denominators", d.id), DenominatorText, d.model_dump())
        self.section("denominators", [d.id for d in r.denominators], "denominator")
        for n in r.nodes:
            self.texts(("nodes", n.id), NodeText, n.model_dump())
        self.section("nodes", [n.id for n in r.nodes], "node")
        for i in r.indicators:
            self.indicator(i)
        self.section("indicators", [i.id for i in r.indicators], "indicator")
        for b in r.bands:
            self.texts(("bands", b.label), BandText, b.model_dump())
        self.section("bands", [b.label for b in r.bands], "band")
        context = data.get("context", [])
        if isinstance(context, list) and len(context) != len(r.context):
            self.add(
                "translation-missing" if len(context) < len(r.context) else "translation-unknown",
                f"the rubric cites {len(r.context)} context facts, the translation "
                f"{len(context)}: translate each one, in the rubric's order",
                ("context",),
            )
        return self.out

    def entry(self, path: FieldPath) -> dict[str, Any] | None:
        """The mapping at `path` in the YAML, or None where there is none (or not a mapping)."""
        item: Any = self.data
        for part in path:
            item = item.get(part) if isinstance(item, dict) else None
        return item if isinstance(item, dict) else None

    def section(self, name: str, ids: list[str], what: str) -> None:
        given = self.entry((name,))
        if given is None:
            if ids and name not in self.data:
                self.add("translation-missing", f"no {name}: translate every {what}", ())
            return
        for item in ids:
            if item not in given:
                self.add("translation-missing", f"{what} {item!r} is not translated", (name,))
        for item in given:
            if item not in ids:
                self.add(
                    "translation-unknown",
                    f"the rubric has no {what} {item!r}",
                    (name, item),
                    key=True,
                )

    def texts(
        self,
        path: FieldPath,
        model: type[_Text],
        english: dict[str, Any],
        given: dict[str, Any] | None = None,
    ) -> None:
        """An optional text field is translated exactly when the rubric has it (a required one
        is pydantic's to report)."""
        given = self.entry(path) if given is None else given
        if given is None:
            return
        for field, info in model.model_fields.items():
            if info.is_required() or not isinstance(english.get(field), str):
                continue
            value = given.get(field, "")
            if not isinstance(value, str):
                continue
            if english[field] and not value:
                self.add("translation-missing", f"{field} is not translated", path)
            elif value and not english[field]:
                self.add(
                    "translation-unknown",
                    f"the rubric has no {field} here, so there is nothing to translate",
                    (*path, field),
                )

    def indicator(self, indicator: Indicator) -> None:
        path: FieldPath = ("indicators", indicator.id)
        self.texts(path, IndicatorText, indicator.model_dump())
        text = self.entry(path)
        if text is None:
            return
        levels = self.entry((*path, "levels")) or {}
        scale = {lv.value: lv for lv in indicator.scale}
        given: dict[float, tuple[str, str]] = {}
        for key, level in levels.items():
            value = _number(key)
            if value is None or value not in scale:
                known = ", ".join(f"{v:g}" for v in scale) or "none (it is numeric)"
                self.add(
                    "translation-unknown",
                    f"{indicator.id} has no level {key!r}; its levels are {known}",
                    (*path, "levels", key),
                    key=True,
                )
            elif isinstance(level, dict) and isinstance(level.get("label"), str):
                given[value] = (key, level["label"])
            else:
                given[value] = (key, "")
        for value in scale:
            if value not in given:
                self.add(
                    "translation-missing",
                    f"level {value:g} of {indicator.id} is not translated",
                    (*path, "levels"),
                )
        self.clashes(indicator, path, scale, given)

    def clashes(
        self,
        indicator: Indicator,
        path: FieldPath,
        scale: dict[float, Level],
        given: dict[float, tuple[str, str]],
    ) -> None:
        """Each label a reader may type must name one level: no translated label may read as
        another level's translated or English label, or as 'not found'."""
        owner: dict[str, float] = {_fold(lv.label): v for v, lv in scale.items()}
        for value, (key, label) in sorted(given.items()):
            folded = _fold(label)
            where = (*path, "levels", key, "label")
            if not folded:
                continue  # an empty label is pydantic's to report
            if folded in RESERVED_LABELS:
                self.add(
                    "translation-label-clash",
                    f"{label!r} cannot be a level label: a workbook reads it as "
                    "'not found' (missing)",
                    where,
                )
            elif folded in owner and owner[folded] != value:
                other = owner[folded]
                english = _fold(scale[other].label) == folded
                self.add(
                    "translation-label-clash",
                    f"{label!r} (level {value:g} of {indicator.id}) reads as "
                    f"{'the English label' if english else 'the translated label'} of level "
                    f"{other:g}; a typed label must name one level",
                    where,
                )
            else:
                owner[folded] = value


def _number(key: str) -> float | None:
    try:
        value = float(key)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
