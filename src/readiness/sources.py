"""Where a run's inputs are: the rubric file, each period's input files, archived rubrics.

The layout (see the README): `rubrics/<rubric-id>.yaml` is the current rubric and
`rubrics/archive/<rubric-id>-<version>.yaml` the earlier versions;
`inputs/<rubric-id>-<period>.xlsx` is a period's officials' workbook,
`inputs/<rubric-id>-reference-<period>.xlsx` the reference jurisdictions' values for that period
when there are any, and `inputs/history/` holds earlier periods named the same way. Each
workbook's About sheet names the rubric id and version it was made with. Nothing here imports
pandas: the unchanged re-run reads only names and hashes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from readiness.i18n import LANGUAGES
from readiness.problems import Location, fail

if TYPE_CHECKING:
    from readiness.rubric.model import Rubric

RUBRICS = Path("rubrics")
ARCHIVE = RUBRICS / "archive"
INPUTS = Path("inputs")
HISTORY = INPUTS / "history"
SUFFIXES = (".xlsx", ".xlsm", ".csv")

_PERIOD = r"(?P<period>\d{4}(?:-Q[1-4])?)"
_ID_LINE = re.compile(r"^id:\s*['\"]?(?P<id>[A-Za-z0-9_.-]+)['\"]?\s*(?:#.*)?$", re.MULTILINE)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class RubricFile:
    """A rubric file: its path, its text and the hash of its bytes (parsed on demand)."""

    path: Path
    data: bytes

    @classmethod
    def read(cls, path: Path) -> RubricFile:
        where = Location(file=str(path))
        if not path.exists():
            fail("file-not-found", "no such rubric file", where)
        try:
            return cls(path, path.read_bytes())
        except OSError as exc:
            fail("file-unreadable", f"cannot read the rubric: {exc.strerror or exc}", where)

    @property
    def text(self) -> str:
        """The text (the file was read as bytes; `rubric` reports a file that is not UTF-8)."""
        return self.data.decode("utf-8", errors="replace")

    @cached_property
    def rubric(self) -> Rubric:
        """The validated rubric (parsed once); `ReadinessError` with every problem located."""
        from readiness.rubric import parse_rubric

        try:
            text = self.data.decode("utf-8")
        except UnicodeDecodeError as exc:
            fail(
                "file-encoding",
                f"the rubric is not UTF-8 text ({exc.reason})",
                Location(file=str(self.path)),
            )
        return parse_rubric(text, str(self.path))

    @cached_property
    def sha256(self) -> str:
        return sha256_bytes(self.data)

    @property
    def declared_id(self) -> str | None:
        """The top-level `id:` as written, found without parsing the YAML (None if unusual)."""
        match = _ID_LINE.search(self.text)
        return match.group("id") if match else None


@dataclass(frozen=True)
class PeriodFiles:
    """The input files of one period: the main values file, then any reference file."""

    period: str
    files: tuple[Path, ...]


def find_rubric(root: Path) -> Path:
    """The single rubric YAML in `root/rubrics/` (the archive and translations are not looked
    at)."""
    folder = root / RUBRICS
    found = sorted(p for p in folder.glob("*.yaml") if p.is_file()) if folder.is_dir() else []
    found += sorted(p for p in folder.glob("*.yml") if p.is_file()) if folder.is_dir() else []
    # A translation (`<stem>.ru.yaml`) sits beside its rubric and is not a rubric.
    found = [p for p in found if Path(p.stem).suffix.removeprefix(".") not in LANGUAGES]
    if len(found) == 1:
        return found[0]
    where = Location(file=str(folder))
    if not found:
        fail("no-rubric", "no rubric .yaml file here; name the rubric to use", where)
    names = ", ".join(p.name for p in found)
    fail("several-rubrics", f"{names}: name the rubric to use", where)


def period_files(folder: Path, rubric_id: str) -> list[PeriodFiles]:
    """Every period with a values file `<rubric-id>-<period>.<ext>` in `folder`, oldest first,
    each with its reference file `<rubric-id>-reference-<period>.<ext>` when there is one."""
    if not folder.is_dir():
        return []
    pattern = re.compile(
        rf"^{re.escape(rubric_id)}-(?P<reference>reference-)?{_PERIOD}"
        r"(?P<suffix>\.xlsx|\.xlsm|\.csv)$"
    )
    main: dict[str, Path] = {}
    reference: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        match = pattern.match(path.name)
        if match is None or not path.is_file():
            continue
        target = reference if match.group("reference") else main
        if match.group("period") in target:
            fail(
                "several-inputs",
                f"{target[match.group('period')].name} and {path.name} are for the same "
                "period; keep one",
                Location(file=str(path)),
            )
        target[match.group("period")] = path
    out = []
    for period in sorted(main, key=period_key):
        files = (main[period],) + ((reference[period],) if period in reference else ())
        out.append(PeriodFiles(period, files))
    return out


def period_key(period: str) -> tuple[int, int]:
    """Sort key: 2026 before 2026-Q1 is never compared (a rubric has one period type)."""
    year, _, quarter = period.partition("-Q")
    return int(year), int(quarter or 0)


def next_period(period: str) -> str:
    """The period after `period`: 2026-Q4 -> 2027-Q1, 2026 -> 2027."""
    year, _, quarter = period.partition("-Q")
    if not quarter:
        return str(int(year) + 1)
    q = int(quarter)
    return f"{int(year) + (q == 4)}-Q{q % 4 + 1}"


def about(path: Path) -> dict[str, str]:
    """The About sheet of a workbook as {field: value} (empty for a CSV or an unreadable file:
    validation then reports why)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return {}
    from readiness.workbook import layout
    from readiness.workbook.raw import OpenError, open_workbook

    try:
        with open_workbook(path) as book:
            name = layout.find_sheet("about", book.sheet_names)  # in the workbook's language
            if name is None:
                return {}
            sheet = book.sheet(name)
    except OpenError:
        return {}
    # A label in any language is given as its English label ("Период" -> "Period").
    from readiness.i18n.workbook import EN

    english = {label: EN.about[key] for label, key in layout.about_keys().items()}
    fields: dict[str, str] = {}
    for row in sheet.rows:
        if len(row) >= 2 and str(row[0]).strip():
            label = str(row[0]).strip()
            fields.setdefault(english.get(label.casefold(), label), str(row[1]).strip())
    return fields


def rubric_named_by(
    path: Path,
    current: RubricFile,
    root: Path,
    archived: dict[Path, RubricFile] | None = None,
) -> RubricFile:
    """The rubric a workbook's About sheet names: the current one when id and version match,
    else `rubrics/archive/<id>-<version>.yaml`. A workbook that names none (a CSV) gets the
    current rubric. `archived` keeps the archived rubrics read so far (file -> rubric), so
    that the periods made with one archived version read and validate it once."""
    from readiness.workbook import layout

    fields = about(path)
    rubric_id = fields.get(layout.ABOUT_RUBRIC_ID, "")
    version = fields.get(layout.ABOUT_RUBRIC_VERSION, "")
    if not rubric_id or not version:
        return current
    rubric = current.rubric
    if rubric.id == rubric_id and rubric.version == version:
        return current
    archive = root / ARCHIVE / f"{rubric_id}-{version}.yaml"
    if not archive.is_file():
        fail(
            "rubric-not-archived",
            f"the workbook was made with rubric {rubric_id} version {version}; the current "
            f"rubric is {rubric.id} {rubric.version} and {archive} does not exist",
            Location(file=str(path), sheet=layout.ABOUT),
        )
    found = archived.get(archive) if archived is not None else None
    if found is None:
        found = RubricFile.read(archive)
    loaded = found.rubric
    if (loaded.id, loaded.version) != (rubric_id, version):
        fail(
            "rubric-archive-mismatch",
            f"this file says it is {loaded.id} {loaded.version}, not {rubric_id} {version}",
            Location(file=str(archive)),
        )
    if archived is not None:
        archived[archive] = found
    return found
