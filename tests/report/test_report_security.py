"""Hostile text in every text field of the inputs is printed as text: nothing is fetched,
nothing is embedded, no markup or CSS gets through (shared/notes/stack.md, "Security")."""

from __future__ import annotations

import csv
import http.server
import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from pypdf import PdfReader
from report_support import VALUES

from readiness import api
from readiness.engine.paths import paths_to_next_band
from readiness.report import build_documents, build_report_set, render_pdf, resolve_templates
from readiness.rubric.model import Rubric

LONG = 32_767  # Excel's limit for one cell


class _Listener(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture(scope="module")
def listener() -> Iterator[tuple[int, list[str]]]:
    hits: list[str] = []
    handler = type("Handler", (_Listener,), {"hits": hits})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def hostile_strings(port: int) -> list[str]:
    return [
        "<link rel=attachment href=file:///etc/passwd>",
        f"<img src=http://127.0.0.1:{port}/img>",
        "</td><script>alert(1)</script>",
        f"<style>@import url(http://127.0.0.1:{port}/import);</style>",
        f'<p style="background: url(http://127.0.0.1:{port}/style)">css</p>',
        f"url(http://127.0.0.1:{port}/bare) {{background:url(file:///etc/passwd)}}",
        "<a rel=attachment href=file:///etc/passwd>x</a>",
        '<object data="file:///etc/passwd"></object>',
    ]


@pytest.fixture(scope="module")
def hostile_csv(tmp_path_factory: pytest.TempPathFactory, listener: tuple[int, list[str]]) -> Path:
    port, _ = listener
    evil = hostile_strings(port)
    with open(VALUES, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for k, row in enumerate(rows):
        row["source"] = evil[k % len(evil)]
        row["note"] = evil[(k + 3) % len(evil)]
        # As-of dates are read by the one date rule (a hostile one is a located bad-date,
        # tests/hostile), so they stay as given here.
        row["source_url"] = f"http://127.0.0.1:{port}/link" if k % 3 == 0 else "file:///etc/passwd"
    long_note = ("<link rel=attachment href=file:///etc/passwd> " * 1000)[: LONG - 3] + "END"
    assert len(long_note) == LONG
    rows[0]["note"] = long_note  # KAZ, rule_of_law
    path = tmp_path_factory.mktemp("hostile") / "hostile.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture(scope="module")
def hostile_pdfs(
    hostile_csv: Path, c5_rubric: Rubric, listener: tuple[int, list[str]]
) -> dict[str, bytes]:
    """The regional overview and two scorecards of the hostile inputs, rendered in-process."""
    values = api.load_values(hostile_csv, c5_rubric)
    result = api.score(c5_rubric, values)
    folder = resolve_templates(None)
    docs = build_documents(build_report_set(result, paths=paths_to_next_band(result)), folder)
    wanted = {"regional-overview", "scorecard-KAZ", "scorecard-TKM"}
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        out = {d.stem: render_pdf(d.html, folder) for d in docs if d.stem in wanted}
    finally:
        logger.removeHandler(handler)
    assert [r.getMessage() for r in records if r.levelno >= logging.WARNING] == []
    return out


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    reader = PdfReader(path)
    return " ".join(" ".join(p.extract_text() or "" for p in reader.pages).split())


def test_hostile_text_is_shown_as_text(hostile_pdfs: dict[str, bytes], tmp_path: Path) -> None:
    text = _text(hostile_pdfs["scorecard-KAZ"], tmp_path)
    assert "<script>alert(1)</script>" in text
    assert "rel=attachment" in text
    assert "@import url(" in text
    assert "[cut: 32,767 characters in the input]" in text
    assert "root:x:0:0" not in text


def test_no_request_reaches_the_listener(
    hostile_pdfs: dict[str, bytes], listener: tuple[int, list[str]]
) -> None:
    _, hits = listener
    assert hostile_pdfs and hits == []


@pytest.mark.parametrize("stem", ["regional-overview", "scorecard-KAZ", "scorecard-TKM"])
def test_nothing_is_embedded(hostile_pdfs: dict[str, bytes], tmp_path: Path, stem: str) -> None:
    path = tmp_path / f"{stem}.pdf"
    path.write_bytes(hostile_pdfs[stem])
    reader = PdfReader(path)
    root = reader.trailer["/Root"]
    names = root.get("/Names")
    assert names is None or "/EmbeddedFiles" not in names.get_object()
    assert dict(reader.attachments) == {}
    for page in reader.pages:
        for annot in page.get("/Annots", []) or []:
            obj = annot.get_object()
            assert obj.get("/Subtype") != "/FileAttachment"
            uri = obj.get("/A", {}).get("/URI", "") if obj.get("/A") else ""
            assert not str(uri).startswith("file:")
    assert b"root:x:0:0" not in hostile_pdfs[stem]


def test_only_http_links_survive(hostile_pdfs: dict[str, bytes], tmp_path: Path) -> None:
    path = tmp_path / "kaz.pdf"
    path.write_bytes(hostile_pdfs["scorecard-KAZ"])
    uris = []
    for page in PdfReader(path).pages:
        for annot in page.get("/Annots", []) or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    assert uris and all(u.startswith("http://127.0.0.1:") for u in uris)
