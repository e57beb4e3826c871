"""The audit manifest of a period folder, and `verify`, which checks a folder against it.

`manifest.json` records what made the folder: the SHA-256 of the rubric, of every input file,
of every template file and of every output; the versions of readiness, Python and each installed
dependency (the whole tree readiness requires); the period; the validation summary; and the
run's exit status. It holds no date and no absolute path of the machine, so the same inputs give
the same manifest, byte for byte. Nothing here imports pandas or the renderer.
"""

from __future__ import annotations

import functools
import json
import platform
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, distribution, version
from pathlib import Path
from typing import Any

from readiness.problems import Location, Problem, fail
from readiness.sources import sha256_of

MANIFEST = "manifest.json"
FORMAT = 1
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")


def tool_version() -> str:
    try:
        return version("readiness")
    except PackageNotFoundError:
        return "unknown"


def dependency_versions(root: str = "readiness") -> dict[str, str]:
    """{distribution: version} for everything `root` requires, directly or not (extras left
    out), as installed now; sorted by name. Each distribution's metadata is parsed once per
    process (a run asks twice: for its run key and for the manifest)."""
    return dict(_dependency_versions(root))


@functools.cache
def _dependency_versions(root: str) -> tuple[tuple[str, str], ...]:
    versions: dict[str, str] = {}
    seen = {_key(root)}
    todo = [root]
    while todo:
        name = todo.pop()
        try:
            meta = distribution(name).metadata
        except PackageNotFoundError:
            continue  # a requirement for another platform or Python
        if _key(name) != _key(root):
            versions[_key(name)] = str(meta["Version"])
        for spec in meta.get_all("Requires-Dist") or []:
            if "extra ==" in spec.replace('"', "").replace("'", ""):
                continue
            match = _NAME.match(spec.strip())
            if match is not None and _key(match.group(0)) not in seen:
                seen.add(_key(match.group(0)))
                todo.append(match.group(0))
    return tuple(sorted(versions.items()))


def _key(name: str) -> str:
    return name.lower().replace("_", "-")


def shown(path: Path, root: Path) -> str:
    """`path` relative to `root` when inside it (so manifests do not depend on where the
    repository is checked out), else as given."""
    absolute, base = path.absolute(), root.absolute()
    return absolute.relative_to(base).as_posix() if absolute.is_relative_to(base) else str(path)


def file_entries(paths: Iterable[Path], root: Path) -> list[dict[str, Any]]:
    return [{"file": shown(p, root), "sha256": sha256_of(p)} for p in paths]


def folder_entries(folder: Path, *, skip: Sequence[str] = ()) -> list[dict[str, Any]]:
    """{file, sha256, bytes} of every file under `folder`, by relative path."""
    out = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        if relative in skip:
            continue
        out.append({"file": relative, "sha256": sha256_of(path), "bytes": path.stat().st_size})
    return out


def problems_summary(problems: Mapping[str, Sequence[Problem]]) -> dict[str, Any]:
    """Per input file: errors and warnings counted, and each listed with location and code."""
    files = []
    for name, found in problems.items():
        errors = sum(1 for p in found if p.severity == "error")
        files.append(
            {
                "file": name,
                "errors": errors,
                "warnings": len(found) - errors,
                "problems": [
                    {
                        "location": str(p.location),
                        "severity": str(p.severity),
                        "code": p.code,
                        "message": p.message,
                    }
                    for p in found
                ],
            }
        )
    return {
        "errors": sum(f["errors"] for f in files),
        "warnings": sum(f["warnings"] for f in files),
        "files": files,
    }


def build(
    *,
    period: str,
    exit_status: int,
    rubric: Mapping[str, Any],
    inputs: list[dict[str, Any]],
    earlier: list[dict[str, Any]],
    templates: list[dict[str, Any]],
    history: Mapping[str, Any],
    validation: Mapping[str, Any],
    outputs: list[dict[str, Any]],
    run_key: str,
    renderer: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The manifest as a JSON-ready dict (keys in a fixed order)."""
    return {
        "format": FORMAT,
        "period": period,
        "exit_status": exit_status,
        "tool": {"name": "readiness", "version": tool_version()},
        "python": platform.python_version(),
        "dependencies": dependency_versions(),
        "renderer": dict(renderer or {}),
        "rubric": dict(rubric),
        "inputs": inputs,
        "earlier_inputs": earlier,
        "templates": templates,
        "history": dict(history),
        "validation": dict(validation),
        "outputs": outputs,
        "run_key": run_key,
    }


def dumps(manifest: Mapping[str, Any]) -> bytes:
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def load(folder: Path) -> dict[str, Any]:
    """The manifest of a period folder; `ReadinessError` when missing or unreadable."""
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        fail("no-manifest", "no manifest.json here: not a period folder", Location(str(path)))
    except (OSError, ValueError) as exc:
        fail("bad-manifest", f"not readable JSON ({exc})", Location(file=str(path)))
    if not isinstance(data, dict) or not isinstance(data.get("outputs"), list):
        fail("bad-manifest", "no list of outputs", Location(file=str(path)))
    return data


# --- verify -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    file: str
    status: str  # ok, changed, missing, unlisted
    expected: str = ""
    found: str = ""


@dataclass(frozen=True)
class Verification:
    folder: Path
    period: str
    checks: list[Check]

    @property
    def ok(self) -> bool:
        return all(c.status == "ok" for c in self.checks)

    def summary(self) -> str:
        bad = [c for c in self.checks if c.status != "ok"]
        if not bad:
            return f"{self.folder}: all {len(self.checks)} files match manifest.json"
        return f"{self.folder}: {len(bad)} of {len(self.checks)} files do not match manifest.json"


def verify(folder: str | Path) -> Verification:
    """Recompute the SHA-256 of every output the manifest lists; a file that changed, is
    missing, or is in the folder without being listed does not match."""
    folder = Path(folder)
    data = load(folder)
    checks: list[Check] = []
    listed: set[str] = set()
    for entry in data["outputs"]:
        name, expected = str(entry.get("file", "")), str(entry.get("sha256", ""))
        listed.add(name)
        path = folder / name
        if not name or Path(name).is_absolute() or ".." in Path(name).parts:
            checks.append(Check(name, "changed", expected, "not a file of this folder"))
        elif not path.is_file():
            checks.append(Check(name, "missing", expected))
        else:
            found = sha256_of(path)
            checks.append(Check(name, "ok" if found == expected else "changed", expected, found))
    for entry in folder_entries(folder, skip=(MANIFEST,)):
        if entry["file"] not in listed:
            checks.append(Check(entry["file"], "unlisted", "", entry["sha256"]))
    return Verification(folder, str(data.get("period", "")), checks)
