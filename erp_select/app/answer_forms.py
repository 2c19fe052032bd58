"""The participant's answer forms: points, pairwise comparisons (AHP) and demo scores."""

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
from erp_select.scoring.scale import (
    CONFIDENCES,
    LEVELS,
    anchor_line,
    confidence_word,
    not_shown_meaning,
)
from erp_select.store import RoundInfo
from erp_select.weights import AhpReport, weigh_judgment
from erp_select.workshop import submissions as workshop_submissions
from erp_select.workshop.answers import AhpAnswer, DemoAnswer, PointsAnswer
from erp_select.workshop.submissions import SubmissionInfo


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


def points(token: str, rnd: RoundInfo, mine: SubmissionInfo | None, names: dict[str, str]) -> None:
    """The points form: points per criterion, any positive total."""
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


def ahp(
    token: str,
    rnd: RoundInfo,
    mine: SubmissionInfo | None,
    project: Project,
    names: dict[str, str],
    lang: str,
) -> None:
    """The pairwise comparison grid, with its weights and consistency as they are typed."""
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
            weights_table(weights, names, lang)
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


def weights_table(weights: dict[str, float], names: dict[str, str], lang: str) -> None:
    """Local weights by criterion, as percentages."""
    widgets.table(
        pd.DataFrame(
            {
                tr("criteria.col.criterion"): [names.get(c, c) for c in weights],
                tr("criteria.col.local"): [fmt_percent(w, lang, 1) for w in weights.values()],
            }
        )
    )


def scale_slider(label: str, key: str) -> None:
    """A slider over the anchored scale 1–5, each level with its words (3 at first)."""
    lang = state.lang()
    st.select_slider(
        label,
        options=list(LEVELS),
        value=3,
        format_func=lambda s: anchor_line(s, lang),
        key=key,
    )


def demo(
    token: str,
    rnd: RoundInfo,
    mine: SubmissionInfo | None,
    names: dict[str, str],
    vendors: dict[str, str],
) -> None:
    """The scorecard form: per (vendor, criterion) a level of the anchored scale or « not
    shown », the evaluator's confidence and a comment."""
    scores = list(mine.answer.scores) if mine and isinstance(mine.answer, DemoAnswer) else []
    st.caption(tr("join.demo_help"))
    st.caption(t("evalteam.blind", state.lang()))
    n = rnd.number
    lang = state.lang()
    criteria = list(rnd.criteria)
    if rnd.scenarios:
        # The demo script's scenarios, as the vendors were asked to show them.
        titles = {s.id: s.title for s in rnd.scenarios}
        picked = st.selectbox(
            t("agreed.scenario", lang),
            options=["", *titles],
            format_func=lambda s: titles.get(s) or t("agreed.no_scenario", lang),
            key=f"wj.demo.{n}.scenario",
        )
        chosen = rnd.scenario(str(picked)) if picked else None
        criteria = list(chosen.criteria) if chosen is not None else criteria
    left, right = st.columns(2)
    left.selectbox(
        tr("join.demo_vendor"),
        options=list(rnd.vendors),
        format_func=lambda v: vendors.get(v, v),
        key=f"wj.demo.{n}.vendor",
    )
    right.selectbox(
        tr("join.demo_criterion"),
        options=criteria,
        format_func=lambda c: names.get(c, c),
        key=f"wj.demo.{n}.criterion",
    )
    scale_slider(tr("join.demo_score"), f"wj.demo.{n}.score")
    st.checkbox(
        t("evalteam.not_shown", lang),
        help=not_shown_meaning(lang),
        key=f"wj.demo.{n}.not_shown",
    )
    st.radio(
        t("evalteam.confidence.title", lang),
        options=list(CONFIDENCES),
        index=1,
        format_func=lambda c: confidence_word(c, lang),
        horizontal=True,
        key=f"wj.demo.{n}.confidence",
    )
    st.text_area(tr("join.demo_comment"), key=f"wj.demo.{n}.comment", max_chars=2000)

    def answer() -> dict[str, Any]:
        ss = st.session_state
        pair = (str(ss[f"wj.demo.{n}.vendor"]), str(ss[f"wj.demo.{n}.criterion"]))
        scenario = str(ss.get(f"wj.demo.{n}.scenario") or "") or None
        kept = [
            s.model_dump(mode="json", exclude_none=True)
            for s in scores
            if (s.vendor, s.criterion, s.scenario) != (*pair, scenario)
        ]
        new: dict[str, Any] = {
            "vendor": pair[0],
            "criterion": pair[1],
            **({"scenario": scenario} if scenario else {}),
            "confidence": str(ss.get(f"wj.demo.{n}.confidence") or "medium"),
            "comment": str(ss.get(f"wj.demo.{n}.comment") or ""),
        }
        if ss.get(f"wj.demo.{n}.not_shown"):
            new["not_shown"] = True
        else:
            new["score"] = int(ss[f"wj.demo.{n}.score"])
        return {"kind": "demo", "scores": [*kept, new]}

    st.button(
        tr("join.demo_save"),
        type="primary",
        on_click=_send,
        args=(token, n, answer),
        key=f"wj.submit.{n}",
    )
