"""The room screen: what the wall may show — join code, QR code, progress, group weights.

Nothing on it gives control: no facilitator token, no project key, no names, no one's
individual answer. It reads the facilitator's access from this browser (session or
cookie), so it opens in a second window of the facilitator's browser for the projector.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from urllib.parse import urlencode

import pandas as pd
import segno
import streamlit as st

from erp_select.app import seats, shell, state, widgets
from erp_select.app.state import tr
from erp_select.errors import InputError
from erp_select.i18n import fmt_number, fmt_percent, t
from erp_select.model import Project
from erp_select.workshop import live
from erp_select.workshop.live import LiveView

#: How often the room screen refreshes by itself (seconds).
REFRESH_SECONDS = 3


def join_link(code: str | None) -> str:
    """The join page's address, with the room's code filled in when it is known."""
    link = f"{shell.base_url()}{shell.JOIN.name}"
    query = {"lang": state.lang(), **({"code": code} if code else {})}
    return f"{link}?{urlencode(query)}"


def qr_png(text: str) -> bytes:
    """A QR code of ``text`` as PNG bytes, drawn here (nothing fetched)."""
    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="png", scale=8, border=2)
    return out.getvalue()


def _group(view: LiveView, names: dict[str, str], vendors: dict[str, str], lang: str) -> None:
    if view.weights is not None:
        rows = view.weights.spread
        st.markdown(f"#### {tr('workshop.group_title')}")
        if view.weights.disagreements:
            first = ", ".join(names.get(c, c) for c in view.weights.disagreements)
            st.warning(tr("workshop.discuss_first", criteria=first))
        widgets.table(
            pd.DataFrame(
                {
                    tr("criteria.col.criterion"): [
                        names.get(s.criterion_id, s.criterion_id) for s in rows
                    ],
                    tr("workshop.col.group"): [fmt_percent(s.group, lang, 1) for s in rows],
                }
            )
        )
    elif view.demo is not None:
        st.markdown(f"#### {tr('workshop.demo_title')}")
        if view.demo.blind or not view.demo.cells:
            # Scorecards stay blind on the projector too until the round is locked.
            st.info(t("evalteam.blind", lang))
            return
        widgets.table(
            pd.DataFrame(
                {
                    tr("ranking.col.vendor"): [
                        vendors.get(c.vendor_id, c.vendor_id) for c in view.demo.cells
                    ],
                    tr("criteria.col.criterion"): [
                        names.get(c.criterion_id, c.criterion_id) for c in view.demo.cells
                    ],
                    tr("workshop.col.count"): [c.count for c in view.demo.cells],
                    tr("workshop.col.mean"): [fmt_number(c.mean, lang, 1) for c in view.demo.cells],
                }
            )
        )


def _progress_body(token: str, project: Project) -> None:
    lang = state.lang()
    try:
        info = seats.info(token)
    except InputError as exc:
        widgets.show_errors(exc.lines(lang))
        return
    if info.status == "closed":
        st.info(tr("workshop.is_closed"))
    if not info.rounds:
        st.metric(seats.tr_room("joined"), str(info.participant_count))
        st.info(seats.tr_room("waiting"))
        return
    rnd = info.rounds[-1]
    view = live.live_view(
        seats.db(), token, rnd.number, lang=lang, room=True, rankings=False, pseudonyms=True
    )
    kind = tr(f"workshop.kind.{rnd.kind}")
    st.markdown(f"### {tr('workshop.round_label', n=rnd.number, kind=kind)}")
    st.metric(
        tr("workshop.answers"),
        tr("workshop.answers_value", n=view.submitted, total=len(view.people)),
    )
    names = {c.id: c.label.get(lang) for c in project.criteria.walk()}
    vendors = {v.id: v.name for v in project.vendors}
    _group(view, names, vendors, lang)


_progress: Callable[[str, Project], None] = st.fragment(run_every=REFRESH_SECONDS)(_progress_body)


def _screen(token: str) -> None:
    info = seats.info(token)
    if info.role != "facilitator":
        st.info(seats.tr_room("no_workshop"))
        return
    st.title(seats.plain(info.title))
    code = seats.join_code()
    link = join_link(code)
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.markdown(f"**{seats.tr_room('how')}**")
        if code:
            st.markdown(
                f"<div style='font-size:3.2rem;font-weight:700;letter-spacing:.12em;"
                f"font-family:monospace'>{code}</div>",
                unsafe_allow_html=True,
            )
        else:
            st.caption(tr("workshop.code_gone"))
        st.markdown(f"`{link}`")
    with right:
        st.image(qr_png(link), caption=seats.tr_room("scan"), width=260)
    st.divider()
    _progress(token, seats.base_project(info))


def main() -> None:
    """Draw the room screen of the facilitator's workshop (safe to project)."""
    widgets.show_flashes()
    token = seats.facilitator_token()
    if token is None:
        st.title(seats.tr_room("nav"))
        st.info(seats.tr_room("no_workshop"))
        return
    try:
        _screen(token)
    except InputError as exc:
        widgets.show_errors(exc.lines(state.lang()) or [tr("errors.unknown")])


main()
