"""Join a workshop page: a participant joins with the room's code and answers the open round."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from erp_select.app import ahp_widget, number_field, seats, state, widgets
from erp_select.app.state import tr
from erp_select.errors import InputError
from erp_select.i18n import fmt_number, fmt_percent, t
from erp_select.model import Project
from erp_select.model.judgments import AhpJudgment, Comparison
from erp_select.store import RoundInfo, WorkshopInfo
from erp_select.weights import AhpReport, weigh_judgment
from erp_select.workshop import submissions as workshop_submissions
from erp_select.workshop.answers import AhpAnswer, DemoAnswer, PointsAnswer
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


def _send(token: str, number: int, build: Callable[[], dict[str, Any] | None]) -> None:
    """Submit the answer the widgets hold at the click (read here, not at the last run).

    ``build`` returns ``None`` when the answer must not go yet (it says why itself).
    """
    try:
        answer = build()
        if answer is None:
            return
        saved = workshop_submissions.submit(seats.db(), token, number, answer)
    except InputError as exc:
        state.flash("error", exc.lines(state.lang()))
    except ValidationError as exc:
        state.flash("error", state.validation_lines(exc, tr("join.answer_title")))
    else:
        state.flash("success", tr("join.saved", version=saved.version))


# ------------------------------------------------------------------- points


def _points(token: str, rnd: RoundInfo, mine: SubmissionInfo | None, names: dict[str, str]) -> None:
    given = mine.answer.points if mine and isinstance(mine.answer, PointsAnswer) else {}
    keys = {c: f"wj.points.{rnd.number}.{c}" for c in rnd.criteria}
    for cid, key in keys.items():
        if key not in st.session_state:
            st.session_state[key] = float(given.get(cid, 10.0))
    st.caption(tr("join.points_help"))
    cols = st.columns(min(len(rnd.criteria), 3))
    for i, (cid, key) in enumerate(keys.items()):
        number_field.number_field(
            tr("criteria.points", criterion=widgets.md(names.get(cid, cid))),
            min_value=0.0,
            max_value=1_000_000.0,
            key=key,
            where=cols[i % len(cols)],
        )

    def answer() -> dict[str, Any]:
        return {
            "kind": "points",
            "points": {cid: number_field.read(key) for cid, key in keys.items()},
        }

    st.button(
        tr("join.submit"),
        type="primary",
        on_click=_send,
        args=(token, rnd.number, answer),
        key=f"wj.submit.{rnd.number}",
    )


# ---------------------------------------------------------------------- AHP


def _ahp(
    token: str,
    rnd: RoundInfo,
    mine: SubmissionInfo | None,
    project: Project,
    names: dict[str, str],
    lang: str,
) -> None:
    prefix = f"wj.ahp.{rnd.number}"
    given = (
        {(c.a, c.b): c.value for c in mine.answer.comparisons}
        if mine and isinstance(mine.answer, AhpAnswer)
        else {}
    )
    ahp_widget.seed_grid(prefix, rnd.criteria, given)
    comparisons = ahp_widget.comparisons(prefix, rnd.criteria)
    report: AhpReport | None = None
    weights: dict[str, float] = {}
    problem: list[str] = []
    try:
        judgment = AhpJudgment(participant="me", node=rnd.node, comparisons=comparisons)
        level = weigh_judgment(project.criteria, judgment)
        weights = dict(level.weights)
        report = level.report if isinstance(level.report, AhpReport) else None
    except InputError as exc:
        problem = exc.lines(lang)
    except ValueError as exc:
        problem = state.validation_lines(exc, tr("join.answer_title"))
    worst = None
    if report is not None and not report.consistent and report.worst:
        worst = (report.worst[0].a, report.worst[0].b)
    edit, preview = st.columns([3, 2], gap="large")
    with edit:
        ahp_widget.grid(prefix, rnd.criteria, names, worst, lang)
    with preview:
        st.markdown(f"**{tr('criteria.preview')}**")
        widgets.show_errors(problem)
        if report is not None:
            ahp_widget.status(report, names, lang)
        if weights:
            _weights_table(weights, names, lang)
        confirm = f"wj.ahp_confirm.{rnd.number}"
        if report is not None and report.n > 2 and not report.consistent:
            a, b = worst if worst is not None else ("", "")
            st.error(
                t(
                    "abuse.join.inconsistent",
                    lang,
                    cr=fmt_number(report.cr, lang, 2),
                    threshold=fmt_number(report.threshold, lang, 2),
                    a=names.get(a, a),
                    b=names.get(b, b),
                ),
                icon="⚠️",
            )
            st.checkbox(t("abuse.join.confirm", lang), key=confirm)
        else:
            st.session_state.pop(confirm, None)

        def answer() -> dict[str, Any] | None:
            given = ahp_widget.comparisons(prefix, rnd.criteria)
            if not _consistent_or_confirmed(project, rnd, given, confirm):
                return None
            return {"kind": "ahp", "comparisons": [c.model_dump(mode="json") for c in given]}

        st.button(
            tr("join.submit"),
            type="primary",
            on_click=_send,
            args=(token, rnd.number, answer),
            disabled=bool(problem),
            key=f"wj.submit.{rnd.number}",
        )


def _consistent_or_confirmed(
    project: Project, rnd: RoundInfo, given: list[Comparison], confirm: str
) -> bool:
    """At the click: an inconsistent answer goes only once the participant stands by it."""
    if st.session_state.get(confirm):
        return True
    try:
        judgment = AhpJudgment(participant="me", node=rnd.node, comparisons=given)
        report = weigh_judgment(project.criteria, judgment).report
    except (InputError, ValueError):
        return True  # the store refuses it with the located reason
    if isinstance(report, AhpReport) and report.n > 2 and not report.consistent:
        state.flash("error", [t("abuse.join.confirm_needed", state.lang())])
        return False
    return True


def _weights_table(weights: dict[str, float], names: dict[str, str], lang: str) -> None:
    widgets.table(
        pd.DataFrame(
            {
                tr("criteria.col.criterion"): [names.get(c, c) for c in weights],
                tr("criteria.col.local"): [fmt_percent(w, lang, 1) for w in weights.values()],
            }
        )
    )


# --------------------------------------------------------------------- demo


def _demo(
    token: str,
    rnd: RoundInfo,
    mine: SubmissionInfo | None,
    names: dict[str, str],
    vendors: dict[str, str],
) -> None:
    scores = list(mine.answer.scores) if mine and isinstance(mine.answer, DemoAnswer) else []
    st.caption(tr("join.demo_help"))
    n = rnd.number
    left, right = st.columns(2)
    left.selectbox(
        tr("join.demo_vendor"),
        options=list(rnd.vendors),
        format_func=lambda v: vendors.get(v, v),
        key=f"wj.demo.{n}.vendor",
    )
    right.selectbox(
        tr("join.demo_criterion"),
        options=list(rnd.criteria),
        format_func=lambda c: names.get(c, c),
        key=f"wj.demo.{n}.criterion",
    )
    st.select_slider(
        tr("join.demo_score"),
        options=[1, 2, 3, 4, 5],
        value=3,
        format_func=lambda s: tr(f"join.score{s}"),
        key=f"wj.demo.{n}.score",
    )
    st.text_area(tr("join.demo_comment"), key=f"wj.demo.{n}.comment", max_chars=2000)

    def answer() -> dict[str, Any]:
        ss = st.session_state
        pair = (str(ss[f"wj.demo.{n}.vendor"]), str(ss[f"wj.demo.{n}.criterion"]))
        kept = [s.model_dump(mode="json") for s in scores if (s.vendor, s.criterion) != pair]
        new = {
            "vendor": pair[0],
            "criterion": pair[1],
            "score": int(ss[f"wj.demo.{n}.score"]),
            "comment": str(ss.get(f"wj.demo.{n}.comment") or ""),
        }
        return {"kind": "demo", "scores": [*kept, new]}

    st.button(
        tr("join.demo_save"),
        type="primary",
        on_click=_send,
        args=(token, n, answer),
        key=f"wj.submit.{n}",
    )


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
                    tr("join.col.points"): [f"{answer.points[c]:g}" for c in order],
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
        _weights_table(dict(level.weights), names, lang)
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
                    tr("join.demo_score"): [s.score for s in answer.scores],
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
            _points(token, rnd, mine, names)
        elif rnd.kind == "ahp":
            _ahp(token, rnd, mine, project, names, lang)
        else:
            _demo(token, rnd, mine, names, vendors)
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
