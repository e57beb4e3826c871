"""Deterministic hand-written SVG charts: pillar bars, regional heatmap, comparison dot plot.

Charts take plain numbers and labels (already chosen by the context builder) and return SVG
text; `data_uri` wraps it for an `<img src>`. Output depends only on the inputs: no ids from
memory addresses, no dates, fixed number formatting. Every text is XML-escaped. Colours come
from one palette whose lightness falls monotonically with the band, so charts read in greyscale,
and every value is also printed as a number.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

# Band palette, best band first: dark to light (lightness strictly increasing), so a greyscale
# print keeps the order. Text on the two darkest fills is white.
BAND_FILLS = ("#08306b", "#2f6fae", "#6aaed6", "#bdd7ee", "#f2f7fc")
BAND_TEXT = ("#ffffff", "#ffffff", "#000000", "#000000", "#000000")
NO_SCORE_FILL = "#ffffff"
INK = "#1a1a1a"
MUTED = "#555555"
GRID = "#8c8c8c"
ZONE_SHADES = ("#e4e4e4", "#ffffff")
FONT = "DejaVu Sans, sans-serif"


@dataclass(frozen=True)
class Threshold:
    """A band's lower bound on the 0-100 axis, with the band's label and palette slot."""

    label: str
    min: float
    slot: int  # 0 = best band; index into BAND_FILLS


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # NaN = no score
    text: str  # the value as printed
    slot: int | None  # palette slot of the band the value falls in
    note: str = ""  # shown instead of a bar when there is no score
    strong: bool = False  # the index row


@dataclass(frozen=True)
class HeatCell:
    value: float
    text: str  # printed number, or a short "no score" word
    slot: int | None


@dataclass(frozen=True)
class DotRow:
    label: str
    points: tuple[tuple[str, float], ...]  # (short label, value); NaN = no score
    strong: bool = False
    # Reference jurisdictions: drawn as hollow diamonds with italic labels, never as dots.
    references: tuple[tuple[str, float], ...] = ()


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _f(x: float) -> str:
    """Coordinates with two decimals: stable text, no float noise."""
    return f"{x:.2f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))


def _text(
    x: float,
    y: float,
    content: str,
    *,
    size: float = 10,
    anchor: str = "start",
    weight: str = "normal",
    fill: str = INK,
    italic: bool = False,
) -> str:
    style = ' font-style="italic"' if italic else ""
    return (
        f'<text x="{_f(x)}" y="{_f(y)}" font-size="{_f(size)}" text-anchor="{anchor}" '
        f'font-weight="{weight}" fill="{fill}"{style}>{escape(content)}</text>'
    )


def _rect(
    x: float, y: float, w: float, h: float, fill: str, stroke: str = "none", sw: float = 0.8
) -> str:
    return (
        f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" height="{_f(h)}" fill="{fill}" '
        f'stroke="{stroke}" stroke-width="{_f(sw)}"/>'
    )


def _line(
    x1: float, y1: float, x2: float, y2: float, stroke: str = GRID, sw: float = 0.8, dash: str = ""
) -> str:
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" stroke="{stroke}" '
        f'stroke-width="{_f(sw)}"{dashed}/>'
    )


def _svg(width: float, height: float, title: str, body: Sequence[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_f(width)}" height="{_f(height)}" '
        f'viewBox="0 0 {_f(width)} {_f(height)}" font-family={quoteattr(FONT)}>'
        f"<title>{escape(title)}</title>"
        f"{_hatch()}" + "".join(body) + "</svg>"
    )


def _hatch() -> str:
    return (
        '<defs><pattern id="nodata" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#b0b0b0" stroke-width="1.2"/></pattern></defs>'
    )


def text_width(text: str, size: float) -> float:
    """Rough advance width of DejaVu Sans text (average glyph ~0.6 em)."""
    return 0.6 * size * len(text)


def _row_label(label: str, right: float, width: float, cy: float, strong: bool) -> list[str]:
    """A row's label, right-aligned at `right`, up to two lines centred on `cy`."""
    lines = wrap(label, width, 9.5, max_lines=2)
    first = cy + 3.5 - 5.5 * (len(lines) - 1)
    weight = "bold" if strong else "normal"
    return [
        _text(right, first + 11 * j, line, size=9.5, anchor="end", weight=weight)
        for j, line in enumerate(lines)
    ]


def wrap(text: str, width: float, size: float, max_lines: int = 3) -> list[str]:
    """Greedy word wrap to `width` user units; the last line is cut with an ellipsis."""
    per_line = max(4, int(width / (0.6 * size)))
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if len(candidate) <= per_line:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word if len(word) <= per_line else word[: per_line - 1] + "…"
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        lines[-1] = (last[: per_line - 1] if len(last) >= per_line else last) + "…"
    return lines or [""]


def _zones(
    x0: float, y0: float, plot_w: float, height: float, thresholds: Sequence[Threshold]
) -> tuple[list[str], list[tuple[float, float, Threshold]]]:
    """Alternating light shading per band zone plus dashed lines at each threshold."""
    body: list[str] = []
    bounds = sorted(thresholds, key=lambda t: t.min)
    spans: list[tuple[float, float, Threshold]] = []
    for k, t in enumerate(bounds):
        hi = bounds[k + 1].min if k + 1 < len(bounds) else 100.0
        lo = max(0.0, t.min)
        spans.append((lo, min(hi, 100.0), t))
    for k, (lo, hi, _) in enumerate(spans):
        shade = ZONE_SHADES[(len(spans) - 1 - k) % 2]
        body.append(_rect(x0 + lo / 100 * plot_w, y0, (hi - lo) / 100 * plot_w, height, shade))
    for lo, _, _ in spans:
        if 0 < lo < 100:
            x = x0 + lo / 100 * plot_w
            body.append(_line(x, y0, x, y0 + height, stroke="#4d4d4d", sw=0.9, dash="3,2"))
    return body, spans


def _zone_labels(
    x0: float, y: float, plot_w: float, spans: Sequence[tuple[float, float, Threshold]]
) -> list[str]:
    """Band names centred in their zones; two tiers when a name is wider than its zone."""
    body = []
    for k, (lo, hi, t) in enumerate(spans):
        width = (hi - lo) / 100 * plot_w
        size = 8.0
        label = t.label
        if text_width(label, size) > width - 4:
            size = 7.0
        tier = 0 if text_width(label, size) <= width - 4 or k % 2 == 0 else 1
        cx = x0 + (lo + hi) / 200 * plot_w
        body.append(_text(cx, y - 11 * tier, label, size=size, anchor="middle", fill=MUTED))
        if 0 < lo < 100:
            body.append(
                _text(
                    x0 + lo / 100 * plot_w, y + 10, f"{lo:g}", size=7, anchor="middle", fill=MUTED
                )
            )
    return body


def _axis(x0: float, y: float, plot_w: float) -> list[str]:
    body = [_line(x0, y, x0 + plot_w, y, stroke=INK, sw=0.8)]
    for tick in (0, 25, 50, 75, 100):
        x = x0 + tick / 100 * plot_w
        body.append(_line(x, y, x, y + 3, stroke=INK, sw=0.8))
        body.append(_text(x, y + 12, str(tick), size=7.5, anchor="middle", fill=MUTED))
    return body


def pillar_bars(bars: Sequence[Bar], thresholds: Sequence[Threshold], title: str) -> str:
    """Horizontal 0-100 bars, band zones shaded and threshold lines drawn; no-score rows say so."""
    width, label_w, value_w = 680.0, 200.0, 44.0
    plot_x, plot_w = label_w + 8, width - label_w - 8 - value_w
    top, row_h, bar_h = 40.0, 30.0, 16.0
    height = top + row_h * len(bars) + 22
    body: list[str] = []
    zones, spans = _zones(plot_x, top - 6, plot_w, row_h * len(bars) + 6, thresholds)
    body += zones
    body += _zone_labels(plot_x, 20, plot_w, spans)
    for k, bar in enumerate(bars):
        y = top + k * row_h
        cy = y + row_h / 2
        body += _row_label(bar.label, label_w, label_w, cy, bar.strong)
        if math.isnan(bar.value):
            body.append(_rect(plot_x, cy - bar_h / 2, plot_w, bar_h, "url(#nodata)", GRID, 0.6))
            note = bar.note or "insufficient data"
            note_w = text_width(note, 8.5) + 10
            body.append(_rect(plot_x + 6, cy - 6.5, note_w, 13, "#ffffff"))
            body.append(_text(plot_x + 11, cy + 3, note, size=8.5, italic=True, fill=INK))
            body.append(_text(plot_x + plot_w + 6, cy + 3.5, "–", size=9.5, fill=MUTED))
            continue
        slot = bar.slot if bar.slot is not None else len(BAND_FILLS) - 1
        w = max(0.0, min(bar.value, 100.0)) / 100 * plot_w
        body.append(_rect(plot_x, cy - bar_h / 2, w, bar_h, BAND_FILLS[slot], INK, 0.7))
        body.append(
            _text(
                plot_x + plot_w + 6,
                cy + 3.5,
                bar.text,
                size=9.5,
                weight="bold" if bar.strong else "normal",
            )
        )
    body += _axis(plot_x, top + row_h * len(bars), plot_w)
    return _svg(width, height, title, body)


def heatmap(
    rows: Sequence[str],
    columns: Sequence[str],
    cells: Sequence[Sequence[HeatCell]],
    title: str,
    references: Sequence[tuple[str, Sequence[HeatCell]]] = (),
    reference_heading: str = "Reference jurisdictions (not ranked)",
) -> str:
    """Country x pillar grid: fill by band, the score printed in every cell, no-score hatched.
    `references` (name, cells) form a separate block under its own heading below the rows."""
    label_w = 130.0
    cell_w = min(110.0, (680.0 - label_w) / max(1, len(columns)))
    cell_h = 30.0
    head_lines = [wrap(c, cell_w - 6, 8.5, max_lines=3) for c in columns]
    head_h = 12.0 * max(len(h) for h in head_lines) + 8
    legend_h = 4.0
    ref_head = 24.0 if references else 0.0
    width = label_w + cell_w * len(columns)
    height = head_h + cell_h * (len(rows) + len(references)) + ref_head + legend_h
    body: list[str] = []
    for j, lines in enumerate(head_lines):
        cx = label_w + cell_w * (j + 0.5)
        base = head_h - 6 - 12.0 * (len(lines) - 1)
        for i, line in enumerate(lines):
            body.append(_text(cx, base + 12 * i, line, size=8.5, anchor="middle", weight="bold"))
    grid = [(name, cells[i], head_h + i * cell_h, False) for i, name in enumerate(rows)]
    if references:
        top = head_h + cell_h * len(rows)
        body.append(_line(0, top + 8, width, top + 8, stroke="#b4b4b4", sw=0.6))
        body.append(_text(4, top + 19, reference_heading, size=8.5, weight="bold", italic=True))
        grid += [
            (name, ref_cells, top + ref_head + k * cell_h, True)
            for k, (name, ref_cells) in enumerate(references)
        ]
    for name, row_cells, y, is_ref in grid:
        body.append(
            _text(label_w - 8, y + cell_h / 2 + 3.5, name, size=9.5, anchor="end", italic=is_ref)
        )
        for j, cell in enumerate(row_cells):
            x = label_w + j * cell_w
            if cell.slot is None or math.isnan(cell.value):
                body.append(_rect(x, y, cell_w, cell_h, "url(#nodata)", "#ffffff", 1.5))
                tw = text_width(cell.text, 8) + 8
                body.append(_rect(x + (cell_w - tw) / 2, y + cell_h / 2 - 6.5, tw, 13, "#ffffff"))
                body.append(
                    _text(
                        x + cell_w / 2,
                        y + cell_h / 2 + 3,
                        cell.text,
                        size=8,
                        anchor="middle",
                        italic=True,
                    )
                )
                continue
            body.append(_rect(x, y, cell_w, cell_h, BAND_FILLS[cell.slot], "#ffffff", 1.5))
            body.append(
                _text(
                    x + cell_w / 2,
                    y + cell_h / 2 + 4,
                    cell.text,
                    size=11,
                    anchor="middle",
                    weight="bold",
                    fill=BAND_TEXT[cell.slot],
                )
            )
    return _svg(width, height, title, body)


def dot_plot(rows: Sequence[DotRow], thresholds: Sequence[Threshold], title: str) -> str:
    """One 0-100 track per row, each unit a dot labelled with its code. Labels go above the
    track, then below, then further out, whichever first has room, so they never overlap;
    units without a score are listed at the right of their track."""
    width, label_w, side_w = 680.0, 170.0, 92.0
    plot_x, plot_w = label_w + 10, width - label_w - 10 - side_w
    tier_h, label_size = 12.0, 9.0
    placed: list[list[tuple[float, int, str, bool]]] = []
    above, below = 1, 0
    for row in rows:
        marks = [(lab, v, False) for lab, v in row.points]
        marks += [(lab, v, True) for lab, v in row.references]
        scored = sorted(
            ((lab, v, ref) for lab, v, ref in marks if not math.isnan(v)),
            key=lambda p: (p[1], p[0]),
        )
        ends: list[float] = []  # right edge of the last label in each tier
        items = []
        for lab, v, ref in scored:
            x = plot_x + max(0.0, min(v, 100.0)) / 100 * plot_w
            half = text_width(lab, label_size) / 2 + 3
            tier = next((t for t, end in enumerate(ends) if x - half > end), len(ends))
            if tier == len(ends):
                ends.append(x + half)
            else:
                ends[tier] = x + half
            items.append((x, tier, lab, ref))
            above = max(above, tier // 2 + 1)
            below = max(below, (tier + 1) // 2)
        placed.append(items)
    row_h = 18.0 + tier_h * (above + below)
    top = 40.0
    height = top + row_h * len(rows) + 22
    body: list[str] = []
    zones, spans = _zones(plot_x, top - 6, plot_w, row_h * len(rows) + 6, thresholds)
    body += zones
    body += _zone_labels(plot_x, 20, plot_w, spans)
    for k, (row, items) in enumerate(zip(rows, placed, strict=True)):
        y0 = top + k * row_h
        track = y0 + 7 + tier_h * above
        if k:
            body.append(_line(0, y0 - 1, width, y0 - 1, stroke="#b4b4b4", sw=0.6))
        body += _row_label(row.label, label_w, label_w - 4, track, row.strong)
        body.append(_line(plot_x, track, plot_x + plot_w, track, stroke=INK, sw=0.6))
        for x, tier, lab, ref in items:
            level = tier // 2
            ly = track - 6 - tier_h * level if tier % 2 == 0 else track + 14 + tier_h * level
            if level:
                end = ly + 2 if tier % 2 == 0 else ly - 9
                body.append(_line(x, track, x, end, stroke=GRID, sw=0.6))
            if ref:  # a reference jurisdiction: hollow diamond, italic label
                d = 4.2
                body.append(
                    f'<polygon points="{_f(x)},{_f(track - d)} {_f(x + d)},{_f(track)} '
                    f'{_f(x)},{_f(track + d)} {_f(x - d)},{_f(track)}" fill="#ffffff" '
                    f'stroke="{INK}" stroke-width="1.1"/>'
                )
                body.append(_text(x, ly, lab, size=label_size, anchor="middle", italic=True))
                continue
            body.append(
                f'<circle cx="{_f(x)}" cy="{_f(track)}" r="3.4" fill="{INK}" '
                'stroke="#ffffff" stroke-width="0.8"/>'
            )
            body.append(_text(x, ly, lab, size=label_size, anchor="middle", weight="bold"))
        missing = [lab for lab, v in (*row.points, *row.references) if math.isnan(v)]
        if missing:
            note_lines = wrap("no score: " + ", ".join(missing), side_w - 6, 7.5, max_lines=3)
            for j, line in enumerate(note_lines):
                body.append(
                    _text(
                        plot_x + plot_w + 8,
                        track + 3 + 9 * j - 4.5 * (len(note_lines) - 1),
                        line,
                        size=7.5,
                        italic=True,
                        fill=MUTED,
                    )
                )
    body += _axis(plot_x, top + row_h * len(rows), plot_w)
    return _svg(width, height, title, body)
