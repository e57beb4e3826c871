"""Hostile report templates (a user's `--templates` folder): sandbox escapes, runaway output,
resources from outside the folder or the network, broken files.

Each case is the packaged templates folder with one file added or changed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from corpus import Case

from readiness.report.render import PACKAGED_TEMPLATES

BASE = "base.html.j2"
PASSWD = "root:x:0:0"


def _folder(change: Callable[[Path], None]) -> Callable[[Path], Path]:
    def build(parent: Path) -> Path:
        folder = parent / "templates"
        shutil.copytree(PACKAGED_TEMPLATES, folder)
        change(folder)
        return folder

    return build


def _in_body(markup: str, name: str = BASE) -> Callable[[Path], Path]:
    """`markup` placed in the <body> of `name` (the layout every document extends)."""

    def change(folder: Path) -> None:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("<body>", "<body>" + markup, 1), encoding="utf-8")

    return _folder(change)


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    return _folder(lambda folder: (folder / name).write_bytes(data))


def _remove(name: str) -> Callable[[Path], Path]:
    return _folder(lambda folder: (folder / name).unlink())


def _css(extra: str) -> Callable[[Path], Path]:
    def change(folder: Path) -> None:
        css = folder / "report.css"
        css.write_text(extra + "\n" + css.read_text(encoding="utf-8"), encoding="utf-8")

    return _folder(change)


def _symlinked_css(folder: Path) -> None:
    (folder / "report.css").unlink()
    os.symlink("/etc/passwd", folder / "report.css")


BODY_LINE = (PACKAGED_TEMPLATES / BASE).read_text(encoding="utf-8").split("<body>")[0].count(
    "\n"
) + 1
# A port nothing listens on: the case fails if the renderer even tries to fetch from it.
URL = "http://127.0.0.1:9/x"
T = "template"

# fmt: off
CASES: list[Case] = [
    Case("missing-scorecard", T, _remove("scorecard.html.j2"), codes=("template-not-found",), where="'scorecard.html.j2'"),
    Case("syntax-error", T, _in_body("{% if %}"), codes=("template-syntax",), where=f"{BASE}:{BODY_LINE}"),
    Case("undefined-name", T, _in_body("{{ doc.no_such_thing.deeper }}"), codes=("template-error",), where=BASE),
    Case("sandbox-escape", T, _in_body("{{ ''.__class__.__mro__[1].__subclasses__() }}"), codes=("template-error",), where=BASE),
    Case("runaway-output", T, _in_body("{% for i in range(100000) %}{{ 'x' * 100000 }}{% endfor %}"), codes=("limit-template-output",), where="regional.html.j2"),
    Case("huge-repetition", T, _in_body("{{ 'x' * 10**9 }}"), codes=("template-error",), where="repetition longer"),
    Case("recursion", T, _in_body("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}"), codes=("template-error",), where="RecursionError"),
    Case("include-outside", T, _in_body("{% include '/etc/passwd' %}"), codes=("template-not-found",), never=(PASSWD,)),
    Case("include-parent", T, _in_body("{% include '../../../etc/passwd' %}"), codes=("template-not-found",), never=(PASSWD,)),
    Case("attachment-file-url", T, _in_body('<a rel="attachment" href="file:///etc/passwd">x</a>'), codes=("resource-blocked",), never=(PASSWD,)),
    Case("image-from-network", T, _in_body(f'<img src="{URL}">'), codes=("resource-blocked",)),
    Case("css-import-file", T, _css("@import url(file:///etc/passwd);"), codes=("resource-blocked",), never=(PASSWD,)),
    Case("css-from-network", T, _css(f"body {{ background: url({URL}); }}"), codes=("resource-blocked",)),
    Case("symlinked-stylesheet", T, _folder(_symlinked_css), codes=("resource-blocked",), never=(PASSWD,)),
    Case("not-utf8", T, _write(BASE, b"\xff\xfe not utf-8 \x91"), codes=("template-error",), where=BASE),
    Case("nested-ten-thousand-deep", T, _in_body("<div>" * 10000 + "</div>" * 10000), codes=("render-failed",), where="nested too deeply", slow=True),
]
# fmt: on
