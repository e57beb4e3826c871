"""Write the uncertainty and sensitivity analysis beside the scores: uncertainty.csv / .json and
sensitivity.csv, atomically and byte-for-byte reproducibly (same seed, same files)."""

from __future__ import annotations

import io
import json
import math
import os
from pathlib import Path
from typing import Any

import pandas as pd

from readiness import outputs
from readiness.engine.sensitivity import Sensitivity
from readiness.engine.uncertainty import Robustness
from readiness.results.safe import inert


def _num(value: float | int | None, digits: int = 6) -> float | int | None:
    if value is None:
        return None
    if isinstance(value, float):
        return round(value, digits) if math.isfinite(value) else None
    return value


def _slug(label: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in label.lower()).strip("_")


def unscored_note(p_scored: float) -> str:
    """The mark on a unit without a published index score: its draw statistics (kept) come
    only from the draws in which it reached its coverage rule, and are not a rank or band."""
    if not p_scored > 0:
        return "no index score in the published scoring, nor in any draw"
    return (
        "no index score in the published scoring; the draw statistics come only from the "
        f"{100 * p_scored:.1f}% of draws in which a left-out indicator or a weight draw let it "
        "reach its coverage rule, and are not a published rank or band"
    )


def uncertainty_frame(rob: Robustness) -> pd.DataFrame:
    """One row per unit: nominal score, rank and band; median and 5th-95th percentiles of
    score and rank over the draws; the share of draws in each band and with a score. A unit
    without a published score keeps its draw statistics, marked (`published` false, `note`)."""
    rows = []
    for u in rob.units:
        published = not math.isnan(u.score)
        row: dict[str, Any] = {
            "unit": u.unit,
            "name": inert(u.name),
            "role": "reference" if u.reference else "assessed",
            "score": _num(u.score),
            "rank": u.rank,
            "band": inert(u.band) if u.band else None,
            "score_median": _num(u.score_median),
            "score_p05": _num(u.score_low),
            "score_p95": _num(u.score_high),
            "rank_median": _num(u.rank_median),
            "rank_p05": _num(u.rank_low),
            "rank_p95": _num(u.rank_high),
            "p_scored": _num(u.p_scored),
            "p_same_rank": _num(u.p_same_rank),
            "p_same_band": _num(u.p_same_band),
        }
        for label, share in zip(rob.bands, u.p_band, strict=True):
            row[f"p_band_{_slug(label)}"] = _num(share)
        row["published"] = published
        row["note"] = "" if published else unscored_note(u.p_scored)
        rows.append(row)
    frame = pd.DataFrame(rows)
    frame["rank"] = frame["rank"].astype("Int64")
    return frame


def sensitivity_frame(sens: Sensitivity) -> pd.DataFrame:
    """One row per group of uncertain inputs, largest total index first."""
    return pd.DataFrame(
        [
            {
                "input": inert(i.group),
                "first_order": _num(i.first),
                "first_order_conf": _num(i.first_conf),
                "total": _num(i.total),
                "total_conf": _num(i.total_conf),
            }
            for i in sens.indices
        ],
        columns=["input", "first_order", "first_order_conf", "total", "total_conf"],
    )


def robustness_json(rob: Robustness, sens: Sensitivity | None) -> dict[str, Any]:
    frame = uncertainty_frame(rob)
    units = [
        {
            k: (None if v is pd.NA or (isinstance(v, float) and math.isnan(v)) else v)
            for k, v in row.items()
        }
        for row in frame.astype(object).to_dict(orient="records")
    ]
    data: dict[str, Any] = {
        "rubric": rob.rubric_id,
        "period": rob.period,
        "draws": rob.draws,
        "seed": rob.seed,
        "varied": [v.text() for v in rob.varied],
        "bands": list(rob.bands),
        "fragile_below": rob.fragile_below,
        "units": units,
    }
    if sens is not None:
        data["sensitivity"] = {
            "output": sens.output,
            "base_samples": sens.base_samples,
            "runs": sens.runs,
            "bootstrap_resamples": sens.resamples,
            "confidence": sens.confidence,
            "indices": sensitivity_frame(sens).to_dict(orient="records"),
        }
    return data


def robustness_paths(out_dir: str | os.PathLike[str]) -> tuple[Path, Path, Path]:
    out = Path(out_dir)
    return out / "uncertainty.csv", out / "uncertainty.json", out / "sensitivity.csv"


def _csv(frame: pd.DataFrame) -> str:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def robustness_files(rob: Robustness, sens: Sensitivity | None) -> dict[str, bytes]:
    """{"uncertainty.csv": ..., "uncertainty.json": ..., "sensitivity.csv": ...}, nothing
    written (sensitivity.csv only with `sens`)."""
    text = json.dumps(robustness_json(rob, sens), indent=2, ensure_ascii=False, allow_nan=False)
    files = {
        "uncertainty.csv": _csv(uncertainty_frame(rob)).encode("utf-8"),
        "uncertainty.json": (text + "\n").encode("utf-8"),
    }
    if sens is not None:
        files["sensitivity.csv"] = _csv(sensitivity_frame(sens)).encode("utf-8")
    return files


def write_robustness(
    rob: Robustness, sens: Sensitivity | None, out_dir: str | os.PathLike[str]
) -> list[Path]:
    """Write uncertainty.csv, uncertainty.json and (with `sens`) sensitivity.csv as one set."""
    return outputs.write_set(out_dir, robustness_files(rob, sens))
