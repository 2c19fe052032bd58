"""Sensitivity page: plain-language summary, curves, stability, tornado, SMAA, agreement."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from erp_select.analysis.parts import PROBE_VENDORS
from erp_select.analysis.settings import DEFAULT_TORNADO_DELTA
from erp_select.app import compute, state, views, widgets
from erp_select.app.number_field import number_field
from erp_select.app.sections import timed
from erp_select.app.state import tr
from erp_select.charts.agreement import agreement_heatmap, agreement_ranks_chart
from erp_select.charts.curves import curves_chart
from erp_select.charts.smaa import smaa_heatmap
from erp_select.charts.stability import stability_chart
from erp_select.charts.tornado import tornado_chart
from erp_select.evaluate.adjustments import cell_note, cell_text
from erp_select.explain.decision import decision_status
from erp_select.explain.summary import format_value, weight_move_sentence
from erp_select.explain.verdict import glossary
from erp_select.i18n import fmt_number, fmt_percent, t
from erp_select.model import Project
from erp_select.pipeline import Analysis
from erp_select.sensitivity.agreement import AgreementResult
from erp_select.sensitivity.curves import WeightCurves
from erp_select.sensitivity.smaa import SmaaResult
from erp_select.sensitivity.what_it_takes import WhatItTakes
from erp_select.words import Words

SAMPLES = (2_000, 5_000, 10_000, 20_000)
_AGREEMENT = "_agreement_for"
_VERDICT_ICON = {"robust": ":material/verified:", "fragile": ":material/warning:"}


def _settings(current: Project) -> tuple[int, int]:
    samples, seed = compute.simulation_settings(current)
    lang = state.lang()
    with st.expander(tr("sens.settings")):
        st.select_slider(
            tr("sens.samples"),
            options=list(SAMPLES),
            value=samples if samples in SAMPLES else 10_000,
            format_func=lambda n: fmt_number(n, lang, 0),
            key="se.samples",
            help=tr("sens.samples_help"),
        )
        chosen_seed = number_field(
            tr("sens.seed"),
            min_value=0,
            max_value=2**31 - 1,
            value=seed,
            integer=True,
            group=False,
            key="se.seed",
        )
    chosen = int(st.session_state["se.samples"]), int(chosen_seed)
    st.session_state[compute.SETTINGS] = chosen
    return chosen


def _summary(current: Project, lang: str) -> None:
    summary = compute.summary(current, lang)
    st.subheader(tr("sens.summary_title"))
    icon = _VERDICT_ICON.get(summary.verdict, ":material/balance:")
    # The decision status: the same sentence as the report and the board memo.
    status = decision_status(summary, compute.labels(current, lang), lang).sentence
    st.markdown(f"**{widgets.md(status)}**")
    if summary.verdict == "robust":
        st.success(widgets.md(summary.text), icon=icon)
    else:
        st.warning(widgets.md(summary.text), icon=icon)


def _curves(current: Project, lang: str) -> None:
    curves: WeightCurves = compute.part(current, "curves")
    crossovers = curves.crossovers
    labels = compute.labels(current, lang)
    leaves = [c.id for c in current.criteria.leaves()]
    criterion = st.selectbox(
        tr("sens.criterion"),
        options=leaves,
        format_func=labels.__getitem__,
        # The language is part of the key: Streamlit keeps showing a selectbox's old
        # formatted label when only format_func changes (streamlit issue 13788).
        key=f"se.criterion.{state.lang()}",
        placeholder=state.choose(),
    )
    chart = compute.memo(
        current,
        ("curves_chart", str(criterion), lang),
        lambda: curves_chart(curves, str(criterion), lang, labels),
    )
    widgets.chart(chart, alt=tr("sens.curves_alt"))
    if crossovers.empty:
        st.caption(tr("sens.no_crossover"))
        return
    table = pd.DataFrame(
        {
            tr("sens.col.criterion"): [labels.get(c, c) for c in crossovers["criterion"]],
            tr("sens.col.current"): [fmt_percent(w, lang, 1) for w in crossovers["current_weight"]],
            tr("sens.col.at"): [fmt_percent(w, lang, 1) for w in crossovers["weight"]],
            tr("sens.col.before"): [labels.get(v, v) for v in crossovers["winner_before"]],
            tr("sens.col.after"): [labels.get(v, v) for v in crossovers["winner_after"]],
        }
    )
    st.markdown(f"**{tr('sens.crossovers')}**")
    widgets.table(table)


def _stability(current: Project, lang: str) -> None:
    labels = compute.labels(current, lang)
    table = compute.part(current, "stability")
    chart = compute.memo(
        current, ("stability_chart", lang), lambda: stability_chart(table, lang, labels)
    )
    widgets.chart(chart, alt=tr("sens.stability_alt"))
    st.caption(tr("sens.stability_help"))


def _tornado(current: Project, delta: float, lang: str) -> None:
    labels = compute.labels(current, lang)
    table = compute.part(current, "tornado")
    chart = compute.memo(
        current, ("tornado_chart", lang, delta), lambda: tornado_chart(table, lang, labels, delta)
    )
    widgets.chart(chart, alt=tr("sens.tornado_alt"))
    st.caption(tr("sens.tornado_help", delta=fmt_percent(delta, lang)))


def _smaa(current: Project, smaa: SmaaResult, lang: str) -> None:
    labels = compute.labels(current, lang)
    chart = compute.memo(current, ("smaa_chart", lang), lambda: smaa_heatmap(smaa, lang, labels))
    widgets.chart(chart, alt=tr("sens.smaa_alt"))
    first = smaa.first_share.sort_values(ascending=False)
    widgets.table(
        pd.DataFrame(
            {
                tr("sens.col.vendor"): [labels.get(v, v) for v in first.index],
                tr("sens.col.first"): [fmt_percent(s, lang, 1) for s in first],
                tr("sens.col.confidence"): [
                    fmt_percent(smaa.confidence.get(v, float("nan")), lang, 0) for v in first.index
                ],
            }
        )
    )
    st.caption(tr("sens.smaa_help", n=fmt_number(smaa.n, lang, 0)))


def _what(result: Analysis, current: Project, lang: str) -> None:
    labels = compute.labels(current, lang)
    order = result.order()
    challenger = st.selectbox(
        tr("sens.challenger"),
        options=order[1:],
        format_func=labels.__getitem__,
        key="se.challenger",
        placeholder=state.choose(),
    )
    if challenger is None:
        return
    with st.spinner(tr("sens.computing_what")):
        what: WhatItTakes = compute.part(current, "what", str(challenger))
    # The same sentence as the summary's, in points of weight (one definition everywhere).
    st.write(widgets.md(weight_move_sentence(what, str(challenger), labels, lang)))
    st.caption(glossary(lang))
    values = what.value_changes[what.value_changes["possible"]]
    if values.empty:
        st.caption(tr("sens.what_no_value"))
        return
    words = Words(lang)
    units = {
        c: words.unit(u) if u else u
        for c, u in zip(result.ranked.criteria, result.ranked.units, strict=True)
    }
    # A value ranked differently from its facts reads "raw → used †", with its footnote.
    cells = {c.criterion_id: c for c in result.marked([str(challenger)])}
    widgets.table(
        pd.DataFrame(
            {
                tr("sens.col.criterion"): [labels.get(c, c) for c in values["criterion"]],
                tr("sens.col.now"): [
                    cell_text(views.worded(cells[c], lang), lang)
                    if c in cells
                    else format_value(v, units.get(c), lang)
                    for v, c in zip(values["current"], values["criterion"], strict=True)
                ],
                tr("sens.col.needed"): [
                    format_value(v, units.get(c), lang)
                    for v, c in zip(values["required"], values["criterion"], strict=True)
                ],
            }
        )
    )
    shown = [cells[c] for c in values["criterion"] if c in cells]
    name = labels.get(str(challenger), str(challenger))
    widgets.caption_lines(
        [cell_note(c, name, labels.get(c.criterion_id, c.criterion_id), lang) for c in shown]
    )


def _agreement(current: Project, lang: str) -> None:
    labels = compute.labels(current, lang)
    text = compute.project_json(current)
    requested = st.session_state.get(_AGREEMENT) == text
    if not requested:
        st.caption(tr("sens.agreement_help"))
        if st.button(tr("sens.agreement_run"), key="se.agreement_run"):
            st.session_state[_AGREEMENT] = text
            requested = True
    if not requested:
        return
    with st.spinner(tr("sens.computing_agreement")):
        agreement: AgreementResult = compute.part(current, "agreement", lang)
    if agreement.unanimous:
        st.success(tr("sens.unanimous"))
    else:
        st.warning(tr("sens.not_unanimous"))
    widgets.chart(agreement_ranks_chart(agreement, labels, lang), alt=tr("sens.agreement_alt"))
    widgets.chart(agreement_heatmap(agreement, "spearman", lang), alt=tr("sens.agreement_alt"))
    for _, row in agreement.failures.iterrows():
        st.caption(str(row.get("message", "")))


def main() -> None:
    """Draw the sensitivity page."""
    current = widgets.open_page("sens.title")
    if current is None:
        return
    lang = state.lang()
    with widgets.boundary():
        result = compute.analysis()
        if result is None:
            return
        if len(result.order()) < 2:
            st.info(tr("sens.need_two"))
            return
        if len(result.order()) > PROBE_VENDORS:
            total = fmt_number(len(result.order()), lang, 0)
            st.info(t("fast.sensitivity_top", lang, count=PROBE_VENDORS, total=total))
        _settings(current)
        with st.status(tr("sens.computing"), expanded=False) as status:
            smaa: SmaaResult = compute.part(current, "smaa")
            compute.summary(current, lang)
            status.update(label=tr("sens.computed"), state="complete")
        prep = compute.prepared()
        delta = prep.settings.tornado_delta if prep is not None else DEFAULT_TORNADO_DELTA
        _summary(current, lang)
        tabs = st.tabs(
            [
                tr("sens.tab.curves"),
                tr("sens.tab.stability"),
                tr("sens.tab.tornado"),
                tr("sens.tab.smaa"),
                tr("sens.tab.what"),
                tr("sens.tab.agreement"),
            ]
        )
        with tabs[0], timed("curves"):
            _curves(current, lang)
        with tabs[1], timed("stability"):
            _stability(current, lang)
        with tabs[2], timed("tornado"):
            _tornado(current, delta, lang)
        with tabs[3], timed("smaa"):
            _smaa(current, smaa, lang)
        with tabs[4], timed("what"):
            _what(result, current, lang)
        with tabs[5], timed("agreement"):
            _agreement(current, lang)


main()
