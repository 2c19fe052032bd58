"""Join a workshop page: a participant joins with the room's code and answers the open round."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from erp_select.app import answer_forms, number_field, seats, state, widgets
from erp_select.app.state import tr
from erp_select.errors import InputError
from erp_select.i18n import fmt_percent, normalise_lang, t
from erp_select.model import Project
from erp_select.model.judgments import AhpJudgment
from erp_select.scoring.scale import confidence_word, score_words
from erp_select.store import RoundInfo, WorkshopInfo
from erp_select.weights import weigh_judgment
from erp_select.workshop import submissions as workshop_submissions
from erp_select.workshop.answers import AhpAnswer, PointsAnswer
from erp_select.workshop.submissions import SubmissionInfo

NAME = "wj.name"
#: The name this visitor joined under (the form's widget state is gone once they are in).
MY_NAME = "_wj_my_name"
#: How often a waiting participant's page looks for a new round or a lock (seconds).
WATCH_SECONDS = 3


#: The query name of the room's QR code link (the join code is public in the room).
CODE_PARAM = "code"


#: The reason the last « Join » click was refused (lines, and whether it was the limit).
JOIN_REFUSED = "_wj_refused"


def _join() -> None:
    """At the « Join » click, before the page is drawn: take the seat, or keep the reason.

    Joining in the click's callback lets the same run draw the open round (no second run
    of the page, as a rerun after the join took).
    """
    code = str(st.session_state.get("wj.code") or "")
    name = str(st.session_state.get(NAME) or "")
    try:
        seats.join(code, name)
    except InputError as exc:
        lines = exc.lines(state.lang()) or [tr("errors.unknown")]
        limited = any(p.rule == "store.too_many_attempts" for p in exc.problems)
        st.session_state[JOIN_REFUSED] = (lines, limited)
        return
    st.session_state[MY_NAME] = name


def _join_form() -> None:
    raw = st.query_params.get(CODE_PARAM)
    if raw is not None:
        del st.query_params[CODE_PARAM]
        if not st.session_state.get("wj.code"):
            st.session_state["wj.code"] = raw[:40]
    st.write(tr("join.help"))
    st.text_input(tr("join.code"), key="wj.code", max_chars=40, placeholder="ABCDE-FGHJK")
    st.text_input(tr("join.name"), key=NAME, max_chars=200)
    st.button(tr("join.join"), type="primary", key="wj.join", on_click=_join)
    refused = st.session_state.pop(JOIN_REFUSED, None)
    if refused is None:
        return
    lines, limited = refused
    if limited:
        st.error(f"**{tr('join.too_many_title')}**\n\n" + "\n".join(lines), icon="⏳")
    else:
        widgets.show_errors(lines)


def _names(project: Project, lang: str) -> tuple[dict[str, str], dict[str, str]]:
    criteria = {c.id: c.label.get(lang) for c in project.criteria.walk()}
    vendors = {v.id: v.name for v in project.vendors}
    return criteria, vendors


# ------------------------------------------------------------------ my answer


def _my_answer(
    mine: SubmissionInfo | None,
    project: Project,
    rnd: RoundInfo,
    names: dict[str, str],
    vendors: dict[str, str],
    lang: str,
) -> None:
    st.subheader(tr("join.mine_title"))
    if mine is None:
        st.caption(tr("join.mine_none"))
        return
    st.caption(tr("join.mine_version", version=mine.version))
    answer = mine.answer
    if isinstance(answer, PointsAnswer):
        total = sum(answer.points.values()) or 1.0
        order = [c for c in rnd.criteria if c in answer.points]
        widgets.table(
            pd.DataFrame(
                {
                    tr("criteria.col.criterion"): [names.get(c, c) for c in order],
                    tr("join.col.points"): [
                        number_field.show_number(answer.points[c], normalise_lang(lang))
                        for c in order
                    ],
                    tr("criteria.col.local"): [
                        fmt_percent(answer.points[c] / total, lang, 1) for c in order
                    ],
                }
            )
        )
    elif isinstance(answer, AhpAnswer):
        try:
            level = weigh_judgment(
                project.criteria,
                AhpJudgment(participant="me", node=rnd.node, comparisons=answer.comparisons),
            )
        except (InputError, ValueError):
            return
        answer_forms.weights_table(dict(level.weights), names, lang)
    else:
        widgets.table(
            pd.DataFrame(
                {
                    tr("join.demo_vendor"): [
                        vendors.get(s.vendor, s.vendor) for s in answer.scores
                    ],
                    tr("join.demo_criterion"): [
                        names.get(s.criterion, s.criterion) for s in answer.scores
                    ],
                    tr("join.demo_score"): [score_words(s.score, lang) for s in answer.scores],
                    t("evalteam.confidence.title", lang): [
                        confidence_word(s.confidence, lang) if s.confidence else ""
                        for s in answer.scores
                    ],
                    tr("join.demo_comment"): [s.comment for s in answer.scores],
                }
            )
        )


# ------------------------------------------------------------------- the page


def _state_of(info: WorkshopInfo) -> tuple[Any, ...]:
    return (info.status, tuple((r.number, r.status) for r in info.rounds))


def _watch_body(token: str, seen: tuple[Any, ...]) -> None:
    """Rerun the page when the facilitator opens or locks a round, or closes the workshop."""
    try:
        now = _state_of(seats.info(token))
    except InputError:
        return
    if now != seen:
        st.rerun(scope="app")


_watch: Callable[[str, tuple[Any, ...]], None] = st.fragment(run_every=WATCH_SECONDS)(_watch_body)


def _leave() -> None:
    seats.leave("participant")


def _joined(token: str) -> None:
    lang = state.lang()
    info = seats.info(token)
    if info.role != "participant":
        seats.leave("participant")
        st.rerun()
    project = seats.base_project(info)
    names, vendors = _names(project, lang)
    st.subheader(widgets.md(info.title))
    # The name comes from the store, so a reload (a new session) still shows it.
    me = info.participant_name or st.session_state.get(MY_NAME)
    who = str(me) if me else t("store.pseudonym", lang, n=info.participant_seq)
    st.caption(tr("join.you_are", name=widgets.md(who)))
    _watch(token, _state_of(info))
    if info.status == "closed":
        st.info(tr("join.closed"))
    elif not info.rounds:
        st.info(tr("join.waiting"))
    else:
        rnd = info.rounds[-1]
        mine = workshop_submissions.my_submission(seats.db(), token, rnd.number)
        level = tr("criteria.top_level") if rnd.node is None else names.get(rnd.node, rnd.node)
        st.markdown(
            f"### {tr('join.round_title', n=rnd.number, kind=tr(f'workshop.kind.{rnd.kind}'))}"
        )
        if rnd.kind != "demo":
            st.caption(tr("join.round_level", level=widgets.md(level)))
        if rnd.status == "locked":
            st.info(tr("join.locked"))
        elif rnd.kind == "points":
            answer_forms.points(token, rnd, mine, names)
        elif rnd.kind == "ahp":
            answer_forms.ahp(token, rnd, mine, project, names, lang)
        else:
            answer_forms.demo(token, rnd, mine, names, vendors)
        st.divider()
        _my_answer(mine, project, rnd, names, vendors, lang)
    st.divider()
    st.button(tr("join.leave"), on_click=_leave, key="wj.leave")


def main() -> None:
    """Draw the page where a participant joins a workshop and answers its rounds."""
    st.title(tr("join.title"))
    widgets.show_flashes()
    token = seats.seat_token()
    if token is None:
        _join_form()
        return
    try:
        _joined(token)
    except InputError as exc:
        widgets.show_errors(exc.lines(state.lang()) or [tr("errors.unknown")])
        st.button(tr("join.leave"), on_click=_leave, key="wj.leave_bad")


main()
