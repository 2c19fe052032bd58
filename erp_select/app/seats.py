"""A visitor's part in live workshops: private tokens (session and URL only), store calls."""

from __future__ import annotations

import streamlit as st

from erp_select.app import persist
from erp_select.errors import InputError, Problem
from erp_select.i18n import t
from erp_select.model import Project
from erp_select.store import projects as store_projects
from erp_select.store import workshops as store_workshops
from erp_select.store.db import Store
from erp_select.store.workshops import WorkshopInfo

#: URL query names: the facilitator's private link and a participant's seat.
FACILITATOR_PARAM = "workshop"
SEAT_PARAM = "seat"
FACILITATOR = "_ws_facilitator_token"
JOIN_CODE = "_ws_join_code"
SEAT = "_ws_participant_token"
RESTORED = "_ws_restored"


def db() -> Store:
    """Return the store, or raise a located error when this server has none.

    Raises
    ------
    InputError
        When no database is available (workshops live in the database).
    """
    found = persist.store()
    if found is None:
        raise InputError([Problem(rule="generic", params={"message": _no_store()})])
    return found


def _no_store() -> str:
    from erp_select.app.state import lang, tr

    if persist.configured():  # a database is configured but does not answer (yet)
        return t("recover.db_unavailable", lang())
    return tr("persist.no_store")


def restore() -> None:
    """On a fresh session, take the facilitator's or participant's token from the URL."""
    if st.session_state.get(RESTORED):
        return
    st.session_state[RESTORED] = True
    for param, key in ((FACILITATOR_PARAM, FACILITATOR), (SEAT_PARAM, SEAT)):
        raw = st.query_params.get(param)
        if raw and key not in st.session_state:
            st.session_state[key] = raw


def url_params() -> dict[str, str]:
    """The tokens this visitor keeps in the address (so a reload keeps their place)."""
    out: dict[str, str] = {}
    if token := facilitator_token():
        out[FACILITATOR_PARAM] = token
    if token := seat_token():
        out[SEAT_PARAM] = token
    return out


def facilitator_token() -> str | None:
    """The visitor's facilitator token, if they run a workshop."""
    value = st.session_state.get(FACILITATOR)
    return value if isinstance(value, str) and value else None


def seat_token() -> str | None:
    """The visitor's participant token, if they joined a workshop."""
    value = st.session_state.get(SEAT)
    return value if isinstance(value, str) and value else None


def join_code() -> str | None:
    """The join code shown when this visitor opened the workshop (not kept by the store)."""
    value = st.session_state.get(JOIN_CODE)
    return value if isinstance(value, str) else None


def client_key() -> str:
    """The visitor's network address, used to rate-limit wrong join codes.

    A page reload keeps it (a per-session key did not). A direct connection gives its
    address; a connection from this host (the reverse proxy of docs/deployment.md) gives
    the ``X-Real-IP`` header the proxy sets, which a remote visitor cannot forge through it.
    """
    address = st.context.ip_address
    if isinstance(address, str) and address:
        return f"ip:{address}"
    forwarded = st.context.headers.get("X-Real-IP")
    if isinstance(forwarded, str) and forwarded.strip():
        return f"ip:{forwarded.strip()}"
    return "ip:local"


def leave(role: str) -> None:
    """Forget the visitor's token for ``role`` (``facilitator`` or ``participant``)."""
    keys: tuple[str, ...]
    if role == "facilitator":
        keys, param = (FACILITATOR, JOIN_CODE), FACILITATOR_PARAM
    else:
        keys, param = (SEAT,), SEAT_PARAM
    for key in keys:
        st.session_state.pop(key, None)
    if param in st.query_params:
        del st.query_params[param]


def open_for_current(
    project_id: int, facilitator: str, title: str, hide_names: bool
) -> store_workshops.FacilitatorAccess:
    """Open a workshop on the visitor's saved project and keep its secrets in the session."""
    access = store_workshops.open_workshop(
        db(), project_id, facilitator=facilitator, title=title, hide_names=hide_names
    )
    st.session_state[FACILITATOR] = access.facilitator_token
    st.session_state[JOIN_CODE] = access.join_code
    st.query_params[FACILITATOR_PARAM] = access.facilitator_token
    return access


def join(code: str, name: str) -> store_workshops.ParticipantAccess:
    """Join a workshop with its code; the participant's token stays in this session and URL."""
    access = store_workshops.join_workshop(db(), code, name, client_key=client_key())
    st.session_state[SEAT] = access.token
    st.query_params[SEAT_PARAM] = access.token
    return access


def info(token: str) -> WorkshopInfo:
    """Return the workshop behind ``token`` as its holder may see it."""
    return store_workshops.workshop_info(db(), token)


def base_project(found: WorkshopInfo) -> Project:
    """The project revision the workshop's rounds are about (for criteria and vendor names)."""
    return store_projects.load_project(db(), found.project_id, found.base_revision)


def renew_code(token: str) -> str:
    """Issue a new join code for the facilitator's workshop and show it in this session."""
    code = store_workshops.renew_join_code(db(), token)
    st.session_state[JOIN_CODE] = code
    return code
