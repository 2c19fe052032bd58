"""Agreeing on and adopting a demo round's scores from the facilitator's page."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from erp_select.app import answer_forms, persist, seats, state, widgets
from erp_select.app.state import tr
from erp_select.errors import InputError
from erp_select.i18n import fmt_number, t
from erp_select.model import Project
from erp_select.scoring.consensus import ScoreCell, discuss_first
from erp_select.scoring.facts import demo_criteria_refused
from erp_select.store import (
    AgreedRecord,
    RevisionInfo,
    RoundInfo,
    WorkshopInfo,
    agreed_scores,
    forget_agreed,
    record_agreed,
)
from erp_select.words import fmt_date
from erp_select.workshop import live
from erp_select.workshop.demo_adoption import adopt_demo_round


def _record(token: str, number: int) -> None:
    ss = st.session_state
    pick = ss.get(f"wf.agree.{number}.cell")
    if not isinstance(pick, str) or "|" not in pick:
        return
    vid, cid = pick.split("|", 1)
    note = str(ss.get(f"wf.agree.{number}.note") or "").strip()
    score = None if ss.get(f"wf.agree.{number}.mean") else ss.get(f"wf.agree.{number}.score")
    lang = state.lang()
    try:
        record_agreed(seats.db(), token, number, vid, cid, score, note)
    except InputError as exc:
        state.flash("error", exc.lines(lang))
        return
    state.flash("success", t("agreed.recorded", lang, cell=ss.get(f"wf.agree.{number}.label", "")))


def _forget(token: str, number: int, cell: tuple[str, str]) -> None:
    try:
        forget_agreed(seats.db(), token, number, *cell)
    except InputError as exc:
        state.flash("error", exc.lines(state.lang()))


def _by(rec: AgreedRecord, lang: str) -> str:
    local = rec.recorded_at
    return t(
        "agreed.by_at",
        lang,
        who=rec.recorded_by,
        date=fmt_date(local.date(), lang),
        time=local.strftime("%H:%M"),
    )


def adopted(adopt: Callable[[], RevisionInfo], project_id: int, say: str) -> None:
    """Run an adoption; on success work on its revision and say ``say`` (``{revision}``
    filled), else show the refusal."""
    ss = st.session_state
    try:
        rev = adopt()
        new = persist.open_project(project_id)
    except InputError as exc:
        state.flash("error", exc.lines(state.lang()))
        return
    ss[state.PROJECT] = new
    ss[state.VERSION] = state.version() + 1
    state.flash("success", say.format(revision=rev.number))


def _adopt(token: str, number: int, project_id: int) -> None:
    lang = state.lang()
    adopted(
        lambda: adopt_demo_round(seats.db(), token, number, lang=lang),
        project_id,
        t("evalteam.adopted", lang, revision="{revision}"),
    )


def panel(token: str, info: WorkshopInfo, rnd: RoundInfo, project: Project) -> None:
    """Consensus of a demo round: the cells to discuss first, the scores the group agrees
    on (or the mean, said so), and the adoption as demo facts of a new revision."""
    lang = state.lang()
    names = {c.id: c.label.get(lang) for c in project.criteria.walk()}
    vendors = {v.id: v.name for v in project.vendors}
    st.markdown(f"#### {t('evalteam.consensus_title', lang)}")
    st.caption(t("evalteam.consensus_help", lang))
    refused = demo_criteria_refused(project, rnd.criteria)
    if refused:
        st.warning(
            t("evalteam.refused_criteria", lang, criteria=", ".join(names[c] for c in refused))
        )
    view = live.live_view(seats.db(), token, rnd.number, lang=lang, rankings=False)
    cells = view.demo.cells if view.demo is not None else ()
    if not cells:
        st.info(tr("workshop.no_answer_yet"))
        return
    order = [*discuss_first(cells), *(c for c in cells if c not in discuss_first(cells))]
    labels = {
        f"{c.vendor_id}|{c.criterion_id}": t(
            "evalteam.cell_label",
            lang,
            vendor=vendors.get(c.vendor_id, c.vendor_id),
            criterion=names.get(c.criterion_id, c.criterion_id),
            mean=fmt_number(c.mean, lang, 1),
            low=fmt_number(c.low, lang, 0),
            high=fmt_number(c.high, lang, 0),
        )
        for c in order
    }
    n = rnd.number
    recs = {r.cell: r for r in agreed_scores(seats.db(), token, n)}
    if rnd.adopted_revision is None and rnd.status != "locked":
        st.info(t("agreed.lock_first", lang))
    elif rnd.adopted_revision is None:
        _form(token, n, labels)
    _table(order, recs, names, vendors, lang)
    if rnd.adopted_revision is None and rnd.status == "locked":
        for i, cell in enumerate(recs):
            st.button(
                t("evalteam.forget", lang, cell=labels.get("|".join(cell), "")),
                on_click=_forget,
                args=(token, n, cell),
                key=f"wf.agree.{n}.forget.{i}",
            )
    if rnd.adopted_revision is None:
        st.button(
            t("evalteam.adopt", lang),
            type="primary",
            on_click=_adopt,
            args=(token, n, info.project_id),
            key="wf.adopt",
            disabled=bool(refused),
        )


def _form(token: str, n: int, labels: dict[str, str]) -> None:
    lang = state.lang()
    pick = st.selectbox(
        t("evalteam.agree_cell", lang),
        options=list(labels),
        format_func=labels.__getitem__,
        key=f"wf.agree.{n}.cell",
    )
    st.session_state[f"wf.agree.{n}.label"] = labels.get(str(pick), "")
    keep = st.checkbox(t("agreed.keep_mean", lang), key=f"wf.agree.{n}.mean")
    if not keep:
        answer_forms.scale_slider(t("evalteam.agreed_score", lang), f"wf.agree.{n}.score")
    st.text_input(t("evalteam.agreed_note", lang), max_chars=300, key=f"wf.agree.{n}.note")
    st.button(t("evalteam.record", lang), on_click=_record, args=(token, n), key=f"wf.agree.{n}.go")


def _table(
    order: list[ScoreCell],
    recs: dict[tuple[str, str], AgreedRecord],
    names: dict[str, str],
    vendors: dict[str, str],
    lang: str,
) -> None:
    def kept(c: ScoreCell) -> str:
        rec = recs.get((c.vendor_id, c.criterion_id))
        if rec is None or rec.score is None:
            return fmt_number(c.mean, lang, 1)
        return fmt_number(rec.score, lang, 0 if rec.score == int(rec.score) else 1)

    def how(c: ScoreCell) -> str:
        rec = recs.get((c.vendor_id, c.criterion_id))
        if rec is None:
            return t("evalteam.source_mean", lang)
        if rec.score is None:
            return t("agreed.kept_mean_why", lang, note=rec.note or "—")
        return t("evalteam.agreed_with", lang, note=rec.note or "—")

    def by(c: ScoreCell) -> str:
        rec = recs.get((c.vendor_id, c.criterion_id))
        return "" if rec is None else _by(rec, lang)

    widgets.table(
        pd.DataFrame(
            {
                tr("ranking.col.vendor"): [vendors.get(c.vendor_id, c.vendor_id) for c in order],
                tr("criteria.col.criterion"): [
                    names.get(c.criterion_id, c.criterion_id) for c in order
                ],
                t("evalteam.col.kept", lang): [kept(c) for c in order],
                t("evalteam.col.how", lang): [how(c) for c in order],
                t("agreed.col_by", lang): [by(c) for c in order],
            }
        )
    )
