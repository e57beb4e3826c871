"""manifest: what made a period folder (hashes of inputs, templates, versions, problems) and the
check that the folder still matches it, file by file."""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from pathlib import Path

import pytest

from readiness import manifest
from readiness.problems import Location, Problem, ReadinessError


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_shown_is_relative_inside_the_root_and_as_given_outside(tmp_path: Path) -> None:
    assert manifest.shown(tmp_path / "inputs" / "a.xlsx", tmp_path) == "inputs/a.xlsx"
    outside = tmp_path.parent / "elsewhere.csv"
    assert manifest.shown(outside, tmp_path) == str(outside)


def test_file_and_folder_entries_hash_each_file(tmp_path: Path) -> None:
    (tmp_path / "t" / "sub").mkdir(parents=True)
    (tmp_path / "t" / "b.css").write_bytes(b"body{}")
    (tmp_path / "t" / "sub" / "a.j2").write_bytes(b"")
    (tmp_path / "t" / "skip.me").write_bytes(b"x")
    assert manifest.folder_entries(tmp_path / "t", skip=("skip.me",)) == [
        {"file": "b.css", "sha256": _sha(b"body{}"), "bytes": 6},
        {"file": "sub/a.j2", "sha256": _sha(b""), "bytes": 0},
    ]
    assert manifest.file_entries([tmp_path / "t" / "b.css"], tmp_path) == [
        {"file": "t/b.css", "sha256": _sha(b"body{}")}
    ]


def test_dependency_versions_follow_the_requirements_transitively() -> None:
    found = manifest.dependency_versions()
    assert list(found) == sorted(found)
    assert "readiness" not in found
    assert found["pandas"] == version("pandas")  # a direct requirement
    assert found["numpy"] == version("numpy")  # required by pandas
    assert "pytest" not in found  # an extra (dev), not a requirement
    assert manifest.dependency_versions("no-such-distribution") == {}


def test_problems_are_counted_by_severity_and_listed_per_file() -> None:
    where = Location(file="v.xlsx", sheet="Values", cell="D4")
    summary = manifest.problems_summary(
        {
            "v.xlsx": [
                Problem("missing-source", "no source", where),
                Problem("file-not-found", "gone", Location(file="v.xlsx")),
            ],
            "r.xlsx": [],
        }
    )
    assert (summary["errors"], summary["warnings"]) == (1, 1)
    assert [(f["file"], f["errors"], f["warnings"]) for f in summary["files"]] == [
        ("v.xlsx", 1, 1),
        ("r.xlsx", 0, 0),
    ]
    assert summary["files"][0]["problems"][0] == {
        "location": str(where),
        "severity": "warning",
        "code": "missing-source",
        "message": "no source",
    }


def _folder(tmp_path: Path, outputs: dict[str, bytes]) -> Path:
    folder = tmp_path / "2026-Q1"
    folder.mkdir()
    for name, data in outputs.items():
        (folder / name).write_bytes(data)
    built = manifest.build(
        period="2026-Q1",
        exit_status=0,
        rubric={"file": "rubrics/c5.yaml", "sha256": "r"},
        inputs=[],
        earlier=[],
        templates=[],
        history={},
        validation={"errors": 0, "warnings": 0},
        outputs=[{"file": n, "sha256": _sha(d)} for n, d in outputs.items()],
        run_key="k",
    )
    (folder / manifest.MANIFEST).write_bytes(manifest.dumps(built))
    return folder


def test_a_built_manifest_reads_back_in_a_fixed_key_order(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"a.pdf": b"A"})
    text = (folder / manifest.MANIFEST).read_text(encoding="utf-8")
    assert text.endswith("}\n")
    data = manifest.load(folder)
    assert list(data)[:4] == ["format", "period", "exit_status", "tool"]
    assert (data["format"], data["period"], data["run_key"]) == (1, "2026-Q1", "k")
    assert data["tool"]["version"] == manifest.tool_version()
    assert data["renderer"] == {}


def test_verify_finds_changed_missing_and_unlisted_files(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"a.pdf": b"A", "b.csv": b"B", "c.json": b"C"})
    assert manifest.verify(folder).ok
    assert manifest.verify(folder).summary() == f"{folder}: all 3 files match manifest.json"
    (folder / "a.pdf").write_bytes(b"a")
    (folder / "b.csv").unlink()
    (folder / "extra.txt").write_bytes(b"E")
    found = manifest.verify(folder)
    assert not found.ok and found.period == "2026-Q1"
    assert [(c.file, c.status) for c in found.checks] == [
        ("a.pdf", "changed"),
        ("b.csv", "missing"),
        ("c.json", "ok"),
        ("extra.txt", "unlisted"),
    ]
    assert found.checks[0].found == _sha(b"a") and found.checks[0].expected == _sha(b"A")
    assert found.summary() == f"{folder}: 3 of 4 files do not match manifest.json"


@pytest.mark.parametrize("name", ["../outside.pdf", "/etc/passwd", ""])
def test_a_listed_name_outside_the_folder_is_never_read(tmp_path: Path, name: str) -> None:
    folder = _folder(tmp_path, {})
    data = json.loads((folder / manifest.MANIFEST).read_text(encoding="utf-8"))
    data["outputs"] = [{"file": name, "sha256": "x"}]
    (folder / manifest.MANIFEST).write_bytes(manifest.dumps(data))
    (tmp_path / "outside.pdf").write_bytes(b"x")
    [check] = manifest.verify(folder).checks
    assert (check.file, check.status, check.found) == (name, "changed", "not a file of this folder")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (None, "no-manifest"),
        ("{", "bad-manifest"),
        ('{"outputs": {}}', "bad-manifest"),
        ("[]", "bad-manifest"),
    ],
)
def test_a_folder_without_a_readable_manifest_is_a_user_error(
    tmp_path: Path, text: str | None, code: str
) -> None:
    if text is not None:
        (tmp_path / manifest.MANIFEST).write_text(text, encoding="utf-8")
    with pytest.raises(ReadinessError) as err:
        manifest.verify(tmp_path)
    assert err.value.problems[0].key() == (str(tmp_path / manifest.MANIFEST), code)
