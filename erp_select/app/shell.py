"""The frame around every page: restore the project, the sidebar, and the page list."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import partial
from typing import Any

import streamlit as st

from erp_select.app import author, cookies, files, persist, seats, start, state, widgets
from erp_select.app.state import say, tr
from erp_select.errors import InputError
from erp_select.i18n import t
from erp_select.model import Project
from erp_select.settings import load_settings
from erp_select.words import Words

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
    PageSpec("demos", ":material/slideshow:"),
    PageSpec("history", ":material/history:"),
)
REPORT = PageSpec("report", ":material/description:")
WORKSHOP = PageSpec("workshop", ":material/groups:")
ROOM = PageSpec("room", ":material/co_present:")
JOIN = PageSpec("join", ":material/how_to_reg:")
#: Pages that work without a current project (a participant has none).
NO_PROJECT_NEEDED = frozenset({"project", "room", "join"})


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
    return [*journey, WORKSHOP, ROOM, JOIN]


def restore() -> None:
    """On a fresh session, reopen the saved project and workshop seat (arrival link or cookie)."""
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
        persist.keep_example_base(saved)
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
    if load_settings().start == "empty":
        return False
    if st.session_state.get(OWN_PROJECT) or cookies.read(cookies.START) == "own":
        return False
    return not seats.arriving() and not persist.arriving()


#: Query names that carry a secret: never left in the address bar.
PRIVATE_PARAMS = (persist.QUERY_KEY, seats.FACILITATOR_PARAM, seats.SEAT_PARAM)


def sync_url() -> None:
    """Keep only the language in the address: keys and tokens live in cookies (ASVS 3.1.1)."""
    for name in PRIVATE_PARAMS:
        if name in st.query_params:
            del st.query_params[name]
    if st.query_params.get("lang") != state.lang():
        st.query_params["lang"] = state.lang()


def base_url() -> str:
    """The app's root address in the visitor's browser (``https://host/``), no query."""
    from urllib.parse import urlsplit

    raw = st.context.url or ""
    parts = urlsplit(raw)
    if not parts.scheme or not parts.netloc:
        return "/"
    segments = parts.path.split("/")
    if segments[-1] in {p.name for p in pages()}:
        segments[-1] = ""
    path = "/".join(segments)
    path = path if path.endswith("/") else path + "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


def _share() -> None:
    with st.sidebar:
        if st.button(seats.tr_room("share"), key="sb.share", help=seats.tr_room("share_help")):
            try:
                link = persist.share_link(base_url())
            except InputError as exc:
                st.error("\n".join(exc.lines(state.lang())))
                return
            st.code(link, language=None, wrap_lines=True)
            st.caption(seats.tr_room("share_caption"))


def sidebar(page: Any = None) -> None:
    """Draw the language switch and the current project's summary and file download.

    On the room screen (``page``), the share button is left out: the wall shows no key.
    """
    widgets.language_switch()
    current = state.project()
    with st.sidebar:
        if getattr(page, "url_path", "") not in (ROOM.name, JOIN.name):
            author.field()  # the name that signs this visitor's changes, asked once
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
                method=Words(state.lang()).method(current.method),
            )
        )
        if persist.pending():
            st.warning(t("recover.pending", state.lang()), icon=":material/sync_problem:")
        elif persist.current_id() is not None:
            st.caption(tr("sidebar.saved"))
        st.download_button(
            tr("sidebar.download_project"),
            data=partial(files.project_bytes, current),
            file_name=files.project_file_name(current),
            mime="application/json",
            width="stretch",
            on_click="ignore",
        )
    if persist.current_id() is not None and getattr(page, "url_path", "") != ROOM.name:
        _share()


#: Set when the visitor closed the example: the example is not opened again by itself.
OWN_PROJECT = "_own_project"


def _start_own() -> None:
    """Close the example: no current project, nothing kept, the profile form empty."""
    st.session_state[OWN_PROJECT] = True
    cookies.write(cookies.START, "own")
    persist.forget()
    st.session_state.pop(state.PROJECT, None)
    st.session_state[state.VERSION] = state.version() + 1


def frame(page: Any = None) -> None:
    """What every page shows above its own content: our words in Streamlit's upload boxes,
    and the example banner."""
    widgets.upload_style()
    example_banner(page)


def example_banner(page: Any = None) -> None:
    """On every page of the example project, say it is an example and offer to start one's own.

    Not on the workshop pages a participant or the wall sees (they show no project).
    """
    current = state.project()
    if current is None or getattr(page, "url_path", "") in (ROOM.name, JOIN.name):
        return
    if not start.is_example(current):
        return
    text, button = st.columns([3, 1], vertical_alignment="center")
    text.info(
        widgets.md(say("example.banner", company=current.company.name)), icon=":material/info:"
    )
    if button.button(say("example.own"), key="ex.own", help=say("example.own_help")):
        _start_own()
        st.switch_page(f"{PAGES_DIR}/project.py")


def navigation() -> Any:
    """Build the translated page list and return the page to run."""
    entries = [
        st.Page(
            spec.path,
            title=seats.tr_room("nav") if spec == ROOM else tr(f"nav.{spec.name}"),
            icon=spec.icon,
            default=i == 0,
        )
        for i, spec in enumerate(pages())
    ]
    shared = (WORKSHOP, ROOM, JOIN)
    journey = [e for e, spec in zip(entries, pages(), strict=True) if spec not in shared]
    together = [e for e, spec in zip(entries, pages(), strict=True) if spec in shared]
    # Always whole: past twelve pages Streamlit folds the menu behind an English « View more ».
    return st.navigation(
        {tr("nav.section_journey"): journey, tr("nav.section_workshop"): together}, expanded=True
    )
