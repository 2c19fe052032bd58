"""A visitor's part in live workshops: private tokens (session and cookie, never the URL)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from erp_select.app import cookies, persist
from erp_select.app.session import flash, lang, tr
from erp_select.errors import InputError, Problem
from erp_select.i18n import t
from erp_select.model import Project
from erp_select.store import access as store_access
from erp_select.store import joining as store_joining
from erp_select.store import projects as store_projects
from erp_select.store import workshops as store_workshops
from erp_select.store.db import Store
from erp_select.store.guard import denied
from erp_select.store.workshops import WorkshopInfo

#: URL query names of one-time arrival links (taken out of the address on arrival).
FACILITATOR_PARAM = "workshop"
SEAT_PARAM = "seat"
FACILITATOR = "_ws_facilitator_token"
JOIN_CODE = "_ws_join_code"
SEAT = "_ws_participant_token"
RESTORED = "_ws_restored"

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: str) -> str:
    """``text`` with every Markdown sign escaped: a title shows as typed (no link, no
    image fetched from elsewhere). A shim until one escaper serves every page."""
    return _MARKDOWN.sub(r"\\\1", text)


def tr_room(key: str, /, **params: Any) -> str:
    """Translate ``room.<key>`` (this feature's catalogue) into the visitor's language."""
    return t(f"room.{key}", lang(), **params)


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
    if persist.configured():  # a database is configured but does not answer (yet)
        return t("recover.db_unavailable", lang())
    return tr("persist.no_store")


def restore() -> None:
    """On a fresh session, take the visitor's tokens from an arrival link or their cookies.

    A facilitator link (``?workshop=…``) works once: its token is exchanged for a new one,
    kept in this browser's cookie, so the link (in a history, a photo, a chat) opens
    nothing afterwards. A participant's seat link is moved to the cookie. Either way the
    token leaves the address bar at once.
    """
    if st.session_state.get(RESTORED):
        return
    st.session_state[RESTORED] = True
    raw = st.query_params.get(FACILITATOR_PARAM)
    if raw:
        del st.query_params[FACILITATOR_PARAM]
        try:
            _keep_facilitator(store_access.rotate_facilitator(db(), raw))
        except InputError as exc:
            flash("error", [tr_room("link_used"), *exc.lines(lang())])
    if FACILITATOR not in st.session_state and (kept := cookies.read(cookies.FACILITATOR)):
        st.session_state[FACILITATOR] = kept
    raw = st.query_params.get(SEAT_PARAM)
    if raw:
        del st.query_params[SEAT_PARAM]
    if raw and cookies.is_safe(raw):
        _keep_seat(raw)  # a bad one is refused by the store like any wrong token
    elif kept := cookies.read(cookies.SEAT):
        st.session_state[SEAT] = kept


def _keep_facilitator(token: str) -> None:
    st.session_state[FACILITATOR] = token
    cookies.write(cookies.FACILITATOR, token)


def _keep_seat(token: str) -> None:
    st.session_state[SEAT] = token
    cookies.write(cookies.SEAT, token)


def arriving() -> bool:
    """True when this visitor holds (or brings) a workshop token: no demo to start them on."""
    return bool(
        facilitator_token()
        or seat_token()
        or st.query_params.get(FACILITATOR_PARAM)
        or st.query_params.get(SEAT_PARAM)
    )


def facilitator_token() -> str | None:
    """The visitor's facilitator token, if they run a workshop."""
    value = st.session_state.get(FACILITATOR)
    return value if isinstance(value, str) and value else None


def seat_token() -> str | None:
    """The visitor's participant token, if they joined a workshop."""
    value = st.session_state.get(SEAT)
    return value if isinstance(value, str) and value else None


def join_code() -> str | None:
    """The join code shown when this visitor opened the workshop (not kept by the store).

    Another window of the same browser finds it in a cookie: the code is what the room
    screen shows anyway, unlike the facilitator's token.
    """
    value = st.session_state.get(JOIN_CODE)
    if not isinstance(value, str) and facilitator_token() is not None:
        value = cookies.read(cookies.JOIN_CODE)
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
        keys, param, cookie = (FACILITATOR, JOIN_CODE), FACILITATOR_PARAM, cookies.FACILITATOR
    else:
        keys, param, cookie = (SEAT,), SEAT_PARAM, cookies.SEAT
    for key in keys:
        st.session_state.pop(key, None)
    cookies.write(cookie, None)
    if role == "facilitator":
        cookies.write(cookies.JOIN_CODE, None)
    if param in st.query_params:
        del st.query_params[param]


def open_for_current(
    project_id: int, facilitator: str, title: str, hide_names: bool
) -> store_workshops.FacilitatorAccess:
    """Open a workshop on the visitor's saved project and keep its secrets in the session."""
    access = store_workshops.open_workshop(
        db(), project_id, facilitator=facilitator, title=title, hide_names=hide_names
    )
    _keep_facilitator(access.facilitator_token)
    st.session_state[JOIN_CODE] = access.join_code
    cookies.write(cookies.JOIN_CODE, access.join_code)
    return access


def join(code: str, name: str) -> store_joining.ParticipantAccess:
    """Join a workshop with its code; the participant's token stays in this session and cookie."""
    access = store_joining.join_workshop(db(), code, name, client_key=client_key())
    _keep_seat(access.token)
    return access


def rotate() -> str:
    """Give the facilitator a new token (kept here); every other holder of the old one loses
    the console. Returns the new token (e.g. for a one-time link to another device)."""
    token = facilitator_token()
    if token is None:
        raise denied()
    new = store_access.rotate_facilitator(db(), token)
    _keep_facilitator(new)
    return new


def one_time_link(base_url: str) -> str:
    """A link that moves the console to another device, once (this device then loses it)."""
    return f"{base_url}?{urlencode({FACILITATOR_PARAM: rotate()})}"


def revoke(seq: int) -> None:
    """Revoke participant ``seq`` of the visitor's workshop (facilitator only)."""
    token = facilitator_token()
    if token is None:
        raise denied()
    store_access.revoke_participant(db(), token, seq)


def seats_of_workshop() -> list[store_access.Seat]:
    """Every seat of the visitor's workshop, real names included (facilitator only)."""
    token = facilitator_token()
    if token is None:
        raise denied()
    return store_access.list_participants(db(), token)


def info(token: str) -> WorkshopInfo:
    """Return the workshop behind ``token`` as its holder may see it."""
    return store_workshops.workshop_info(db(), token)


def base_project(found: WorkshopInfo) -> Project:
    """The project revision the workshop's rounds are about (for criteria and vendor names)."""
    return store_projects.load_project(db(), found.project_id, found.base_revision)


def renew_code(token: str) -> str:
    """Issue a new join code for the facilitator's workshop and show it in this session."""
    code = store_joining.renew_join_code(db(), token)
    st.session_state[JOIN_CODE] = code
    return code
