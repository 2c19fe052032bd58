"""Benchmark the server-side work of one weight change in the app: 30 vendors × 15 criteria."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

import altair as alt
import pandas as pd

from bench.bench_report import thirty_vendor_project
from erp_select.analysis.parts import Prepared, prepare, value_for_money
from erp_select.analysis.parts import benefit as benefit_score
from erp_select.explain.charts import contributions_chart, value_for_money_chart
from erp_select.explain.contributions import contributions
from erp_select.i18n import fmt_money, fmt_number
from erp_select.model import Project
from erp_select.pipeline import Analysis

VENDORS = 30
REPEATS = 7
LANG = "fr"

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


def main() -> None:
    """Print the median time (ms) of each step over a few weight changes, 30 × 15."""
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


if __name__ == "__main__":  # pragma: no cover
    main()
