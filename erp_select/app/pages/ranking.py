"""Ranking page: weight sliders per family, method, ranking, contributions, value for money."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from erp_select.app import compute, paging, state, views, widgets
from erp_select.app.state import tr
from erp_select.charts.contributions import contributions_chart
from erp_select.charts.head_to_head import head_to_head_chart
from erp_select.charts.ranking import ranking_chart
from erp_select.charts.value_for_money import value_for_money_chart
from erp_select.engine import method_info, methods
from erp_select.evaluate.adjustments import MARK
from erp_select.explain.benefit import BenefitScore
from erp_select.explain.contributions import head_to_head
from erp_select.explain.orientation import oriented_scores
from erp_select.i18n import fmt_percent, t
from erp_select.model import Project
from erp_select.model.risks import register_score
from erp_select.pipeline import Analysis
from erp_select.sensitivity.weights import sweep_weights


def _on_family_weight(family_id: str) -> None:
    """Give one family the share chosen on its slider; the others keep their proportions."""
    current = state.project()
    if current is None:
        return
    share = float(st.session_state[f"rk.w.{family_id}"]) / 100
    shares = current.criteria.local_weights(None)
    ids = list(shares)
    moved = sweep_weights(np.array([shares[i] for i in ids]), ids.index(family_id), [share])[0]
    points = {fid: 100 * float(w) for fid, w in zip(ids, moved, strict=True)}
    source = tr("ranking.weights_title")
    state.attempt(
        lambda: state.revise(current, source, criteria=current.criteria.with_weights(points)),
        source,
        message=state.say(
            "note.weight",
            family=current.criteria.node(family_id).label.get(state.lang()),
            share=fmt_percent(share, state.lang(), 0 if round(share * 100, 1).is_integer() else 1),
        ),
        resync=tuple(f"rk.w.{fid}" for fid in ids),
    )


def _on_method() -> None:
    current = state.project()
    if current is None:
        return
    key = str(st.session_state[state.lang_key("rk.method")])
    source = tr("ranking.method")
    state.attempt(
        lambda: state.revise(current, source, method=key),
        source,
        message=state.say("note.method", method=method_info(key).title(state.lang())),
        resync=(state.lang_key("rk.method"),),
    )


#: A family's share on its slider, written the language's way (French: a space before %).
SLIDER_PERCENT = {"fr": "%.0f\u00a0%%", "en": "%.0f%%"}


def _sliders(current: Project, lang: str) -> None:
    st.subheader(tr("ranking.weights_title"))
    st.caption(tr("ranking.weights_help"))
    shares = current.criteria.local_weights(None)
    for family in current.criteria.criteria:
        key = f"rk.w.{family.id}"
        state.seed(key, round(100 * shares[family.id], 1))
        st.slider(
            family.label.get(lang),
            min_value=0.0,
            max_value=100.0,
            step=1.0,
            format=SLIDER_PERCENT.get(lang, SLIDER_PERCENT["en"]),
            key=key,
            on_change=_on_family_weight,
            args=(family.id,),
            help=family.description.get(lang) if family.description else None,
        )


def _method_picker(current: Project, lang: str) -> None:
    infos = {m.key: m for m in methods()}
    state.seed(state.lang_key("rk.method"), current.method if current.method in infos else "topsis")
    st.selectbox(
        tr("ranking.method"),
        options=list(infos),
        format_func=lambda k: infos[k].title(lang),
        key=state.lang_key("rk.method"),
        on_change=_on_method,
        placeholder=state.choose(),
    )
    info = method_info(str(st.session_state[state.lang_key("rk.method")]))
    st.caption(info.description.get(lang) or info.description.get("en", ""))


def _ranking(result: Analysis, current: Project, lang: str) -> None:
    costs = compute.by_facts(("cost_texts", lang), lambda: views.cost_texts(result, lang))
    frame = views.ranking_frame(result, current, lang, costs)
    if frame.empty:
        st.warning(tr("ranking.nobody_kept"))
        return
    winner = frame.iloc[0]
    st.success(tr("ranking.winner", vendor=winner["vendor"], score=winner["score_text"]))
    _ranking_table(frame, current, lang)
    _adjusted(result, current, lang)
    # Longer is better for every method: the chart says what its bars show (1 − VIKOR…).
    top = frame.iloc[: paging.PAGE_ROWS]  # a long list's chart shows its first page
    oriented = oriented_scores(result.method, top["score"].to_numpy(dtype=float), lang)
    widgets.chart(
        ranking_chart(
            top,
            title=tr("ranking.chart_title"),
            subtitle=oriented.subtitle,
            score_title=tr("ranking.col.score"),
            lang=lang,
            method=result.method,
        ),
        alt=tr("ranking.chart_alt"),
    )
    if result.result is not None:
        for note in result.result.notes:
            st.caption(note.render(lang))
    excluded = result.screening.excluded
    if excluded:
        st.info(tr("ranking.excluded", n=len(excluded)))


def _ranking_table(frame: pd.DataFrame, current: Project, lang: str) -> None:
    """The ranking table; a long list one page at a time, with a page picker above it."""
    total = len(frame)
    pages = paging.page_count(total)
    if pages == 1:
        widgets.table(views.ranking_table(frame, current))
        return
    page = st.selectbox(
        t("fast.page_label", lang),
        options=list(range(pages)),
        format_func=lambda p: paging.page_label(p, total, lang),
        key=f"rk.page.{total}",
    )
    widgets.table(views.ranking_table(paging.page_of(frame, int(page or 0)), current))


def _adjusted(result: Analysis, current: Project, lang: str) -> None:
    """Warnings on criteria nobody has, footnotes of marked values, the values ranked."""
    for line in views.warnings(result, current, lang):
        st.warning(line)
    by_vendor = compute.by_facts(
        ("vendor_notes", lang), lambda: views.vendor_notes(result, current, lang)
    )
    notes = views.cell_notes(result, current, lang, by_vendor=by_vendor)
    if notes:
        st.markdown(f"**{t('cells.title', lang)}**")
        st.caption(t("cells.intro", lang, mark=MARK))
        widgets.caption_lines(notes)
    with st.expander(t("cells.values_title", lang)):
        # The texts and their Arrow table depend on the facts only: a weight change takes
        # the rows in the new order (no data frame, no conversion of its 450 texts).
        table, row_of = compute.by_facts(
            ("value_table", lang), lambda: views.values_arrow(result, current, lang)
        )
        widgets.table(table.take([row_of[vid] for vid in result.order()]))
        st.caption(views.rules_caption(current, lang))


PANELS = ("vfm", "contrib", "h2h")


def _explain(result: Analysis, current: Project, lang: str) -> None:
    """One explanation at a time (the others are not computed, so re-ranking stays fast)."""
    labels = compute.labels(current, lang)
    names = {p: tr(f"ranking.tab_{p}") for p in PANELS}
    panel = st.segmented_control(
        tr("ranking.explain"),
        options=list(PANELS),
        format_func=names.__getitem__,
        default="vfm",
        key="rk.panel",
    )
    rank = result.result
    if rank is None:
        return
    if panel == "vfm":
        vfm = compute.part(current, "value_for_money")
        benefit: BenefitScore = compute.part(current, "benefit")
        by_risk = any(v.risks for v in result.project.vendors) and st.toggle(
            t("contract.chart.risk_toggle", lang),
            key="rk.vfm_risk",
            help=t("contract.chart.risk_help", lang),
        )
        widgets.chart(
            value_for_money_chart(
                vfm,
                labels,
                lang,
                method=result.method,
                benefit=benefit,
                costs_ranked=result.marked_costs(lang),
                risk={v.id: register_score(v.risks) for v in result.project.vendors}
                if by_risk
                else None,
            ),
            alt=tr("ranking.vfm_alt"),
        )
        efficient = [labels.get(str(v), str(v)) for v in vfm.index[vfm["efficient"]]]
        st.write(widgets.md(tr("ranking.vfm_efficient", vendors=", ".join(efficient))))
        return
    contrib = compute.part(current, "contributions")
    if panel == "contrib":
        if contrib is None:
            st.info(tr("ranking.contrib_unsupported", method=method_info(result.method).name))
        else:
            widgets.chart(contributions_chart(contrib, labels, lang), alt=tr("ranking.contrib_alt"))
        return
    if panel != "h2h":
        return
    order = result.order()
    if contrib is None or len(order) < 2:
        st.info(tr("ranking.h2h_unsupported"))
        return
    left, right = st.columns(2)
    a = left.selectbox(
        tr("ranking.h2h_a"),
        options=order,
        index=0,
        format_func=labels.__getitem__,
        placeholder=state.choose(),
    )
    b = right.selectbox(
        tr("ranking.h2h_b"),
        options=order,
        index=1,
        format_func=labels.__getitem__,
        placeholder=state.choose(),
    )
    if a == b:
        st.warning(tr("ranking.h2h_same"))
        return
    h2h = head_to_head(contrib, str(a), str(b), labels)
    st.write(widgets.md(h2h.sentence(lang)))
    widgets.chart(head_to_head_chart(h2h, lang), alt=h2h.sentence(lang))


def main() -> None:
    """Draw the ranking page."""
    current = widgets.open_page("ranking.title")
    if current is None:
        return
    lang = state.lang()
    with widgets.boundary():
        result = compute.analysis()
        if result is None:
            return
        left, right = st.columns([1, 2], gap="large")
        with left:
            _sliders(current, lang)
        with right:
            _method_picker(current, lang)
            _ranking(result, current, lang)
        st.divider()
        _explain(result, current, lang)


main()
