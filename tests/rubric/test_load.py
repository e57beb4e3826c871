"""Loading rubric YAML: every problem reported at once, each located at file:line:column."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from readiness import limits
from readiness.problems import ReadinessError
from readiness.rubric import load_rubric, parse_rubric
from readiness.rubric.model import Goalposts, Kind, Rubric

Keys = list[tuple[str, str]]


def keys(text: str) -> Keys:
    """The (location, code) of every problem in rubric `text`, parsed as file r.yaml."""
    with pytest.raises(ReadinessError) as info:
        parse_rubric(textwrap.dedent(text).lstrip("\n"), "r.yaml")
    return [p.key() for p in info.value.problems]


GOOD = """
id: good
title: Good rubric
version: '1'
nodes:
  - {id: idx, name: Index}
  - {id: p1, name: Pillar 1, parent: idx, weight: 2}
  - {id: p2, name: Pillar 2, parent: idx}
indicators:
  - {id: a, name: A, parent: p1}
  - {id: b, name: B, parent: p1, direction: -1, normalisation: {method: goalposts, low: 0, high: 5}}
  - id: c
    name: C
    parent: p2
    kind: categorical
    levels:
      - {value: 0, label: none, definition: Nothing.}
      - {value: 1, label: some, definition: Something.}
      - {value: 2, label: full, definition: Everything.}
"""


def test_a_good_rubric_loads() -> None:
    r = parse_rubric(GOOD, "r.yaml")
    assert isinstance(r, Rubric)
    assert r.children == {"idx": ["p1", "p2"], "p1": ["a", "b"], "p2": ["c"]}
    assert r.indicator_by_id["c"].kind is Kind.CATEGORICAL
    assert r.indicator_by_id["c"].effective_normalisation == Goalposts(low=0, high=2)
    assert r.weight_of("p1") == 2.0


def test_fields_and_references_all_reported_at_once() -> None:
    text = """
        id: bad
        title: Bad rubric
        version: '1'
        colour: blue
        nodes:
          - {id: idx, name: Index}
          - {id: p1, name: Pillar 1, parent: idx, weight: -1}
          - {id: p2, name: Pillar 2, parent: nowhere}
          - {id: p1, name: Again, parent: idx}
        indicators:
          - {id: a, name: A, parent: p1, wieght: 2}
          - {id: b, name: B, parent: p1, normalisation: {method: goalposts, low: 10, high: 0}}
          - {id: c, name: C, parent: p2, normalisation: {method: sigmoid}}
          - {id: d, name: D, parent: ghost}
    """
    assert keys(text) == [
        ("r.yaml:4:1 colour", "rubric-unknown-field"),  # unknown key
        ("r.yaml:7:51 nodes[1].weight", "rubric-out-of-range"),  # negative weight
        ("r.yaml:8:38 nodes[2].parent", "rubric-unknown-parent"),  # dangling parent
        ("r.yaml:9:10 nodes[3].id", "rubric-duplicate-id"),  # duplicate id
        ("r.yaml:11:34 indicators[0].wieght", "rubric-unknown-field"),  # unknown key (typo)
        ("r.yaml:12:49 indicators[1].normalisation", "rubric-goalposts"),  # inverted goalposts
        ("r.yaml:13:49 indicators[2].normalisation", "rubric-not-allowed"),  # unknown method
        ("r.yaml:14:30 indicators[3].parent", "rubric-unknown-parent"),  # dangling parent
    ]


def test_messages_say_what_is_wrong_in_plain_words() -> None:
    text = """
        id: bad
        title: Bad rubric
        version: '1'
        nodes:
          - {id: idx, name: Index}
        indicators:
          - {id: b, name: B, parent: idx, normalisation: {method: goalposts, low: 10, high: 0}}
          - {id: c, name: C, parent: idx, normalisation: {method: sigmoid}}
    """
    with pytest.raises(ReadinessError) as info:
        parse_rubric(textwrap.dedent(text).lstrip("\n"), "r.yaml")
    messages = [p.message for p in info.value.problems]
    assert messages == [
        "goalposts are inverted or equal: low 10 must be below high 0 "
        "(use direction: -1 for lower-is-better)",
        "unknown method 'sigmoid'; expected one of 'goalposts', 'minmax', 'zscore', 'rank', "
        "'distance_to_target'",
    ]
    assert str(info.value.problems[0]).startswith("r.yaml:7:")
    assert info.value.format_message().startswith("r.yaml: rubric is invalid: 2 problems\n  ")


def test_cycles_zero_weights_and_categorical_levels() -> None:
    text = """
        id: bad
        title: Bad rubric
        version: '1'
        nodes:
          - {id: idx, name: Index}
          - {id: p1, name: Pillar 1, parent: idx}
          - {id: x, name: X, parent: y}
          - {id: y, name: Y, parent: x}
          - {id: p2, name: Pillar 2, parent: idx}
        indicators:
          - {id: a, name: A, parent: p1, weight: 0}
          - {id: b, name: B, parent: p1, weight: 0}
          - id: c
            name: C
            parent: p2
            kind: categorical
            levels:
              - {value: 0, label: none, definition: Nothing.}
              - {value: 1, label: some, definition: Something.}
              - {value: 3, label: full, definition: Everything.}
            normalisation: {method: goalposts, low: 0, high: 2}
          - id: d
            name: D
            parent: p2
            kind: categorical
            levels:
              - {value: 0, label: only, definition: The one level.}
          - id: e
            name: E
            parent: p2
            kind: categorical
            levels:
              - {value: 0, label: Low, definition: Low.}
              - {value: 1, label: low, definition: Also low.}
    """
    assert keys(text) == [
        ("r.yaml:6:10 nodes[1].id", "rubric-weights"),  # children of p1 all weight 0
        ("r.yaml:7:30 nodes[2].parent", "rubric-cycle"),  # cycle x -> y -> x
        ("r.yaml:13:5 indicators[2]", "rubric-levels"),  # goalposts [0, 2] miss level 3
        ("r.yaml:22:5 indicators[3]", "rubric-levels"),  # one level only
        ("r.yaml:28:5 indicators[4]", "rubric-levels"),  # labels 'Low' and 'low' repeat
    ]


def test_cycle_and_level_messages() -> None:
    text = """
        id: bad
        title: Bad rubric
        version: '1'
        nodes:
          - {id: idx, name: Index}
          - {id: x, name: X, parent: y}
          - {id: y, name: Y, parent: x}
        indicators:
          - id: c
            name: C
            parent: idx
            kind: categorical
            levels:
              - {value: 0, label: none, definition: Nothing.}
              - {value: 3, label: full, definition: Everything.}
            normalisation: {method: goalposts, low: 0, high: 2}
    """
    with pytest.raises(ReadinessError) as info:
        parse_rubric(textwrap.dedent(text), "r.yaml")
    messages = {p.message for p in info.value.problems}
    assert "cycle in the hierarchy: x -> y -> x" in messages
    assert any("the levels [0, 3] do not cover the goalposts [0, 2]" in m for m in messages)


def test_roots_empty_sections_bands_and_missing_fields() -> None:
    text = """
        id: bad
        version: '1'
        nodes:
          - {id: idx, name: I}
          - {id: idx2, name: I2}
        indicators: []
        bands:
          - {label: a, min: 40}
          - {label: b, min: 60}
          - {label: a, min: 10}
    """
    assert keys(text) == [
        ("r.yaml:1:1 title", "rubric-missing-field"),  # required field missing
        ("r.yaml:4:3 nodes", "rubric-root"),  # two roots
        ("r.yaml:4:10 nodes[0].id", "rubric-childless-node"),  # no children
        ("r.yaml:5:10 nodes[1].id", "rubric-childless-node"),  # no children
        ("r.yaml:6:13 indicators", "rubric-empty-section"),  # empty
        ("r.yaml:9:21 bands[1].min", "rubric-bands"),  # thresholds not descending
        ("r.yaml:10:13 bands[2].label", "rubric-bands"),  # duplicate band
        ("r.yaml:10:21 bands[2].min", "rubric-bands"),  # lowest band not at 0
    ]


def test_every_duplicate_yaml_key_is_reported_with_the_other_problems() -> None:
    text = """
        id: dup
        title: T
        version: '1'
        nodes:
          - {id: idx, name: I}
        indicators:
          - {id: a, name: A, parent: idx, weight: 1, weight: 2}
        title: Again
        colour: x
    """
    assert keys(text) == [
        ("r.yaml:7:46", "yaml-duplicate-key"),  # the second 'weight'
        ("r.yaml:8:1", "yaml-duplicate-key"),  # the second 'title'
        ("r.yaml:9:1 colour", "rubric-unknown-field"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id: x\ntitle: [unclosed\nversion: '1'\n", [("r.yaml:3:8", "yaml-syntax")]),
        ("id: x\n  title: bad indent\n", [("r.yaml:2:8", "yaml-syntax")]),
        ("id: x\ttab: 1\n", [("r.yaml:1:10", "yaml-syntax")]),
        # A list or a mapping as a key: a located problem, not a crash (was a TypeError).
        ("? [a, b]\n: 1\nid: x\n", [("r.yaml:1:3", "yaml-syntax")]),
        ("id: x\n{a: 1}: 2\n", [("r.yaml:2:1", "yaml-syntax")]),
    ],
)
def test_yaml_syntax_errors_are_located(text: str, expected: Keys) -> None:
    assert keys(text) == expected


@pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n", "", "42\n"])
def test_a_rubric_must_be_a_mapping(text: str) -> None:
    assert keys(text) == [("r.yaml:1:1", "rubric-not-mapping")]


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.yaml"
    with pytest.raises(ReadinessError) as info:
        load_rubric(path)
    assert [p.key() for p in info.value.problems] == [(str(path), "file-not-found")]


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: Caf\xe9\n".encode("latin-1"))
    with pytest.raises(ReadinessError) as info:
        load_rubric(path)
    assert [p.key() for p in info.value.problems] == [(str(path), "file-encoding")]


def test_locations_name_the_file_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("r.yaml").write_text(
        "id: x\ntitle: T\nversion: '1'\nnodes:\n  - {id: idx, name: I}\n"
        "  - {id: p, name: P, parent: idx}\n  - {id: q, name: Q, parent: nope}\n"
        "indicators:\n  - {id: a, name: A, parent: p}\n",
        encoding="utf-8",
    )
    with pytest.raises(ReadinessError) as info:
        load_rubric("r.yaml")
    assert [p.key() for p in info.value.problems] == [
        ("r.yaml:7:10 nodes[2].id", "rubric-childless-node"),  # q has no children
        ("r.yaml:7:30 nodes[2].parent", "rubric-unknown-parent"),  # 'nope' is not declared
    ]


def test_levels_must_span_the_goalposts() -> None:
    """Goalposts wider than the levels would stop the best level scoring 100."""
    text = """\
id: r
title: R
version: '1'
nodes:
  - {id: index, name: Index}
  - {id: p, name: P, parent: index}
indicators:
  - id: a
    name: A
    parent: p
    kind: categorical
    levels:
      - {value: 0, label: none, definition: nothing}
      - {value: 1, label: some, definition: something}
    normalisation: {method: goalposts, low: 0, high: 3}
"""
    with pytest.raises(ReadinessError) as info:
        parse_rubric(text, "r.yaml")
    keys = [p.key() for p in info.value.problems]
    assert keys == [("r.yaml:8:5 indicators[0]", "rubric-levels")]
    assert "do not cover the goalposts [0, 3]" in info.value.problems[0].message


# -- hostile or mistaken YAML: a located problem, never a traceback or a hang (QA) -----------


def test_a_control_character_is_a_located_syntax_error() -> None:
    # yaml's ReaderError is not a MarkedYAMLError: it used to escape as a traceback.
    assert keys("id: x\ntitle: a\x00b\n") == [("r.yaml:2:9", "yaml-syntax")]


def test_an_alias_bomb_is_refused_quickly() -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for k, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[k]
        levels.append(f"{name}: &{name} [{', '.join(['*' + prev] * 10)}]")
    assert keys("\n".join(levels) + "\n") == [("r.yaml:1:1", "yaml-aliases")]


def test_an_alias_inside_itself_is_refused() -> None:
    assert keys("a: &a\n  b: *a\n") == [("r.yaml:1:1", "yaml-aliases")]


def test_modest_aliases_still_work() -> None:
    text = GOOD.replace(
        "      - {value: 0, label: none, definition: Nothing.}",
        "      - &none {value: 0, label: none, definition: Nothing.}",
    )
    assert isinstance(parse_rubric(text, "r.yaml"), Rubric)


@pytest.mark.parametrize(
    "text", ["a: " + "[" * 5000 + "]" * 5000, "a: " + "{b: " * 3000 + "1" + "}" * 3000]
)
def test_absurdly_deep_nesting_is_a_located_problem(text: str) -> None:
    [(where, code)] = keys(text + "\n")
    assert code == "yaml-too-deep" and where.startswith("r.yaml:1:")


def test_deep_block_nesting_is_a_located_problem() -> None:
    text = "".join(" " * k + "a:\n" for k in range(1200)) + " " * 1200 + "a: 1\n"
    [(where, code)] = keys(text)
    assert code == "yaml-too-deep" and where.startswith("r.yaml:")


@pytest.mark.parametrize("number", [".inf", "-.inf", ".nan", "1" + "0" * 400])
def test_weights_must_be_finite_numbers(number: str) -> None:
    text = GOOD.replace(
        "{id: p1, name: Pillar 1, parent: idx, weight: 2}",
        f"{{id: p1, name: Pillar 1, parent: idx, weight: {number}}}",
    )
    found = keys(text)
    expected = "rubric-wrong-type" if number.startswith("1") else "rubric-out-of-range"
    assert ("r.yaml:6:51 nodes[1].weight", expected) in found
    assert all(code != "yaml-syntax" for _, code in found)


def test_goalposts_limits_and_ages_must_be_finite() -> None:
    text = GOOD.replace(
        "low: 0, high: 5}", "low: -.inf, high: 5}, limits: {max: .nan}, max_age_years: .inf"
    )
    assert keys(text) == [
        ("r.yaml:10:89 indicators[1].normalisation.low", "rubric-out-of-range"),
        ("r.yaml:10:120 indicators[1].limits.max", "rubric-out-of-range"),
        ("r.yaml:10:142 indicators[1].max_age_years", "rubric-out-of-range"),
    ]


def test_weights_that_overflow_when_added_are_refused() -> None:
    text = GOOD.replace("parent: idx, weight: 2}", "parent: idx, weight: 1.0e+308}").replace(
        "{id: p2, name: Pillar 2, parent: idx}",
        "{id: p2, name: Pillar 2, parent: idx, weight: 1.0e+308}",
    )
    assert keys(text) == [("r.yaml:5:10 nodes[0].id", "rubric-weights")]


def _chain(n: int, *, cycle: bool = False) -> str:
    """A rubric whose nodes form one chain of `n` nodes below the index (or a cycle)."""
    if cycle:
        lines = [f"  - {{id: c{k}, name: C, parent: c{(k + 1) % n}}}" for k in range(n)]
        tail = "  - {id: p, name: P, parent: idx}\nindicators:\n  - {id: a, name: A, parent: p}"
    else:
        lines = [
            f"  - {{id: n{k}, name: N, parent: {'idx' if k == 0 else f'n{k - 1}'}}}"
            for k in range(n)
        ]
        tail = f"indicators:\n  - {{id: a, name: A, parent: n{n - 1}}}"
    nodes = "\n".join(lines)
    return (
        f"id: deep\ntitle: T\nversion: '1'\nnodes:\n  - {{id: idx, name: Index}}\n{nodes}\n{tail}\n"
    )


def test_a_chain_as_deep_as_the_limit_loads_and_scores_its_levels() -> None:
    # The level computation was recursive (RecursionError past about 330 levels).
    depth = limits.DEPTH.value
    rubric = parse_rubric(_chain(depth - 2), "r.yaml")  # index + chain + indicator
    assert rubric.levels["idx"] == depth
    assert rubric.aggregation_order[-1] == "idx"
    assert keys(_chain(depth - 1)) == [("r.yaml:14:30 indicators[0].parent", "limit-depth")]


def test_a_chain_or_cycle_longer_than_the_node_limit_is_refused_before_any_check() -> None:
    # The cycle check was cubic in the chain length (a minute for 3,000 nodes).
    for text in (_chain(3000), _chain(3000, cycle=True)):
        assert keys(text) == [("r.yaml:4:1", "limit-nodes")]


def test_a_long_cycle_is_reported_once() -> None:
    found = keys(_chain(limits.NODES.value - 2, cycle=True))
    assert sum(1 for _, code in found if code == "rubric-cycle") == 1


def test_five_thousand_indicators_are_refused_by_the_declared_limit() -> None:
    items = "\n".join(f"  - {{id: i{k}, name: I, parent: p}}" for k in range(5000))
    text = (
        "id: big\ntitle: T\nversion: '1'\nnodes:\n  - {id: idx, name: Index}\n"
        f"  - {{id: p, name: P, parent: idx}}\nindicators:\n{items}\n"
    )
    with pytest.raises(ReadinessError) as info:
        parse_rubric(text, "r.yaml")
    assert [p.key() for p in info.value.problems] == [("r.yaml:7:1", "limit-indicators")]
    message = info.value.problems[0].message
    assert "5,000 indicators" in message and "indicators per rubric" in message


def test_lever_decimals_and_role_fields() -> None:
    text = """\
id: t
title: T
version: '1'
units:
  - {id: A, name: A}
  - {id: R, name: R, role: reference}
nodes:
  - {id: idx, name: Index}
indicators:
  - {id: law, name: Law, parent: idx, lever: policy}
  - {id: fdi, name: FDI, parent: idx, lever: outcome, decimals: 2}
  - {id: port, name: Port, parent: idx, lever: fixed}
"""
    rubric = parse_rubric(text, "t.yaml")
    by_id = rubric.indicator_by_id
    assert [by_id[i].actionable for i in ("law", "fdi", "port")] == [True, True, False]
    assert by_id["fdi"].decimals == 2 and by_id["law"].decimals is None
    assert rubric.reference_units == frozenset({"R"})
    with pytest.raises(ReadinessError) as err:
        parse_rubric(text.replace("lever: fixed", "lever: geography"), "t.yaml")
    assert [p.location.line for p in err.value.problems] == [12]
