"""A change as printed, split by cause: the one place that rounds it, so every section that
prints a change (the scorecard's change section, the overview's ranking column, the
change-by-cause tables) prints the same figures, and the printed parts add up to the printed
total."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from readiness import format as fmt
from readiness.engine.result import Result
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


def rescored_text(ctx: Ctx, move: Move) -> str:
    """The earlier values' score under the current rubric, as the change tables imply it: the
    printed score before plus the printed rubric part ("" when the change is not split)."""
    s = split_move(ctx, move)
    if not s.split:
        return ""
    return fmt.signed(float(s.before) + float(s.method)).lstrip("+")


def split_phrase(ctx: Ctx, found: Attribution, move: Move, whose: str = "the") -> str:
    """ "of the +4.0 change, rubric 2.0.0 accounts for +1.5 and the data for +2.5" (the same
    rubric: "the +4.0 change is all the data's"); "" when the change is not split."""
    s = split_move(ctx, move)
    if not s.split:
        return ""
    if not found.rubric_changed:
        return f"{whose} {s.change} change is all the data's (same rubric)"
    _, new = versions(found)
    return (
        f"of {whose} {s.change} change, rubric {new} accounts for {s.method} and the data for "
        f"{s.data}"
    )


def crossing_text(ctx: Ctx, found: Attribution, move: Move) -> str:
    """How one line of the trend chart crosses the rubric change: "67.7 in 2025-Q4 under rubric
    1.0.0, 61.3 under 2.0.0, 60.3 now: of the -7.4 change, ..." ("" when the change is not
    split or the rubric is the same)."""
    again = rescored_text(ctx, move)
    if not found.rubric_changed or not again:
        return ""
    s = split_move(ctx, move)
    old, new = versions(found)
    since = fmt.cap(found.period_before, 40)
    return (
        f"{s.before} in {since} under rubric {old}, {again} under {new}, {s.after} now: "
        f"{split_phrase(ctx, found, move)}"
    )


def _rank(result: Result | None, unit: str) -> int | None:
    if result is None or unit not in result.ranks.index:
        return None
    rank = result.ranks.at[unit, result.rubric.root.id]
    return None if pd.isna(rank) else int(rank)


def _swapped(ctx: Ctx, unit: str) -> str:
    """Who swapped places with a unit ranked both then and now: "; passed by Kyrgyzstan" when
    it fell, "; now ahead of Uzbekistan" when it rose ("" when no ranked unit swapped)."""
    now, then = _rank(ctx.result, unit), _rank(ctx.previous, unit)
    assert now is not None and then is not None
    both: dict[str, tuple[int, int]] = {}  # the other units ranked then and now
    for other in ctx.result.ranks.index:
        n, t = _rank(ctx.result, other), _rank(ctx.previous, other)
        if other != unit and n is not None and t is not None:
            both[other] = (n, t)
    if now > then:
        names = [u for u, (n, t) in both.items() if t > then and n < now]
        label = "passed by"
    else:
        names = [u for u, (n, t) in both.items() if t < then and n > now]
        label = "now ahead of"
    if not names:
        return ""
    return f"; {label} " + fmt.cap(", ".join(ctx.name(u) for u in names), 120)


def _since_parts(ctx: Ctx, found: Attribution, unit: str, whose: str) -> str:
    """ "Emerging (was Early-stage), rank 2 (was 3); of the +4.0 change, ..." for a unit whose
    band or rank changed since the previous period; "" when neither did."""
    moves = found.units.get(unit)
    if moves is None:
        return ""
    parts = []
    if moves.band_changed:
        before = fmt.cap(moves.band_before, 60) or "no band"
        parts.append(f"{fmt.cap(moves.band_after, 60) or 'no band'} (was {before})")
    now, then = _rank(ctx.result, unit), _rank(ctx.previous, unit)
    if ctx.previous is not None and now != then:
        shown = [str(r) if r is not None else "not ranked" for r in (now, then)]
        swapped = _swapped(ctx, unit) if now is not None and then is not None else ""
        parts.append(
            f"rank {shown[0]} (was {shown[1]}{swapped})" if now else f"not ranked (was {then})"
        )
    if not parts:
        return ""
    text = ", ".join(parts)
    move = moves.moves.get(ctx.root)
    if (
        move is not None
        and move.status == "scored"
        and (split := split_phrase(ctx, found, move, whose))
    ):
        text += f"; {split}"
    elif move is not None and move.status == "new":
        text += f"; first index score, {split_move(ctx, move).after}"
    elif move is not None and move.status == "lost":
        text += f"; no index score now (was {split_move(ctx, move).before})"
    return text


def since_sentence(ctx: Ctx, unit: str) -> str:
    """The executive summary's sentence on change, when the band or the rank changed since the
    previous period: "Since 2025-Q4: Emerging (was Early-stage), rank 2 (was 3); of the +4.0
    change, rubric 2.0.0 accounts for +1.5 and the data for +2.5." The figures are the change
    section's (`split_move`). "" without a previous period or when neither changed."""
    found = ctx.change
    if found is None:
        return ""
    text = _since_parts(ctx, found, unit, "the")
    return f"Since {fmt.cap(found.period_before, 40)}: {text}." if text else ""


def since_regional(ctx: Ctx, units: Sequence[str]) -> str:
    """The overview's sentence on change: each country whose band or rank changed since the
    previous period, with the split of its index change ("" when none did)."""
    found = ctx.change
    if found is None:
        return ""
    named = [f"{ctx.name(u)} {text}" for u in units if (text := _since_parts(ctx, found, u, "its"))]
    return f"Since {fmt.cap(found.period_before, 40)}: " + ". ".join(named) + "." if named else ""
