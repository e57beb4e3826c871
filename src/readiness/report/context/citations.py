"""Citations: a numbered references list for one document, and the number each value points to.

Each value's source becomes one reference as a publisher prints it: the source as the inputs name
it, then every public URL in full (links die on paper; the printed address does not). Values
citing the same source with the same URLs share one number. A reference without a URL says why:
the reason the inputs give (non-URL text in the source-URL cell, such as "print edition only"),
or that no value was found, or, as a last resort, that the inputs give no URL (flagged, so a
test can hold the shipped inputs to better). Numbers follow the order of first use in the
document.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from readiness import format as fmt
from readiness.report.context.common import Ctx
from readiness.report.context.types import Link

NO_VALUE = (
    "No value was found, so nothing is cited; the indicator is left out of the score, "
    "not counted as 0."
)
NO_URL = "The inputs give no public URL for this source."
MAX_USED_FOR = 400
REFERENCES_INTRO = (
    "Numbers in square brackets in this document point here. The numbers are this document's "
    "own: the same source may carry another number in another scorecard or in the regional "
    "overview. Every web address the inputs give is printed in full so that the evidence "
    "survives printing; a source without one says why."
)


@dataclass(frozen=True)
class Reference:
    number: str
    text: str  # the source as a reference list prints it
    links: tuple[Link, ...]  # every URL, printed in full
    reason: str  # why there is no URL ("" when there are links)
    used_for: str  # which values cite it
    reason_given: bool = True  # False: no URL and no reason from the inputs (NO_URL)


@dataclass
class _Entry:
    text: str
    urls: tuple[str, ...]
    reason: str
    reason_given: bool
    uses: list[tuple[str, str]] = field(default_factory=list)  # (unit, indicator)


@dataclass(frozen=True)
class Citations:
    """The references list of one document and the number of each (unit, indicator)."""

    references: tuple[Reference, ...]
    number_of: dict[tuple[str, str], str]

    def of(self, unit: str, ind_id: str) -> str:
        return self.number_of.get((unit, ind_id), "")

    def numbers(self, pairs: Sequence[tuple[str, str]]) -> str:
        """The distinct numbers cited by `pairs`, ascending, runs joined: "4-6, 9"."""
        found = sorted({int(n) for p in pairs if (n := self.of(*p))})
        runs: list[str] = []
        k = 0
        while k < len(found):
            j = k
            while j + 1 < len(found) and found[j + 1] == found[j] + 1:
                j += 1
            runs.append(str(found[k]) if j == k else f"{found[k]}–{found[j]}")
            k = j + 1
        return ", ".join(runs)


def _key(ctx: Ctx, unit: str, ind_id: str) -> tuple[str, tuple[str, ...], str, bool]:
    ev = ctx.evidence_of(unit, ind_id)
    text = fmt.cap(ev["source"], fmt.CAP_SOURCE)
    urls = fmt.safe_urls(ev["source_url"])
    has_value = not math.isnan(ctx.raw(unit, ind_id)) or ctx.is_imputed(unit, ind_id)
    if urls:
        return text or "Source named only by its address", urls, "", True
    given = fmt.cap(ev["source_url"], fmt.CAP_SOURCE)  # text that is not a URL: the reason
    if not has_value and not text:
        return "Not found", (), NO_VALUE, True
    head, colon, why = text.partition(":")
    if colon and head.strip().casefold() == "no public url" and why.strip():
        # the inputs' own way of saying why: "No public URL: <reason>" as the source
        reason = why.strip()
        reason = reason if reason.endswith((".", "!", "?")) else reason + "."
        return "No public URL", (), reason[0].upper() + reason[1:], True
    if given:
        return text or "Source not named", (), f"No public URL: {given}", True
    return text or "Source not named", (), NO_URL, False


def build_citations(ctx: Ctx, pairs: Sequence[tuple[str, str]], *, by_unit: bool) -> Citations:
    """References for the (unit, indicator) pairs a document shows, in the order it shows them.

    `by_unit`: say which units use a reference (the regional overview); a scorecard names
    indicators only.
    """
    entries: dict[tuple[str, tuple[str, ...], str, bool], _Entry] = {}
    for unit, ind_id in pairs:
        key = _key(ctx, unit, ind_id)
        if key not in entries:
            entries[key] = _Entry(*key)
        entries[key].uses.append((unit, ind_id))
    references = []
    number_of = {}
    for k, entry in enumerate(entries.values(), start=1):
        for pair in entry.uses:
            number_of[pair] = str(k)
        references.append(
            Reference(
                number=str(k),
                text=entry.text,
                links=tuple(Link(u, u) for u in entry.urls),
                reason=entry.reason,
                used_for=_used_for(ctx, entry.uses, by_unit),
                reason_given=entry.reason_given,
            )
        )
    return Citations(tuple(references), number_of)


def _used_for(ctx: Ctx, uses: Sequence[tuple[str, str]], by_unit: bool) -> str:
    order = ctx.indicator_order()
    indicators = sorted({i for _, i in uses}, key=order)
    if not by_unit:
        text = "; ".join(ctx.item_name(i) for i in indicators)
    else:
        parts = []
        for ind in indicators:
            units = [ctx.code(u) for u, i in uses if i == ind]
            parts.append(f"{ctx.item_name(ind)} ({', '.join(units)})")
        text = "; ".join(parts)
    return fmt.cap(text, MAX_USED_FOR)
