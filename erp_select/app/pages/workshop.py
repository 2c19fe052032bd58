"""Run a workshop page: the facilitator opens rounds, watches the room live and adopts a result."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from erp_select.app import (
    adoption_checks,
    persist,
    seats,
    shell,
    state,
    widgets,
    workshop_adoption,
    workshop_results,
)
from erp_select.app.state import tr
from erp_select.errors import InputError
from erp_select.i18n import t
from erp_select.model import Project
from erp_select.scoring.facts import scorable
from erp_select.store import RoundInfo, WorkshopInfo
from erp_select.store import workshops as store_workshops
from erp_select.workshop import live, rounds

#: How often the facilitator's live view refreshes by itself (seconds).
REFRESH_SECONDS = 3
KINDS = ("points", "ahp", "demo")


# ----------------------------------------------------------------- opening one


def _open(project_id: int) -> None:
    ss = st.session_state
    try:
        seats.open_for_current(
            project_id,
            facilitator=str(ss.get("wf.name") or ""),
            title=str(ss.get("wf.title") or "").strip() or tr("workshop.default_title"),
            hide_names=bool(ss.get("wf.hide", False)),
        )
    except InputError as exc:
        state.flash("error", exc.lines(state.lang()))
    else:
        state.flash("success", tr("workshop.opened"))


def _save_for_workshop(current: Project) -> None:
    persist.autosave(current, tr("workshop.saved_note"))


def _start(current: Project) -> None:
    project_id = persist.current_id()
    if project_id is None:
        if not persist.configured():
            st.warning(tr("workshop.no_store"))
            return
        # The example, or a project loaded from files, is not saved yet: one click saves it.
        st.info(tr("workshop.not_saved"))
        st.button(
            tr("workshop.save_first"),
            type="primary",
            on_click=_save_for_workshop,
            args=(current,),
            key="wf.save",
        )
        return
    st.write(tr("workshop.start_help"))
    if "wf.title" not in st.session_state:
        st.session_state["wf.title"] = (
            current.name or current.company.name or tr("workshop.default_title")
        )
    st.text_input(tr("workshop.facilitator"), key="wf.name", max_chars=200)
    st.text_input(tr("workshop.title_field"), key="wf.title", max_chars=200)
    st.checkbox(tr("workshop.hide_names"), key="wf.hide", help=tr("workshop.hide_help"))
    st.button(
        tr("workshop.open"), type="primary", on_click=_open, args=(project_id,), key="wf.open"
    )


# --------------------------------------------------------------- the header


def _call(action: Callable[[], Any], done: str | None = None) -> None:
    try:
        action()
    except InputError as exc:
        state.flash("error", exc.lines(state.lang()))
    else:
        if done:
            state.flash("success", done)


def _set_hide(token: str) -> None:
    hide = bool(st.session_state.get("wf.hide_live"))
    _call(lambda: store_workshops.set_hide_names(seats.db(), token, hide))


def _close(token: str) -> None:
    _call(lambda: store_workshops.close_workshop(seats.db(), token), tr("workshop.closed"))


def _renew(token: str) -> None:
    _call(lambda: seats.renew_code(token), t("recover.code_renewed", state.lang()))


def _forget() -> None:
    seats.leave("facilitator")


def _header(token: str, info: WorkshopInfo) -> None:
    st.subheader(widgets.md(info.title))
    code = seats.join_code()
    left, right = st.columns([2, 3], gap="large")
    with left:
        st.markdown(f"**{tr('workshop.code_label')}**")
        if code:
            st.markdown(
                f"<div style='font-size:2.6rem;font-weight:700;letter-spacing:.12em;"
                f"font-family:monospace'>{code}</div>",
                unsafe_allow_html=True,
            )
            st.caption(tr("workshop.code_help"))
        else:
            st.caption(t("recover.code_gone", state.lang()))
        if info.status != "closed":
            st.button(
                t("recover.renew_code", state.lang()),
                on_click=_renew,
                args=(token,),
                key="wf.renew_code",
                help=t("recover.renew_help", state.lang()),
            )
    with right:
        st.page_link(shell.ROOM.path, label=seats.tr_room("room_link"), icon=shell.ROOM.icon)
        st.caption(seats.tr_room("room_help"))
        st.session_state["wf.hide_live"] = info.hide_names
        st.toggle(
            tr("workshop.hide_names"),
            key="wf.hide_live",
            on_change=_set_hide,
            args=(token,),
            help=tr("workshop.hide_help"),
        )
        if info.status == "closed":
            st.info(tr("workshop.is_closed"))
        else:
            st.button(tr("workshop.close"), on_click=_close, args=(token,), key="wf.close")
        st.button(tr("workshop.forget"), on_click=_forget, key="wf.forget")
    _access(info)


# ------------------------------------------------------------------ access


def _rotate() -> None:
    _call(seats.rotate, seats.tr_room("rotated"))


def _revoke() -> None:
    seq = st.session_state.get("wf.revoke_seq")
    if isinstance(seq, int):
        _call(lambda: seats.revoke(seq), seats.tr_room("revoked"))


def _access(info: WorkshopInfo) -> None:
    """Renew the console's access, move it to another device once, exclude a participant."""
    with st.expander(seats.tr_room("access_title")):
        st.button(
            seats.tr_room("rotate"),
            on_click=_rotate,
            help=seats.tr_room("rotate_help"),
            key="wf.rotate",
        )
        if st.button(seats.tr_room("move"), help=seats.tr_room("move_help"), key="wf.move"):
            try:
                link = seats.one_time_link(shell.base_url() + shell.WORKSHOP.name)
            except InputError as exc:
                widgets.show_errors(exc.lines(state.lang()))
            else:
                st.code(link, language=None, wrap_lines=True)
                st.caption(seats.tr_room("move_caption"))
        st.divider()
        active = [s for s in seats.seats_of_workshop() if not s.revoked]
        if not active:
            st.caption(seats.tr_room("nobody_to_revoke"))
            return
        labels = {
            s.seq: f"{t('store.pseudonym', state.lang(), n=s.seq)} — {s.name}" for s in active
        }
        st.selectbox(
            seats.tr_room("revoke_pick"),
            options=list(labels),
            format_func=lambda n: labels[n],
            key="wf.revoke_seq",
        )
        st.button(
            seats.tr_room("revoke"),
            on_click=_revoke,
            help=seats.tr_room("revoke_help"),
            key="wf.revoke",
        )


# ------------------------------------------------------------------- rounds


def _open_round(token: str) -> None:
    ss = st.session_state
    kind = str(ss.get("wf.kind", "points"))
    if kind == "demo":
        criteria = list(ss.get("wf.demo_criteria") or [])
        vendors = list(ss.get("wf.demo_vendors") or [])
        action: Callable[[], Any] = lambda: rounds.open_round(  # noqa: E731
            seats.db(), token, "demo", criteria=criteria, vendors=vendors, lang=state.lang()
        )
    else:
        raw = ss.get(state.lang_key("wf.node"), "_top")
        node = None if raw in (None, "_top") else str(raw)
        action = lambda: rounds.open_round(seats.db(), token, kind, node=node)  # type: ignore[arg-type]  # noqa: E731
    try:
        rnd = action()
    except InputError as exc:
        state.flash("error", exc.lines(state.lang()))
        return
    ss["wf.round"] = rnd.number
    state.flash("success", tr("workshop.round_opened", n=rnd.number))


def _round_form(token: str, project: Project, lang: str, *, first: bool) -> None:
    tree = project.criteria
    # Labels fixed at drawing time, in the page's language (not looked up later).
    kind_labels = {k: tr(f"workshop.kind.{k}") for k in KINDS}
    with st.expander(tr("workshop.new_round"), expanded=first):
        kind = st.radio(
            tr("workshop.kind_pick"),
            options=list(KINDS),
            format_func=kind_labels.__getitem__,
            key="wf.kind",
            horizontal=True,
        )
        if kind == "demo":
            leaves = scorable(project, None)  # the criteria a demo score can go into
            labels = {c.id: c.label.get(lang) for c in tree.walk()}
            vendors = {v.id: v.name for v in project.vendors}
            if "wf.demo_criteria" not in st.session_state:
                st.session_state["wf.demo_criteria"] = leaves[:5]
                st.session_state["wf.demo_vendors"] = list(vendors)[:3]
            st.multiselect(
                tr("workshop.demo_criteria"),
                options=leaves,
                format_func=lambda c: labels.get(c, c),
                key="wf.demo_criteria",
                placeholder=state.choose(),
            )
            st.multiselect(
                tr("workshop.demo_vendors"),
                options=list(vendors),
                format_func=lambda v: vendors.get(v, v),
                key="wf.demo_vendors",
                placeholder=state.choose(),
            )
        else:
            nodes = ["_top", *[c.id for c in tree.walk() if len(c.children) >= 2]]
            labels = {
                n: tr("criteria.top_level") if n == "_top" else tree.node(n).label.get(lang)
                for n in nodes
            }
            st.selectbox(
                tr("workshop.level_pick"),
                options=nodes,
                format_func=lambda n: labels[n],
                key=state.lang_key("wf.node"),
            )
        st.button(
            tr("workshop.open_round"),
            on_click=_open_round,
            args=(token,),
            type="primary",
            key="wf.open_round",
        )


def _lock(token: str, number: int) -> None:
    _call(lambda: store_workshops.lock_round(seats.db(), token, number), tr("workshop.locked"))


def _reopen(token: str, number: int) -> None:
    _call(lambda: store_workshops.reopen_round(seats.db(), token, number), tr("workshop.reopened"))


def _round_controls(token: str, info: WorkshopInfo, rnd: RoundInfo) -> None:
    status = tr(f"workshop.status.{rnd.status}")
    st.markdown(f"**{tr('workshop.round_status', n=rnd.number, status=status)}**")
    if rnd.adopted_revision is not None:
        st.caption(tr("workshop.adopted_as", revision=rnd.adopted_revision))
    if info.status == "closed":
        return
    if rnd.status == "open":
        st.button(tr("workshop.lock"), on_click=_lock, args=(token, rnd.number), key="wf.lock")
    else:
        st.button(
            tr("workshop.reopen"), on_click=_reopen, args=(token, rnd.number), key="wf.reopen"
        )


# ---------------------------------------------------------------- live view


def _live_body(token: str, number: int, hide: bool, project: Project) -> None:
    lang = state.lang()
    names = {c.id: c.label.get(lang) for c in project.criteria.walk()}
    vendors = {v.id: v.name for v in project.vendors}
    try:
        view = live.live_view(seats.db(), token, number, lang=lang, pseudonyms=hide)
    except InputError as exc:
        widgets.show_errors(exc.lines(lang))
        return
    st.caption(tr("workshop.refreshing", seconds=REFRESH_SECONDS))
    workshop_results.people(view, lang)
    adoption_checks.failed_joins(token)
    if view.weights is not None:
        workshop_results.weights(view.weights, names, vendors, lang)
    elif view.demo is not None:
        workshop_results.demo(view.demo, names, vendors, lang)
    else:
        st.info(tr("workshop.no_answer_yet"))


_live: Callable[[str, int, bool, Project], None] = st.fragment(run_every=REFRESH_SECONDS)(
    _live_body
)


# ------------------------------------------------------------------- the page


def _running(token: str) -> None:
    lang = state.lang()
    info = seats.info(token)
    if info.role != "facilitator":
        seats.leave("facilitator")
        st.rerun()
    project = seats.base_project(info)
    _header(token, info)
    st.divider()
    if info.status != "closed":
        _round_form(token, project, lang, first=not info.rounds)
    if not info.rounds:
        st.info(tr("workshop.no_round"))
        return
    numbers = [r.number for r in info.rounds]
    if st.session_state.get("wf.round") not in numbers:
        st.session_state["wf.round"] = numbers[-1]
    round_labels = {
        r.number: tr("workshop.round_label", n=r.number, kind=tr(f"workshop.kind.{r.kind}"))
        for r in info.rounds
    }
    number = st.selectbox(
        tr("workshop.round_pick"),
        options=numbers,
        format_func=round_labels.__getitem__,
        key="wf.round",
    )
    rnd = next(r for r in info.rounds if r.number == number)
    _round_controls(token, info, rnd)
    _live(token, rnd.number, info.hide_names, project)
    st.divider()
    workshop_adoption.panel(token, info, rnd, project)


def main() -> None:
    """Draw the facilitator's workshop page."""
    st.title(tr("workshop.title"))
    widgets.show_flashes()
    token = seats.facilitator_token()
    if token is None:
        current = widgets.require_project()
        if current is not None:
            with widgets.boundary():
                _start(current)
        return
    try:
        _running(token)
    except InputError as exc:
        widgets.show_errors(exc.lines(state.lang()) or [tr("errors.unknown")])
        st.button(tr("workshop.forget"), on_click=_forget, key="wf.forget_bad")


main()
