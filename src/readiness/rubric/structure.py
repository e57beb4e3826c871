"""Cross-reference checks a field-by-field model cannot make: ids, parents, cycles, bands.

They run on the parsed YAML (plain dicts and lists), defensively, so that they report alongside
field errors from pydantic: the author sees every problem in one run. Each check yields
`(field_path, code, message)` triples (the code from `readiness.problems`) that the loader
locates at a YAML line.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from readiness import limits

FieldPath = tuple[str | int, ...]
Item = tuple[int, dict[str, Any]]
Found = tuple[FieldPath, str, str]  # (field path, problem code, message)


def _items(data: dict[str, Any], section: str) -> list[Item]:
    raw = data.get(section)
    if not isinstance(raw, list):
        return []
    return [(k, item) for k, item in enumerate(raw) if isinstance(item, dict)]


def _id(item: dict[str, Any]) -> str | None:
    value = item.get("id")
    return value if isinstance(value, str) else None


def _number(value: Any, default: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return default
    try:
        return float(value)
    except OverflowError:  # an integer beyond float range (weight: 1e400 written out)
        return float("inf") if value > 0 else float("-inf")


def check_structure(data: dict[str, Any]) -> list[Found]:
    return [
        *_ids(data),
        *_parents(data),
        *_depth(data),
        *_weights(data),
        *_bands(data),
        *_ceilings(data),
        *_uncertainty_nodes(data),
    ]


def _ids(data: dict[str, Any]) -> Iterator[Found]:
    seen: dict[str, FieldPath] = {}
    for section in ("indicators", "nodes", "denominators"):
        for k, item in _items(data, section):
            item_id = _id(item)
            if item_id is None:
                continue
            if item_id in seen:
                first = seen[item_id]
                yield (
                    (section, k, "id"),
                    "rubric-duplicate-id",
                    f"duplicate id {item_id!r} (first used at {first[0]}[{first[1]}])",
                )
            else:
                seen[item_id] = (section, k, "id")
    units: set[str] = set()
    for k, unit in _items(data, "units"):
        unit_id = _id(unit)
        if unit_id in units:
            yield ("units", k, "id"), "rubric-duplicate-id", f"duplicate unit {unit_id!r}"
        if unit_id is not None:
            units.add(unit_id)


def _unknown_parents(section: str, items: list[Item], node_ids: set[str]) -> Iterator[Found]:
    for k, item in items:
        parent = item.get("parent")
        if isinstance(parent, str) and parent not in node_ids:
            yield (
                (section, k, "parent"),
                "rubric-unknown-parent",
                f"parent {parent!r} is not a declared node",
            )


def _parents(data: dict[str, Any]) -> Iterator[Found]:
    nodes = _items(data, "nodes")
    indicators = _items(data, "indicators")
    node_ids = {i for _, n in nodes if (i := _id(n)) is not None}
    denominators = {i for _, d in _items(data, "denominators") if (i := _id(d)) is not None}
    for section, items in (("nodes", nodes), ("indicators", indicators)):
        if isinstance(data.get(section), list) and not items:
            yield (
                (section,),
                "rubric-empty-section",
                f"a rubric needs at least one entry under '{section}'",
            )
    yield from _unknown_parents("indicators", indicators, node_ids)
    for k, ind in indicators:
        denominator = ind.get("denominator")
        if isinstance(denominator, str) and denominator not in denominators:
            yield (
                ("indicators", k, "denominator"),
                "rubric-unknown-denominator",
                f"denominator {denominator!r} is not declared under 'denominators'",
            )
    if nodes:
        roots = [k for k, n in nodes if n.get("parent") is None]
        if len(roots) != 1:
            names = ", ".join(repr(_id(dict(nodes)[k])) for k in roots) or "none"
            yield (
                ("nodes",),
                "rubric-root",
                f"exactly one node must have no parent (the index); found {names}",
            )
    yield from _unknown_parents("nodes", nodes, node_ids)
    yield from _cycles(nodes)
    node_children: dict[str, int] = {}
    indicator_children: dict[str, int] = {}
    for _, n in nodes:
        if isinstance(p := n.get("parent"), str):
            node_children[p] = node_children.get(p, 0) + 1
    for _, ind in indicators:
        if isinstance(p := ind.get("parent"), str):
            indicator_children[p] = indicator_children.get(p, 0) + 1
    for k, node in nodes:
        node_id = _id(node)
        if node_id is None:
            continue
        if node_id not in node_children and node_id not in indicator_children:
            yield ("nodes", k, "id"), "rubric-childless-node", f"node {node_id!r} has no children"
        elif node_id in node_children and node_id in indicator_children:
            yield (
                ("nodes", k, "id"),
                "rubric-mixed-children",
                f"node {node_id!r} mixes indicators and nodes as children; put the "
                "indicators under a pillar of their own",
            )


def _cycles(nodes: list[Item]) -> Iterator[Found]:
    parent_of = {i: n.get("parent") for _, n in nodes if (i := _id(n)) is not None}
    reported: set[frozenset[str]] = set()
    for k, node in nodes:
        start = _id(node)
        if start is None:
            continue
        path = [start]
        on_path = {start}  # a set: `cur not in path` made long chains cubic in the node count
        cur = parent_of.get(start)
        while isinstance(cur, str) and cur in parent_of and cur not in on_path:
            path.append(cur)
            on_path.add(cur)
            cur = parent_of[cur]
        if cur == start:
            cycle = frozenset(path)
            if cycle not in reported:
                reported.add(cycle)
                yield (
                    ("nodes", k, "parent"),
                    "rubric-cycle",
                    "cycle in the hierarchy: " + " -> ".join([*path, start]),
                )


def _depth(data: dict[str, Any]) -> Iterator[Found]:
    """The hierarchy's levels (an indicator is level 1, its pillar 2, ... the index the most),
    refused beyond `limits.DEPTH`; linear, iterative, and silent about cycles (`_cycles` says)."""
    nodes = _items(data, "nodes")
    parent_of = {i: n.get("parent") for _, n in nodes if (i := _id(n)) is not None}
    height: dict[str, int] = {}  # node -> nodes from it up to its root, inclusive
    for start in parent_of:
        path: list[str] = []
        seen: set[str] = set()
        cur: Any = start
        while isinstance(cur, str) and cur in parent_of and cur not in height and cur not in seen:
            path.append(cur)
            seen.add(cur)
            cur = parent_of[cur]
        base = height.get(cur, 0) if isinstance(cur, str) else 0
        if isinstance(cur, str) and cur in seen:
            continue  # a cycle
        for k, node_id in enumerate(reversed(path), start=1):
            height[node_id] = base + k
    limit = limits.DEPTH
    for k, ind in _items(data, "indicators"):
        parent = ind.get("parent")
        levels = 1 + height.get(parent, 0) if isinstance(parent, str) else 1
        if levels > limit.value:
            yield (
                ("indicators", k, "parent"),
                limit.code,
                limit.exceeded("the hierarchy from the index down to this indicator", levels),
            )
            return  # once: every deeper indicator says the same


def _weights(data: dict[str, Any]) -> Iterator[Found]:
    totals: dict[str, float] = {}
    for section in ("indicators", "nodes"):
        for _, item in _items(data, section):
            parent = item.get("parent")
            if isinstance(parent, str):
                totals[parent] = totals.get(parent, 0.0) + max(_number(item.get("weight"), 1.0), 0)
    for k, node in _items(data, "nodes"):
        node_id = _id(node)
        if node_id is not None and node_id in totals and totals[node_id] <= 0:
            yield (
                ("nodes", k, "id"),
                "rubric-weights",
                f"the children of {node_id!r} all have weight 0",
            )
        elif node_id is not None and node_id in totals and not math.isfinite(totals[node_id]):
            # e.g. four weights of 1e308: the sum overflows and every coverage becomes NaN
            yield (
                ("nodes", k, "id"),
                "rubric-weights",
                f"the weights of the children of {node_id!r} add up to more than a number can "
                "hold; use ordinary weights such as 1, 2 or 0.25",
            )


def _bands(data: dict[str, Any]) -> Iterator[Found]:
    bands = _items(data, "bands")
    labels: set[str] = set()
    previous: float | None = None
    for k, band in bands:
        label = band.get("label")
        if isinstance(label, str):
            if label in labels:
                yield ("bands", k, "label"), "rubric-bands", f"duplicate band {label!r}"
            labels.add(label)
        low = _number(band.get("min"), float("nan"))
        if previous is not None and low >= previous:
            yield (
                ("bands", k, "min"),
                "rubric-bands",
                "bands must be listed highest threshold first",
            )
        if low == low:  # not NaN
            previous = low
    if bands and _number(bands[-1][1].get("min"), 0.0) != 0:
        yield ("bands", bands[-1][0], "min"), "rubric-bands", "the lowest band must start at 0"


def _uncertainty_nodes(data: dict[str, Any]) -> Iterator[Found]:
    """The nodes whose aggregation the uncertainty analysis switches are nodes of the rubric."""
    spec = data.get("uncertainty")
    names = spec.get("aggregation_nodes") if isinstance(spec, dict) else None
    if not isinstance(names, list):
        return
    nodes = {_id(item) for _, item in _items(data, "nodes")}
    for k, name in enumerate(names):
        if isinstance(name, str) and name not in nodes:
            where: FieldPath = ("uncertainty", "aggregation_nodes", k)
            yield where, "rubric-uncertainty-node", f"{name!r} is not a node of this rubric"


def _ceilings(data: dict[str, Any]) -> Iterator[Found]:
    """Per-indicator ceilings of the path to the next band name indicators, and a number given
    for a categorical indicator is one of its levels."""
    policy = data.get("path")
    indicators = {_id(item): item for _, item in _items(data, "indicators")}
    precision = policy.get("precision") if isinstance(policy, dict) else None
    for key in precision if isinstance(precision, dict) else ():
        if not isinstance(key, str) or key not in indicators:
            yield ("path", "precision", key), "rubric-ceiling", f"{key!r} is not an indicator"
    ceilings = policy.get("ceilings") if isinstance(policy, dict) else None
    if not isinstance(ceilings, dict):
        return
    for key, value in ceilings.items():
        where: FieldPath = ("path", "ceilings", key)
        item = indicators.get(key) if isinstance(key, str) else None
        if item is None:
            yield where, "rubric-ceiling", f"{key!r} is not an indicator of this rubric"
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        if item.get("kind") in ("categorical", "yes_no"):
            levels = item.get("levels") or [{"value": 0}, {"value": 1}]
            values = [lv.get("value") for lv in levels if isinstance(lv, dict)]
            if value not in values:
                message = f"ceiling {value:g} is not one of {key!r}'s level values {values}"
                yield where, "rubric-ceiling", message
