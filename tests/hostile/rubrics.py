"""Hostile rubrics: YAML attacks, encodings, model errors, structure, size.

Most are the shipped rubric with one edit; the rest are small YAML texts written in code.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from corpus import RUBRIC, Case

from readiness import limits

SHIPPED_TEXT = RUBRIC.read_text(encoding="utf-8")


def _text(text: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / "r.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    return build


def _bytes(data: bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / "r.yaml"
        path.write_bytes(data)
        return path

    return build


def _shipped(old: str, new: str) -> Callable[[Path], Path]:
    assert old in SHIPPED_TEXT, old
    return _text(SHIPPED_TEXT.replace(old, new, 1))


def _line_of(needle: str) -> int:
    return SHIPPED_TEXT[: SHIPPED_TEXT.index(needle)].count("\n") + 1


def _small(body: str) -> str:
    return "id: t\ntitle: T\nversion: '1'\n" + body


def _one(fields: str) -> str:
    """A rubric of one indicator `a` under the index, with `fields` added to it."""
    nodes = "nodes:\n  - {id: idx, name: I}\n"
    return _small(f"{nodes}indicators:\n  - {{id: a, name: A, parent: idx, {fields}}}\n")


_REPEATED_LEVELS = (
    "kind: categorical, levels: [{value: 0, label: x, definition: X}, "
    "{value: 0, label: y, definition: Y}]"
)
_CYCLE = (
    "nodes:\n  - {id: idx, name: I}\n  - {id: p, name: P, parent: q}\n"
    "  - {id: q, name: Q, parent: p}\nindicators:\n  - {id: a, name: A, parent: p}\n"
)
_TWO_ROOTS = (
    "nodes:\n  - {id: idx, name: I}\n  - {id: other, name: O}\nindicators:\n"
    "  - {id: a, name: A, parent: idx}\n  - {id: b, name: B, parent: other}\n"
)
_OVERFLOW = (
    "nodes:\n  - {id: idx, name: I}\nindicators:\n"
    "  - {id: a, name: A, parent: idx, weight: 1.0e+308}\n"
    "  - {id: b, name: B, parent: idx, weight: 1.0e+308}\n"
)


_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + k)}: &{chr(98 + k)} [{', '.join(['*' + chr(97 + k)] * 10)}]\n" for k in range(8)
)
_INDICATORS = "".join(f"  - {{id: i{k}, name: I, parent: p}}\n" for k in range(5000))
_NODES = "".join(f"  - {{id: n{k}, name: N, parent: idx}}\n" for k in range(limits.NODES.value))
_DEEP = "".join(
    f"  - {{id: d{k}, name: D, parent: {'idx' if k == 0 else f'd{k - 1}'}}}\n"
    for k in range(limits.DEPTH.value)
)

UNITS_LINE = _line_of("units:")
NODES_LINE = _line_of("nodes:")
TITLE = "title: Critical-minerals investment readiness of the C5 states"


CP1251 = SHIPPED_TEXT.replace("Kazakhstan", "Казахстан").encode("cp1251")
PERIOD = "period_type: quarter"
_DEEP_FLOW = "a: " + "[" * 5000 + "]" * 5000 + "\n"
_PYTHON_TAG = "id: !!python/object/apply:os.system ['echo hacked']\n"
_INVERTED = "normalisation: {method: goalposts, low: 9, high: 1}"
_BIG = _small(
    f"nodes:\n  - {{id: idx, name: I}}\n  - {{id: p, name: P, parent: idx}}\n"
    f"indicators:\n{_INDICATORS}"
)
_MANY_NODES = _small(
    f"nodes:\n  - {{id: idx, name: I}}\n{_NODES}indicators:\n  - {{id: a, name: A, parent: n0}}\n"
)
_TOO_DEEP = _small(
    f"nodes:\n  - {{id: idx, name: I}}\n{_DEEP}indicators:\n"
    f"  - {{id: a, name: A, parent: d{limits.DEPTH.value - 1}}}\n"
)

S, M, Y, Z = "structure", "model", "yaml-attack", "size"

# fmt: off
CASES: list[Case] = [
    # -- YAML attacks and encodings --
    Case("binary-garbage", Y, _bytes(bytes(range(256)) * 4), codes=("file-encoding",)),
    Case("cp1251", Y, _bytes(CP1251), codes=("file-encoding",)),
    Case("empty", Y, _text(""), codes=("rubric-not-mapping",), where=":1:1"),
    Case("a-list", Y, _text("- a\n- b\n"), codes=("rubric-not-mapping",), where=":1:1"),
    Case("billion-laughs", Y, _text(_LAUGHS), codes=("yaml-aliases",), where=":1:1"),
    Case("self-alias", Y, _text("a: &a [*a]\n"), codes=("yaml-aliases",)),
    Case("deep-flow-nesting", Y, _text(_DEEP_FLOW), codes=("yaml-too-deep",), where=":1:"),
    Case("nul-character", Y, _text("id: x\x00y\n"), codes=("yaml-syntax",), where=":1:"),
    Case("python-object-tag", Y, _text(_PYTHON_TAG), codes=("yaml-syntax",), never=("hacked",)),
    Case("duplicate-key", Y, _shipped(TITLE, f"{TITLE}\n{TITLE}"), codes=("yaml-duplicate-key",)),
    # -- the model --
    Case("unknown-field", M, _shipped(PERIOD, f"{PERIOD}\ncolour: blue"), codes=("rubric-unknown-field",), where="colour"),
    Case("missing-title", M, _shipped(TITLE + "\n", ""), codes=("rubric-missing-field",), where="title"),
    Case("inverted-goalposts", M, _text(_one(_INVERTED)), codes=("rubric-goalposts",), where="indicators[0].normalisation"),
    Case("infinite-weight", M, _text(_one("weight: .inf")), codes=("rubric-out-of-range",), where="indicators[0].weight"),
    Case("bad-id", M, _text(_one("id: 'a b'")), codes=("rubric-bad-id",)),
    Case("levels-repeat", M, _text(_one(_REPEATED_LEVELS)), codes=("rubric-levels",), where="indicators[0]"),
    # -- structure --
    Case("cycle", S, _text(_small(_CYCLE)), codes=("rubric-cycle",), where="nodes[1].parent"),
    Case("two-roots", S, _text(_small(_TWO_ROOTS)), codes=("rubric-root",), where="nodes"),
    Case("overflowing-weights", S, _text(_small(_OVERFLOW)), codes=("rubric-weights",), where="nodes[0].id"),
    Case("unknown-parent", S, _shipped("parent: legal", "parent: legalese"), codes=("rubric-unknown-parent",), where=".parent"),
    # -- size --
    Case("five-thousand-indicators", Z, _text(_BIG), codes=("limit-indicators",), where=":7:1"),
    Case("too-many-nodes", Z, _text(_MANY_NODES), codes=("limit-nodes",), where=":4:1"),
    Case("too-deep", Z, _text(_TOO_DEEP), codes=("limit-depth",), where="indicators[0].parent"),
    Case("file-over-the-limit", Z, _text("# " + "x" * limits.RUBRIC_FILE.value), codes=("limit-file-size",)),
    Case("long-title", Z, _shipped(TITLE, "title: " + "Readiness " * 2000), status=0),
]
# fmt: on
