"""Project page: the company profile, and where the project starts from."""

from __future__ import annotations

import streamlit as st

from erp_select import catalogue
from erp_select.app import cost_terms, files, persist, start, state, widgets
from erp_select.app.number_field import number_field, read
from erp_select.app.state import tr
from erp_select.errors import InputError
from erp_select.model import CostTerms, Project

#: A budget field's upper bound (a thousand billion euros): past it, a typing slip.
MAX_BUDGET = 1e12


def _seed_form(current: Project | None) -> None:
    company = current.company if current else None
    blank = start.blank_form()
    state.seed("pf.name", company.name if company else blank.name)
    state.seed(state.lang_key("pf.sector"), company.sector if company else blank.sector)
    state.seed("pf.users", company.erp_users if company else blank.erp_users)
    state.seed("pf.horizon", company.horizon_years if company else blank.horizon_years)
    state.seed("pf.has_budget", bool(company and company.budget is not None))
    state.seed("pf.budget", float(company.budget) if company and company.budget else 500_000.0)
    cost_terms.seed(company.costs if company else CostTerms())


def _form() -> start.CompanyForm:
    """The profile as typed; raises ``InputError`` when a number field refuses its text."""
    ss = st.session_state
    return start.CompanyForm(
        name=str(ss["pf.name"]),
        sector=str(ss[state.lang_key("pf.sector")]),
        erp_users=int(read("pf.users")),
        horizon_years=int(read("pf.horizon")),
        budget=read("pf.budget") if ss["pf.has_budget"] else None,
        costs=cost_terms.typed(),
    )


def _own_form() -> start.CompanyForm:
    """The profile a new project starts with: the form as typed, or an empty one when the
    form still holds the example's fictitious company."""
    form = _form()
    return start.blank_form() if start.is_example_company(form.name) else form


def _typed_form(*, new: bool = False) -> start.CompanyForm | None:
    """The profile as typed (``new``: for a new project), or ``None`` after queuing why a
    number field refuses its text."""
    try:
        return _own_form() if new else _form()
    except InputError as exc:
        state.flash("error", exc.lines(state.lang()))
        return None


def _company_fields() -> None:
    lang = state.lang()
    labels = {s.id: s.label.get(lang) for s in catalogue.sectors()}
    st.text_input(tr("project.company_name"), key="pf.name", max_chars=200)
    left, right = st.columns(2)
    left.selectbox(
        tr("project.sector"),
        options=list(labels),
        format_func=lambda s: labels.get(s, s),
        key=state.lang_key("pf.sector"),
        placeholder=state.choose(),
    )
    number_field(
        tr("project.erp_users"),
        min_value=1,
        max_value=100_000,
        integer=True,
        key="pf.users",
        where=right,
    )
    number_field(
        tr("project.horizon"), min_value=1, max_value=15, integer=True, key="pf.horizon", where=left
    )
    right.checkbox(tr("project.has_budget"), key="pf.has_budget")
    if st.session_state["pf.has_budget"]:
        number_field(
            tr("project.budget"),
            min_value=0.0,
            max_value=MAX_BUDGET,
            units=("€",),
            money=True,
            key="pf.budget",
            where=right,
        )
    cost_terms.fields()


def _save_profile() -> None:
    current = state.project()
    if current is None:
        return
    form = _typed_form()
    if form is None:
        return
    state.attempt(
        lambda: state.revise(
            current,
            tr("project.profile_title"),
            name=form.name or current.name,
            company=form.data([r.model_dump(mode="json") for r in current.company.must_haves]),
        ),
        tr("project.profile_title"),
        message=state.say("note.profile"),
    )


def _load_demo() -> None:
    form = _typed_form(new=True)
    if form is None:
        return
    use_preset = bool(st.session_state.get("pf.use_preset", True))
    persist.forget()
    if state.attempt(
        lambda: start.demo(form, use_preset=use_preset, source=tr("project.demo_title")),
        tr("project.demo_title"),
        message=state.say("note.demo"),
    ):
        state.flash("success", tr("project.demo_loaded"))


def _load_example() -> None:
    persist.forget()
    if state.attempt(start.example, tr("project.example_title"), message=state.say("note.example")):
        state.flash("success", tr("project.example_loaded"))


def _start_tabs(current: Project | None) -> None:
    demo, uploads, project_file, saved = st.tabs(
        [
            tr("project.tab_demo"),
            tr("project.tab_files"),
            tr("project.tab_project_file"),
            tr("project.tab_saved"),
        ]
    )
    with demo:
        st.write(tr("project.demo_help"))
        st.checkbox(tr("project.use_preset"), value=True, key="pf.use_preset")
        preset = catalogue.presets().get(str(st.session_state[state.lang_key("pf.sector")]))
        if preset is not None:
            st.caption(preset.rationale.get(state.lang()))
        st.button(tr("project.load_demo"), on_click=_load_demo, type="primary", key="pf.load_demo")
        st.divider()
        st.write(tr("project.example_help"))
        st.button(tr("project.load_example"), on_click=_load_example, key="pf.load_example")
    with uploads:
        st.write(tr("project.files_help"))
        criteria_file = widgets.uploader(
            tr("project.criteria_file"), files.TABLE_TYPES, key="pf.criteria_file"
        )
        vendor_files = widgets.uploader(
            tr("project.vendor_files"),
            files.TABLE_TYPES,
            multiple=True,
            key="pf.vendor_files",
            vendor_tables=True,
        )
        if st.button(
            tr("project.build_from_files"), disabled=not vendor_files, key="pf.build_files"
        ):
            with widgets.boundary():
                new = files.project_from_uploads(
                    _own_form(),
                    criteria_file,
                    list(vendor_files or []),
                    tr("project.tab_files"),
                )
                persist.forget()
                state.set_project(new, message=state.say("note.files"))
                state.flash("success", tr("project.files_loaded", vendors=len(new.vendors)))
                st.rerun()
    with project_file:
        st.write(tr("project.project_file_help"))
        upload = widgets.uploader(
            tr("project.project_file"), ["json", "yaml", "yml"], key="pf.project_file"
        )
        if (
            st.button(tr("project.open_project_file"), disabled=upload is None, key="pf.open_file")
            and upload
        ):
            with widgets.boundary():
                new = files.read_project_upload(upload)
                persist.forget()
                state.set_project(new, message=state.say("note.project_file", file=upload.name))
                state.flash("success", tr("project.project_loaded", name=new.name or upload.name))
                st.rerun()
    with saved:
        _saved_projects(current)


def _saved_projects(current: Project | None) -> None:
    # Saved projects are not listed: a project opens only through its private link.
    st.write(tr("project.saved_help"))
    link = st.text_input(tr("project.saved_link"), key="pf.saved_link", max_chars=2000)
    if (
        st.button(tr("project.open_saved"), disabled=not link.strip(), key="pf.open_saved")
        and link.strip()
    ):
        with widgets.boundary():
            new = persist.open_link(link)
            st.session_state[state.PROJECT] = new
            st.session_state[state.VERSION] = state.version() + 1
            state.flash("success", tr("project.project_loaded", name=new.name or "—"))
            st.rerun()


def main() -> None:
    """Draw the project page."""
    st.title(tr("project.title"))
    widgets.show_flashes()
    current = state.project()
    _seed_form(current)
    st.subheader(tr("project.profile_title"))
    _company_fields()
    if current is not None:
        st.button(tr("project.save_profile"), on_click=_save_profile, type="primary", key="pf.save")
        st.divider()
        with st.expander(tr("project.start_again")):
            st.caption(tr("project.start_again_help"))
            _start_tabs(current)
    else:
        st.divider()
        st.subheader(tr("project.start_title"))
        _start_tabs(current)


main()
