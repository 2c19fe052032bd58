"""Turn pydantic validation errors into located, translatable problems."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from erp_select.errors import Problem

Path = tuple[str | int, ...]

#: Pydantic error types that have their own message in the ``io.pydantic`` catalogue.
KNOWN_TYPES = frozenset(
    {
        "missing",
        "extra_forbidden",
        "literal_error",
        "string_pattern_mismatch",
        "greater_than_equal",
        "greater_than",
        "less_than_equal",
        "less_than",
        "finite_number",
        "float_parsing",
        "float_type",
        "int_parsing",
        "int_type",
        "int_from_float",
        "bool_parsing",
        "bool_type",
        "string_type",
        "string_too_short",
        "string_too_long",
        "too_short",
        "too_long",
        "list_type",
        "dict_type",
        "model_type",
        "model_attributes_type",
        "date_parsing",
        "date_type",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
        "union_tag_invalid",
        "union_tag_not_found",
        "value_error",
        "tuple_type",
    }
)

# Errors that only say "this member of a union does not accept that type": when a value
# fails every member of a union, these are noise next to a real reason (too long, not finite).
_TYPE_ONLY = frozenset(
    {
        "bool_type",
        "bool_parsing",
        "float_type",
        "float_parsing",
        "int_type",
        "int_parsing",
        "string_type",
        "list_type",
        "dict_type",
        "model_type",
        "model_attributes_type",
        "is_instance_of",
        "tuple_type",
    }
)

#: Prefixes of the custom error types that carry their own catalogue key (text hygiene
#: rules live in the ``hostile`` domain).
_OWN_RULES = ("model.", "hostile.", "levels.")

_LIMIT_KEYS = ("ge", "gt", "le", "lt", "min_length", "max_length")

#: Marker for "no value to show" (``None`` is a value a user may have written).
NO_VALUE: Any = object()


@dataclass(frozen=True)
class Where:
    """Where a model path points in the user's file: a row or line, a field, the raw value."""

    row: int | None
    field: str | None
    value: Any = NO_VALUE


Locator = Callable[[Path], Where]


def pretty_path(data: Any, path: Sequence[str | int]) -> str:
    """Return ``path`` as a dotted name, showing list items by their ``id`` when they have one.

    ``("criteria", 0, "value", "worst")`` becomes ``criteria[sector_fit].value.worst``.
    """
    out = ""
    node = data
    for step in path:
        if isinstance(step, int):
            item = node[step] if isinstance(node, list) and 0 <= step < len(node) else None
            ident = item.get("id") if isinstance(item, dict) else None
            out += f"[{ident}]" if isinstance(ident, str) and ident else f"[{step}]"
            node = item
        else:
            out += f".{step}" if out else str(step)
            node = node.get(step) if isinstance(node, dict) else None
    return out


def _clean(data: Any, loc: Sequence[str | int], kind: str) -> tuple[Path, Path | None]:
    """Drop pydantic's union tags from ``loc``; return the clean path and the union site.

    A step that names no key of the data is a union tag: the ``kind`` of a discriminated
    union (skipped silently) or a member type name of a plain union (its position is the
    *union site*, where several member errors should be merged into one problem). The
    last step of a ``missing`` error is the missing field, kept as is.
    """
    out: list[str | int] = []
    site: Path | None = None
    node = data
    for i, step in enumerate(loc):
        inside_dict = isinstance(node, dict) and step in node
        inside_list = isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        if inside_dict or inside_list:
            node = node[step]
        elif (kind == "missing" and i == len(loc) - 1) or step == "[key]":
            node = None
        elif isinstance(node, dict) and node.get("kind") == step:
            continue  # the tag of a discriminated union
        elif isinstance(step, str):
            if site is None:
                site = tuple(out)  # a member of a plain union
            continue
        else:
            node = None
        out.append(step)
    return tuple(out), site


def _shown(value: Any) -> Any:
    """Return the offending input when it is worth printing (a scalar), else ``NO_VALUE``."""
    if isinstance(value, str | bool | int | float | dt.date) or value is None:
        return value
    return NO_VALUE


def _params(err: Any) -> dict[str, Any]:
    ctx = err.get("ctx") or {}
    params: dict[str, Any] = {"message": err.get("msg", "")}
    for key in _LIMIT_KEYS:
        if key in ctx:
            params["limit"] = ctx[key]
    if "expected" in ctx:
        params["expected"] = ctx["expected"]
    if "pattern" in ctx:
        params["pattern"] = ctx["pattern"]
    if "expected_tags" in ctx:
        params["expected"] = ctx["expected_tags"]
    if "tag" in ctx:
        params["tag"] = ctx["tag"]
    if "discriminator" in ctx:
        params["discriminator"] = str(ctx["discriminator"]).strip("'")
    if str(err.get("type", "")).startswith(_OWN_RULES):
        params.update(ctx)
    if err.get("type") == "value_error":
        message = str(err.get("msg", ""))
        params["message"] = message.removeprefix("Value error, ")
    return params


def _overflowing_int(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int):
        return False
    try:
        float(value)
    except OverflowError:
        return True
    return False


def validation_problems(
    exc: ValidationError,
    data: Any,
    *,
    source: str | None,
    locate: Locator,
    prefix: Path = (),
) -> list[Problem]:
    """Translate a pydantic ``ValidationError`` into located ``Problem``s.

    Parameters
    ----------
    exc
        The error raised when validating ``data``.
    data
        The input that was validated (used to strip union tags from error locations and
        to show list items by id).
    source
        The file name to report.
    locate
        Maps a clean model path (``prefix`` + the error's path) to a row/line, a field
        name and optionally the raw cell text to show as the value.
    prefix
        Path of ``data`` inside the whole document (e.g. ``("vendors", 2)``).

    Returns
    -------
    list[Problem]
        One problem per error; the errors of a value that fits no member of a union are
        merged into one problem.
    """
    groups: dict[Path, list[tuple[Path, dict[str, Any]]]] = {}
    singles: list[tuple[Path, dict[str, Any]]] = []
    for raw in exc.errors(include_url=False):
        path, site = _clean(data, raw["loc"], str(raw["type"]))
        if site is None:
            singles.append((path, dict(raw)))
        else:
            groups.setdefault(site, []).append((path, dict(raw)))
    for site, members in groups.items():
        real = [(p, e) for p, e in members if e["type"] not in _TYPE_ONLY]
        if real:
            singles.extend(real)
        else:
            value = members[0][1].get("input")
            kind = "finite_number" if _overflowing_int(value) else "union_type"
            singles.append((site, {"type": kind, "input": value, "msg": members[0][1]["msg"]}))

    out: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    for path, err in singles:
        kind = str(err["type"])
        known = kind in KNOWN_TYPES or kind == "union_type"
        rule = f"io.pydantic.{kind}" if known else "io.pydantic.other"
        if kind.startswith(_OWN_RULES):
            rule = kind  # a model rule with its own translated sentence
        where = locate(prefix + path)
        value = where.value if where.value is not NO_VALUE else _shown(err.get("input"))
        if kind in {"missing", "value_error", "union_tag_not_found"} and where.value is NO_VALUE:
            value = NO_VALUE
        if kind.startswith("model.") and where.value is NO_VALUE:
            value = NO_VALUE
        if isinstance(value, float) and not math.isfinite(value) and where.value is NO_VALUE:
            value = repr(value)
        params = _params(err)
        key = (rule, where.row, where.field, repr(value))
        if key in seen:
            continue
        seen.add(key)
        out.append(
            Problem(
                rule=rule,
                source=source,
                row=where.row,
                field=where.field,
                value=None if value is NO_VALUE else value,
                params=params,
            )
        )
    return out
