"""Call the analysis suite for the current project: each part cached, keyed on its inputs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from erp_select.analysis import AnalysisSettings, AnalysisSuite, assemble
from erp_select.analysis import parts as suite_parts
from erp_select.analysis.parts import Prepared, prepare
from erp_select.analysis.settings import DEFAULT_SAMPLES
from erp_select.app import state
from erp_select.explain.summary import Summary
from erp_select.model import Project
from erp_select.pipeline import Analysis
from erp_select.report import DEFAULT_APPENDIX, render_from
from erp_select.report.formats import draws_charts
from erp_select.report.workers import prestart

SETTINGS = "sens_settings"
_JSON = "_project_json"
_MEMO = "_compute_memo"
_FACTS_MEMO = "_compute_facts_memo"

#: The analysis settings as plain values (the key of every cached part).
SettingsKey = tuple[int, int, str]


def simulation_settings(current: Project) -> tuple[int, int]:
    """The SMAA samples and seed chosen on the sensitivity page (kept for the report)."""
    saved = st.session_state.get(SETTINGS)
    if isinstance(saved, tuple) and len(saved) == 2:
        return int(saved[0]), int(saved[1])
    return DEFAULT_SAMPLES, current.seed


def settings_key(current: Project) -> SettingsKey:
    """The settings of this visitor's analyses: samples and seed of the sensitivity page,
    and today as the reference date of a project without one (as the report has it)."""
    samples, seed = simulation_settings(current)
    return samples, seed, dt.date.today().isoformat()


def settings_of(key: SettingsKey) -> AnalysisSettings:
    """The :class:`AnalysisSettings` of a :func:`settings_key`."""
    samples, seed, day = key
    return AnalysisSettings(samples=samples, seed=seed, reference_date=dt.date.fromisoformat(day))


def project_json(current: Project) -> str:
    """Return the project's JSON (the key of the cached analyses), once per version."""
    memo = st.session_state.get(_JSON)
    if isinstance(memo, tuple) and memo[0] is current:
        text: str = memo[1]
        return text
    text = current.model_dump_json()
    st.session_state[_JSON] = (current, text)
    return text


def prepared() -> Prepared | None:
    """The current project as the suite analyses it (pinned, ranked), or ``None``.

    Shared with the cached parts (the same object for the same project JSON and
    settings): a weight change ranks the project once for the page and its parts.

    Raises
    ------
    InputError
        When the core rejects the project's numbers (shown at the page boundary).
    """
    current = state.project()
    if current is None:
        return None
    text, key = project_json(current), settings_key(current)
    found: Prepared = memo(current, ("prepared",), lambda: _prepare(text, key, current))
    return found


def analysis() -> Analysis | None:
    """The ranking of the current project (the suite's pipeline run), or ``None``."""
    prep = prepared()
    return None if prep is None else prep.analysis


def labels(current: Project, lang: str) -> dict[str, str]:
    """Display names by id: vendors by name, criteria by their label in ``lang``."""
    return suite_parts.labels(current, lang)


def families(current: Project) -> Mapping[str, float]:
    """The top-level criteria (families) and their local weights as stored."""
    return {c.id: c.weight for c in current.criteria.criteria}


# ------------------------------------------------------------------ the suite's parts
# Keyed on the project's JSON and the settings, so every visitor with the same inputs
# shares the result and no visitor ever sees another's project by mistake. Each part is
# computed by the suite's own function (erp_select.analysis.parts.PARTS).


def _prepare(project_text: str, key: SettingsKey, _project: Project | None = None) -> Prepared:
    """The project of ``project_text`` prepared with the settings ``key``.

    Not cached here: the core keeps the evaluation of each version of the facts
    (:mod:`erp_select.analysis.reuse`), so preparing again is a ranking, cheaper than a
    copy out of a cache; within a session :func:`memo` keeps the prepared project.
    ``_project`` is the visitor's project already validated, when the caller has it: the
    JSON need not be validated a second time.
    """
    project = _project if _project is not None else Project.model_validate_json(project_text)
    return prepare(project, settings_of(key))


def _part(
    name: str, project_text: str, key: SettingsKey, _prep: Prepared | None, *args: Any
) -> Any:
    # ``_prep`` (not part of the cache key: the JSON and settings are) is the caller's
    # prepared project, when it has one: a miss computes from it without preparing again.
    prep = _prep if _prep is not None else _prepare(project_text, key)
    return suite_parts.PARTS[name](prep, *args)


# cache_data gives each caller its own copy: no object is shared between visitors.
part_cached: Callable[..., Any] = st.cache_data(show_spinner=False, max_entries=128)(_part)


def part(current: Project, name: str, *args: Any) -> Any:
    """The suite's part ``name`` for the current project and settings (cached)."""
    text, key = project_json(current), settings_key(current)
    return memo(
        current, ("part", name, *args), lambda: part_cached(name, text, key, prepared(), *args)
    )


def memo(current: Project, key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
    """``make()``, kept in this visitor's session for this project version and settings.

    ``st.cache_data`` hands every call its own copy (unpickled: a 30-vendor project and
    its analyses take a good part of a page run to copy); within one session the pages
    reuse the copy they were given, and a chart built from it, until the project or the
    analysis settings change. The values are read, never changed in place.
    """
    version = (project_json(current), settings_key(current))
    found = st.session_state.get(_MEMO)
    if not isinstance(found, tuple) or found[0] != version:
        found = (version, {})
        st.session_state[_MEMO] = found
    values: dict[tuple[Any, ...], Any] = found[1]
    if key not in values:
        values[key] = make()
    return values[key]


def by_facts(key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
    """``make()``, kept in this visitor's session while the current project's facts stay.

    For what the evaluation alone decides (the values table's texts): kept across weight
    and method changes, made again when anything else the evaluation reads changes
    (:attr:`erp_select.analysis.parts.Prepared.evaluation`).
    """
    prep = prepared()
    if prep is None:
        return make()
    found = st.session_state.get(_FACTS_MEMO)
    if not isinstance(found, tuple) or found[0] != prep.evaluation:
        found = (prep.evaluation, {})
        st.session_state[_FACTS_MEMO] = found
    values: dict[tuple[Any, ...], Any] = found[1]
    if key not in values:
        values[key] = make()
    return values[key]


def _summary(
    project_text: str, key: SettingsKey, lang: str, _prep: Prepared | None = None
) -> Summary:
    prep = _prep if _prep is not None else _prepare(project_text, key)

    def get(name: str, *args: Any) -> Any:
        return part_cached(name, project_text, key, prep, *args)

    second = suite_parts.runner_up(prep)
    curves = get("curves")
    return suite_parts.summary(
        prep,
        lang,
        smaa_result=get("smaa"),
        crossovers=curves.crossovers,
        stability_table=get("stability"),
        what=get("what", second) if second is not None else None,
    )


summary_cached: Callable[..., Summary] = st.cache_data(show_spinner=False, max_entries=32)(_summary)


def summary(current: Project, lang: str) -> Summary:
    """The suite's robustness summary of the current project in ``lang`` (cached)."""
    text, key = project_json(current), settings_key(current)
    found: Summary = memo(
        current, ("summary", lang), lambda: summary_cached(text, key, lang, prepared())
    )
    return found


def _suite(project_text: str, key: SettingsKey, prep: Prepared | None = None) -> AnalysisSuite:
    found = prep if prep is not None else _prepare(project_text, key)

    def run(name: str, /, *args: Any) -> Any:
        return part_cached(name, project_text, key, found, *args)

    return assemble(found, runner=run)


def suite(current: Project) -> AnalysisSuite:
    """The whole suite of the current project, from the same cached parts as the pages."""
    return _suite(project_json(current), settings_key(current), prepared())


def _report(
    project_text: str, key: SettingsKey, fmt: str, lang: str, appendix: str = DEFAULT_APPENDIX
) -> bytes:
    if draws_charts(fmt, appendix):
        prestart()  # the chart workers start their engines while the suite is assembled
    return render_from(_suite(project_text, key), fmt, lang, appendix=appendix)


report_cached: Callable[..., bytes] = st.cache_data(show_spinner=False, max_entries=8)(_report)


def report(current: Project, fmt: str, lang: str) -> bytes:
    """The report of the current project in ``fmt`` and ``lang`` (cached)."""
    return report_cached(project_json(current), settings_key(current), fmt, lang)
