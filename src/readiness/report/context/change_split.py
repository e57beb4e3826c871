"""A change as printed, split by cause: the one place that rounds it, so every section that
prints a change (the scorecard's change section, the overview's ranking column, the
change-by-cause tables) prints the same figures, and the printed parts add up to the printed
total."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from readiness import format as fmt
from readiness.report.context.common import Ctx
from readiness.trend.attribution import CAUSES, Attribution, Move, split_for_print

DATA_CAUSES = ("changed", "appeared", "disappeared")
DATA_WORDS = {"changed": "changed values", "appeared": "new data", "disappeared": "removed values"}


@dataclass(frozen=True)
class Split:
    """One move as printed. `change` is the difference of the printed scores; `parts` each cause
    rounded so that they add up to it; `method` + `data` = `change` as printed."""

    before: str
    after: str
    change: str  # "+2.4", "-0.8", "0.0"; a dash when the score is missing in a period
    css: str  # "up" | "down" | ""
    split: bool  # False when the change cannot be split (or there is no change to split)
    parts: dict[str, str]  # cause -> "+1.2"; "" for a cause that did not contribute
    method: str  # the rubric's part ("0.0" when the rubric is the same)
    data: str  # changed + new + removed values
    data_causes: tuple[str, ...]  # the data causes that contributed, in `CAUSES` order


def css_of(shown: str) -> str:
    """ "up" / "down" from a change as printed (a printed 0.0 is no change)."""
    if shown.startswith("+"):
        return "up"
    return "down" if shown.startswith("-") else ""


def split_move(ctx: Ctx, move: Move) -> Split:
    dash = fmt.DASH
    before = ctx.show(move.before) if move.before is not None else dash
    after = ctx.show(move.after) if move.after is not None else dash
    blank = dict.fromkeys(CAUSES, "")
    if move.status != "scored":
        return Split(before, after, dash, "", False, blank, "", "", ())
    change = fmt.change(move.before, move.after, ctx.rubric.thresholds)
    if not move.attributable:
        return Split(before, after, change, css_of(change), False, blank, dash, dash, ())
    tenths = round(float(change) * 10)
    found = split_for_print({c: float(getattr(move, c)) for c in CAUSES}, tenths / 10)
    parts = {c: (fmt.signed(v) if round(v * 10) != 0 else "") for c, v in found.items()}
    method = round(found["method"] * 10)
    used = tuple(c for c in DATA_CAUSES if parts[c])
    return Split(
        before,
        after,
        change,
        css_of(change),
        True,
        parts,
        fmt.signed(method / 10),
        fmt.signed((tenths - method) / 10),
        used,
    )


def versions(found: Attribution) -> tuple[str, str]:
    """The two rubric versions as printed."""
    return fmt.cap(found.version_before, 20), fmt.cap(found.version_after, 20)


def data_words(causes: Sequence[str]) -> str:
    """ "changed values and new data" from the data causes that contributed."""
    words = [DATA_WORDS[c] for c in causes]
    if not words:
        return "the data"
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def sentence(ctx: Ctx, found: Attribution, move: Move, name: str) -> str:
    """The change of one score in a sentence a committee reader can check against the tables:
    "Overall index 67.7 -> 60.3 (-7.4) since 2025-Q4: rubric 2.0.0 accounts for -12.9, changed
    values for +5.5." """
    s = split_move(ctx, move)
    since = fmt.cap(found.period_before, 40) or "the previous period"
    if move.status == "absent":
        return f"{name}: no score in {since}, and none now."
    if move.status == "new":
        return f"{name}: no score in {since}, {s.after} now."
    if move.status == "lost":
        return f"{name}: {s.before} in {since}, no score now."
    head = f"{name} {s.before} → {s.after} ({s.change}) since {since}"
    old, new = versions(found)
    if not s.split:
        return f"{head}; the change cannot be split by cause."
    if found.rubric_changed and not s.data_causes:
        return (
            f"{head}: all of it from rubric {new} (no value changed). {since} was scored with "
            f"rubric {old}."
        )
    if found.rubric_changed:
        return (
            f"{head}: rubric {new} accounts for {s.method}, "
            f"{data_words(s.data_causes)} for {s.data}. {since} was scored with rubric {old}; "
            f"its values scored again under {new} give the rubric's part, the rest is the data's."
        )
    if not s.data_causes:
        return f"{head}, on the same rubric ({new}): no value changed."
    return f"{head}, on the same rubric ({new}): all of it from {data_words(s.data_causes)}."


def change_rule(ctx: Ctx) -> str:
    """The methodology's rule for a change across two rubric versions ("" without one)."""
    found = ctx.change
    if found is None or not found.rubric_changed:
        return ""
    old, new = versions(found)
    since = fmt.cap(found.period_before, 40)
    return (
        f"Change since {since}, scored with rubric {old}: the total change (the difference of "
        f"the two published scores) is split into the rubric's part (method effect) and the "
        f"data's part. The rubric's part is the {since} values scored under rubric {new} minus "
        f"their published score under {old}. An indicator new in {new} had no {since} value "
        f"because {old} did not ask it; its current value counts in the rubric's part, as if "
        "it had held then (the question changed, not the country). An indicator that "
        f"{new} dropped leaves in the rubric's part. The data's part is the rest: values of "
        "indicators both rubrics have that changed, appeared or were removed, scored under "
        f"{new}. Printed parts are rounded so that they add up to the printed change."
    )
