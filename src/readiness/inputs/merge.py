"""Merge the values of several input files for one period into one `Values`.

An officials' workbook for the assessed countries and a workbook for the reference
jurisdictions, say, are read and checked one by one, then merged here. Nothing is overwritten:
a (unit, indicator) given in two files is an error naming both, and so are files for different
periods.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import pandas as pd

from readiness.inputs.values import InputFile, Values
from readiness.problems import Location, Problem, raise_if_errors
from readiness.rubric.model import Rubric


def merge_values(parts: Sequence[Values], rubric: Rubric) -> Values:
    """One `Values` holding every row of `parts`, which must be for the same period.

    Raises `ReadinessError` listing every (unit, indicator) given in more than one part (located
    at the later file, naming the earlier) and every part whose period differs from the first's.
    """
    if not parts:
        raise ValueError("nothing to merge")
    problems: list[Problem] = []
    periods = [p.period for p in parts if p.period]
    first_period = periods[0] if periods else None
    for part in parts:
        if part.period and part.period != first_period:
            problems.append(
                Problem(
                    "period-mismatch",
                    f"this file is for period {part.period}, but {_name(parts[0])} is for "
                    f"{first_period}; merge files of one period only",
                    Location(file=_name(part)),
                )
            )
    seen: dict[tuple[str, str], str] = {}
    for part in parts:
        given = part.table[part.table["value"].notna()]
        for unit, indicator in zip(given["unit"], given["indicator"], strict=True):
            key = (str(unit), str(indicator))
            earlier = seen.get(key)
            if earlier is not None and earlier != _name(part):
                problems.append(
                    Problem(
                        "duplicate-across-files",
                        f"{unit} / {indicator} is also given in {earlier}; keep it in one file",
                        Location(file=_name(part), path=f"{unit}/{indicator}"),
                    )
                )
            else:
                seen[key] = _name(part)
    raise_if_errors(problems, f"{len(parts)} values files cannot be merged")

    # Rows without a value (an empty template row) add nothing; a unit's empty row in one file
    # and its value in another is not a conflict.
    table = pd.concat([p.table for p in parts], ignore_index=True)
    keys = pd.MultiIndex.from_frame(table[["unit", "indicator"]])
    has_value = table["value"].notna().to_numpy()
    keep = has_value | ~keys.isin(keys[has_value])
    table = table[keep].drop_duplicates(["unit", "indicator"], keep="first")
    table = table.reset_index(drop=True)
    files = tuple(f for p in parts for f in p.inputs)
    provenance = pd.concat([p.provenance for p in parts], ignore_index=True)
    provenance = provenance.drop_duplicates().reset_index(drop=True)
    return Values(
        table=table,
        units=_units(parts, rubric),
        period=first_period,
        origin=" + ".join(f.origin for f in files),
        sha256=_digest(files),
        files=files,
        provenance=provenance,
    )


def _name(part: Values) -> str:
    return part.origin or "<memory>"


def _units(parts: Sequence[Values], rubric: Rubric) -> pd.DataFrame:
    """The units of every part, in rubric order, then any the rubric does not list."""
    names: dict[str, str] = {}
    for part in parts:
        if "name" in part.units.columns:
            for unit, name in part.units["name"].items():
                names.setdefault(str(unit), str(name))
        for unit in part.table["unit"].unique():
            names.setdefault(str(unit), str(unit))
    order = [u.id for u in rubric.units if u.id in names]
    order += [u for u in names if u not in set(order)]
    return pd.DataFrame(
        {"name": [names[u] for u in order]}, index=pd.Index(order, name="unit", dtype="str")
    )


def _digest(files: Sequence[InputFile]) -> str:
    """SHA-256 over the files' own digests and names, in the order given."""
    digest = hashlib.sha256()
    for f in files:
        digest.update(f"{f.sha256}  {f.origin}\n".encode())
    return digest.hexdigest()
