"""Call the core for the current project: a per-visitor memo, and caches keyed on inputs."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from erp_select.app import state
from erp_select.explain.contributions import SUPPORTED_METHODS, Contributions
from erp_select.explain.contributions import contributions as explain_contributions
from erp_select.model import Project, ReviewsValue
from erp_select.model.criteria import SCORE_KINDS
from erp_select.pipeline import Analysis, analyse
from erp_select.report import render_from
from erp_select.report.compute import ReportInputs
from erp_select.report.compute import compute as report_compute
from erp_select.report.workers import prestart
from erp_select.sensitivity.agreement import AgreementResult, method_agreement
from erp_select.sensitivity.curves import WeightCurves, weight_crossovers, weight_curves
from erp_select.sensitivity.smaa import SmaaResult, run_smaa
from erp_select.sensitivity.stability import stability_intervals
from erp_select.sensitivity.tornado import tornado
from erp_select.sensitivity.what_it_takes import WhatItTakes, what_it_takes

_ANALYSIS = "_analysis"
SETTINGS = "sens_settings"
DEFAULT_SAMPLES = 10_000
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


def simulation_settings(current: Project) -> tuple[int, int]:
    """The SMAA samples and seed chosen on the sensitivity page (kept for the report)."""
    saved = st.session_state.get(SETTINGS)
    if isinstance(saved, tuple) and len(saved) == 2:
        return int(saved[0]), int(saved[1])
    return DEFAULT_SAMPLES, current.seed


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


# ------------------------------------------------------------ cached sensitivity work
# Keyed on the project's JSON (and the settings), so every visitor with the same inputs
# shares the result and no visitor ever sees another's project by mistake.


def _ranked(project_text: str) -> tuple[Analysis, dict[str, Any]]:
    result = analyse(Project.model_validate_json(project_text))
    return result, problem_args(result)


def _curves(project_text: str) -> tuple[WeightCurves, pd.DataFrame]:
    result, args = _ranked(project_text)
    return (
        weight_curves(method=result.method, **args),
        weight_crossovers(method=result.method, **args),
    )


def _stability(project_text: str) -> pd.DataFrame:
    result, args = _ranked(project_text)
    return stability_intervals(method=result.method, **args)


def _tornado(project_text: str, delta: float) -> pd.DataFrame:
    result, args = _ranked(project_text)
    return tornado(method=result.method, delta=delta, **args)


def _smaa(project_text: str, n: int, seed: int) -> SmaaResult:
    result, args = _ranked(project_text)
    return run_smaa(
        args["matrix"],
        args["objectives"],
        args["weights"],
        result.method,
        n,
        seed,
        args["alternatives"],
        args["criteria"],
        result.ranked.low,
        result.ranked.high,
    )


def value_bounds(current: Project) -> dict[str, tuple[float, float]]:
    """The reachable range of each score criterion (0–100, reviews 0–scale), for what-it-takes.

    Raw facts and costs keep the search range of the core (no bound is known for them).
    """
    out: dict[str, tuple[float, float]] = {}
    for leaf in current.criteria.leaves():
        spec = leaf.value
        if spec is None:
            continue
        if spec.kind in SCORE_KINDS:
            out[leaf.id] = (0.0, 100.0)
        elif isinstance(spec, ReviewsValue):
            out[leaf.id] = (0.0, float(spec.scale_max))
    return out


def _what(project_text: str, challenger: str, seed: int) -> WhatItTakes:
    result, args = _ranked(project_text)
    return what_it_takes(
        method=result.method,
        challengers=[challenger],
        seed=seed,
        value_bounds=value_bounds(result.project),
        **args,
    )


def _agreement(project_text: str, seed: int, lang: str) -> AgreementResult:
    result, args = _ranked(project_text)
    return method_agreement(reference=result.method, seed=seed, lang=lang, **args)


_CACHE = st.cache_data(show_spinner=False, max_entries=24)
curves_cached: Callable[[str], tuple[WeightCurves, pd.DataFrame]] = _CACHE(_curves)
stability_cached: Callable[[str], pd.DataFrame] = _CACHE(_stability)
tornado_cached: Callable[[str, float], pd.DataFrame] = _CACHE(_tornado)
smaa_cached: Callable[[str, int, int], SmaaResult] = _CACHE(_smaa)
what_cached: Callable[[str, str, int], WhatItTakes] = _CACHE(_what)
agreement_cached: Callable[[str, int, str], AgreementResult] = _CACHE(_agreement)


def _report_inputs(project_text: str, samples: int, seed: int) -> ReportInputs:
    # The page shows the HTML report at once: its chart workers start now, and one of
    # them runs SMAA-2 while this process runs the other analyses.
    prestart()
    return report_compute(
        Project.model_validate_json(project_text), sensitivity_samples=samples, seed=seed
    )


def _report(project_text: str, samples: int, seed: int, fmt: str, lang: str) -> bytes:
    return render_from(report_inputs_cached(project_text, samples, seed), fmt, lang)


_REPORT_CACHE = st.cache_data(show_spinner=False, max_entries=8)
report_inputs_cached: Callable[[str, int, int], ReportInputs] = _REPORT_CACHE(_report_inputs)
report_cached: Callable[[str, int, int, str, str], bytes] = _REPORT_CACHE(_report)
