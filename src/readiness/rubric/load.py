"""Load rubric YAML files: parse with line numbers, validate, report every problem located.

Errors come back as `file:line:column field.path message`, gathered from YAML syntax, duplicate
keys, pydantic field validation and the structural checks, then raised once.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from readiness import limits
from readiness.problems import REGISTRY, Location, Problem, fail, fail_all, raise_if_errors
from readiness.rubric.model import Rubric
from readiness.rubric.structure import FieldPath, check_structure

Marks = dict[FieldPath, tuple[int, int]]


# libyaml's parser (about five times faster than PyYAML's own, and it refuses nesting deeper
# than 1,000 levels with a located error) with PyYAML's safe constructor.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):  # type: ignore[valid-type,misc]
    """Safe loader that keeps every node's position and records every duplicate key."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[Any, yaml.Mark]] = []


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if not isinstance(key, Hashable):
            continue  # a list or mapping as a key: construct_mapping reports it, located
        if key in seen:
            # Recorded, not raised, so that one run reports every duplicate key.
            loader.duplicates.append((key, key_node.start_mark))
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _marks(node: yaml.Node, path: FieldPath, out: Marks) -> None:
    out[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            out[(*path, key)] = (value_node.start_mark.line + 1, value_node.start_mark.column + 1)
            out[(*path, key, "__key__")] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            _marks(value_node, (*path, key), out)
    elif isinstance(node, yaml.SequenceNode):
        for k, item in enumerate(node.value):
            _marks(item, (*path, k), out)


def _locate(file: str, marks: Marks, path: FieldPath, *, key: bool = False) -> Location:
    """The YAML position of `path`, or of its nearest ancestor that exists in the file."""
    probe = path
    while probe:
        if key and (*probe, "__key__") in marks:
            line, col = marks[(*probe, "__key__")]
            break
        if probe in marks:
            line, col = marks[probe]
            break
        probe = probe[:-1]
        key = False
    else:
        line, col = marks.get((), (1, 1))
    return Location(file=file, line=line, column=col, path=_dotted(path))


def _dotted(path: FieldPath) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def _plain(err: Any) -> str:
    """Pydantic's messages, rewritten in plain words where the default is obscure."""
    kind, msg = err["type"], err["msg"]
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; see `readiness rubric schema`)"
    if kind == "missing":
        return "required field is missing"
    if kind in ("literal_error", "enum"):
        expected = err.get("ctx", {}).get("expected", "")
        return f"{err.get('input')!r} is not allowed; expected {expected}"
    if kind == "union_tag_invalid":
        expected = err.get("ctx", {}).get("expected_tags", "")
        tag = err.get("ctx", {}).get("tag", "")
        return f"unknown method {tag!r}; expected one of {expected}"
    if kind == "value_error":
        return str(msg).removeprefix("Value error, ")
    return str(msg)


# pydantic error types -> problem codes (model validators raise registered codes directly).
_CODE_OF_TYPE = {
    "extra_forbidden": "rubric-unknown-field",
    "missing": "rubric-missing-field",
    "literal_error": "rubric-not-allowed",
    "enum": "rubric-not-allowed",
    "union_tag_invalid": "rubric-not-allowed",
    "union_tag_not_found": "rubric-missing-field",
    "string_pattern_mismatch": "rubric-bad-id",
    "string_too_long": "rubric-bad-id",
    "string_too_short": "rubric-empty-text",
    "greater_than": "rubric-out-of-range",
    "greater_than_equal": "rubric-out-of-range",
    "less_than": "rubric-out-of-range",
    "less_than_equal": "rubric-out-of-range",
    "finite_number": "rubric-out-of-range",
    "int_from_float": "rubric-wrong-type",
}


def error_code(kind: str) -> str:
    """The problem code for a pydantic error type: specific where one fits, else rubric-invalid."""
    if kind.startswith("rubric-") and kind in REGISTRY:
        return kind
    if kind in _CODE_OF_TYPE:
        return _CODE_OF_TYPE[kind]
    if kind.endswith(("_type", "_parsing")):
        return "rubric-wrong-type"
    return "rubric-invalid"


def _error_path(loc: tuple[Any, ...]) -> FieldPath:
    # Discriminated unions put the tag in the location ("normalisation", "goalposts", "low").
    tags = {"goalposts", "minmax", "zscore", "rank", "distance_to_target"}
    out: list[str | int] = []
    for k, part in enumerate(loc):
        if part in tags and k > 0 and loc[k - 1] == "normalisation":
            continue
        # A union's members name themselves in the location ("literal['rubric']",
        # "tagged-union[...]"): not a field a person can find in the file.
        if isinstance(part, str) and "[" in part:
            continue
        out.append(part)
    return tuple(out)


def _union_errors(errors: list[Any]) -> list[Any]:
    """Where a union member's tag is wrong, drop the other members' "is not allowed" errors at
    the same place: the tag error says what to write."""
    tagged = {_error_path(tuple(e["loc"])) for e in errors if e["type"] == "union_tag_invalid"}
    return [
        e
        for e in errors
        if not (e["type"] == "literal_error" and _error_path(tuple(e["loc"])) in tagged)
    ]


def _expanded_size(root: yaml.Node | None) -> int | None:
    """How many values `root` stands for with every alias expanded (each shared node once).

    None when a node contains itself (`a: &a {b: *a}`), which expands without end.
    """
    unbounded = 2**62
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)] if root is not None else []
    while stack:
        node, done = stack.pop()
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        if done:
            open_nodes.discard(id(node))
            sizes[id(node)] = min(1 + sum(sizes[id(c)] for c in children), unbounded)
            continue
        if id(node) in sizes:
            continue
        if id(node) in open_nodes:
            return None  # an alias to one of its own ancestors
        open_nodes.add(id(node))
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes[id(root)] if root is not None else 0


def _char(character: object) -> str:
    code = character if isinstance(character, int) else ord(str(character)[:1] or "?")
    return f"U+{code:04X}"


def _reader_location(file: str, text: str, position: int) -> Location:
    before = text[:position]
    line = before.count("\n") + 1
    return Location(file=file, line=line, column=position - (before.rfind("\n") + 1) + 1)


def _section_sizes(file: str, root: yaml.Node | None) -> list[Problem]:
    """Problems for `indicators`, `nodes` or `units` longer than their limits, found on the
    parsed YAML before anything is built from it (a 5,000-indicator rubric is refused in a
    second, not validated for a minute)."""
    if not isinstance(root, yaml.MappingNode):
        return []
    out: list[Problem] = []
    for key_node, value_node in root.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        limit = _SECTION_LIMITS.get(str(key_node.value))
        if limit is not None and isinstance(value_node, yaml.SequenceNode):
            count = len(value_node.value)
            if count > limit.value:
                mark = key_node.start_mark
                where = Location(file=file, line=mark.line + 1, column=mark.column + 1)
                out.append(
                    Problem(
                        limit.code,
                        limit.exceeded(f"the rubric's '{key_node.value}'", count),
                        where,
                    )
                )
    return out


_SECTION_LIMITS = {"indicators": limits.INDICATORS, "nodes": limits.NODES, "units": limits.UNITS}


def _compose(loader: _Loader, file: str) -> yaml.Node | None:
    """The YAML's node tree, refused when its aliases expand without bound or a section is
    over its limit."""
    node = loader.get_single_node()
    size = _expanded_size(node)
    if size is None or size > limits.YAML_VALUES.value:
        message = (
            "an alias (*name) refers to a mapping or list that contains it"
            if size is None
            else limits.YAML_VALUES.exceeded("the YAML, once its aliases (*name) are expanded,")
        )
        fail("yaml-aliases", message, Location(file=file, line=1, column=1))
    too_many = _section_sizes(file, node)
    if too_many:
        fail_all(too_many, f"{file}: rubric is too large")
    return node


def read_yaml(
    text: str, file: str, what: str, not_mapping: str
) -> tuple[dict[str, Any], Marks, list[Problem]]:
    """Parse YAML text safely into a mapping and the line:column of every field; problems so
    far (duplicate keys) are returned, fatal ones (syntax, aliases, not a mapping) raised.
    `what` names the kind of file in messages; `not_mapping` is the code when it is no mapping.
    """
    problems: list[Problem] = []
    loader = _Loader(text)
    try:
        node = _compose(loader, file)
        data = loader.construct_document(node) if node is not None else None
    except RecursionError:
        problems.append(
            Problem(
                "yaml-too-deep",
                "the YAML is nested too deeply (hundreds of levels of lists or mappings)",
                Location(file=file, line=1, column=1),
            )
        )
        fail_all(problems, f"{file}: {what} is not valid YAML")
    except yaml.reader.ReaderError as exc:
        # Characters YAML forbids (NUL, other control characters): not a MarkedYAMLError.
        problems.append(
            Problem(
                "yaml-syntax",
                f"character {_char(exc.character)} is not allowed in YAML ({exc.reason})",
                _reader_location(file, text, exc.position),
            )
        )
        fail_all(problems, f"{file}: {what} is not valid YAML")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = (
            Location(file=file, line=mark.line + 1, column=mark.column + 1)
            if mark
            else Location(file=file)
        )
        reason = str(exc.problem or "invalid YAML")
        if "maximum nesting depth" in reason:  # libyaml's own guard
            fail(
                "yaml-too-deep",
                "the YAML is nested too deeply (hundreds of levels of lists or mappings)",
                loc,
            )
        problems.append(Problem("yaml-syntax", reason, loc))
        fail_all(problems, f"{file}: {what} is not valid YAML")
    finally:
        loader.dispose()
    for key, mark in loader.duplicates:
        problems.append(
            Problem(
                "yaml-duplicate-key",
                f"duplicate key {key!r}",
                Location(file=file, line=mark.line + 1, column=mark.column + 1),
            )
        )
    if not isinstance(data, dict):
        problems.append(
            Problem(
                not_mapping,
                f"a {what} must be a YAML mapping",
                Location(file=file, line=1, column=1),
            )
        )
        fail_all(problems, f"{file}: {what} is invalid")
    marks: Marks = {}
    if node is not None:
        _marks(node, (), marks)
    return data, marks, problems


def locate_errors(
    exc: ValidationError, file: str, marks: Marks, code: Callable[[str], str] = error_code
) -> list[Problem]:
    """Pydantic's errors as located problems, in plain words; `code` maps a pydantic error type
    to a problem code (default: the rubric's codes)."""
    problems = []
    for err in _union_errors(list(exc.errors())):
        path = _error_path(tuple(err["loc"]))
        key = err["type"] == "extra_forbidden"
        problems.append(
            Problem(code(err["type"]), _plain(err), _locate(file, marks, path, key=key))
        )
    return problems


def parse_rubric(text: str, file: str = "<rubric>") -> Rubric:
    """Validate rubric YAML text; raise one `ReadinessError` listing every problem."""
    data, marks, problems = read_yaml(text, file, "rubric", "rubric-not-mapping")
    for path, code, message in check_structure(data):
        problems.append(Problem(code, message, _locate(file, marks, path)))
    try:
        rubric = Rubric.model_validate(data)
    except ValidationError as exc:
        problems += locate_errors(exc, file, marks)
        fail_all(sorted(problems, key=_order), f"{file}: rubric is invalid")
    raise_if_errors(sorted(problems, key=_order), f"{file}: rubric is invalid")
    return rubric


def _order(p: Problem) -> tuple[int, int, str]:
    return (p.location.line or 0, p.location.column or 0, p.message)


def read_text(path: Path, what: str = "rubric") -> str:
    """The UTF-8 text of a rubric-sized YAML file (`what` names it in messages); a missing,
    oversized, undecodable or unreadable file is a located error."""
    where = Location(file=str(path))
    if not path.exists():
        fail("file-not-found", f"no such {what} file", where)
    if (too_large := limits.file_too_large(path, limits.RUBRIC_FILE)) is not None:
        fail(limits.RUBRIC_FILE.code, too_large, where)
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        fail("file-encoding", f"the {what} is not UTF-8 text ({exc.reason})", where)
    except OSError as exc:
        fail("file-unreadable", f"cannot read the {what}: {exc.strerror or exc}", where)


def load_rubric(path: str | os.PathLike[str]) -> Rubric:
    """Read and validate a rubric file."""
    path = Path(path)
    return parse_rubric(read_text(path), str(path))


def json_schema() -> str:
    """The rubric's JSON Schema, as committed beside the rubrics for editor autocompletion."""
    schema = Rubric.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "readiness rubric"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
