"""Rendering's processes and copies: worker processes end with their parent however it ends,
and --html copies only regular files under the templates folder, never more readable."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from readiness.report.render import PACKAGED_TEMPLATES, _assets

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux /proc")

# Renders hundreds of small documents with two workers, so they are busy when killed.
SCRIPT = """
import sys
from readiness.report.render import Document, render_pdfs, resolve_templates
folder = resolve_templates(None)
html = "<html><body>" + "<p>readiness</p>" * 3000 + "</body></html>"
docs = [Document(f"d{k}", html) for k in range(400)]
print("ready", flush=True)
render_pdfs(docs, folder, jobs=2)
"""


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            text = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(text.rsplit(")", 1)[1].split()[1])
        if ppid == pid:
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def _wait_for(condition: object, cap: float) -> bool:
    """Poll `condition` until true or `cap` seconds (a generous bound, not a timing claim)."""
    assert callable(condition)
    deadline = time.monotonic() + cap
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return bool(condition())


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_workers_end_when_the_parent_is_killed(how: signal.Signals) -> None:
    """Regression: `report --jobs N` left its workers alive for good when the parent was
    killed (SIGTERM or SIGKILL, 6 of 6 tries)."""
    with subprocess.Popen(
        [sys.executable, "-c", SCRIPT],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as parent:
        workers: list[int] = []
        try:
            assert parent.stdout is not None and parent.stdout.readline().strip() == "ready"
            assert _wait_for(lambda: len(_children(parent.pid)) >= 2, 120), "no workers started"
            workers = _children(parent.pid)
            parent.send_signal(how)
            parent.wait(timeout=120)
            assert _wait_for(lambda: not any(_alive(w) for w in workers), 60), [
                w for w in workers if _alive(w)
            ]
            assert parent.returncode == -how  # the parent died of the signal, as without a pool
        finally:
            for pid in [parent.pid, *workers]:
                if _alive(pid):
                    os.kill(pid, signal.SIGKILL)
            parent.wait()


def _templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(PACKAGED_TEMPLATES, folder)
    return folder


def test_html_copies_only_regular_files_inside_the_templates_folder(tmp_path: Path) -> None:
    """Regression: --html copied symlinked files from outside the templates folder."""
    folder = _templates(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("outside")
    (folder / "leak.css").symlink_to(secret)
    (folder / "fonts" / "leak.ttf").symlink_to(secret)
    (folder / "fifo.css").unlink(missing_ok=True)
    os.mkfifo(folder / "fifo.css")
    (folder / "alias.css").symlink_to(folder / "report.css")  # inside: fine
    notes: list[str] = []
    files = _assets(folder, notes.append)
    assert "leak.css" not in files and "fonts/leak.ttf" not in files and "fifo.css" not in files
    assert files["alias.css"] == (folder / "report.css").read_bytes()
    assert "report.css" in files
    assert sorted(notes) == [
        "not copied: fifo.css (not a regular file inside the templates folder)",
        "not copied: fonts/leak.ttf (not a regular file inside the templates folder)",
        "not copied: leak.css (not a regular file inside the templates folder)",
    ]


def test_html_copies_are_never_more_readable_than_the_originals(tmp_path: Path) -> None:
    """Regression: --html made the copies world-readable whatever the originals were."""
    from readiness import api
    from readiness.rubric import load_rubric

    folder = _templates(tmp_path)
    os.chmod(folder / "report.css", 0o600)
    root = Path(__file__).resolve().parents[2]
    rubric = load_rubric(root / "rubrics" / "c5-critical-minerals.yaml")
    values = api.load_values(root / "inputs" / "c5-critical-minerals-2026-Q4.xlsx", rubric)
    from readiness.engine.paths import paths_to_next_band
    from readiness.report.render import render_reports

    out = tmp_path / "out"
    result = api.score(rubric, values)
    render_reports(result, out, templates_dir=folder, html=True, paths=paths_to_next_band(result))
    assert stat.S_IMODE((out / "report.css").stat().st_mode) & 0o077 == 0
    font = next((out / "fonts").iterdir())
    assert stat.S_IMODE(font.stat().st_mode) & 0o022 == 0


def test_the_heap_is_frozen_while_rendering_and_put_back_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc

    from readiness.problems import ReadinessError
    from readiness.report import render

    seen: list[int] = []
    original = render.render_pdf

    def recording(html: str, templates_dir: Path) -> bytes:
        seen.append(gc.get_freeze_count())
        return original(html, templates_dir)

    monkeypatch.setattr(render, "render_pdf", recording)
    folder = render.resolve_templates(None)
    html = '<html lang="en"><head><title>t</title></head><body><p>readiness</p></body></html>'
    docs = [render.Document(f"d{k}", html) for k in (1, 2)]
    assert gc.get_freeze_count() == 0
    pdfs = render.render_pdfs(docs, folder, jobs=1)
    assert [p[:5] for p in pdfs] == [b"%PDF-"] * 2
    assert len(seen) == 2 and all(n > 0 for n in seen)  # the objects made before, set aside
    assert gc.get_freeze_count() == 0  # and put back

    # ... also when the render fails (PDF/UA wants the document's language)
    with pytest.raises(ReadinessError):
        render.render_pdfs([render.Document("bad", "<html><body></body></html>")], folder)
    assert gc.get_freeze_count() == 0

    # A process that froze objects itself keeps them frozen, and nothing more is frozen.
    seen.clear()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        render.render_pdfs(docs, folder, jobs=1)
        assert seen == [frozen, frozen]
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
