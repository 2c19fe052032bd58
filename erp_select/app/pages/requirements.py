"""Requirements page: sector templates, the vendor questionnaire, requirement fit and evidence."""

from __future__ import annotations

from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from erp_select import catalogue
from erp_select.app import compute, state, widgets
from erp_select.app import requirements_view as rv
from erp_select.app.requirements_view import txt
from erp_select.errors import InputError
from erp_select.i18n import fmt_number, t
from erp_select.io.answers import vendors_with_answers
from erp_select.io.questionnaire import (
    export_questionnaire,
    import_questionnaire,
    read_requirements_bytes,
    sector_template,
    template_sectors,
)
from erp_select.model import PRIORITIES, Priority, Project, RequirementsRule, VendorProfile
from erp_select.pipeline import Analysis
from erp_select.screen import explain_failure

#: Priorities shown in the roll-up (Won't requirements weigh nothing).
SHOWN_PRIORITIES: tuple[Priority, ...] = ("must", "should", "could")


def _lang() -> str:
    return state.lang()


def _say(key: str, /, **params: Any) -> str:
    return txt(key, _lang(), **params)


def _priority_label(priority: str) -> str:
    return t(f"requirements.priority.{priority}", _lang())


def _save_requirements(
    current: Project, data: list[dict[str, Any]], source: str, note: str
) -> bool:
    return state.attempt(
        lambda: state.revise(current, source, requirements=data), source, message=note
    )


# ------------------------------------------------------------------------------ templates


def _sector_labels() -> dict[str, str]:
    lang = _lang()
    labels = {s.id: s.label.get(lang) for s in catalogue.sectors()}
    return {s: labels.get(s, s) for s in template_sectors()}


def _load_template() -> None:
    current = state.project()
    if current is None:
        return
    sector = str(st.session_state.get(state.lang_key("rq.sector")) or "")
    source = _say("template_title")
    try:
        template = sector_template(sector)
    except InputError as exc:
        state.flash("error", exc.lines(_lang()))
        return
    data = [r.model_dump(mode="json") for r in template.requirements]
    if _save_requirements(
        current,
        data,
        source,
        state.say("note.requirements_template", sector=_sector_labels()[sector]),
    ):
        state.flash(
            "success", _say("template_loaded", n=len(data), sector=_sector_labels()[sector])
        )


def _templates(current: Project) -> None:
    st.subheader(_say("template_title"))
    st.caption(_say("template_help"))
    labels = _sector_labels()
    if state.lang_key("rq.sector") not in st.session_state and current.company.sector in labels:
        st.session_state[state.lang_key("rq.sector")] = current.company.sector
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    left.selectbox(
        _say("sector"),
        options=list(labels),
        format_func=labels.__getitem__,
        key=state.lang_key("rq.sector"),
        placeholder=state.choose(),
    )
    right.button(_say("load_template"), on_click=_load_template, key="rq.load_template")
    if current.requirements:
        st.caption(_say("replace_warning", n=len(current.requirements)))
    upload = widgets.uploader(_say("requirements_file"), ["yaml", "yml", "json"], key="rq.req_file")
    if st.button(_say("requirements_apply"), disabled=upload is None, key="rq.req_apply"):
        assert upload is not None
        try:
            loaded = read_requirements_bytes(upload.getvalue(), upload.name)
            data = [r.model_dump(mode="json") for r in loaded.requirements]
            updated = state.revise(current, upload.name, requirements=data)
        except InputError as exc:
            widgets.show_errors([_say("file_refused"), *exc.lines(_lang())])
            return
        state.set_project(updated, message=state.say("note.requirements_file", file=upload.name))
        state.flash("success", _say("file_loaded", n=len(data), file=upload.name))
        st.rerun()


# ------------------------------------------------------------------------- the table


def _headers() -> dict[str, str]:
    return {key: _say(f"col.{key}") for key in rv.EDIT_COLUMNS}


def _apply_edits(current: Project, base: pd.DataFrame, delta: dict[str, Any]) -> None:
    """Validate the edited table through the model; replace the requirements if valid."""
    lang = _lang()
    source = _say("table_title")
    try:
        frame = rv.apply_delta(base, delta)
        new = rv.edited_requirements(current.requirements, frame, lang, source, _headers())
        data = [r.model_dump(mode="json") for r in new]
        updated = state.revise(current, source, requirements=data)
    except InputError as exc:
        widgets.show_errors([_say("edit_refused"), *exc.lines(lang)])
        return
    state.set_project(updated, message=state.say("note.requirements_edited"))
    state.flash("success", _say("table_saved", n=len(data)))
    st.rerun()


def _table(current: Project) -> None:
    st.subheader(_say("table_title"))
    st.caption(_say("table_help"))
    lang = _lang()
    base = rv.requirements_frame(current.requirements, lang)
    headers = _headers()
    processes = rv.known_processes(current.requirements)
    key = f"rq.table.{state.version()}.{lang}"
    st.data_editor(
        base,
        key=key,
        num_rows="dynamic",
        width="stretch",
        hide_index=True,
        column_config={
            "id": st.column_config.TextColumn(headers["id"], required=True),
            "process": st.column_config.SelectboxColumn(
                headers["process"],
                options=processes,
                format_func=lambda p: rv.process_label(str(p), lang),
                required=True,
            ),
            "text": st.column_config.TextColumn(headers["text"], width="large", required=True),
            "priority": st.column_config.SelectboxColumn(
                headers["priority"],
                options=list(PRIORITIES),
                format_func=lambda p: _priority_label(str(p)),
                required=True,
            ),
            "locked": st.column_config.CheckboxColumn(
                headers["locked"], disabled=True, help=_say("locked_help")
            ),
        },
    )
    delta = st.session_state.get(key)
    if rv.has_changes(delta):
        assert isinstance(delta, dict)
        _apply_edits(current, base, delta)


# ---------------------------------------------------------------------- questionnaire


def _questionnaire(current: Project) -> None:
    st.subheader(_say("questionnaire_title"))
    st.caption(_say("questionnaire_help"))
    lang = _lang()
    names = {v.id: v.name for v in current.vendors}
    picked = st.selectbox(
        _say("vendor"),
        options=list(names),
        format_func=names.__getitem__,
        key="rq.vendor",
        placeholder=state.choose(),
    )
    if picked is None:
        return
    vendor = current.vendor(str(picked))
    st.download_button(
        _say("download", vendor=widgets.md(vendor.name)),
        data=partial(export_questionnaire, current.requirements, vendor, lang),
        file_name=f"questionnaire-{vendor.id}-{lang}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        key="rq.download",
    )
    upload = widgets.uploader(
        _say("answers_file", vendor=widgets.md(vendor.name)), ["xlsx"], key="rq.answers_file"
    )
    if st.button(_say("answers_apply"), disabled=upload is None, key="rq.answers_apply"):
        assert upload is not None
        _store_answers(current, vendor, upload.getvalue(), upload.name)


def _store_answers(current: Project, vendor: VendorProfile, data: bytes, name: str) -> None:
    """Read a filled questionnaire and store its answers on ``vendor``; all or nothing."""
    lang = _lang()
    source = _say("questionnaire_title")
    try:
        imported = import_questionnaire(data, name, current.requirements)
        vendors = vendors_with_answers(current, vendor.id, imported)
        updated = state.revise(current, source, vendors=vendors)
    except InputError as exc:
        widgets.show_errors([_say("answers_refused", file=name), *exc.lines(lang)])
        return
    state.set_project(updated, message=state.say("note.questionnaire", vendor=vendor.name))
    state.flash("success", _say("answers_stored", n=len(imported), vendor=vendor.name))
    st.rerun()


# ---------------------------------------------------------------------------- roll-up


def _rollup(current: Project, result: Analysis) -> None:
    st.subheader(_say("rollup_title"))
    st.caption(_say("rollup_help"))
    lang = _lang()
    perf = result.performance
    spec = rv.requirements_spec(current)
    fit_col = _say("col.fit")
    rows = []
    for v in result.project.vendors:  # one row per ranked alternative (offer, integrator)
        fit = perf.requirements.get(v.id)
        if fit is None:
            continue
        by_priority = rv.priority_coverage(fit, spec)
        breakdown = perf.tco.get(v.id)
        days = breakdown.customisation_days if breakdown is not None else None
        cost = breakdown.components.get("customisation") if breakdown is not None else None
        musts = rv.unsupported_musts(fit)
        row: dict[str, Any] = {
            _say("col.vendor"): v.name,
            _say("col.answered"): f"{fit.answered} / {fit.in_scope}",
            fit_col: rv.percent(fit.coverage, lang),
            _say("col.fit_range"): (
                _say(
                    "range",
                    low=fmt_number(fit.low, lang, 1),
                    high=fmt_number(fit.high, lang, 1),
                )
                if fit.low is not None and fit.high is not None
                else "—"
            ),
        }
        for p in SHOWN_PRIORITIES:
            row[_say("col.priority_cover", priority=_priority_label(p))] = rv.percent(
                by_priority[p], lang
            )
        row[_say("col.days")] = fmt_number(days.likely, lang, 1) if days is not None else "—"
        row[_say("col.cost")] = (
            rv.money_range(cost.low, cost.likely, cost.high, lang)
            if days is not None and cost is not None
            else "—"
        )
        row[_say("col.musts_unsupported")] = (
            "; ".join(f"{r.id} — {r.text.get(lang)}" for r in musts) if musts else ""
        )
        rows.append(row)
    if not rows:
        return
    frame = pd.DataFrame(rows)
    config: dict[str, Any] = {}
    config[_say("col.musts_unsupported")] = st.column_config.TextColumn(width="large")
    widgets.table(frame, column_config=config)
    missing = [widgets.md(v.name) for v in current.vendors if not v.answers]
    if missing:
        st.caption(_say("no_answers", vendors=", ".join(missing)))


# ------------------------------------------------------------------------- the Must rule


def _on_must_rule() -> None:
    current = state.project()
    if current is None:
        return
    on = bool(st.session_state.get("rq.must_rule"))
    unanswered = bool(st.session_state.get("rq.must_unanswered"))
    rule = rv.must_rule(current.company.must_haves)
    if (rule is not None) == on and (rule is None or (rule.unanswered == "fail") == unanswered):
        return
    source = _say("must_title")
    company = current.company.model_dump(mode="json")
    company["must_haves"] = rv.with_must_rule(current.company.must_haves, on, unanswered)
    if state.attempt(
        lambda: state.revise(current, source, company=company),
        source,
        message=state.say("note.must_requirements_" + ("on" if on else "off")),
        resync=("rq.must_rule", "rq.must_unanswered"),
    ):
        state.flash("success", _say("must_on" if on else "must_off"))


def _must(current: Project, result: Analysis) -> None:
    st.subheader(_say("must_title"))
    rule = rv.must_rule(current.company.must_haves)
    state.seed("rq.must_rule", rule is not None)
    state.seed("rq.must_unanswered", rule is not None and rule.unanswered == "fail")
    st.toggle(
        _say("must_toggle"),
        key="rq.must_rule",
        on_change=_on_must_rule,
        help=_say("must_toggle_help"),
    )
    st.checkbox(
        _say("must_unanswered"),
        key="rq.must_unanswered",
        on_change=_on_must_rule,
        disabled=rule is None,
    )
    if rule is None:
        return
    lang = _lang()
    names = result.names()
    lines = []
    for vid in result.screening.excluded:
        for outcome in result.screening.failures(vid):
            if isinstance(outcome.rule, RequirementsRule):
                reason = explain_failure(outcome, lang, current.criteria)
                lines.append(_say("must_excluded", vendor=names.get(vid, vid), reason=reason))
    if lines:
        widgets.show_errors(lines, kind="warning")
    else:
        st.success(_say("must_none_excluded"))


# ---------------------------------------------------------------------------- evidence


def _evidence(current: Project, result: Analysis) -> None:
    st.subheader(_say("evidence_title"))
    st.caption(_say("evidence_help"))
    lang = _lang()
    rows = rv.claims_rows(result.project, result.performance, compute.labels(current, lang), lang)
    if not rows:
        st.success(_say("evidence_none"))
        return
    vendors_with = sorted({r[_say("col.vendor")] for r in rows})
    st.caption(_say("evidence_count", n=len(rows), vendors=len(vendors_with)))
    widgets.table(pd.DataFrame(rows))


def main() -> None:
    """Draw the requirements page."""
    st.title(_say("title"))
    widgets.show_flashes()
    current = widgets.require_project()
    if current is None:
        return
    with widgets.boundary():
        st.caption(_say("intro"))
        _templates(current)
        if not current.requirements:
            st.info(_say("no_requirements"))
        else:
            _table(current)
            _questionnaire(current)
        result = compute.analysis()
        if result is None:
            return
        if current.requirements:
            _rollup(current, result)
            _must(current, result)
        _evidence(current, result)


main()
