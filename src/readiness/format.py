"""How every number, share and date is printed, for the whole product: PDFs, the console table
and text written into results files. One rule each, decided here once.

- Scores (0-100, indicator and aggregate): one decimal; a score just below a band threshold is
  rounded down, so the printed number never contradicts the band (`score`).
- A change between two scores is the difference of the two numbers as printed, so a reader who
  subtracts gets the same answer (`change`).
- Index points (what an indicator adds or could add): two decimals, so 6.25 is not 6.2 and a
  pillar's rows add up to its share within rounding of the last digit (`points`); what one
  change adds is the same, signed ("+4.17", `points_change`), rounded once rather than taken as
  the difference of two one-decimal scores (which printed one level's +4.17 as +4.1 or +4.2).
- Shares: whole percent by default, "50%" (`percent`).
- Raw values: the indicator's declared decimals (`Indicator.decimals`), else one precision per
  indicator chosen from all its values (`decimals_for`), the same for every unit in a column
  (`fixed`).
- Dates: as precise as given, "2023", "Sep 2024", "29 Jun 2018" (`date`), with a label saying
  what the date is (`as_of_label`).

Text from inputs is untrusted: it is cleaned of control characters, capped in length, and only
plain http(s) URLs become links.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

DASH = "–"  # shown where there is no value; never "0"

# Length caps by kind of field. Excel allows 32,767 characters in a cell; a scorecard is not
# the place for that, so text is cut at a word boundary with a note saying how long it was.
CAP_LABEL = 160
CAP_SOURCE = 300
CAP_URL = 600
CAP_NOTE = 4000  # the shipped evidence notes run to about 2,400 characters
CAP_LONG = 1600

SCORE_DECIMALS = 1
POINTS_DECIMALS = 2
MAX_RAW_DECIMALS = 2  # the default rule never prints more (3 below 1 in size)

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# C0/C1 control characters (except tab and newline), lone surrogates and non-characters are not
# allowed in XML/HTML text; they would break the SVG parser or make WeasyPrint warn.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"\s+")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", re.ASCII)
_URL_SPLIT = re.compile(r"\s*(?:;|\s)\s*")


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


def safe_urls(text: object, limit: int = 12) -> tuple[str, ...]:
    """Every safe URL in a cell that may list several ("https://a ; https://b"), in order,
    each once, at most `limit`."""
    out: list[str] = []
    for part in _URL_SPLIT.split(clean(text)):
        url = safe_url(part)
        if url and url not in out:
            out.append(url)
        if len(out) == limit:
            break
    return tuple(out)


def is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value) in ("<NA>", "")


def _score_value(value: float, thresholds: Sequence[float]) -> float:
    x = float(value)
    shown = round(x, SCORE_DECIMALS)
    if any(x < t <= shown for t in thresholds):
        shown = math.floor(x * 10**SCORE_DECIMALS) / 10**SCORE_DECIMALS
    return shown


def score(value: float | None, thresholds: Sequence[float] = ()) -> str:
    """A 0-100 score to one decimal place; a dash when there is none.

    A score just below a band threshold is rounded down, not up, so the printed number never
    contradicts the band (39.98 is Early-stage below 40: it prints 39.9, not 40.0).
    """
    if value is None or is_missing(value):
        return DASH
    return f"{_score_value(float(value), thresholds):.{SCORE_DECIMALS}f}"


def change(before: float | None, after: float | None, thresholds: Sequence[float] = ()) -> str:
    """The change between two scores as the difference of the two printed numbers, signed
    ("+2.4", "-0.8", "0.0"): 69.9 -> 69.0 prints -0.9 even when the unrounded change is -0.96."""
    if before is None or after is None or is_missing(before) or is_missing(after):
        return DASH
    diff = _score_value(float(after), thresholds) - _score_value(float(before), thresholds)
    return signed(diff)


def signed(value: float | None, decimals: int = SCORE_DECIMALS) -> str:
    """A signed quantity ("+2.4", "-0.8", "0.0"); a dash when there is none."""
    if value is None or is_missing(value):
        return DASH
    rounded = round(float(value), decimals)
    if rounded == 0:
        return f"{0:.{decimals}f}"
    return f"{rounded:+.{decimals}f}"


def points(value: float | None) -> str:
    """Index points (an indicator's share of the index x its score): two decimals."""
    if value is None or is_missing(value):
        return DASH
    return f"{float(value):.{POINTS_DECIMALS}f}"


def points_change(value: float | None) -> str:
    """Index points one change adds (or takes away): signed, two decimals ("+4.17")."""
    return signed(value, POINTS_DECIMALS)


def percent(share: float | None, digits: int = 0) -> str:
    """A share (0-1) as a percentage, e.g. 0.5 -> "50%"."""
    if share is None or is_missing(share):
        return DASH
    return f"{100 * float(share):.{digits}f}%"


def number(value: float | None) -> str:
    """A number as given: whole numbers plainly, others to up to 3 significant decimals with
    trailing zeros dropped. For level numbers and goalposts, not for a column of values (use
    `fixed` with `decimals_for` so that every row of a column has the same precision)."""
    if value is None or is_missing(value):
        return DASH
    x = float(value)
    if x == int(x) and abs(x) < 1e15:
        return f"{int(x):,}"
    magnitude = abs(x)
    digits = 1 if magnitude >= 100 else 2 if magnitude >= 1 else 3
    text = f"{x:,.{digits}f}".rstrip("0").rstrip(".")
    return text


def decimals_for(values: Iterable[float], declared: int | None = None) -> int:
    """Decimals for printing one indicator's raw values, the same for all of them.

    `declared` (the rubric's `Indicator.decimals`) wins. Otherwise the fewest decimals (up to
    2) that print every value exactly; when none does, 2 (3 when every value is below 1).
    """
    if declared is not None:
        return declared
    present = [float(v) for v in values if not is_missing(v) and math.isfinite(float(v))]
    if not present:
        return 0
    for d in range(MAX_RAW_DECIMALS + 1):
        if all(abs(round(x, d) - x) < 1e-9 * max(1.0, abs(x)) for x in present):
            return d
    return MAX_RAW_DECIMALS + 1 if max(abs(x) for x in present) < 1 else MAX_RAW_DECIMALS


def fixed(value: float | None, decimals: int) -> str:
    """A raw value to exactly `decimals` places, with thousands separators."""
    if value is None or is_missing(value):
        return DASH
    return f"{float(value):,.{decimals}f}"


def date_precision(text: object) -> str:
    """ "year", "month", "day" for an ISO date text, "" for anything else (or nothing)."""
    m = _DATE.match(clean(text))
    if not m:
        return ""
    return "day" if m.group(3) else "month" if m.group(2) else "year"


def date(text: object) -> str:
    """An as-of date as precise as it was given: "2023", "Sep 2024", "29 Jun 2018".
    Text that is not an ISO date is printed as given (cleaned); nothing prints a dash."""
    value = clean(text)
    m = _DATE.match(value)
    if not m:
        return value or DASH
    year, month, day = m.group(1), m.group(2), m.group(3)
    if month is None:
        return year
    k = int(month)
    if not 1 <= k <= 12:
        return value
    if day is None:
        return f"{MONTHS[k - 1]} {year}"
    return f"{int(day)} {MONTHS[k - 1]} {year}"


def as_of_label(declared: str, text: object, *, numeric: bool) -> str:
    """What a printed date means. The rubric's label for the indicator when it has one;
    otherwise "data year" for a numeric indicator dated by year (a statistic's reference year)
    and "evidence dated" for anything else (the date of the evidence the value rests on)."""
    if not clean(text):
        return ""  # no date, so nothing to label (the row says "no date")
    if clean(declared):
        return clean(declared)
    return "data year" if numeric and date_precision(text) == "year" else "evidence dated"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"
