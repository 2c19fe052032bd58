"""Reference calls on the demonstrations page: questions, calls made, facts confirmed."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from erp_select.app import state, widgets
from erp_select.app.demo_editor import say
from erp_select.demos import ReferenceCall, reference_questions
from erp_select.demos.references import confirmable_facts, record_call, remove_call
from erp_select.i18n import t
from erp_select.model import Project
from erp_select.report.sections.references import confirmed, who
from erp_select.words import Words


def _record() -> None:
    current = state.project()
    if current is None:
        return
    ss = st.session_state
    vendor = ss.get("rc.vendor")
    if vendor is None:
        return
    missing = [
        say(name) for name in ("reference", "company") if not str(ss.get(f"rc.{name}", "")).strip()
    ]
    if missing:
        state.flash("error", [say("required", field=name) for name in missing])
        return
    used = {c.id for c in current.reference_calls}
    n = next(i for i in range(1, len(used) + 2) if f"call-{i}" not in used)
    answers = {
        qid: str(ss.get(f"rc.q.{qid}", "")).strip()
        for qid, _ in reference_questions(current, state.lang())
        if str(ss.get(f"rc.q.{qid}", "")).strip()
    }
    when = ss.get("rc.date")
    source = say("calls_source")

    def build() -> Project:
        call = ReferenceCall(
            id=f"call-{n}",
            vendor=str(vendor),
            reference=str(ss.get("rc.reference", "")),
            company=str(ss.get("rc.company", "")),
            date=when if isinstance(when, dt.date) else None,
            answers=answers,
            notes=str(ss.get("rc.notes", "")),
        )
        return record_call(current, call, list(ss.get("rc.confirm", [])))

    if state.attempt(build, source, message=say("call_note", company=ss.get("rc.company", ""))):
        for key in [k for k in ss if str(k).startswith(("rc.q.", "rc.reference", "rc.company"))]:
            ss[key] = ""
        ss["rc.confirm"] = []
        ss["rc.notes"] = ""


def _remove(call_id: str) -> None:
    current = state.project()
    if current is not None:
        state.attempt(
            lambda: remove_call(current, call_id),
            say("calls_source"),
            message=say("call_removed_note"),
        )


def _call_line(current: Project, words: Words, call: ReferenceCall) -> str:
    vendor = current.vendor(call.vendor).name
    return f"**{widgets.md(vendor)}** — {widgets.md(who(call, words))}"


def _form(current: Project, words: Words) -> None:
    lang = state.lang()
    st.markdown(f"**{say('new_call')}**")
    names = {v.id: v.name for v in current.vendors}
    vendor = st.selectbox(
        say("vendor"), list(names), key="rc.vendor", format_func=names.__getitem__
    )
    left, right = st.columns(2)
    left.text_input(say("reference"), key="rc.reference")
    right.text_input(say("company"), key="rc.company")
    st.date_input(say("date"), key="rc.date", format="DD/MM/YYYY" if lang == "fr" else "YYYY-MM-DD")
    for qid, text in reference_questions(current, lang):
        st.text_area(widgets.md(text), key=f"rc.q.{qid}", height=68)
    if vendor is not None:
        facts = current.vendor(str(vendor)).facts
        options = confirmable_facts(current, str(vendor))
        st.multiselect(
            say("confirm"),
            options,
            key="rc.confirm",
            format_func=lambda fid: say(
                "fact_value",
                fact=words.fact(fid),
                value=words.value(fid, facts[fid].value, facts[fid].unit),
            ),
            placeholder=state.choose(),
            help=say("confirm_help"),
        )
    st.text_area(say("notes"), key="rc.notes", height=68)
    st.button(say("record"), key="rc.record", on_click=_record, type="primary")


def calls_section(current: Project) -> None:
    """Draw the reference calls: the questions, the calls recorded, a form for a new one."""
    lang = state.lang()
    words = Words(lang, current.criteria)
    st.subheader(t("demoscripts.refs.title", lang))
    st.caption(say("calls_help"))
    questions = reference_questions(current, lang)
    with st.expander(t("demoscripts.refs.questions", lang)):
        st.markdown("\n".join(f"{i}. {widgets.md(q)}" for i, (_, q) in enumerate(questions, 1)))
    if not current.reference_calls:
        st.info(t("demoscripts.refs.none", lang))
    texts = dict(questions)
    present = {v.id for v in current.vendors}
    for call in [c for c in current.reference_calls if c.vendor in present]:
        with st.container(border=True):
            st.markdown(_call_line(current, words, call))
            st.markdown(widgets.md(confirmed(call, words)))
            for qid, answer in call.answers.items():
                question = texts.get(qid, qid)
                st.markdown(f"*{widgets.md(question)}*  \n{widgets.md(answer)}")
            if call.notes:
                st.caption(widgets.md(call.notes))
            st.button(
                say("remove_call"), key=f"rc.remove.{call.id}", on_click=_remove, args=(call.id,)
            )
    with st.container(border=True):
        _form(current, words)


__all__ = ["calls_section"]
