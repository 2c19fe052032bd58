"""Call the core for the current project: a per-visitor memo, and caches keyed on inputs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from erp_select.app import state
from erp_select.explain.contributions import SUPPORTED_METHODS, Contributions
from erp_select.explain.contributions import contributions as explain_contributions
from erp_select.model import Project
from erp_select.pipeline import Analysis, analyse

_ANALYSIS = "_analysis"
_JSON = "_project_json"


def analysis() -> Analysis | None:
    """Return the analysis of the current project, computed once per project version.

    The memo lives in this visitor's session (never shared); it is recomputed only when
    the project is replaced.

    Raises
    ------
    InputError
        When the core rejects the project's numbers (shown at the page boundary).
    """
    current = state.project()
    if current is None:
        return None
    memo = st.session_state.get(_ANALYSIS)
    if isinstance(memo, tuple) and memo[0] == state.version() and memo[1] is current:
        result: Analysis = memo[2]
        return result
    result = analyse(current)
    st.session_state[_ANALYSIS] = (state.version(), current, result)
    return result


def project_json(current: Project) -> str:
    """Return the project's JSON (the key of the cached analyses), once per version."""
    memo = st.session_state.get(_JSON)
    if isinstance(memo, tuple) and memo[0] is current:
        text: str = memo[1]
        return text
    text = current.model_dump_json()
    st.session_state[_JSON] = (current, text)
    return text


def labels(current: Project, lang: str) -> dict[str, str]:
    """Display names by id: vendors by name, criteria by their label in ``lang``."""
    out = {v.id: v.name for v in current.vendors}
    out.update({c.id: c.label.get(lang) for c in current.criteria.walk()})
    return out


def problem_args(result: Analysis) -> dict[str, Any]:
    """The ranked vendors' table as keyword arguments of the sensitivity and explain calls."""
    ranked = result.ranked
    return {
        "matrix": ranked.values,
        "objectives": ranked.objectives,
        "weights": ranked.weights,
        "alternatives": ranked.vendors,
        "criteria": ranked.criteria,
    }


def families(current: Project) -> Mapping[str, float]:
    """The top-level criteria (families) and their local weights as stored."""
    return {c.id: c.weight for c in current.criteria.criteria}


_CONTRIB = "_contributions"


def contributions(result: Analysis) -> Contributions | None:
    """Return the criterion-by-criterion breakdown of the ranking (WSM or TOPSIS only).

    Memoised per project version in this visitor's session. ``None`` when the project's
    method has no exact breakdown or no vendor is ranked.
    """
    if result.result is None or result.method not in SUPPORTED_METHODS:
        return None
    memo = st.session_state.get(_CONTRIB)
    if isinstance(memo, tuple) and memo[0] is result:
        found: Contributions = memo[1]
        return found
    found = explain_contributions(method=result.method, **problem_args(result))
    st.session_state[_CONTRIB] = (result, found)
    return found
