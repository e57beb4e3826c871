"""Build the shipped input workbooks from the compiled sources in ../shared/data.

Usage (from the repository root):
    .venv/bin/python scripts/build_inputs.py [--data ../shared/data] [--out inputs]

Writes, for the current period (rubric 2.0.0), inputs/c5-critical-minerals-2026-Q4.xlsx (the
five assessed countries) and inputs/c5-critical-minerals-reference-2026-Q4.xlsx (the reference
jurisdictions), and one workbook per earlier period under inputs/history/ (rubric 1.0.0, which
those periods were scored with; it declares no reference units, so no reference workbook is made
for them). Every value carries a publisher citation (Source), its URL, an as-of date and an
evidence note; categorical notes end with the reading ("Reading: ..."). Where the data say "not
found" the value stays empty (a level row says "not found") and the note says what was searched.
Nothing is estimated. Where each cited value sits in ../shared/data (dataset, repository, commit,
file, fields) goes to the workbook's Provenance sheet, never into Source or the note. Before
writing, every fact passes the checks in inputs_build/checks.py.

The rules for earlier periods are in inputs_build/series.py (series) and
inputs_build/readings.py (readings: the latest reading dated on or before the period end; an
undated one only in the current period).
"""

from __future__ import annotations

import argparse
import math
import sys
from datetime import date
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from inputs_build.assemble import not_found_facts, reading_facts  # noqa: E402
from inputs_build.checks import check_facts  # noqa: E402
from inputs_build.evidence import Evidence  # noqa: E402
from inputs_build.model import Fact  # noqa: E402
from inputs_build.readings import V1, V2  # noqa: E402
from inputs_build.series import (  # noqa: E402
    WGI_FILE,
    eiti_score_facts,
    fdi_facts,
    lpi_facts,
    rating_facts,
    wgi_facts,
    wgi_year,
)

from readiness.inputs.values import Values, make_provenance, make_table  # noqa: E402
from readiness.period import parse_period  # noqa: E402
from readiness.rubric import load_rubric  # noqa: E402
from readiness.rubric.model import Role, Rubric  # noqa: E402

RUBRIC = ROOT / "rubrics" / "c5-critical-minerals.yaml"  # 2.0.0, the current period
RUBRIC_V1 = ROOT / "rubrics" / "archive" / "c5-critical-minerals-1.0.0.yaml"  # earlier periods
DATA = ROOT.parent / "shared" / "data"
CURRENT = "2026-Q4"
PERIODS = ("2020-Q4", "2021-Q4", "2022-Q4", "2023-Q4", "2024-Q4", "2025-Q4", CURRENT)
REFERENCE_PERIODS = (CURRENT,)  # periods whose rubric declares reference units


def rubric_for(period: str, version: str | None = None) -> Rubric:
    """The rubric a period is scored with: 2.0.0 for the current period, 1.0.0 before it."""
    if version is None:
        version = "2.0.0" if period == CURRENT else "1.0.0"
    rubric = load_rubric(RUBRIC if version == "2.0.0" else RUBRIC_V1)
    assert rubric.version == version, (rubric.version, version)
    return rubric


def build_facts(
    data: Path, period: str, role: Role = Role.ASSESSED, version: str | None = None
) -> tuple[Rubric, list[Fact]]:
    """Every fact of one period's workbook for the units of `role`, checked against the data."""
    rubric = rubric_for(period, version)
    units = tuple(u.id for u in rubric.units if u.role is role)
    assert units, f"rubric {rubric.version} declares no {role.value} units"
    _, end = parse_period(period)
    current = period == CURRENT
    evidence = Evidence(data)
    series = [
        *wgi_facts(data, end.year, units),
        *lpi_facts(data, end.year, units),
        *fdi_facts(data, end.year, units),
    ]
    rule_of_law = {
        f.unit: f"{f.value:.2f}, data year {f.as_of}"
        for f in series
        if f.indicator == "rule_of_law" and isinstance(f.value, float)
    }
    if rubric.version == "1.0.0":
        readings, extra = V1, [*eiti_score_facts(data, end, current, units)]
    else:
        readings, extra = V2, []
    facts = [
        *series,
        *rating_facts(data, end, current, units),
        *extra,
        *reading_facts(readings, evidence, rubric, units, end, current, rule_of_law),
        *not_found_facts(evidence, rubric, units),
    ]
    keys = [(f.unit, f.indicator) for f in facts]
    assert len(keys) == len(set(keys)), "two facts for one cell"
    assert all(f.indicator in rubric.indicator_by_id for f in facts)
    check_facts(facts, data)
    return rubric, facts


def to_values(rubric: Rubric, facts: list[Fact], period: str, role: Role) -> Values:
    rows = []
    provenance: dict[tuple[str, ...], set[str]] = {}
    for f in facts:
        indicator = rubric.indicator_by_id[f.indicator]
        value: float = math.nan
        if isinstance(f.value, str):
            value = next(lv.value for lv in indicator.scale if lv.label == f.value)
        elif f.value is not None:
            value = float(f.value)
        rows.append(
            {
                "unit": f.unit, "indicator": f.indicator, "value": value, "as_of": f.as_of,
                "source": f.source, "source_url": f.source_url, "note": f.note,
                "low": math.nan if f.low is None else f.low,
                "high": math.nan if f.high is None else f.high,
                "contested": f.contested,
            }
        )  # fmt: skip
        if f.value is None:
            continue
        for p in f.provenance:
            key = (f.source, p.dataset, p.repository, p.commit, p.file)
            provenance.setdefault(key, set()).add(p.fields)
    table = make_table(rows)
    assert not any(isinstance(v, float) and math.isinf(v) for v in table["value"])
    mine = [u for u in rubric.units if u.role is role]
    units = pd.DataFrame(
        {"name": [u.name for u in mine]}, index=pd.Index([u.id for u in mine], name="unit")
    )
    lineage = make_provenance(
        [
            dict(
                zip(
                    ("source", "dataset", "repository", "commit", "file", "fields"),
                    (*key, " | ".join(sorted(fields))),
                    strict=True,
                )
            )
            for key, fields in sorted(provenance.items())
        ]
    )
    return Values(
        table=table,
        units=units,
        period=period,
        origin=f"build_inputs:{period}:{role.value}",
        provenance=lineage,
    )


def period_values(data: Path, period: str, version: str | None = None) -> Values:
    """The assessed countries' values for one period (rubric 2.0.0 now, 1.0.0 before)."""
    rubric, facts = build_facts(data, period, Role.ASSESSED, version)
    return to_values(rubric, facts, period, Role.ASSESSED)


def reference_values(data: Path, period: str) -> Values:
    """The reference jurisdictions' values for one period, scored with rubric 2.0.0."""
    rubric, facts = build_facts(data, period, Role.REFERENCE, "2.0.0")
    return to_values(rubric, facts, period, Role.REFERENCE)


def workbook_path(out: Path, period: str, role: Role = Role.ASSESSED) -> Path:
    folder = out if period == CURRENT else out / "history"
    kind = "-reference" if role is Role.REFERENCE else ""
    return folder / f"c5-critical-minerals{kind}-{period}.xlsx"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=ROOT / "inputs")
    parser.add_argument("--csv", action="store_true", help="also write a long CSV per workbook")
    args = parser.parse_args()
    from readiness.workbook.template import write_template

    frame = pd.read_csv(args.data / WGI_FILE)
    print(f"WGI data year for {CURRENT}: {wgi_year(frame, date.fromisoformat('2026-12-31').year)}")
    jobs = [(p, Role.ASSESSED) for p in PERIODS] + [(p, Role.REFERENCE) for p in REFERENCE_PERIODS]
    for period, role in jobs:
        if role is Role.REFERENCE:
            values = reference_values(args.data, period)
        else:
            values = period_values(args.data, period)
        rubric = rubric_for(period, "2.0.0" if role is Role.REFERENCE else None)
        path = workbook_path(args.out, period, role)
        write_template(rubric, period, path, values=values, role=role)
        if args.csv:
            values.table.to_csv(path.with_suffix(".csv"), index=False)
        present = int(values.table["value"].notna().sum())
        n_units = sum(u.role is role for u in rubric.units)
        print(
            f"{path}: {present} values of {n_units * len(rubric.indicators)} (rubric {rubric.version})"
        )


if __name__ == "__main__":
    main()
