"""A project's evaluation and screening, kept per version of its facts: a weight change re-ranks.

Evaluating the vendors (value functions, TCO, requirement fit, evidence ranges, missing
values) and screening them (must-haves) read everything in a project but its criteria's
weights, its ranking method and its seed. :func:`analyse` keeps the last few evaluations
keyed on the project without those three (:func:`evaluation_key`), so that moving a weight
slider or choosing another method ranks the kept vendors again and nothing else; the result
is the one :func:`erp_select.pipeline.analyse` gives (tests compare both).

The kept tables are shared by the analyses made from them and are read-only (their arrays
refuse writes), as every analysis already treats them.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import replace
from typing import Any

import numpy as np
from pydantic import BaseModel

from erp_select.engine.rerank import rerank
from erp_select.evaluate import Performance, evaluate
from erp_select.io.column_cells import paused_gc
from erp_select.model import Project
from erp_select.model.alternatives import Alternative
from erp_select.pipeline import Analysis
from erp_select.screen import ScreenResult, screen

#: Evaluations kept (a few projects or versions of the facts at once).
KEPT = 8

_lock = threading.Lock()
_kept: OrderedDict[str, tuple[Performance, ScreenResult]] = OrderedDict()
#: The fields the ranking alone reads; the digest of the others is kept per their values.
_OUT = ("criteria", "method", "seed")
_REST = tuple(name for name in Project.model_fields if name not in _OUT)
#: The last few (fields, digest of their text), newest first.
_rests: list[tuple[tuple[Any, ...], Any]] = []


def _without_weights(nodes: list[dict[str, Any]]) -> None:
    for node in nodes:
        node.pop("weight", None)
        _without_weights(node.get("children") or [])


def _same(a: object, b: object) -> bool:
    """The same field value: the same object, a list of the same objects, or an equal plain
    value (a date, a name)."""
    if a is b:
        return True
    if isinstance(a, list) and isinstance(b, list):  # a project validated again: a new list
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return not isinstance(a, list | BaseModel) and type(a) is type(b) and a == b


def _rest_digest(project: Project) -> Any:
    """The digest of the project but its criteria, method and seed, once per version of them.

    A weight change makes a new project that holds the same vendors, company and rules
    (the same objects, never changed in place): their text is not written again.
    """
    fields = tuple(getattr(project, name) for name in _REST)
    with _lock:
        for held, digest in _rests:
            if all(_same(a, b) for a, b in zip(held, fields, strict=True)):
                return digest.copy()
    rest = project.model_dump_json(exclude=set(_OUT))
    digest = hashlib.sha256(rest.encode("utf-8"))
    with _lock:
        _rests.insert(0, (fields, digest.copy()))
        del _rests[KEPT:]
    return digest


def evaluation_key(project: Project) -> str:
    """A digest of everything the evaluation and screening of ``project`` read.

    The whole project but the criteria's weights, the method and the seed: two projects
    with the same key evaluate and screen the same (the weights enter the ranking only).
    """
    tree = project.criteria.model_dump(mode="json")
    _without_weights(tree["criteria"])
    digest = _rest_digest(project)
    digest.update(json.dumps(tree, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    hex_digest: str = digest.hexdigest()
    return hex_digest


def _read_only(perf: Performance) -> Performance:
    for array in (perf.values, perf.low, perf.high, perf.raw, perf.weights):
        if array is not None:
            array.flags.writeable = False
    return perf


def evaluated(project: Project, key: str | None = None) -> tuple[Performance, ScreenResult]:
    """The evaluation and screening of ``project`` (weights as evaluated the first time).

    ``key`` is :func:`evaluation_key` of ``project`` when the caller has it; for a
    project with offers or integrators, ``project`` is the expanded one and ``key`` that
    of the project as written.
    """
    key = key or evaluation_key(project)
    with _lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
            return found
    with paused_gc():  # a long list makes hundreds of thousands of small acyclic objects
        performance = _read_only(evaluate(project))
        screening = screen(project.vendors, project.company, performance)
    with _lock:
        _kept[key] = (performance, screening)
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return performance, screening


def clear() -> None:
    """Forget every kept evaluation."""
    with _lock:
        _kept.clear()
        _rests.clear()


def leaf_weights(project: Project) -> np.ndarray:
    """The global weight of each leaf criterion, in the tree's leaf order."""
    weights = project.criteria.global_weights()
    out = np.array([weights[leaf.id] for leaf in project.criteria.leaves()], dtype=float)
    out.flags.writeable = False
    return out


def analyse(project: Project, method: str | None = None, key: str | None = None) -> Analysis:
    """:func:`erp_select.pipeline.analyse` of ``project``, reusing a kept evaluation.

    Parameters
    ----------
    project : Project
    method : str, optional
        The ranking method (default: the project's).
    key : str, optional
        :func:`evaluation_key` of ``project``, when the caller has it.
    """
    chosen = method or project.method
    key = key or evaluation_key(project)
    alternatives: tuple[Alternative, ...] = ()
    if project.has_variants:  # ranked by vendor × offer × integrator, as the pipeline does
        alternatives = tuple(project.alternatives())
        project = project.expanded()
    base, screening = evaluated(project, key)
    performance = replace(base, weights=leaf_weights(project))
    ranked = performance.subset(screening.kept)
    result = rerank(ranked.problem, method=chosen) if screening.kept else None
    return Analysis(project, chosen, performance, screening, ranked, result, alternatives)
