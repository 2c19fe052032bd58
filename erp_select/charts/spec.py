"""Chart specifications as plain Vega-Lite dictionaries, built without Altair's validation.

Altair checks every channel against the Vega-Lite schema while a chart is built and again
when it is turned into a dictionary: on a 30-vendor chart that is most of a weight
change's time in the app. The builders of :mod:`erp_select.charts` write the dictionary
Altair would have written (same marks, scales, titles, theme, named datasets) directly;
tests check them against Altair's own output and the Vega-Lite schema.

A :class:`ChartSpec` keeps the two methods of an Altair chart its users call:
``to_dict()`` (a fresh copy, as Altair returns one) and ``properties(...)``.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np

#: The Vega-Lite schema Altair 6 writes in every specification.
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"
#: Altair's default theme: the size of a continuous axis left unsized.
VIEW_DEFAULTS: dict[str, Any] = {"continuousWidth": 300, "continuousHeight": 300}

Row = dict[str, Any]


def _plain(value: Any) -> Any:
    """A JSON value as Altair writes a data frame's cell: Python numbers, ``None`` for NaN."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if hasattr(value, "item"):  # a NumPy scalar
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _column(values: Iterable[Any]) -> list[Any]:
    """One column's cells as Python values, NaN and infinities as ``None``."""
    if isinstance(values, np.ndarray) and values.dtype.kind in "biuf":
        out: list[Any] = values.tolist()
        if values.dtype.kind != "f" or bool(np.isfinite(values).all()):
            return out
        return [v if math.isfinite(v) else None for v in out]
    out = values.tolist() if isinstance(values, np.ndarray) else list(values)
    if all(type(v) is str for v in out):
        return out  # labels: nothing to convert
    return [_plain(v) for v in out]


def rows(columns: Mapping[str, Iterable[Any]]) -> list[Row]:
    """Records from equal-length columns (NumPy or Python values), in column order."""
    names = list(columns)
    cells = [_column(v) for v in columns.values()]
    if not names:
        return []
    length = len(cells[0])
    if any(len(c) != length for c in cells):
        raise ValueError("columns of different lengths")
    return [dict(zip(names, row, strict=True)) for row in zip(*cells, strict=True)]


def frame_rows(frame: Any) -> list[Row]:
    """The records of a pandas data frame, as Altair puts them in a chart's dataset."""
    return rows({str(c): frame[c].to_numpy() for c in frame.columns})


def dataset_name(values: list[Row]) -> str:
    """The name Altair gives an inline dataset: a hash of its values."""
    if values == [{}]:
        return "empty"
    text = json.dumps(values, sort_keys=True, default=str)
    return "data-" + hashlib.sha256(text.encode()).hexdigest()[:32]


def _copy(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _copy(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_copy(v) for v in node]
    return node


class ChartSpec:
    """A finished Vega-Lite specification with the ``to_dict``/``properties`` of Altair."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self._spec = spec
        self._derived: dict[str, Any] = {}

    def derived(self, name: str, make: Callable[[ChartSpec], Any]) -> Any:
        """``make(self)``, computed once per chart (e.g. the copy a surface sends on)."""
        if name not in self._derived:
            self._derived[name] = make(self)
        return self._derived[name]

    def to_dict(self, validate: bool = True) -> dict[str, Any]:
        """A fresh copy of the specification (``validate`` is accepted and ignored)."""
        copied: dict[str, Any] = _copy(self._spec)
        return copied

    def properties(self, **values: Any) -> ChartSpec:
        """This chart with top-level properties (``width``, ``height``, ``title``…) set."""
        spec = dict(self._spec)
        spec.update(values)
        return ChartSpec(spec)

    @property
    def height(self) -> Any:
        """The plot's own height in pixels, if set."""
        return self._spec.get("height")

    @property
    def spec(self) -> Mapping[str, Any]:
        """The specification itself (read it, do not change it)."""
        return self._spec


def field(name: str, kind: str, **extra: Any) -> dict[str, Any]:
    """An encoding channel on a data field (``kind``: ``quantitative``, ``nominal``…)."""
    return {"field": name, "type": kind, **extra}


def tooltip(name: str, kind: str, title: str) -> dict[str, Any]:
    """One tooltip entry."""
    return {"field": name, "title": title, "type": kind}


def layered(
    layers: Sequence[tuple[list[Row], dict[str, Any]]],
    config: Mapping[str, Any],
    **top: Any,
) -> ChartSpec:
    """A layered chart as Altair writes it: each layer a ``(rows, layer spec)`` pair.

    When every layer draws the same rows (the same list object, as Altair compares
    data frames), the data is named once at the top; otherwise each layer names its own.
    """
    datasets: dict[str, list[Row]] = {}

    def named(values: list[Row]) -> dict[str, str]:
        name = dataset_name(values)
        datasets[name] = values
        return {"name": name}

    spec: dict[str, Any] = {"config": _config(config)}
    first = layers[0][0]
    if all(data is first for data, _ in layers):
        spec["layer"] = [dict(layer) for _, layer in layers]
        spec["data"] = named(first)
    else:
        spec["layer"] = [{"data": named(data), **layer} for data, layer in layers]
    spec.update(top)
    spec["$schema"] = SCHEMA
    spec["datasets"] = datasets
    return ChartSpec(spec)


def single(
    values: list[Row], layer: Mapping[str, Any], config: Mapping[str, Any], **top: Any
) -> ChartSpec:
    """A one-layer chart (``mark`` and ``encoding`` at the top) as Altair writes it."""
    name = dataset_name(values)
    spec: dict[str, Any] = {"config": _config(config), "data": {"name": name}, **layer}
    spec.update(top)
    spec["$schema"] = SCHEMA
    spec["datasets"] = {name: values}
    return ChartSpec(spec)


def _config(config: Mapping[str, Any]) -> dict[str, Any]:
    """``config`` over Altair's default theme (the view's continuous size)."""
    out = {k: _copy(v) for k, v in config.items()}
    out["view"] = {**VIEW_DEFAULTS, **out.get("view", {})}
    return out
