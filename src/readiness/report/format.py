"""Formatting rules for reports: numbers to text, text made safe and short, links vetted.

Every number a reader sees passes through here, so "1 decimal place" and "a dash for no value"
are decided once. Text from inputs is untrusted: it is cleaned of control characters, capped in
length, and only plain http(s) URLs become links.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from urllib.parse import urlsplit

DASH = "–"  # shown where there is no value; never "0"

# Length caps by kind of field. Excel allows 32,767 characters in a cell; a scorecard is not
# the place for that, so text is cut at a word boundary with a note saying how long it was.
CAP_LABEL = 160
CAP_SOURCE = 300
CAP_URL = 600
CAP_NOTE = 900
CAP_LONG = 1600

# C0/C1 control characters (except tab and newline), lone surrogates and non-characters are not
# allowed in XML/HTML text; they would break the SVG parser or make WeasyPrint warn.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"\s+")


def clean(text: object) -> str:
    """Text with control characters replaced and runs of whitespace collapsed to one space."""
    if text is None:
        return ""
    if isinstance(text, float) and math.isnan(text):
        return ""
    value = str(text)
    if value in ("<NA>", "nan"):
        return ""
    value = _BAD_CHARS.sub(" ", value)
    return _SPACES.sub(" ", value).strip()


def cap(text: object, limit: int) -> str:
    """`clean(text)`, cut to at most about `limit` characters at a word boundary if longer."""
    value = clean(text)
    if len(value) <= limit:
        return value
    given = len(str(text))
    cut = value[:limit]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return f"{cut.rstrip()} … [cut: {given:,} characters in the input]"


def safe_url(url: object) -> str:
    """The URL if it is a plain absolute http(s) URL of sensible length, else "" (no link)."""
    value = clean(url)
    if not value or len(value) > CAP_URL or " " in value:
        return ""
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return value


def is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value) in ("<NA>", "")


def score(value: float | None, thresholds: Sequence[float] = ()) -> str:
    """A 0-100 score to one decimal place; a dash when there is none.

    A score just below a band threshold is rounded down, not up, so the printed number never
    contradicts the band (39.98 is Early-stage below 40: it prints 39.9, not 40.0).
    """
    if value is None or is_missing(value):
        return DASH
    x = float(value)
    shown = round(x, 1)
    if any(x < t <= shown for t in thresholds):
        shown = math.floor(x * 10) / 10
    return f"{shown:.1f}"


def signed(value: float | None) -> str:
    """A change in points, signed, to one decimal place ("+2.4", "-0.8", "0.0")."""
    if value is None or is_missing(value):
        return DASH
    rounded = round(float(value), 1)
    if rounded == 0:
        return "0.0"
    return f"{rounded:+.1f}"


def percent(share: float | None, digits: int = 0) -> str:
    """A share (0-1) as a percentage, e.g. 0.5 -> "50 %"."""
    if share is None or is_missing(share):
        return DASH
    return f"{100 * float(share):.{digits}f} %"


def number(value: float | None) -> str:
    """A raw value as given: up to 3 significant decimals, trailing zeros dropped."""
    if value is None or is_missing(value):
        return DASH
    x = float(value)
    if x == int(x) and abs(x) < 1e15:
        return f"{int(x):,}"
    magnitude = abs(x)
    digits = 1 if magnitude >= 100 else 2 if magnitude >= 1 else 3
    text = f"{x:,.{digits}f}".rstrip("0").rstrip(".")
    return text


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"
