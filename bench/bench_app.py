"""Benchmark the app's server-side work: pages, sensitivity tabs, a weight change (30 vendors
× 15 criteria), a first visit and a participant's join of a live workshop.

How the app is timed (``page``, ``weight change``, ``first visit``, ``join`` lines): the app
runs in this process under Streamlit's ``AppTest``, and :class:`bench.app_session.ServerClock`
times each script run in the script thread — what the server does for one click, including
the serialisation of every element sent to the browser, without the browser's drawing and
without AppTest's polling. Pages are warm (each visited once first: the analyses cached, as
for a visitor coming back to a page). A sensitivity tab is the time of its part of the page
run (:mod:`erp_select.app.sections`). Each line gives the median of a few runs; the machine
is shared, so compare lines of one run rather than runs of different days. The baselines
(``Altair``) run the same page with the chart builders the app used before plain Vega-Lite
specifications (``tests/charts/altair_reference``).
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import altair as alt
import pandas as pd

from bench.bench_report import thirty_vendor_project
from erp_select.analysis import reuse
from erp_select.analysis.parts import Prepared, prepare, value_for_money
from erp_select.analysis.parts import benefit as benefit_score
from erp_select.charts.contributions import contributions_chart
from erp_select.charts.value_for_money import value_for_money_chart
from erp_select.explain.contributions import contributions
from erp_select.i18n import fmt_money, fmt_number
from erp_select.model import Project
from erp_select.pipeline import Analysis

VENDORS = 30
REPEATS = 7
LANG = "fr"
#: The Streamlit app, as ``streamlit run`` starts it.
APP = Path(__file__).resolve().parents[1] / "app.py"
JOIN_PAGE = "erp_select/app/pages/join.py"
#: Joins timed (each a new browser session of the same server process).
JOINS = 7

#: Two extra leaves (yes/no facts every demo vendor states) under the security family, so
#: that the demo's 13 leaves become 15.
_EXTRA_LEAVES: list[dict[str, Any]] = [
    {
        "id": "support_sla",
        "label": {"fr": "Engagement de service du support", "en": "Support service level"},
        "weight": 10.0,
        "direction": "benefit",
        "value": {"kind": "boolean", "fact": "sec.support_sla"},
    },
    {
        "id": "data_export",
        "label": {"fr": "Export complet des données", "en": "Full data export"},
        "weight": 10.0,
        "direction": "benefit",
        "value": {"kind": "boolean", "fact": "sec.data_export"},
    },
]


def _add_leaves(nodes: list[dict[str, Any]]) -> bool:
    for node in nodes:
        ids = [c["id"] for c in node.get("children", [])]
        if "security_controls" in ids:
            node["children"].extend(_EXTRA_LEAVES)
            return True
        if _add_leaves(node.get("children", [])):
            return True
    return False


def app_project(n: int = VENDORS) -> Project:
    """The 30-vendor benchmark project with two more leaf criteria (15 in all)."""
    base = thirty_vendor_project(n).model_dump()
    if not _add_leaves(base["criteria"]["criteria"]):
        raise RuntimeError("the demo criteria tree has no security family")
    return Project.model_validate(base)


def _with_weight(project: Project, step: int) -> Project:
    """``project`` with the weight of its first top-level family nudged (a slider move)."""
    data = project.model_dump()
    family = data["criteria"]["criteria"][0]
    family["weight"] = float(family["weight"]) * (1.0 + 0.05 * (1 + step % 3))
    return Project.model_validate(data)


def _ranking_bars(result: Analysis, project: Project) -> dict[str, Any]:
    """The ranking bar chart's data and spec, as the ranking page builds them."""
    rank = result.result
    assert rank is not None
    names = {v.id: v.name for v in project.vendors}
    position = {vid: i for i, vid in enumerate(rank.alternatives)}
    rows = []
    for vid in result.order():
        i = position[vid]
        total = result.performance.tco[vid].total
        rows.append(
            {
                "rank": int(rank.ranks[i]),
                "vendor": names.get(vid, vid),
                "score": float(rank.scores[i]),
                "score_text": fmt_number(float(rank.scores[i]), LANG, 3),
                "cost_text": fmt_money(total.likely, LANG),
                "leader": int(rank.ranks[i]) == 1,
            }
        )
    frame = pd.DataFrame(rows)
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x="score:Q",
            y=alt.Y("vendor:N", sort=list(frame["vendor"])),
            color="leader:N",
            tooltip=["rank:Q", "vendor:N", "score_text:N"],
        )
    )
    spec: dict[str, Any] = chart.to_dict()
    return spec


_PREPARE = "re-rank (analysis.parts.prepare)"


@contextmanager
def _evaluating_again() -> Iterator[None]:
    """The analyses evaluating the vendors again at every change, as before the evaluation
    was kept per version of the facts (:mod:`erp_select.analysis.reuse`)."""
    reuse.clear()
    with mock.patch.object(reuse, "KEPT", 0):
        yield
    reuse.clear()


@contextmanager
def _library_click_path() -> Iterator[None]:
    """A weight change as before the NumPy re-rank (:mod:`erp_select.engine.rerank`) and
    the kept texts: scikit-criteria ranks (the ranking and the benefit score), the autosave
    writes the whole project's text, the facts' digest writes the vendors out again."""
    from erp_select.engine import rerank as fast
    from erp_select.store import projects as store_projects

    def whole(model: Any) -> bytes:
        data = model.model_dump(mode="json")
        text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return text.encode("utf-8")

    with (
        mock.patch.dict(fast.FAST_METHODS, clear=True),
        mock.patch.object(store_projects, "canonical_json", whole),
        mock.patch.object(reuse, "_same", lambda a, b: False),
    ):
        yield


def one_change(project: Project) -> dict[str, float]:
    """Time (ms) each step of the work after one weight change; keys are step names."""
    times: dict[str, float] = {}

    def step(name: str, func: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        out = func()
        times[name] = (time.perf_counter() - start) * 1000
        return out

    prep: Prepared = step(_PREPARE, lambda: prepare(project))
    result: Analysis = prep.analysis
    rank = result.result
    assert rank is not None
    names = {v.id: v.name for v in project.vendors}
    for c in project.criteria.walk():
        names[c.id] = c.label.get(LANG)
    step("ranking bars (data + spec)", lambda: _ranking_bars(result, project))
    ranked = result.ranked

    def vfm_spec() -> dict[str, Any]:
        # As the ranking page: the benefit score (cost criteria left out) against the cost.
        vfm = value_for_money(prep)
        benefit = benefit_score(prep)
        chart = value_for_money_chart(vfm, names, LANG, benefit=benefit)
        spec: dict[str, Any] = chart.to_dict()
        return spec

    def contrib_spec() -> dict[str, Any]:
        found = contributions(
            ranked.values,
            ranked.objectives,
            ranked.weights,
            result.method,
            alternatives=ranked.vendors,
            criteria=ranked.criteria,
        )
        spec: dict[str, Any] = contributions_chart(found, names, LANG).to_dict()
        return spec

    step("value-for-money spec", vfm_spec)
    step("contributions spec", contrib_spec)
    times["total"] = sum(times.values())
    return times


@contextmanager
def _workshop_server() -> Iterator[str]:
    """A temporary SQLite store holding the demo project with a workshop whose first
    (points) round is open; yields its join code. The app's settings point at it meanwhile.
    """
    from bench.app_session import app_env
    from erp_select.report.demo import demo_project
    from erp_select.store import init_db
    from erp_select.store import workshops as store_workshops
    from erp_select.store.projects import create_project
    from erp_select.workshop.rounds import open_round

    with app_env():
        store = init_db()
        saved_project = create_project(store, demo_project(), author="bench")
        access = store_workshops.open_workshop(
            store,
            saved_project.project_id,
            facilitator="Claire",
            title="Bench",
            hide_names=False,
        )
        open_round(store, access.facilitator_token, "points")
        yield access.join_code


def one_join(code: str, name: str) -> tuple[float, float]:
    """Time (ms) a participant's join in a new session, and a plain rerun of the join form.

    The join is the script run of the « Join » click, including the rerun it asks for,
    until the open round is drawn; the baseline is the same form rerun with nothing sent
    (Streamlit's floor for any click on that page).
    """
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page(JOIN_PAGE).run()
    at.text_input(key="wj.code").set_value(code)
    at.text_input(key="wj.name").set_value(name)
    start = time.perf_counter()
    at.run()  # the typed text reaches the server (the inputs lose focus)
    baseline = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    at.button(key="wj.join").click().run()
    joined = (time.perf_counter() - start) * 1000
    if at.exception or not any(m.value.startswith("### ") for m in at.markdown):
        raise RuntimeError(f"the join did not reach the open round: {at.exception}")
    return joined, baseline


def join_times(runs: int = JOINS) -> tuple[list[float], list[float]]:
    """Join a live workshop ``runs`` times (after one warm-up); return the join and baseline
    times in milliseconds."""
    with _workshop_server() as code:
        one_join(code, "Warm-up")
        pairs = [one_join(code, f"Participant {i}") for i in range(runs)]
    return [p[0] for p in pairs], [p[1] for p in pairs]


#: Vendors of the long list (a market scan before the shortlist).
LONG_LIST = 10_000
#: The facts a long list states for each vendor: offer, prices, sector fit, must-haves.
_LONG_LIST_FACTS = ("price.", "fit.", "sec.mfa", "custom.rest_api", "custom.configuration")


def long_list(n: int = LONG_LIST) -> dict[str, float]:
    """Load a long list of ``n`` vendors from one CSV file, screen and rank it (ms by step).

    The list cycles the demo vendors with about fifteen facts each (no sources or
    descriptions, as a market scan has them), one row per fact; the upload limits
    (5 MB and 50 000 rows) refuse such a file, so they are lifted here; no baseline.
    """
    from erp_select.io import dump_vendors, read_vendors_bytes
    from erp_select.pipeline import analyse
    from erp_select.report.demo import demo_project

    base = demo_project()
    vendors = []
    for i in range(n):
        v = base.vendors[i % len(base.vendors)]
        facts = {
            k: f.model_copy(update={"source": None, "date": None})
            for k, f in v.facts.items()
            if k.startswith(_LONG_LIST_FACTS)
        }
        sectors = sorted({*v.sectors, "manufacturing"}) if i % 3 else list(v.sectors)
        vendors.append(
            v.model_copy(
                update={
                    "id": f"{v.id}-{i:05d}",
                    "name": f"{v.name} {i + 1:05d}",
                    "description": None,
                    "facts": facts,
                    "sectors": sectors,
                }
            )
        )
    data = dump_vendors(vendors, "csv")
    analyse(base)  # warm-up: imports and catalogues
    read_vendors_bytes(dump_vendors(vendors[:20], "csv"), "warm-up.csv")
    # The upload limits (5 MB, 50 000 rows) refuse such a file until this path is fast:
    # lifted here, to measure where the reading stands.
    with (
        mock.patch("erp_select.io.sources.MAX_BYTES", len(data) + 1),
        mock.patch("erp_select.io.table_rows.MAX_ROWS", data.count(b"\n") + 1),
    ):
        start = time.perf_counter()
        loaded = read_vendors_bytes(data, "long-list.csv")
        read = time.perf_counter()
    # the demo's must-haves on sector and two-factor authentication (the long list states
    # no reviews, and a market scan has no quotes to hold against the budget yet)
    rules = [
        r for r in base.company.must_haves if r.id in ("serves-manufacturing", "two-factor-auth")
    ]
    company = base.company.model_copy(update={"must_haves": rules, "budget": None})
    project = base.model_copy(update={"vendors": loaded, "company": company})
    result = analyse(project)
    done = time.perf_counter()
    kept = len(result.order())
    print(f"-- long list: {n} vendors, {len(data) / 1e6:.1f} MB of CSV, {kept} kept", flush=True)
    return {"read": 1000 * (read - start), "screen and rank": 1000 * (done - read)}


def main() -> None:
    """Print the median time (ms) of each step over a few weight changes, 30 × 15, then
    of a participant's join."""
    project = app_project()
    leaves = len(project.criteria.leaves())
    print(f"-- {len(project.vendors)} vendors × {leaves} criteria, method {project.method}")
    one_change(project)  # warm-up: imports, caches
    runs = [one_change(_with_weight(project, i)) for i in range(REPEATS)]
    for key in runs[0]:
        values = [r[key] for r in runs]
        print(
            f"{key:<34} {statistics.median(values):8.1f} ms median"
            f"  ({min(values):.1f}–{max(values):.1f})",
            flush=True,
        )
    with _evaluating_again():
        again = [one_change(_with_weight(project, i))[_PREPARE] for i in range(REPEATS)]
    print(
        f"{'  baseline: evaluating again':<34} {statistics.median(again):8.1f} ms median"
        f"  ({min(again):.1f}–{max(again):.1f})",
        flush=True,
    )
    joins, baselines = join_times()
    print(f"-- a participant joins a live workshop (demo project, points round, {JOINS} joins)")
    print(
        f"join {statistics.median(joins):.0f} ms  (median; {min(joins):.0f}–{max(joins):.0f})",
        flush=True,
    )
    print(
        f"join baseline (form rerun) {statistics.median(baselines):.0f} ms"
        f"  (median; {min(baselines):.0f}–{max(baselines):.0f})",
        flush=True,
    )
    app_main(project)
    print_long_list()


def print_long_list() -> None:
    """Print ``long list 10000 <ms> ms``: load, screen and rank a long list."""
    steps = long_list()
    total = sum(steps.values())
    parts = ", ".join(f"{k} {v:.0f} ms" for k, v in steps.items())
    print(f"long list {LONG_LIST} {total:.0f} ms  ({parts})", flush=True)


# ------------------------------------------------------------------ the app, page by page
#: The journey's pages timed (the report page renders nothing before a click).
PAGE_KEYS = (
    "project",
    "vendors",
    "requirements",
    "criteria",
    "must_haves",
    "ranking",
    "sensitivity",
    "history",
)
TABS = ("curves", "stability", "tornado", "smaa", "what", "agreement")
#: Sessions opened for the first-visit line (after one warm-up session).
VISITS = 5
#: Runs of each page (after one warm-up run).
PAGE_REPEATS = 5


@contextmanager
def _altair_charts() -> Iterator[None]:
    """The app drawing its ranking charts with the Altair builders it used before."""
    from erp_select.charts import ranking, value_for_money
    from tests.charts.altair_reference import ranking as old_ranking
    from tests.charts.altair_reference import value_for_money as old_vfm

    saved = ranking.ranking_chart, value_for_money.value_for_money_chart
    ranking.ranking_chart = old_ranking.ranking_chart  # type: ignore[assignment]
    value_for_money.value_for_money_chart = old_vfm.value_for_money_chart  # type: ignore[assignment]
    try:
        yield
    finally:
        ranking.ranking_chart, value_for_money.value_for_money_chart = saved


def page_times(
    project: Project, clock: Any
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Server time (ms) of each page's run, and of each sensitivity tab within its page."""
    from bench import app_session

    at = app_session.session(project)
    pages: dict[str, list[float]] = {}
    tabs: dict[str, list[float]] = {name: [] for name in TABS}
    for key in PAGE_KEYS:
        app_session.page(at, key)  # warm: the page's analyses are computed and cached
        pages[key] = [clock.last(at.run) for _ in range(PAGE_REPEATS)]
        if key == "sensitivity":
            times = at.session_state["_section_ms"]
            for name in TABS:
                tabs[name] = [times[name]]
                for _ in range(PAGE_REPEATS - 1):
                    at.run()
                    tabs[name].append(at.session_state["_section_ms"][name])
    return pages, tabs


def weight_change_times(
    project: Project, clock: Any, cpu: list[float] | None = None
) -> list[float]:
    """Server time (ms) of a weight change on the ranking page: the slider's run.

    With ``cpu``, the script thread's CPU time of each change is appended to it.
    """
    from bench import app_session

    at = app_session.session(project)
    app_session.page(at, "ranking")
    family = project.criteria.criteria[0].id
    times = []
    for step in range(REPEATS + 1):
        slider = at.slider(key=f"rk.w.{family}")
        value = 20.0 + 5 * (step % 4)
        before = len(clock.cpu)
        times.append(clock.last(lambda s=slider, v=value: s.set_value(v).run()))
        if cpu is not None and step:
            cpu.append(clock.last_cpu(len(clock.cpu) - before))
    return times[1:]


def first_visit_times(clock: Any) -> list[float]:
    """Server time (ms) of a first visit: a new session opening the example project."""
    from bench import app_session

    with app_session.app_env("example"):
        app_session.session()  # warm-up: imports, the example's analyses
        return [clock.last(app_session.session) for _ in range(VISITS)]


def suite_times(project: Project) -> list[float]:
    """Time (ms) of the whole analysis suite of ``project`` at 10 000 SMAA samples."""
    from erp_select.analysis import AnalysisSettings, run_analysis

    settings = AnalysisSettings(samples=10_000, seed=project.seed)
    run_analysis(project, settings)  # warm-up
    times = []
    for _ in range(3):
        start = time.perf_counter()
        run_analysis(project, settings)
        times.append((time.perf_counter() - start) * 1000)
    return times


def app_main(project: Project) -> None:
    """Print the app's lines: pages, tabs, weight change, suite, first visit, join."""
    from bench import app_session
    from bench.app_session import median

    clock = app_session.ServerClock()
    with clock.installed(), app_session.app_env():
        print(f"-- the app, server time ({len(project.vendors)} vendors × 15 criteria)")
        pages, tabs = page_times(project, clock)
        with _altair_charts():
            old_pages, _ = page_times(project, clock)
        for key in PAGE_KEYS:
            old = f"   (Altair charts: {median(old_pages[key])})" if key == "ranking" else ""
            print(f"page {key} {median(pages[key])}{old}", flush=True)
        for name in TABS:
            print(f"page sensitivity.{name} {median(tabs[name])}", flush=True)
        cpu: list[float] = []
        again_cpu: list[float] = []
        library_cpu: list[float] = []
        change = weight_change_times(project, clock, cpu)
        with _library_click_path():
            library = weight_change_times(project, clock, library_cpu)
        with _evaluating_again():
            again = weight_change_times(project, clock, again_cpu)
        with _altair_charts():
            old_change = weight_change_times(project, clock)
        print(
            f"weight change {median(change)}   (scikit-criteria, whole texts: {median(library)};"
            f" evaluating again: {median(again)}; Altair charts: {median(old_change)})",
            flush=True,
        )
        print(
            f"weight change CPU {median(cpu)}   (scikit-criteria, whole texts:"
            f" {median(library_cpu)}; evaluating again: {median(again_cpu)})",
            flush=True,
        )
        print(f"sensitivity suite {median(suite_times(project))}", flush=True)
        visits = first_visit_times(clock)
        print(f"first visit {median(visits)}", flush=True)
        with _workshop_server() as code:
            server_join(clock, code, "Warm-up")
            joins = [server_join(clock, code, f"Participant {i}") for i in range(JOINS)]
        print(f"join {median(joins)}", flush=True)


def server_join(clock: Any, code: str, name: str) -> float:
    """Server time (ms) of a participant's « Join » click in a new session, with the rerun
    it asks for, until the open round is drawn (as :func:`one_join`)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page(JOIN_PAGE).run()
    at.text_input(key="wj.code").set_value(code)
    at.text_input(key="wj.name").set_value(name)
    at.run()
    joined = clock.last(lambda: at.button(key="wj.join").click().run())
    if at.exception or not any(m.value.startswith("### ") for m in at.markdown):
        raise RuntimeError(f"the join did not reach the open round: {at.exception}")
    return float(joined)


if __name__ == "__main__":  # pragma: no cover
    main()
