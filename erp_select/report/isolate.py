"""Isolate the bidi controls of the project's texts before they are printed in a report."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from erp_select.text import isolate_bidi

M = TypeVar("M", bound=BaseModel)

#: Fields that hold data the analyses compare or compute with, not text to print: a fact's
#: value (matched against scale levels and rules), value functions, ids.
_DATA_FIELDS = frozenset({"value", "id", "fact", "item", "method", "format", "node"})


def _walk(node: Any) -> Any:
    if isinstance(node, str):
        return isolate_bidi(node)
    if isinstance(node, BaseModel):
        return isolate_texts(node)
    if isinstance(node, list):
        items = [_walk(v) for v in node]
        return items if any(a is not b for a, b in zip(items, node, strict=True)) else node
    if isinstance(node, dict):  # keys are ids: only the values are texts
        values = {k: _walk(v) for k, v in node.items()}
        return values if any(values[k] is not node[k] for k in node) else node
    return node


def isolate_texts(model: M) -> M:
    """``model`` with every text that holds bidi controls made unable to reorder its surroundings.

    Each text is passed through :func:`erp_select.text.isolate_bidi` (wrapped in a first
    strong isolate, unmatched controls dropped, open ones closed): a vendor name written
    with a right-to-left override cannot turn the rest of a sentence, a table row or a CSV
    line around. Data fields (fact values, value functions, ids) are left as they are. The
    same object is returned when no text holds a bidi control (the usual case).
    """
    changes: dict[str, Any] = {}
    for name in type(model).model_fields:
        if name in _DATA_FIELDS:
            continue
        value = getattr(model, name)
        new = _walk(value)
        if new is not value:
            changes[name] = new
    return model.model_copy(update=changes) if changes else model
