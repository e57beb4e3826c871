"""Save openpyxl workbooks deterministically and write untrusted text into cells safely.

openpyxl stamps the current time into docProps/core.xml and into every zip entry, so the same
workbook saved twice differs. `save_workbook` fixes both, writes atomically, and so the same
inputs give byte-identical files.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from readiness import atomic

FIXED = datetime(2000, 1, 1)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


MAX_TEXT = 32_767  # Excel's limit on the characters in a cell


def save_workbook(workbook: Any, target: str | os.PathLike[str]) -> None:
    """Save `workbook` to `target` atomically with fixed timestamps."""
    atomic.write_bytes(target, workbook_bytes(workbook))


def workbook_bytes(
    workbook: Any, *, parts: Mapping[str, Callable[[bytes], Iterable[bytes]]] | None = None
) -> bytes:
    """The bytes `save_workbook` writes (fixed timestamps), for callers that write them later.

    `parts` ({part name: change}) passes a part's bytes through `change`, which gives the
    part's new bytes in pieces (a caller streams rows it wrote itself into a sheet)."""
    workbook.properties.created = FIXED
    workbook.properties.modified = FIXED
    workbook.properties.lastModifiedBy = None
    workbook.properties.creator = "readiness"
    raw = io.BytesIO()
    workbook.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps "modified" with the save time, whatever was set.
                data = _MODIFIED.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            change = parts.get(info.filename) if parts else None
            if change is None:
                dst.writestr(fixed, data)
                continue
            with dst.open(fixed, "w") as part:
                for piece in change(data):
                    part.write(piece)
    return out.getvalue()


def safe_text(text: str) -> str:
    """`text` as a cell can hold it: without the control characters XML forbids (openpyxl
    raises on them) and cut to Excel's 32,767 characters."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def set_text(cell: Any, text: str) -> None:
    """Put `text` in `cell` as a string, never a formula (even when it starts with '=')."""
    cell.value = safe_text(text)
    cell.data_type = "s"
