"""What a run will do: the rubric, the period, its input files, where outputs and history go.

Defaults come from the repository layout (`readiness.sources`), relative to `root` (the current
folder): the one rubric in rubrics/, the latest period in inputs/, `reports/`, and
`reports/history.sqlite`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from readiness import sources
from readiness.i18n import DEFAULT_LANGUAGE, Language
from readiness.problems import Location, Problem, fail, raise_if_errors

PACKAGED_TEMPLATES = Path(__file__).resolve().parent.parent / "_templates"


@dataclass(frozen=True)
class Plan:
    root: Path
    rubric: sources.RubricFile
    rubric_id: str
    period: str
    inputs: tuple[Path, ...]  # the main values file first, then a reference file if any
    out: Path  # the reports folder; the period's outputs go to out / period
    history: Path
    templates: Path
    strict: bool
    jobs: int
    force: bool
    language: Language = DEFAULT_LANGUAGE  # of next period's workbook

    @property
    def folder(self) -> Path:
        return self.out / self.period

    @property
    def failed_folder(self) -> Path:
        return self.out / f"{self.period}-failed"

    @property
    def next_period(self) -> str:
        return sources.next_period(self.period)


def make_plan(
    *,
    root: Path | None = None,
    rubric: str | os.PathLike[str] | None = None,
    period: str | None = None,
    inputs: Sequence[str | os.PathLike[str]] = (),
    out: str | os.PathLike[str] = "reports",
    history: str | os.PathLike[str] | None = None,
    strict: bool = False,
    jobs: int | None = None,
    force: bool = False,
    language: Language = DEFAULT_LANGUAGE,
) -> Plan:
    root = Path() if root is None else root  # relative names in messages and manifests
    rubric_path = Path(rubric) if rubric is not None else sources.find_rubric(root)
    rubric_file = sources.RubricFile.read(rubric_path)
    rubric_id = rubric_file.declared_id or rubric_file.rubric.id
    files = tuple(Path(p) for p in inputs)
    if files:
        missing = [p for p in files if not p.is_file()]
        raise_if_errors(
            [Problem("file-not-found", "no such file", Location(file=str(p))) for p in missing],
            "the inputs cannot be read",
        )
        period = period or _period_of(files[0], rubric_id)
    else:
        found = sources.period_files(root / sources.INPUTS, rubric_id)
        if period is not None:
            found = [f for f in found if f.period == period]
        if not found:
            what = f"for period {period} " if period else ""
            fail(
                "no-inputs",
                f"expected a workbook named {rubric_id}-<period>.xlsx {what}in this folder",
                Location(file=str(root / sources.INPUTS)),
            )
        files, period = found[-1].files, found[-1].period
    out_path = Path(out)
    return Plan(
        root=root,
        rubric=rubric_file,
        rubric_id=rubric_id,
        period=period,
        inputs=files,
        out=out_path,
        history=Path(history) if history is not None else out_path / "history.sqlite",
        templates=PACKAGED_TEMPLATES,
        strict=strict,
        jobs=jobs if jobs is not None else available_cpus(),
        force=force,
        language=language,
    )


def available_cpus() -> int:
    """The processors this process may use (its affinity, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def _period_of(path: Path, rubric_id: str) -> str:
    """The period an input file is for: from its name, else from its About sheet."""
    for found in sources.period_files(path.parent, rubric_id):
        if path.name in {f.name for f in found.files}:
            return found.period
    from readiness.workbook import layout

    text = sources.about(path).get(layout.ABOUT_PERIOD, "")
    if text:
        return text
    fail(
        "no-period",
        "the file's name and content do not say which period it is for; name the period",
        Location(file=str(path)),
    )
