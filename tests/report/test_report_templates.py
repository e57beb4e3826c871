"""Templates: packaged as templates/ itself, no data into CSS, the font and its licence."""

from __future__ import annotations

import re
from pathlib import Path

from report_support import ROOT, TEMPLATES

from readiness.report.render import PACKAGED_TEMPLATES


def test_packaged_templates_are_the_templates_folder() -> None:
    """The package's _templates is a symlink to templates/, so the two cannot drift apart;
    building a wheel copies the files in (checked by hand with `pip wheel .`)."""
    packaged = ROOT / "src" / "readiness" / "_templates"
    assert packaged.is_symlink()
    assert packaged.resolve() == TEMPLATES.resolve()
    assert PACKAGED_TEMPLATES.resolve() == TEMPLATES.resolve()


def test_no_data_can_reach_css() -> None:
    for page in TEMPLATES.glob("*.j2"):
        text = page.read_text(encoding="utf-8")
        assert "style=" not in text, page.name
        assert "<style" not in text, page.name
        assert "|safe" not in text.replace(" ", ""), page.name
        assert "autoescape false" not in text, page.name
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    assert "{{" not in css and "{%" not in css
    urls = re.findall(r"url\(([^)]*)\)", css)
    assert urls and all(u.strip("\"'").startswith("fonts/") for u in urls)


def test_bundled_font_and_licence() -> None:
    fonts = TEMPLATES / "fonts"
    for name in (
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
        "DejaVuSansMono.ttf",
        "LICENSE-DejaVu.txt",
    ):
        assert (fonts / name).is_file()
    assert "Bitstream" in (fonts / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")


def test_packaged_folder_is_inside_the_package() -> None:
    assert (
        Path(__file__).resolve().parents[2] / "src" / "readiness" / "_templates"
        == PACKAGED_TEMPLATES
    )
