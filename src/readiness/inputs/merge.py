"""Merge the values files of one period (the officials' workbook and the reference
jurisdictions' workbook) into one `Values`; a value given in two files is an error."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import pandas as pd

from readiness.inputs.values import Values
from readiness.problems import Location, Problem, raise_if_errors


def merge_values(parts: Sequence[Values]) -> Values:
    """One `Values` from several files of the same period.

    A (unit, indicator) may have a value in one file only; a row without a value (an empty
    template row) gives way to a file that has one. Units keep the first file's order and names.
    """
    if len(parts) == 1:
        return parts[0]
    if not parts:
        raise ValueError("nothing to merge")
    problems: list[Problem] = []
    periods = {p.period for p in parts if p.period}
    if len(periods) > 1:
        problems.append(
            Problem(
                "periods-differ",
                f"the files are for different periods ({', '.join(sorted(periods))})",
                Location(file=" + ".join(p.origin for p in parts)),
            )
        )
    frames = []
    for k, part in enumerate(parts):
        frame = part.table.copy()
        frame["_file"] = k
        frames.append(frame)
    table = pd.concat(frames, ignore_index=True)
    has_value = ~np.isnan(table["value"].to_numpy(dtype=float))
    given = table[has_value]
    twice = given[given.duplicated(["unit", "indicator"], keep=False)]
    for (unit, indicator), rows in twice.groupby(["unit", "indicator"], sort=True):
        files = " and ".join(parts[int(k)].origin for k in rows["_file"])
        problems.append(
            Problem(
                "value-given-twice",
                f"{unit} / {indicator} has a value in {files}; keep it in one file",
                Location(file=parts[int(rows["_file"].iloc[-1])].origin),
            )
        )
    raise_if_errors(problems, "the input files cannot be merged")
    # rows with a value first, so that `first` keeps them over empty template rows
    order = np.lexsort((np.arange(len(table)), ~has_value))
    first = ~table.iloc[order].duplicated(["unit", "indicator"], keep="first").to_numpy()
    keep = np.zeros(len(table), dtype=bool)
    keep[order[first]] = True
    table = table[keep].drop(columns="_file").reset_index(drop=True)  # file order kept
    units = pd.concat([p.units for p in parts])
    units = units[~units.index.duplicated(keep="first")]
    digest = hashlib.sha256("".join(p.sha256 for p in parts).encode()).hexdigest()
    return Values(
        table=table,
        units=units,
        period=next(iter(periods), None),
        origin=" + ".join(p.origin for p in parts),
        sha256=digest,
    )
