"""Adopting a weights round from the facilitator's page: the group's or edited weights."""

from __future__ import annotations

import streamlit as st

from erp_select.app import adoption_checks, number_field, seats, state, workshop_scores
from erp_select.app.state import tr
from erp_select.model import Project
from erp_select.store import RevisionInfo, RoundInfo, WorkshopInfo
from erp_select.workshop import adoption, live


def _adopt(token: str, number: int, criteria: tuple[str, ...], project_id: int) -> None:
    ss = st.session_state

    def adopt() -> RevisionInfo:
        weights: dict[str, float] | None = None
        if ss.get("wf.edit"):
            weights = {c: number_field.read(f"wf.edit.{number}.{c}") for c in criteria}
        # Inconsistent answers as they are at the click, kept only where ticked.
        exclude = adoption_checks.left_out(token, number)
        return adoption.adopt_round(
            seats.db(), token, number, weights=weights, lang=state.lang(), exclude=exclude
        )

    workshop_scores.adopted(adopt, project_id, tr("workshop.adopted", revision="{revision}"))


def panel(token: str, info: WorkshopInfo, rnd: RoundInfo, project: Project) -> None:
    """The adoption box under a round: weights, or the demo scores' consensus."""
    if rnd.kind == "demo":
        workshop_scores.panel(token, info, rnd, project)
        return
    lang = state.lang()
    names = {c.id: c.label.get(lang) for c in project.criteria.walk()}
    st.markdown(f"#### {tr('workshop.adopt_title')}")
    st.caption(tr("workshop.adopt_help"))
    adoption_checks.exclusions(token, rnd.number, names)
    editing = st.toggle(tr("workshop.edit"), key="wf.edit")
    if editing:
        view = live.live_view(seats.db(), token, rnd.number, lang=lang, rankings=False)
        group = view.weights.group_weights if view.weights else {}
        cols = st.columns(min(len(rnd.criteria), 3))
        for i, cid in enumerate(rnd.criteria):
            key = f"wf.edit.{rnd.number}.{cid}"
            if key not in st.session_state:
                st.session_state[key] = round(100 * group.get(cid, 1 / len(rnd.criteria)), 1)
            number_field.number_field(
                tr("criteria.points", criterion=names.get(cid, cid)),
                min_value=0.0,
                max_value=1000.0,
                key=key,
                where=cols[i % len(cols)],
            )
    st.button(
        tr("workshop.adopt_edited") if editing else tr("workshop.adopt"),
        type="primary",
        on_click=_adopt,
        args=(token, rnd.number, rnd.criteria, info.project_id),
        key="wf.adopt",
    )
