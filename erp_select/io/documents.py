"""Parse and write YAML and JSON documents safely, keeping the line of every node."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from pydantic import BaseModel

from erp_select.errors import InputError, Problem
from erp_select.io.limits import MAX_ALIAS_EXPANSION, MAX_DEPTH
from erp_select.io.problems import Path, Where, pretty_path

# YAML 1.1 (PyYAML) reads ``1e6`` as text; YAML 1.2 and people read it as a number. We read
# it as a number, and the writer quotes any text that would otherwise be read back so.
_EXP_FLOAT = re.compile(r"^[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+$")


# libyaml's parser (CSafeLoader) is fast and caps nesting; PyYAML's pure-Python scanner
# takes quadratic time on deeply nested flow collections, so it is only a fallback.
_SafeBase: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


#: A plain float whose dot could also separate thousands (``310.000``, ``4.125``): read as
#: the text written, so that a numeric fact refuses it as ambiguous (naming both readings)
#: instead of silently taking 310; elsewhere the model reads such text as the float.
_AMBIGUOUS_FLOAT = re.compile(r"^[-+]?[1-9][0-9]{0,2}\.[0-9]{3}$")


class _Loader(_SafeBase):  # type: ignore[misc]
    """PyYAML's safe loader (libyaml when available), plus exponent floats without a dot."""

    def construct_yaml_float(self, node: yaml.ScalarNode) -> Any:
        """A float, except an ambiguous ``310.000``, kept as the text written."""
        if isinstance(node.value, str) and _AMBIGUOUS_FLOAT.match(node.value):
            return node.value
        return super().construct_yaml_float(node)


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, quoting text that our loader would read as a float."""


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    # PyYAML writes NEL and the Unicode line/paragraph separators raw inside quoted
    # scalars, where a reader folds them; double quotes make it escape them.
    style = '"' if any(c in text for c in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _represent_float(dumper: yaml.SafeDumper, value: float) -> yaml.ScalarNode:
    # 4.125 would read back as the ambiguous text "4.125": write 4.1250, the same float.
    node = dumper.represent_float(value)
    if isinstance(node.value, str) and _AMBIGUOUS_FLOAT.match(node.value):
        node.value += "0"
    return node


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(float, _represent_float)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_yaml_float)
_Loader.add_implicit_resolver("tag:yaml.org,2002:float", _EXP_FLOAT, list("-+0123456789"))
_Dumper.add_implicit_resolver("tag:yaml.org,2002:float", _EXP_FLOAT, list("-+0123456789"))


@dataclass
class Document:
    """A parsed YAML/JSON document and the 1-based line of each path in it (YAML only)."""

    data: Any
    source: str
    lines: dict[Path, int] = field(default_factory=dict)

    def locate(self, path: Path) -> Where:
        """Return the line of the deepest known prefix of ``path`` and its dotted name."""
        line = None
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                line = self.lines[path[:end]]
                break
        return Where(row=line, field=pretty_path(self.data, path) or None)


def _yaml_problem(exc: yaml.YAMLError, source: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    message = f"{context}, {problem}" if context else str(problem)
    return Problem(
        rule="io.yaml_syntax",
        source=source,
        row=mark.line + 1 if mark is not None else None,
        params={"column": mark.column + 1 if mark is not None else "?", "message": message},
    )


def _check_graph(root: yaml.Node, source: str) -> list[Problem]:
    """Refuse recursive aliases and aliases that expand the document too much."""
    sizes: dict[int, int] = {}
    active: set[int] = set()
    problems: list[Problem] = []

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            if not problems:
                problems.append(
                    Problem(
                        rule="io.yaml_recursive_alias",
                        source=source,
                        row=node.start_mark.line + 1,
                    )
                )
            return 1
        active.add(key)
        total = 1
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                total += size(k) + size(v)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                total += size(item)
        active.discard(key)
        sizes[key] = total
        return total

    expanded = size(root)
    if problems:
        return problems
    if expanded - len(sizes) > MAX_ALIAS_EXPANSION:
        return [
            Problem(
                rule="io.yaml_alias_bomb",
                source=source,
                params={"nodes": expanded, "limit": MAX_ALIAS_EXPANSION},
            )
        ]
    return []


def _walk_lines(root: yaml.Node, source: str) -> tuple[dict[Path, int], list[Problem]]:
    """Map every path to its line; report duplicate keys and excessive nesting."""
    lines: dict[Path, int] = {}
    problems: list[Problem] = []
    stack: list[tuple[yaml.Node, Path]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        lines[path] = node.start_mark.line + 1
        if len(path) > MAX_DEPTH:
            problems.append(
                Problem(
                    rule="io.too_deep",
                    source=source,
                    row=node.start_mark.line + 1,
                    params={"limit": MAX_DEPTH},
                )
            )
            break
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for k, v in node.value:
                if not isinstance(k, yaml.ScalarNode) or k.tag == "tag:yaml.org,2002:merge":
                    continue
                name = str(k.value)
                if name in seen:
                    problems.append(
                        Problem(
                            rule="io.duplicate_key",
                            source=source,
                            row=k.start_mark.line + 1,
                            field=pretty_path(None, (*path, name)),
                            value=name,
                        )
                    )
                seen.add(name)
                stack.append((v, (*path, name)))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                stack.append((item, (*path, i)))
    return lines, problems


def parse_yaml(text: str, source: str) -> Document:
    """Parse one YAML document safely: no custom tags, bounded aliases and nesting.

    Raises
    ------
    InputError
        On a syntax error (with line and column), a recursive alias, an alias "bomb",
        duplicate keys, excessive nesting or an empty document.
    """
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise InputError([Problem(rule="io.empty", source=source)])
        problems = _check_graph(root, source)
        if problems:
            raise InputError(problems)
        lines, problems = _walk_lines(root, source)
        if problems:
            raise InputError(problems)
        data = loader.construct_document(root)
    except yaml.YAMLError as exc:
        raise InputError([_yaml_problem(exc, source)]) from exc
    except RecursionError as exc:
        raise InputError(
            [Problem(rule="io.too_deep", source=source, params={"limit": MAX_DEPTH})]
        ) from exc
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. a timestamp like 2026-13-45
        raise InputError(
            [Problem(rule="io.yaml_value", source=source, params={"message": str(exc)})]
        ) from exc
    finally:
        loader.dispose()
    return Document(data=data, source=source, lines=lines)


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _clean(data: Any) -> bool:
    """Whether ``data`` nests no deeper than ``MAX_DEPTH`` and holds no lone surrogate.

    The quick pass over a large document (10 000 vendors); :func:`_scan` then locates
    the problems of the rare document that fails it.
    """
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return False
        if isinstance(node, dict):
            if any(isinstance(key, str) and _SURROGATE.search(key) for key in node):
                return False
            stack.extend((value, depth + 1) for value in node.values())
        elif isinstance(node, list):
            stack.extend((value, depth + 1) for value in node)
        elif isinstance(node, str) and _SURROGATE.search(node):
            return False
    return True


def _scan(data: Any, source: str) -> list[Problem]:
    """Refuse excessive nesting and lone surrogates (``"\\ud800"``: not a character)."""
    if _clean(data):
        return []
    problems: list[Problem] = []
    stack: list[tuple[Any, Path]] = [(data, ())]
    while stack:
        node, path = stack.pop()
        if len(path) > MAX_DEPTH:
            return [Problem(rule="io.too_deep", source=source, params={"limit": MAX_DEPTH})]
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(key, str) and _SURROGATE.search(key):
                    problems.append(Problem(rule="io.bad_character", source=source, field=key))
                stack.append((value, (*path, str(key))))
        elif isinstance(node, list):
            stack.extend((v, (*path, i)) for i, v in enumerate(node))
        elif isinstance(node, str) and _SURROGATE.search(node):
            field = pretty_path(data, path) or None
            problems.append(Problem(rule="io.bad_character", source=source, field=field))
    return problems


_LONG_DIGITS = re.compile(r"[0-9]{1000,}")


def _huge_number(text: str, source: str) -> Problem:
    """The problem of a number too long to read, on its line, its first digits shown."""
    found = _LONG_DIGITS.search(text)
    line = text.count("\n", 0, found.start()) + 1 if found else None
    digits = len(found.group()) if found else 0
    shown = found.group()[:20] + "…" if found else None
    return Problem(
        rule="hostile.huge_number", source=source, row=line, value=shown, params={"digits": digits}
    )


def parse_json(text: str, source: str) -> Document:
    """Parse a JSON document; duplicate keys and excessive nesting are refused.

    ``NaN``/``Infinity`` and overflowing numbers parse as non-finite floats, which the
    models then reject with a located message.
    """
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                duplicates.append(key)
            out[key] = value
        return out

    def integer(digits: str) -> int | float:
        # Python refuses to convert more than 4300 digits (a ValueError deep inside json);
        # such a number overflows a float anyway: read it as non-finite, refused later.
        if len(digits.lstrip("-")) > 4000:
            return -math.inf if digits.startswith("-") else math.inf
        return int(digits)

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_int=integer)
    except json.JSONDecodeError as exc:  # (a ValueError: caught first)
        raise InputError(
            [
                Problem(
                    rule="io.json_syntax",
                    source=source,
                    row=exc.lineno,
                    params={"column": exc.colno, "message": exc.msg},
                )
            ]
        ) from exc
    except RecursionError as exc:
        raise InputError(
            [Problem(rule="io.too_deep", source=source, params={"limit": MAX_DEPTH})]
        ) from exc
    except ValueError as exc:  # an integer of more digits than Python converts (4300)
        raise InputError([_huge_number(text, source)]) from exc
    if duplicates:
        raise InputError(
            [Problem(rule="io.duplicate_key", source=source, value=k) for k in duplicates]
        )
    problems = _scan(data, source)
    if problems:
        raise InputError(problems)
    return Document(data=data, source=source)


def parse_document(text: str, fmt: str, source: str) -> Document:
    """Parse ``text`` as YAML (``fmt == "yaml"``) or JSON."""
    return parse_yaml(text, source) if fmt == "yaml" else parse_json(text, source)


def dump_yaml(data: Any) -> bytes:
    """Write ``data`` (plain JSON-like values) as UTF-8 YAML that our loader reads back."""
    text = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    return text.encode("utf-8")


def dump_json(data: Any) -> bytes:
    """Write ``data`` as indented UTF-8 JSON (floats written to round-trip exactly)."""
    return (json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")


def plain(model: BaseModel) -> Any:
    """Return ``model`` as JSON-ready data, leaving out ``None`` fields whose default is ``None``.

    Like ``model_dump(mode="json", exclude_none=True)``, except that a ``None`` that differs
    from its field's default (e.g. an answer's evidence left unstated, default ``"claim"``)
    is kept, so that reading the data back gives an equal model.
    """
    return _prune(model, model.model_dump(mode="json"))


def _prune(model: Any, data: Any) -> Any:
    if isinstance(model, BaseModel) and isinstance(data, dict):
        out: dict[str, Any] = {}
        for name, info in type(model).model_fields.items():
            if name not in data:
                continue
            value = getattr(model, name)
            if value is None and info.default is None and info.default_factory is None:
                continue
            out[name] = _prune(value, data[name])
        return out
    if isinstance(model, list | tuple) and isinstance(data, list):
        return [_prune(m, d) for m, d in zip(model, data, strict=True)]
    if isinstance(model, dict) and isinstance(data, dict):
        return {k: _prune(model.get(k), v) for k, v in data.items()}
    return data
