"""`score`: the whole pipeline, denominate -> impute -> treat -> normalise -> aggregate -> rank."""

from __future__ import annotations

import numpy as np
import pandas as pd

from readiness.engine.aggregate import ZeroChildError, aggregate_node
from readiness.engine.denominate import denominate
from readiness.engine.impute import impute
from readiness.engine.normalise import normalise
from readiness.engine.rank import band, rank
from readiness.engine.result import Result
from readiness.engine.treat import treat
from readiness.inputs.values import Values
from readiness.period import parse_as_of, parse_period, years_between
from readiness.problems import Location, Problem, ReadinessError, raise_if_errors
from readiness.rubric.model import Aggregation, Rubric


def _check(rubric: Rubric, values: Values, units: list[str]) -> None:
    """Safety net behind the readers: refuse values the rubric does not know."""
    known = set(rubric.indicator_by_id) | {d.id for d in rubric.denominators}
    problems = []
    for name in sorted(set(values.table["indicator"]) - known):
        problems.append(
            Problem(
                "unknown-indicator",
                f"indicator {name!r} is not in the rubric",
                Location(file=values.origin),
            )
        )
    for name in sorted(set(values.table["unit"]) - set(units)):
        problems.append(
            Problem(
                "unknown-unit",
                f"unit {name!r} is not one of the rubric's units",
                Location(file=values.origin),
            )
        )
    dupes = values.table.duplicated(["unit", "indicator"], keep="first")
    for _, row in values.table[dupes].iterrows():
        problems.append(
            Problem(
                "duplicate-value",
                f"{row['unit']} / {row['indicator']} is given twice",
                Location(file=values.origin),
            )
        )
    raise_if_errors(problems, f"{values.origin}: values do not fit rubric {rubric.id!r}")


def _groups(rubric: Rubric, values: Values, units: list[str]) -> pd.Series | None:
    group = rubric.missing_data.group
    if group is None:
        return None
    if group not in values.units.columns:
        raise ReadinessError(
            f"{values.origin}: imputation by {group!r} needs a unit column {group!r}, "
            "which the values file does not have"
        )
    return values.units[group].reindex(units)


def _stale(rubric: Rubric, values: Values, units: list[str], period: str | None) -> pd.DataFrame:
    ids = [i.id for i in rubric.indicators]
    out = pd.DataFrame(pd.NA, index=pd.Index(units, name="unit"), columns=ids, dtype="boolean")
    if not period:
        return out
    try:
        _, end = parse_period(period, rubric.period_type)
    except ValueError:
        return out
    for row in values.table.itertuples(index=False):
        if row.indicator not in rubric.indicator_by_id or row.unit not in out.index:
            continue
        if np.isnan(row.value):
            continue
        as_of = parse_as_of(str(row.as_of))
        if as_of is not None:
            age = years_between(as_of, end)
            out.at[row.unit, row.indicator] = bool(age > rubric.max_age_of(row.indicator))
    return out


def score(rubric: Rubric, values: Values, *, period: str | None = None) -> Result:
    """Score `values` with `rubric`: every stage of the pipeline, returned as one `Result`."""
    units = [u.id for u in rubric.units] or values.unit_ids
    period = period if period is not None else values.period
    _check(rubric, values, units)
    ind_ids = [i.id for i in rubric.indicators]

    raw = values.matrix(ind_ids, units)
    spec = {i.id: i.denominator for i in rubric.indicators if i.denominator}
    den = values.matrix([d.id for d in rubric.denominators], units)
    denominated = denominate(raw, den, spec)
    imputed = impute(denominated, rubric.missing_data.imputation, _groups(rubric, values, units))
    imputed_mask = denominated.isna() & imputed.notna()
    treated, treatment = treat(imputed, rubric.outliers)
    normalised = normalise(treated, rubric)

    node_ids = rubric.aggregation_order
    scores: dict[str, np.ndarray] = {}
    coverage: dict[str, np.ndarray] = {}
    reasons: dict[str, list[str]] = {}
    to_parent: dict[str, np.ndarray] = {i: np.full(len(units), np.nan) for i in ind_ids}
    for node_id in node_ids:
        node = rubric.node_by_id[node_id]
        kids = rubric.children[node_id]
        child = np.column_stack(
            [normalised[k].to_numpy() if k in rubric.indicator_by_id else scores[k] for k in kids]
        )
        weights = np.array([rubric.weight_of(k) for k in kids], dtype=float)
        min_cov = rubric.min_coverage_of(node_id)
        try:
            ns = aggregate_node(
                child, weights, node.aggregation, min_cov, node.on_zero, node.zero_offset
            )
        except ZeroChildError as exc:
            raise ReadinessError(
                f"{values.origin}: {units[exc.unit_index]} scores 0 on {kids[exc.child_index]!r},"
                f" and node {node_id!r} uses a {node.aggregation} mean, which cannot take 0. "
                "Set on_zero in the rubric (insufficient or offset) or change the aggregation."
            ) from exc
        scores[node_id], coverage[node_id] = ns.score, ns.coverage
        reasons[node_id] = [
            _reason(cov, min_cov, bool(blocked), s)
            for cov, blocked, s in zip(ns.coverage, ns.zero_blocked, ns.score, strict=True)
        ]
        filled = np.nan_to_num(child)
        if node.aggregation is Aggregation.ARITHMETIC:
            parts = ns.shares * filled
        else:  # proportional attribution: parts sum to the node's score
            weighted = ns.shares * filled
            total = weighted.sum(axis=1, keepdims=True)
            with np.errstate(divide="ignore", invalid="ignore"):
                parts = np.where(total > 0, weighted / total, 0.0) * ns.score[:, None]
        parts = np.where(np.isnan(ns.score)[:, None] | np.isnan(child), np.nan, parts)
        for k, kid in enumerate(kids):
            to_parent[kid] = parts[:, k]

    contributions = _contributions(rubric, units, scores, to_parent)
    score_frame = pd.DataFrame(scores, index=pd.Index(units, name="unit"), columns=node_ids)
    ranks = pd.DataFrame(
        {n: rank(score_frame[n], rubric.rank_ties) for n in node_ids}, index=score_frame.index
    )
    root = rubric.root.id
    names = _names(rubric, values, units)
    return Result(
        rubric=rubric,
        values=values,
        period=period,
        unit_names=names,
        raw=raw,
        denominated=denominated,
        imputed=imputed,
        imputed_mask=imputed_mask,
        treated=treated,
        treatment=tuple(treatment),
        normalised=normalised,
        scores=score_frame,
        coverage=pd.DataFrame(coverage, index=score_frame.index, columns=node_ids),
        reasons=pd.DataFrame(reasons, index=score_frame.index, columns=node_ids),
        ranks=ranks,
        bands=band(score_frame[root], rubric.bands),
        contributions=contributions,
        stale=_stale(rubric, values, units, period),
    )


def _reason(cov: float, min_cov: float, blocked: bool, value: float) -> str:
    if not np.isnan(value):
        return ""
    if blocked:
        return "insufficient data: a component scores 0 and this mean cannot take 0"
    if cov == 0:
        return "insufficient data: no component has a value"
    return f"insufficient data: {cov:.0%} of the weight has values, {min_cov:.0%} needed"


def _names(rubric: Rubric, values: Values, units: list[str]) -> pd.Series:
    names = {u.id: u.name for u in rubric.units}
    if "name" in values.units.columns:
        for unit, name in values.units["name"].items():
            if isinstance(name, str) and name and unit not in names:
                names[str(unit)] = name
    return pd.Series([names.get(u, u) for u in units], index=pd.Index(units, name="unit"))


def _contributions(
    rubric: Rubric,
    units: list[str],
    scores: dict[str, np.ndarray],
    to_parent: dict[str, np.ndarray],
) -> pd.DataFrame:
    """Points each item adds to its parent and to the index, and its potential at the index.

    to_index(root) = root score; to_index(child) = to_index(parent) * to_parent(child) /
    score(parent), which for arithmetic means is the child's score times the product of its
    weight shares along the path. `potential` is the nominal share of the index (weights as
    declared, every sibling present) times 100: the most the item could add.
    """
    root = rubric.root.id
    to_index: dict[str, np.ndarray] = {root: scores[root]}
    nominal: dict[str, float] = {root: 1.0}
    for node_id in reversed(rubric.aggregation_order):
        kids = rubric.children[node_id]
        total_w = sum(rubric.weight_of(k) for k in kids)
        parent_score = scores[node_id]
        with np.errstate(divide="ignore", invalid="ignore"):
            factor = np.where(parent_score > 0, to_index[node_id] / parent_score, 0.0)
        for kid in kids:
            to_index[kid] = np.where(np.isnan(to_parent[kid]), np.nan, to_parent[kid] * factor)
            nominal[kid] = nominal[node_id] * (rubric.weight_of(kid) / total_w if total_w else 0)
    rows = []
    for item_id in [*(i.id for i in rubric.indicators), *rubric.aggregation_order]:
        parent = (
            rubric.indicator_by_id[item_id].parent
            if item_id in rubric.indicator_by_id
            else (rubric.node_by_id[item_id].parent or "")
        )
        tp = to_parent.get(item_id, np.full(len(units), np.nan))
        for k, unit in enumerate(units):
            rows.append(
                {
                    "unit": unit,
                    "id": item_id,
                    "parent": parent,
                    "to_parent": tp[k],
                    "to_index": to_index[item_id][k],
                    "potential": 100.0 * nominal[item_id],
                }
            )
    return pd.DataFrame(rows)
