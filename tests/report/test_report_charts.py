"""SVG charts: deterministic, escaped, parseable, and no-score rows are not drawn as zero."""

from __future__ import annotations

import base64
import math
import xml.etree.ElementTree as ET

from readiness.report import charts

SVG = "{http://www.w3.org/2000/svg}"
BANDS = (
    charts.Threshold("Top", 70, 0),
    charts.Threshold("Upper", 55, 1),
    charts.Threshold("Middle", 40, 2),
    charts.Threshold("Lower", 25, 3),
    charts.Threshold("Bottom", 0, 4),
)
EVIL = "</text><script>alert(1)</script><image href='file:///etc/passwd'/>"


def bars() -> list[charts.Bar]:
    return [
        charts.Bar("Overall index", 48.44, "48.4", 2, strong=True),
        charts.Bar(EVIL, 72.2, "72.2", 0),
        charts.Bar("No data", math.nan, "–", None, note="insufficient data: 33% of weight"),
    ]


def test_pillar_bars_are_deterministic_and_escaped() -> None:
    one = charts.pillar_bars(bars(), BANDS, "t")
    assert one == charts.pillar_bars(bars(), BANDS, "t")
    root = ET.fromstring(one)  # well-formed XML despite the hostile label
    assert root.find(f".//{SVG}script") is None
    assert root.find(f".//{SVG}image") is None
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert "48.4" in texts and "72.2" in texts
    assert "insufficient data: 33% of weight" in texts


def test_no_score_bar_is_hatched_not_zero() -> None:
    root = ET.fromstring(charts.pillar_bars(bars()[2:], BANDS, "t"))
    fills = [r.get("fill") for r in root.iter(f"{SVG}rect")]
    assert "url(#nodata)" in fills
    # no band-coloured bar at all for the no-score row
    assert not set(fills) & set(charts.BAND_FILLS)


def test_band_lines_are_drawn_at_every_inner_threshold() -> None:
    root = ET.fromstring(charts.pillar_bars(bars(), BANDS, "t"))
    dashed = {
        float(line.get("x1", "0"))
        for line in root.iter(f"{SVG}line")
        if line.get("stroke-dasharray")
    }
    assert len(dashed) == 4  # 25, 40, 55, 70


def test_heatmap_prints_every_number() -> None:
    cells = [
        [charts.HeatCell(74.2, "74.2", 0), charts.HeatCell(math.nan, "no score", None)],
        [charts.HeatCell(39.7, "39.7", 3), charts.HeatCell(12.0, "12.0", 4)],
    ]
    svg = charts.heatmap(["A", "B"], ["Index", "Pillar"], cells, "t")
    texts = [t.text for t in ET.fromstring(svg).iter(f"{SVG}text")]
    for value in ("74.2", "no score", "39.7", "12.0"):
        assert value in texts


def test_dot_plot_labels_do_not_overlap() -> None:
    rows = [
        charts.DotRow("Index", (("KAZ", 40.0), ("KGZ", 40.5), ("UZB", 41.0), ("TJK", math.nan)))
    ]
    root = ET.fromstring(charts.dot_plot(rows, BANDS, "t"))
    boxes = []
    for t in root.iter(f"{SVG}text"):
        if t.text in ("KAZ", "KGZ", "UZB"):
            x, y = float(t.get("x", "0")), float(t.get("y", "0"))
            half = charts.text_width(t.text, 9.0) / 2
            boxes.append((x - half, x + half, y))
    assert len(boxes) == 3
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] != b[2] or a[1] <= b[0] or b[1] <= a[0]
    assert any("no score: TJK" in (t.text or "") for t in root.iter(f"{SVG}text"))


def test_data_uri_round_trips() -> None:
    svg = charts.pillar_bars(bars(), BANDS, "t")
    uri = charts.data_uri(svg)
    assert uri.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]).decode() == svg
