"""The frame around every page: restore the project, the sidebar, and the page list."""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from functools import partial
from typing import Any

import streamlit as st

from erp_select.app import files, persist, seats, start, state, widgets
from erp_select.app.state import tr
from erp_select.errors import InputError
from erp_select.i18n import t
from erp_select.model import Project

PAGES_DIR = "erp_select/app/pages"


@dataclass(frozen=True)
class PageSpec:
    """One page of the journey: its file, catalogue key and icon."""

    name: str
    icon: str

    @property
    def path(self) -> str:
        """The page script, relative to ``app.py``."""
        return f"{PAGES_DIR}/{self.name}.py"


JOURNEY: tuple[PageSpec, ...] = (
    PageSpec("project", ":material/home_work:"),
    PageSpec("vendors", ":material/storefront:"),
    PageSpec("requirements", ":material/checklist:"),
    PageSpec("criteria", ":material/balance:"),
    PageSpec("must_haves", ":material/rule:"),
    PageSpec("ranking", ":material/leaderboard:"),
    PageSpec("sensitivity", ":material/query_stats:"),
    PageSpec("history", ":material/history:"),
)
REPORT = PageSpec("report", ":material/description:")
WORKSHOP = PageSpec("workshop", ":material/groups:")
JOIN = PageSpec("join", ":material/how_to_reg:")
#: Pages that work without a current project (a participant has none).
NO_PROJECT_NEEDED = frozenset({"project", "join"})


def report_available() -> bool:
    """True when the report module and its page exist; otherwise the page is not listed."""
    try:
        found = importlib.util.find_spec("erp_select.report.compute") is not None
    except ModuleNotFoundError:
        found = False
    return found and importlib.util.find_spec("erp_select.app.pages.report") is not None


def pages() -> list[PageSpec]:
    """Return the pages to list, in journey order, then the workshop pages."""
    journey = [*JOURNEY, REPORT] if report_available() else list(JOURNEY)
    return [*journey, WORKSHOP, JOIN]


def restore() -> None:
    """On a fresh session, reopen the saved project and workshop seat named in the URL."""
    seats.restore()
    if state.project() is not None:
        persist.retry_pending()
        return
    try:
        saved = persist.restore_from_url()
        if saved is None:
            saved = _facilitator_project()
    except InputError as exc:
        state.flash("error", [tr("persist.cannot_restore"), *exc.lines(state.lang())])
        return
    if saved is None and _start_on_demo():
        saved = start.example()
    if saved is not None:
        st.session_state[state.PROJECT] = saved
        st.session_state[state.VERSION] = state.version() + 1


def _facilitator_project() -> Project | None:
    """The project of the workshop whose facilitator this visitor is (opened by their link).

    ``None`` when the visitor runs no workshop or the database is not reachable yet.
    """
    token = seats.facilitator_token()
    if token is None or persist.store() is None:
        return None
    try:
        found = seats.info(token)
        if found.role != "facilitator":
            return None
        return persist.open_project(found.project_id)
    except InputError:  # a stale token: the workshop page says so, not every page
        return None


def _start_on_demo() -> bool:
    """A first visit (no project or workshop link) opens the example project, unless told
    otherwise.

    ``ERP_SELECT_START=empty`` starts with no project. The example is not saved until the
    visitor changes something, so merely opening the app writes nothing.
    """
    if os.environ.get("ERP_SELECT_START", "demo").strip().lower() == "empty":
        return False
    return not seats.url_params() and st.query_params.get(persist.QUERY_KEY) is None


def sync_url() -> None:
    """Keep the project's key, workshop tokens and language in the address (links drop them)."""
    wanted: dict[str, str] = {"lang": state.lang(), **seats.url_params()}
    project_key = persist.current_key()
    if project_key is not None:
        wanted[persist.QUERY_KEY] = project_key
    for key, value in wanted.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value


def sidebar() -> None:
    """Draw the language switch and the current project's summary and file download."""
    widgets.language_switch()
    current = state.project()
    with st.sidebar:
        if current is None:
            if persist.waiting():
                st.warning(t("recover.waiting", state.lang()), icon=":material/sync_problem:")
            else:
                st.caption(tr("sidebar.no_project"))
            return
        name = current.name or current.company.name or tr("sidebar.untitled")
        st.markdown(f"**{widgets.md(name)}**")
        st.caption(
            tr(
                "sidebar.summary",
                vendors=len(current.vendors),
                criteria=len(current.criteria.leaves()),
                method=current.method,
            )
        )
        if persist.pending():
            st.warning(t("recover.pending", state.lang()), icon=":material/sync_problem:")
        elif persist.current_key() is not None:
            st.caption(tr("sidebar.saved"))
        st.download_button(
            tr("sidebar.download_project"),
            data=partial(files.project_bytes, current),
            file_name=files.project_file_name(current),
            mime="application/json",
            width="stretch",
            on_click="ignore",
        )


def navigation() -> Any:
    """Build the translated page list and return the page to run."""
    entries = [
        st.Page(spec.path, title=tr(f"nav.{spec.name}"), icon=spec.icon, default=i == 0)
        for i, spec in enumerate(pages())
    ]
    journey = [e for e, spec in zip(entries, pages(), strict=True) if spec not in (WORKSHOP, JOIN)]
    together = [e for e, spec in zip(entries, pages(), strict=True) if spec in (WORKSHOP, JOIN)]
    return st.navigation({tr("nav.section_journey"): journey, tr("nav.section_workshop"): together})
