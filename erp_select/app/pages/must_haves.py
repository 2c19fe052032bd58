"""Must-haves page: knock-out rules, and who is kept or excluded, why, and the near misses."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import TypeAdapter

from erp_select.app import compute, paging, state, widgets
from erp_select.app.fact_editor import FactWords
from erp_select.app.number_field import number_field, read, read_free
from erp_select.app.state import tr
from erp_select.errors import InputError
from erp_select.i18n import fmt_money, fmt_number, t
from erp_select.model import Project
from erp_select.model.rules import Rule
from erp_select.pipeline import Analysis
from erp_select.screen import describe_rule, explain_failure, screening_warnings
from erp_select.words import Words

RULE: TypeAdapter[Rule] = TypeAdapter(Rule)
KINDS = ("fact", "criterion", "budget", "sector")
FACT_OPS = (">=", "<=", ">", "<", "==", "!=", "contains", "not_contains", "is_true", "is_false")
NUMERIC_OPS = (">=", "<=", ">", "<")
PROFILE_FIELDS = (
    "deployment",
    "licence_model",
    "company_sizes",
    "sectors",
    "vertical",
    "editions",
    "name",
    "product",
)


def _save_rules(current: Project, rules: list[dict[str, Any]], message: str) -> bool:
    source = tr("must.rules_title")
    company = current.company.model_dump(mode="json")
    company["must_haves"] = rules
    return state.attempt(
        lambda: state.revise(current, source, company=company), source, message=message
    )


def _remove(index: int) -> None:
    current = state.project()
    if current is None:
        return
    rules = [r.model_dump(mode="json") for r in current.company.must_haves]
    if 0 <= index < len(rules):
        del rules[index]
        gone = Words(state.lang(), current.criteria).rule(current.company.must_haves[index])
        _save_rules(current, rules, state.say("note.rule_removed", rule=gone))


def _add() -> None:
    current = state.project()
    if current is None:
        return
    ss = st.session_state
    kind = str(ss["mh.kind"])
    value: Any = None
    try:
        near = read("mh.near", 10.0) / 100 if kind != "sector" else 0.0
        number = read("mh.number", 0.0) if kind == "criterion" else 0.0
        tolerance = read("mh.tolerance", 0.0) / 100 if kind == "budget" else 0.0
        if kind == "fact" and str(ss["mh.op"]) not in ("is_true", "is_false"):
            value = read_free(str(ss.get("mh.value", "")), tr("must.value"), state.lang())
    except InputError as exc:
        state.flash("error", exc.lines(state.lang()))
        return
    rule: dict[str, Any] = {"kind": kind}
    if kind == "fact":
        op = str(ss["mh.op"])
        if isinstance(value, list):
            value = "|".join(value)
        fact = str(ss["mh.fact"])
        if isinstance(value, str):  # a level as the pages show it ("sur site") → its key
            words = FactWords(state.lang(), Words(state.lang(), current.criteria), [fact])
            value = words.value_key(fact, value)
        rule.update(fact=fact, op=op, value=value, near_miss=near)
    elif kind == "criterion":
        rule.update(
            criterion=str(ss[state.lang_key("mh.criterion")]),
            op=str(ss["mh.cop"]),
            value=number,
            near_miss=near,
        )
    elif kind == "budget":
        rule.update(tolerance=tolerance, near_miss=near)
    rules = [r.model_dump(mode="json") for r in current.company.must_haves]
    if _save_rules(current, [*rules, rule], _added_note(current, rule)):
        state.flash("success", tr("must.added"))


def _added_note(current: Project, rule: dict[str, Any]) -> str:
    """The version note of an added rule: the rule in words (a refused rule saves nothing)."""
    try:
        text = Words(state.lang(), current.criteria).rule(RULE.validate_python(rule))
    except ValueError:
        text = tr(f"must.kind_{rule.get('kind')}")
    return state.say("note.rule_added", rule=text)


def _rules(current: Project, lang: str) -> None:
    st.subheader(tr("must.rules_title"))
    rules = current.company.must_haves
    if not rules:
        st.caption(tr("must.no_rules"))
    for i, rule in enumerate(rules):
        # 2 : 1 leaves the button room for its whole label ("Retirer", "Remove") in the
        # half-width column of the rules, down to a 1000 px wide window.
        text, button = st.columns([2, 1], vertical_alignment="center")
        text.markdown(f"{i + 1}. {describe_rule(rule, lang, current.criteria)}")
        button.button(
            tr("must.remove"),
            key=f"mh.remove.{i}.{state.version()}",
            on_click=_remove,
            args=(i,),
            help=tr("must.remove_help", n=i + 1),
        )


def _fact_ids(current: Project) -> list[str]:
    seen = dict.fromkeys(PROFILE_FIELDS)
    for v in current.expanded().vendors:
        seen.update(dict.fromkeys(sorted(v.facts)))
    return list(seen)


def _in_reading_order(ids: list[str], label: Callable[[str], str]) -> list[str]:
    """The profile fields first, then the facts in the alphabetical order of their names."""
    profile = [i for i in ids if i in PROFILE_FIELDS]
    facts = [i for i in ids if i not in PROFILE_FIELDS]
    return [*profile, *sorted(facts, key=lambda i: _dictionary_key(label(i)))]


def _dictionary_key(text: str) -> str:
    """Accents off and case folded, the way a dictionary orders words."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c))


def _editor(current: Project, lang: str) -> None:
    st.subheader(tr("must.add_title"))
    kinds = {k: tr(f"must.kind_{k}") for k in KINDS}
    ops = {o: tr(f"must.ops.{o}") for o in FACT_OPS}
    kind = st.radio(
        tr("must.kind"),
        options=list(KINDS),
        format_func=kinds.__getitem__,
        horizontal=True,
        key="mh.kind",
    )
    with st.form("mh.form", clear_on_submit=False, border=True):
        if kind == "fact":
            ids = _fact_ids(current)
            names = FactWords(lang, Words(lang, current.criteria), ids)
            ids = _in_reading_order(ids, names.field)
            st.selectbox(
                tr("must.fact"),
                options=ids,
                format_func=names.field,
                key="mh.fact",
                placeholder=state.choose(),
            )
            st.selectbox(
                tr("must.op"),
                options=list(FACT_OPS),
                format_func=ops.__getitem__,
                key="mh.op",
                placeholder=state.choose(),
            )
            st.text_input(tr("must.value"), key="mh.value", help=tr("must.value_help"))
        elif kind == "criterion":
            leaves = {c.id: c.label.get(lang) for c in current.criteria.leaves()}
            st.selectbox(
                tr("must.criterion"),
                options=list(leaves),
                format_func=leaves.__getitem__,
                key=state.lang_key("mh.criterion"),
                placeholder=state.choose(),
            )
            st.selectbox(
                tr("must.op"),
                options=list(NUMERIC_OPS),
                format_func=ops.__getitem__,
                key="mh.cop",
                placeholder=state.choose(),
            )
            number_field(tr("must.threshold"), value=0.0, key="mh.number")
        elif kind == "budget":
            if current.company.budget is None:
                st.info(tr("must.no_budget"))
            number_field(
                tr("must.tolerance"),
                min_value=0.0,
                max_value=100.0,
                value=0.0,
                units=("%",),
                key="mh.tolerance",
            )
        else:
            st.caption(tr("must.sector_help"))
        if kind != "sector":
            number_field(
                tr("must.near_miss"),
                min_value=0.0,
                max_value=100.0,
                value=10.0,
                units=("%",),
                key="mh.near",
                help=tr("must.near_miss_help"),
            )
        st.form_submit_button(tr("must.add"), on_click=_add, type="primary", key="mh.add")


def _names_in_words(
    ids: list[str], names: dict[str, str], lang: str, whole: str, capped: str
) -> str:
    """``whole`` naming every vendor of ``ids``; past a page of them, ``capped`` naming the
    first page's and saying where the rest is."""
    cap = paging.PAGE_ROWS
    listed = ", ".join(widgets.md(names.get(v, v)) for v in ids[:cap])
    if len(ids) <= cap:
        return t(whole, lang, n=len(ids), vendors=listed)
    count = fmt_number(len(ids), lang, 0)
    return t(capped, lang, n=count, shown=fmt_number(cap, lang, 0), vendors=listed)


def _outcome(current: Project, result: Analysis, lang: str) -> None:
    st.subheader(tr("must.outcome_title"))
    screening = result.screening
    names = result.names()  # « Vendor — Offer » for an offer or a pair
    if screening.kept:
        kept = list(screening.kept)
        # a vendor's offers are counted one by one: say options, not vendors
        options = bool(result.alternatives)
        whole = "offers.must.kept" if options else "app.must.kept"
        capped = "longlist2.kept_many_options" if options else "longlist2.kept_many"
        st.success(_names_in_words(kept, names, lang, whole, capped))
    else:  # never a green "0 vendors kept": say which rule empties the list
        for warning in screening_warnings(
            screening, lang, current.criteria, alternatives=bool(result.alternatives)
        ):
            st.warning(widgets.md(warning))
    if not screening.excluded:
        st.caption(tr("must.none_excluded"))
        return
    near = set(screening.near_misses())
    if near:
        close = [v for v in screening.excluded if v in near]
        st.warning(
            _names_in_words(close, names, lang, "app.must.near_misses", "longlist2.near_many")
        )
    # a long list: one page of excluded vendors at a time (their reasons written for it only)
    excluded = list(screening.excluded)
    label = t("longlist2.excluded_page", lang)
    rows = []
    for i in paging.pick_page(len(excluded), lang, "mh.excluded", label):
        vid = excluded[i]
        reasons = [explain_failure(o, lang, current.criteria) for o in screening.failures(vid)]
        rows.append(
            {
                tr("must.col.vendor"): names.get(vid, vid),
                tr("must.col.near"): tr("common.yes") if vid in near else "",
                tr("must.col.reasons"): "\n".join(reasons),
            }
        )
    widgets.table(pd.DataFrame(rows))


def main() -> None:
    """Draw the must-haves page."""
    current = widgets.open_page("must.title")
    if current is None:
        return
    lang = state.lang()
    with widgets.boundary():
        st.caption(tr("must.intro"))
        left, right = st.columns([1, 1], gap="large")
        with left:
            _rules(current, lang)
            _editor(current, lang)
        with right:
            result = compute.analysis()
            if result is not None:
                _outcome(current, result, lang)
                budget = current.company.budget
                if budget is not None:
                    st.caption(tr("must.budget_is", budget=fmt_money(budget, lang)))


main()
