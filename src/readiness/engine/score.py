"""`score`: the whole pipeline, denominate -> impute -> treat -> normalise -> aggregate -> rank."""

from __future__ import annotations

import numpy as np
import pandas as pd

from readiness.engine.aggregate import ZeroChildError, aggregate_node
from readiness.engine.denominate import denominate
from readiness.engine.frames import InputFileLike, empty_evidence, empty_provenance
from readiness.engine.impute import impute
from readiness.engine.normalise import normalise
from readiness.engine.rank import band, rank
from readiness.engine.result import Result
from readiness.engine.treat import treat
from readiness.period import parse_as_of, parse_period, years_between
from readiness.problems import Location, Problem, fail, raise_if_errors
from readiness.rubric.model import Aggregation, Rubric


def _check(rubric: Rubric, raw: pd.DataFrame, units: list[str], origin: str) -> None:
    """Safety net: refuse columns or units the rubric does not know."""
    known = set(rubric.indicator_by_id) | {d.id for d in rubric.denominators}
    problems = []
    for name in sorted(set(map(str, raw.columns)) - known):
        problems.append(
            Problem(
                "unknown-indicator",
                f"indicator {name!r} is not in the rubric",
                Location(file=origin),
            )
        )
    for name in sorted(set(map(str, raw.index)) - set(units)):
        problems.append(
            Problem(
                "unknown-unit",
                f"unit {name!r} is not one of the rubric's units",
                Location(file=origin),
            )
        )
    raise_if_errors(problems, f"{origin}: values do not fit rubric {rubric.id!r}")


def unit_groups(
    rubric: Rubric, attributes: pd.DataFrame, units: list[str], origin: str = ""
) -> pd.Series | None:
    """Each unit's group for group imputation (None when the rubric imputes without groups)."""
    group = rubric.missing_data.group
    if group is None:
        return None
    if group not in attributes.columns:
        fail(
            "missing-group-column",
            f"imputation by {group!r} needs a unit column {group!r}, "
            "which the values file does not have",
            Location(file=origin),
        )
    return attributes[group].reindex(units)


def _stale(
    rubric: Rubric,
    raw: pd.DataFrame,
    evidence: pd.DataFrame,
    units: list[str],
    period: str | None,
) -> pd.DataFrame:
    ids = [i.id for i in rubric.indicators]
    index = pd.Index(units, name="unit")
    out = pd.DataFrame(pd.NA, index=index, columns=ids, dtype="boolean")
    if not period:
        return out
    _, end = parse_period(period, rubric.period_type)
    # Vectorised: one date parse per distinct as-of text, then array indexing (a per-row
    # `.at` loop took ~90 % of `score` on 2,500 units x 100 indicators).
    row = index.get_indexer(evidence.index.get_level_values("unit"))
    col = pd.Index(ids).get_indexer(evidence.index.get_level_values("indicator"))
    codes, texts = pd.factorize(evidence["as_of"].astype(str))
    ages = np.array(
        [np.nan if (when := parse_as_of(t)) is None else years_between(when, end) for t in texts],
        dtype=float,
    )
    age = ages[codes]
    keep = (row >= 0) & (col >= 0) & ~np.isnan(age)
    values = raw.reindex(index=units, columns=ids).to_numpy(dtype=float)
    keep[keep] = ~np.isnan(values[row[keep], col[keep]])
    r, c = row[keep], col[keep]
    max_age = np.array([rubric.max_age_of(i) for i in ids], dtype=float)
    flags = np.zeros(out.shape, dtype=bool)
    unknown = np.ones(out.shape, dtype=bool)
    flags[r, c] = age[keep] > max_age[c]
    unknown[r, c] = False
    return pd.DataFrame(
        {ind: pd.arrays.BooleanArray(flags[:, k], unknown[:, k]) for k, ind in enumerate(ids)},
        index=index,
        columns=ids,
    )


def score(
    rubric: Rubric,
    raw: pd.DataFrame,
    *,
    evidence: pd.DataFrame | None = None,
    attributes: pd.DataFrame | None = None,
    period: str | None = None,
    origin: str = "",
    sha256: str = "",
    inputs: tuple[InputFileLike, ...] = (),
    provenance: pd.DataFrame | None = None,
) -> Result:
    """Score the wide `raw` frame (units x indicator and denominator ids) with `rubric`: every
    stage of the pipeline, returned as one `Result` (see `engine.frames` for the frames)."""
    units = [u.id for u in rubric.units] or [str(u) for u in raw.index]
    evidence = empty_evidence() if evidence is None else evidence
    attributes = (
        pd.DataFrame(index=pd.Index(units, name="unit")) if attributes is None else attributes
    )
    if period:
        try:
            parse_period(period, rubric.period_type)
        except ValueError as exc:
            fail("bad-period", str(exc), Location(file=origin))
    _check(rubric, raw, units, origin)
    ind_ids = [i.id for i in rubric.indicators]

    frame = raw.reindex(index=pd.Index(units, dtype="str", name="unit")).astype(float)
    raw = frame.reindex(columns=pd.Index(ind_ids, dtype="str"))
    spec = {i.id: i.denominator for i in rubric.indicators if i.denominator}
    den = frame.reindex(columns=pd.Index([d.id for d in rubric.denominators], dtype="str"))
    denominated = denominate(raw, den, spec)
    groups = unit_groups(rubric, attributes, units, origin)
    imputed = impute(denominated, rubric.missing_data.imputation, groups)
    imputed_mask = denominated.isna() & imputed.notna()
    treated, treatment = treat(imputed, rubric.outliers)
    normalised = normalise(treated, rubric)

    node_ids = rubric.aggregation_order
    scores: dict[str, np.ndarray] = {}
    coverage: dict[str, np.ndarray] = {}
    reasons: dict[str, np.ndarray] = {}
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
            fail(
                "zero-in-mean",
                f"{units[exc.unit_index]} scores 0 on {kids[exc.child_index]!r},"
                f" and node {node_id!r} uses a {node.aggregation} mean, which cannot take 0. "
                "Set on_zero in the rubric (insufficient or offset) or change the aggregation.",
                Location(file=origin),
            )
        scores[node_id], coverage[node_id] = ns.score, ns.coverage
        reasons[node_id] = np.full(len(units), "", dtype=object)
        for u in np.flatnonzero(np.isnan(ns.score)):  # only units without a score need words
            reasons[node_id][u] = _reason(
                ns.coverage[u], min_cov, bool(ns.zero_blocked[u]), ns.score[u]
            )
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
    # Reference jurisdictions are scored and banded for comparison, never ranked among the
    # assessed units: their scores are left out of every ranking.
    is_reference = np.isin(np.asarray(units, dtype=object), list(rubric.reference_units))
    rankable = score_frame.mask(pd.Series(is_reference, index=score_frame.index), axis=0)
    ranks = pd.DataFrame(
        {n: rank(rankable[n], rubric.rank_ties) for n in node_ids}, index=score_frame.index
    )
    root = rubric.root.id
    names = _names(rubric, attributes, units)
    return Result(
        rubric=rubric,
        period=period,
        unit_names=names,
        raw=raw,
        denominators=den,
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
        stale=_stale(rubric, frame, evidence, units, period),
        evidence=evidence,
        attributes=attributes,
        origin=origin,
        sha256=sha256,
        inputs=inputs,
        provenance=empty_provenance() if provenance is None else provenance,
    )


def _reason(cov: float, min_cov: float, blocked: bool, value: float) -> str:
    if not np.isnan(value):
        return ""
    if blocked:
        return "insufficient data: a component scores 0 or less, which this mean cannot take"
    if cov == 0:
        return "insufficient data: no component has a value"
    # Rounded first: the same share reached through other weights (0.125 or 0.12500000000000003)
    # must print the same percentage.
    cov = round(cov, 9)
    return f"insufficient data: {cov:.0%} of the weight has values, {min_cov:.0%} needed"


def _names(rubric: Rubric, attributes: pd.DataFrame, units: list[str]) -> pd.Series:
    names = {u.id: u.name for u in rubric.units}
    if "name" in attributes.columns:
        for unit, name in attributes["name"].items():
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
    # Built column by column (item-major, then unit), not as one dict per row: this was the
    # largest cost of `score` for many units.
    items = [*(i.id for i in rubric.indicators), *rubric.aggregation_order]
    parents = [
        rubric.indicator_by_id[i].parent
        if i in rubric.indicator_by_id
        else (rubric.node_by_id[i].parent or "")
        for i in items
    ]
    n = len(units)
    missing = np.full(n, np.nan)
    return pd.DataFrame(
        {
            "unit": np.tile(np.asarray(units, dtype=object), len(items)),
            "id": np.repeat(np.asarray(items, dtype=object), n),
            "parent": np.repeat(np.asarray(parents, dtype=object), n),
            "to_parent": np.concatenate([to_parent.get(i, missing) for i in items]),
            "to_index": np.concatenate([to_index[i] for i in items]),
            "potential": np.repeat([100.0 * nominal[i] for i in items], n),
        }
    )
