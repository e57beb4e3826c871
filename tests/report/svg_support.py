"""Reading a generated chart back from its SVG: texts with the boxes they cover, measured with
the shipped font's own metrics (fontTools, independent of the chart's width table), markers,
lines and the rubric-change rules, so that tests check what a reader sees."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache

from fontTools.ttLib import TTFont
from report_support import TEMPLATES

NS = "{http://www.w3.org/2000/svg}"
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 (y down)


@dataclass(frozen=True)
class Metrics:
    advances: dict[int, int]  # code point -> advance width in font units
    units: int
    cap: float  # the height of capitals and digits, in em
    descent: float  # in em (positive)


@cache
def metrics(bold: bool) -> Metrics:
    font = TTFont(TEMPLATES / "fonts" / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"))
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    units = font["head"].unitsPerEm
    return Metrics(
        {code: hmtx[name][0] for code, name in cmap.items()},
        units,
        max(font["glyf"][cmap[ord(ch)]].yMax for ch in "H0123456789") / units,
        -font["hhea"].descent / units,
    )


def measure(text: str, size: float, bold: bool) -> float:
    m = metrics(bold)
    return sum(m.advances[ord(ch)] for ch in text) * size / m.units


@dataclass(frozen=True)
class Circle:
    x: float
    y: float
    r: float
    fill: str


class Svg:
    def __init__(self, text: str) -> None:
        self.text = text
        self.root = ET.fromstring(text)
        self.width = float(self.root.attrib["width"])

    def _all(self, tag: str) -> list[ET.Element]:
        return list(self.root.iter(f"{NS}{tag}"))

    def texts(self) -> list[ET.Element]:
        return self._all("text")

    def texts_of(self, cls: str) -> list[str]:
        return [t.text or "" for t in self.texts() if t.get("class") == cls]

    def period_x(self, label: str) -> float:
        (x,) = [float(t.attrib["x"]) for t in self.texts() if t.text == label]
        return x

    def y_of(self, score: float) -> float:
        """The y of a score, from the axis numbers 0 and 100 (each printed 2.5 below its
        tick)."""
        ticks = {t.text: float(t.attrib["y"]) - 2.5 for t in self.texts() if t.text in ("0", "100")}
        return ticks["0"] + (ticks["100"] - ticks["0"]) * score / 100

    def rubric_rules(self) -> list[float]:
        return [
            float(e.attrib["x1"]) for e in self._all("line") if e.get("class") == "rubric-change"
        ]

    def polylines(self) -> list[list[tuple[float, float]]]:
        out = []
        for e in self._all("polyline"):
            pairs = [p.split(",") for p in e.attrib["points"].split()]
            out.append([(float(x), float(y)) for x, y in pairs])
        return out

    def circles(self) -> list[Circle]:
        return [
            Circle(
                float(e.attrib["cx"]), float(e.attrib["cy"]), float(e.attrib["r"]), e.attrib["fill"]
            )
            for e in self._all("circle")
        ]

    def marker_boxes(self) -> list[Box]:
        """Every marker: circles, small squares and the triangle and diamond polygons."""
        boxes = [(c.x - c.r, c.y - c.r, c.x + c.r, c.y + c.r) for c in self.circles()]
        for e in self._all("rect"):
            if "x" not in e.attrib:  # the hatch pattern's tile
                continue
            w, h = float(e.attrib["width"]), float(e.attrib["height"])
            if w == h and w < 8:
                x, y = float(e.attrib["x"]), float(e.attrib["y"])
                boxes.append((x, y, x + w, y + h))
        for e in self._all("polygon"):
            xs, ys = zip(
                *(
                    (float(a), float(b))
                    for a, b in (p.split(",") for p in e.attrib["points"].split())
                ),
                strict=True,
            )
            boxes.append((min(xs), min(ys), max(xs), max(ys)))
        return boxes

    def text_box(self, e: ET.Element) -> Box:
        size = float(e.attrib["font-size"])
        bold = e.get("font-weight") == "bold"
        width = measure(e.text or "", size, bold)
        x, y = float(e.attrib["x"]), float(e.attrib["y"])
        anchor = e.get("text-anchor", "start")
        x0 = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
        m = metrics(bold)
        return (x0, y - m.cap * size, x0 + width, y + m.descent * size)

    def text_boxes(self, cls: str | None = None) -> list[Box]:
        return [self.text_box(t) for t in self.texts() if cls is None or t.get("class") == cls]

    def assert_no_overlaps(self) -> None:
        """No text covers another or a marker."""
        named = [(t.text, self.text_box(t)) for t in self.texts()]
        for (a, box_a), (b, box_b) in itertools.combinations(named, 2):
            assert not overlaps(box_a, box_b), f"{a!r} overlaps {b!r}"
        for text, box in named:
            for marker in self.marker_boxes():
                assert not overlaps(box, marker), f"{text!r} is printed over a marker"


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
