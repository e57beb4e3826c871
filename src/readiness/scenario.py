"""Scenario files: YAML naming changed values ("what if"), validated with located errors.

    title: Kazakhstan ratifies the US BIT and FDI recovers
    changes:
      - {unit: KGZ, indicator: investment_treaty, level: In force, note: ratified}
      - {unit: KAZ, indicator: fdi_inflows, value: 2.3, note: 2019-2023 mean}

A change gives either `value` (a number on the indicator's raw scale; for a categorical or yes/no
indicator, a level's number) or `level` (a categorical level's label, any case). Every problem
(an unknown unit or indicator, a level the scale lacks, a value outside the rubric's limits, a
cell changed twice) is reported at once as file:line:column, like a rubric's.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, ValidationError, model_validator

from readiness.problems import Problem, fail, fail_all, raise_if_errors
from readiness.problems.model import Location
from readiness.rubric.load import Marks, _locate, locate_errors, read_yaml
from readiness.rubric.model import Id, Kind, Rubric, Strict


class Change(Strict):
    """One changed value."""

    unit: Id = Field(description="Unit code, e.g. KAZ.")
    indicator: Id = Field(description="Indicator (or denominator) id of the rubric.")
    value: float | None = Field(
        default=None, description="New raw value (a categorical indicator: the level's number)."
    )
    level: str | None = Field(
        default=None, min_length=1, description="New level, by its label (categorical, yes/no)."
    )
    note: str = Field(default="", max_length=2000, description="Why, or where it comes from.")

    @model_validator(mode="after")
    def _one_of(self) -> Change:
        if (self.value is None) == (self.level is None):
            raise ValueError("give either value or level (one of them)")
        return self


class Scenario(Strict):
    """A named set of changed values."""

    title: str = Field(default="", max_length=200, description="Shown above the comparison.")
    description: str = Field(default="", max_length=5000, description="What the scenario is.")
    changes: tuple[Change, ...] = Field(
        min_length=1, max_length=100_000, description="The changed values."
    )


def parse_scenario(text: str, rubric: Rubric, file: str = "<scenario>") -> Scenario:
    """Validate scenario YAML against `rubric`; raise one error listing every problem."""
    data, marks, problems = read_yaml(text, file, "scenario", "scenario-invalid")
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        problems += [
            Problem("scenario-invalid", p.message, p.location)
            for p in locate_errors(exc, file, marks)
        ]
        # Check the changes that are well formed against the rubric too: one run, every problem.
        raw = data.get("changes")
        valid = []
        for k, item in enumerate(raw if isinstance(raw, list) else []):
            try:
                valid.append((k, Change.model_validate(item)))
            except ValidationError:
                continue
        problems += _check(valid, rubric, file, marks)
        fail_all(sorted(problems, key=_order), f"{file}: scenario is invalid")
    problems += _check(list(enumerate(scenario.changes)), rubric, file, marks)
    raise_if_errors(problems, f"{file}: scenario does not fit rubric {rubric.id!r}")
    return scenario


def _order(p: Problem) -> tuple[int, int, str]:
    return (p.location.line or 0, p.location.column or 0, p.message)


def load_scenario(path: str | os.PathLike[str], rubric: Rubric) -> Scenario:
    """Read and validate a scenario file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        fail("file-not-found", "no such file", Location(file=str(path)))
    except (OSError, UnicodeDecodeError) as exc:
        fail("file-unreadable", f"cannot read the scenario: {exc}", Location(file=str(path)))
    return parse_scenario(text, rubric, str(path))


def resolved_value(change: Change, rubric: Rubric) -> float:
    """The raw value a change sets (a level label becomes its number)."""
    if change.level is None:
        assert change.value is not None
        return change.value
    ind = rubric.indicator_by_id[change.indicator]
    wanted = change.level.strip().casefold()
    return next(lv.value for lv in ind.scale if lv.label.strip().casefold() == wanted)


def _check(
    changes: list[tuple[int, Change]], rubric: Rubric, file: str, marks: Marks
) -> list[Problem]:
    units = {u.id for u in rubric.units}
    denominators = {d.id for d in rubric.denominators}
    seen: dict[tuple[str, str], int] = {}
    out = []

    def add(k: int, field: str, message: str) -> None:
        where = _locate(file, marks, ("changes", k, field))
        out.append(Problem("scenario-invalid", message, where))

    for k, change in changes:
        if units and change.unit not in units:
            add(k, "unit", f"unit {change.unit!r} is not one of the rubric's units")
        key = (change.unit, change.indicator)
        if key in seen:
            add(
                k,
                "indicator",
                f"{change.unit} / {change.indicator} is changed twice "
                f"(first in changes[{seen[key]}])",
            )
        seen.setdefault(key, k)
        if change.indicator in denominators:
            if change.level is not None:
                add(k, "level", "a denominator takes a value, not a level")
            continue
        ind = rubric.indicator_by_id.get(change.indicator)
        if ind is None:
            add(k, "indicator", f"indicator {change.indicator!r} is not in the rubric")
            continue
        if ind.kind is Kind.NUMERIC:
            if change.level is not None:
                add(k, "level", f"{ind.id!r} is numeric: give a value, not a level")
                continue
        else:
            labels = [lv.label for lv in ind.scale]
            if change.level is not None:
                wanted = change.level.strip().casefold()
                if wanted not in [lb.strip().casefold() for lb in labels]:
                    add(k, "level", f"{change.level!r} is not a level of {ind.id!r}: {labels}")
                continue
            if ind.level_for(float(change.value or 0.0)) is None:
                values = [lv.value for lv in ind.scale]
                add(k, "value", f"{change.value:g} is not a level value of {ind.id!r}: {values}")
                continue
        value = resolved_value(change, rubric)
        limits = ind.limits
        if limits is not None and (
            (limits.min is not None and value < limits.min)
            or (limits.max is not None and value > limits.max)
        ):
            add(
                k,
                "value",
                f"{value:g} is outside {ind.id!r}'s limits "
                f"[{limits.min if limits.min is not None else '-inf'}, "
                f"{limits.max if limits.max is not None else 'inf'}]",
            )
    return out
