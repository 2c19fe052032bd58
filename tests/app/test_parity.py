"""Parity: every figure the app's ranking and sensitivity pages show is the report's figure.

The app and the report read one analysis suite; these tests read what the pages print
(AppTest dataframes and texts) and compare it with the report's XLSX workbook (and, for
the figures the workbook does not hold, with the report's own text) at the printed
precision, on the example project and on a 30-vendor project.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import re
from collections.abc import Callable
from typing import Any

import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from bench.bench_report import thirty_vendor_project
from erp_select.app.widgets import md
from erp_select.i18n import fmt_money, fmt_number, fmt_percent, t
from erp_select.model import Project
from erp_select.report.demo import demo_project

SAMPLES = 2_000

Goto = Callable[[AppTest, str], AppTest]


PROJECTS = {"example": demo_project, "thirty": thirty_vendor_project}


def _sheet(book: Any, key: str) -> list[list[Any]]:
    return [list(r) for r in book[t(f"report.sheet.{key}", "fr")[:31]].iter_rows(values_only=True)]


def _report(project: Project) -> tuple[Any, Any]:
    """The report's XLSX workbook and its French content, as the report page makes them."""
    from erp_select.report import render_from
    from erp_select.report.compute import compute
    from erp_select.report.context import build_content

    inputs = compute(
        project, sensitivity_samples=SAMPLES, seed=project.seed, generated=dt.date.today()
    )
    book = load_workbook(io.BytesIO(render_from(inputs, "xlsx", "fr")))
    return book, build_content(inputs, "fr")


def _num(value: Any) -> float:
    return float(value)


def _chart_data(at: AppTest, title: str) -> list[pd.DataFrame]:
    """The data sets of the chart whose title starts with ``title``, as the page sent them."""
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        if str(spec.get("title", {}).get("text", "")).startswith(title):
            return [pa.ipc.open_stream(d.data.data).read_pandas() for d in chart.proto.datasets]
    raise AssertionError(f"no chart titled {title!r}")


def _frame(at: AppTest, column: str) -> pd.DataFrame:
    frame = next(d.value for d in at.dataframe if column in d.value.columns)
    assert isinstance(frame, pd.DataFrame)
    return frame


@pytest.mark.parametrize("name", sorted(PROJECTS))
def test_app_pages_show_the_reports_figures(name: str, app: AppTest, goto: Goto) -> None:
    project = PROJECTS[name]()
    app.session_state["project"] = project
    app.session_state["project_version"] = 1
    goto(app, "sensitivity")
    app.select_slider(key="se.samples").set_value(SAMPLES).run()
    assert not app.exception
    book, content = _report(project)

    # SMAA-2: first-rank share (0.1 %) and confidence factor (1 %) of every ranked vendor.
    sens = _sheet(book, "sensitivity")
    header = sens[0]
    conf_col = header.index(t("report.col.confidence", "fr"))
    xlsx: dict[str, tuple[float, float]] = {}
    for row in sens[1:]:
        if not any(cell is not None for cell in row):
            break  # the SMAA table ends at the first blank row
        xlsx[row[1]] = (row[2], row[conf_col])
    shown = _frame(app, "En tête dans")
    assert len(shown) == len(xlsx)
    for vendor, first, conf in shown.itertuples(index=False):
        assert first == fmt_percent(xlsx[vendor][0], "fr", 1), vendor
        expected = xlsx[vendor][1]
        assert conf == fmt_percent(math.nan if expected is None else expected, "fr", 0), vendor

    # SMAA-2 heatmap: every rank's share of every vendor (the workbook has them all).
    rank_cols = [c for c in header if isinstance(c, str) and c.startswith("Rang ")]
    full = {row[1]: row[2 : 2 + len(rank_cols)] for row in sens[1 : 1 + len(xlsx)]}
    heat = _chart_data(app, "Acceptabilité des rangs")[0]
    assert len(heat) == len(full) * len(rank_cols)
    for cell in heat.itertuples(index=False):
        expected = full[cell.vendor][int(_num(cell.rank)) - 1]
        assert fmt_percent(_num(cell.share), "fr", 1) == fmt_percent(expected, "fr", 1)

    # Stability intervals (chart data) = the workbook's table, at 0.1 % of weight.
    start = next(i for i, row in enumerate(sens) if row[0] == t("report.col.criterion", "fr"))
    table = {row[0]: row[1:6] for row in sens[start + 1 :] if row[0] is not None}
    bars = next(d for d in _chart_data(app, "Plages de poids") if "kind" not in d.columns)
    assert len(bars) == len(table)
    for bar in bars.itertuples(index=False):
        numbers = (bar.current_weight, bar.winner_low, bar.winner_high, bar.topk_low, bar.topk_high)
        assert [fmt_percent(_num(x), "fr", 1) for x in numbers] == [
            fmt_percent(x, "fr", 1) for x in table[bar.label]
        ], bar.label

    # The plain-language summary (its shares, weights and values) is the report's.
    boxes = [b.value for b in (*app.success, *app.warning) if "Verdict" in b.value]
    assert boxes == [content.summary["robustness"]]
    # The decision status above it is the report's (and the board memo's) sentence.
    status = f"**{md(content.summary['verdict_text'])}**"
    assert status in [m.value for m in app.markdown]

    # Changes of winner: criterion, current weight, weight at the change, before, after.
    crossings = _frame(app, "Premier après")
    report_rows = [
        [r["criterion"], r["current"], r["weight"], r["before"], r["after"]]
        for r in content.sensitivity["crossovers"]
    ]
    assert crossings.to_numpy().tolist() == report_rows

    # Ranking page: rank, vendor, score (3 decimals), 5-year cost, efficient vendors.
    goto(app, "ranking")
    ranking = _sheet(book, "ranking")
    table = app.dataframe[0].value
    assert len(table) == len(ranking) - 1
    # With offers, the app groups each vendor's offers under it (« Offre et intégrateur »)
    # while the workbook lists every alternative by rank under its full name.
    offer_col = t("offers.col.offer", "fr")
    grouped = offer_col in table.columns
    shown_rows = [list(r) for r in table.itertuples(index=False)]
    if grouped:
        shown_rows = [[r[0], f"{r[1]} — {r[2]}" if r[2] else r[1], *r[3:]] for r in shown_rows]
        assert sorted(r[1] for r in shown_rows) == sorted(row[2] for row in ranking[1:])
        by_full = {row[2]: row for row in ranking[1:]}
        pairs = [(r, by_full[r[1]]) for r in shown_rows]
    else:
        pairs = list(zip(shown_rows, ranking[1:], strict=True))
    for shown_row, row in pairs:
        assert int(shown_row[0]) == row[0]
        assert shown_row[1] == row[2]
        assert shown_row[2] == fmt_number(row[3], "fr", 3)
        # The cost as quoted, and the cost ranked (a penalised price) with its mark.
        ranked = row[ranking[0].index(t("cells.col.used", "fr"))]
        if ranked == row[4]:
            assert shown_row[3] == fmt_money(row[4], "fr")
        else:
            assert shown_row[3] == f"{fmt_money(row[4], 'fr')} → {fmt_money(ranked, 'fr')} †"
    # Value for money: benefit score (3 decimals) and cost of every point of the chart.
    benefit_col = ranking[0].index(t("analysis.vfm.score", "fr"))
    by_name = {row[2]: row for row in ranking[1:]}
    points = _chart_data(app, "Rapport qualité-prix")[-1]
    used_col = ranking[0].index(t("cells.col.used", "fr"))
    assert sorted(v.removesuffix(" †") for v in points["vendor"]) == sorted(by_name)
    for point in points.itertuples(index=False):
        row = by_name[point.vendor.removesuffix(" †")]
        assert point.score_text == fmt_number(row[benefit_col], "fr", 3)
        # The point sits at the quote; a vendor ranked at another cost says both, marked.
        if row[used_col] == row[4]:
            assert point.vendor == row[2]
            assert point.cost_text == fmt_money(row[4], "fr")
        else:
            assert point.vendor == f"{row[2]} †"
            assert (
                point.cost_text == f"{fmt_money(row[4], 'fr')} → {fmt_money(row[used_col], 'fr')} †"
            )
    efficient = [row[2] for row in ranking[1:] if row[8] == "oui"]
    sentence = next(m.value for m in app.markdown if m.value.startswith("Éditeurs efficaces"))
    shown_efficient = re.split(r"\s:\s", sentence, maxsplit=1)[1].removesuffix(".").split(", ")
    assert sorted(shown_efficient) == sorted(efficient)
