"""Benchmark the app's server-side work: one weight change (30 vendors × 15 criteria) and
a participant's join of a live workshop."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd

from bench.bench_report import thirty_vendor_project
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


def one_change(project: Project) -> dict[str, float]:
    """Time (ms) each step of the work after one weight change; keys are step names."""
    times: dict[str, float] = {}

    def step(name: str, func: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        out = func()
        times[name] = (time.perf_counter() - start) * 1000
        return out

    prep: Prepared = step("re-rank (analysis.parts.prepare)", lambda: prepare(project))
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
    from erp_select.report.demo import demo_project
    from erp_select.store import init_db
    from erp_select.store import workshops as store_workshops
    from erp_select.store.projects import create_project
    from erp_select.workshop.rounds import open_round

    saved = {k: os.environ.get(k) for k in _JOIN_ENV}
    with tempfile.TemporaryDirectory() as folder:
        os.environ.update(
            {
                "ERP_SELECT_DATABASE_URL": f"sqlite:///{Path(folder, 'bench.db').as_posix()}",
                "ERP_SELECT_DATA_DIR": folder,
                "ERP_SELECT_START": "empty",
                "ERP_SELECT_LANG": LANG,
            }
        )
        os.environ.pop("ERP_SELECT_NO_STORE", None)
        try:
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
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


_JOIN_ENV = (
    "ERP_SELECT_DATABASE_URL",
    "ERP_SELECT_DATA_DIR",
    "ERP_SELECT_START",
    "ERP_SELECT_LANG",
    "ERP_SELECT_NO_STORE",
)


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
    descriptions, as a market scan has them), one row per fact; the previous approach
    refused the file (5 MB and 50 000 rows at most), so there is no baseline.
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
    print_long_list()


def print_long_list() -> None:
    """Print ``long list 10000 <ms> ms``: load, screen and rank a long list."""
    steps = long_list()
    total = sum(steps.values())
    parts = ", ".join(f"{k} {v:.0f} ms" for k, v in steps.items())
    print(f"long list {LONG_LIST} {total:.0f} ms  ({parts})", flush=True)


if __name__ == "__main__":  # pragma: no cover
    main()
