"""Who signs the visitor's changes: their name, asked once, kept in the session and a cookie.

The name belongs to the person at this browser, not to a project: a colleague who opens
the same project through its link signs with their own name. So it is kept in a cookie
(it also works without a database), not in the store.
"""

from __future__ import annotations

import base64
import binascii

import streamlit as st

from erp_select.app import cookies
from erp_select.app.session import lang
from erp_select.i18n import t
from erp_select.model.text import check_name

#: The browser cookie holding the name (UTF-8, URL-safe base64: a cookie holds no accent).
COOKIE = "erp_select_author"
NAME = "_author_name"
FIELD = "sb.author"
MAX_CHARS = 60


def encode(name: str) -> str | None:
    """``name`` as a cookie value, or ``None`` when it is too long to be kept."""
    value = base64.urlsafe_b64encode(name.encode("utf-8")).decode("ascii").rstrip("=")
    return value if cookies.is_safe(value) else None


def decode(value: str | None) -> str:
    """The name kept in a cookie value (``""`` when there is none or it is unreadable)."""
    if not value:
        return ""
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode("utf-8")
        return clean(raw)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return ""


def clean(raw: str) -> str:
    """The name as kept: trimmed and cut to :data:`MAX_CHARS`; ``ValueError`` on a control
    character or invisible-only text."""
    text = " ".join(raw.split())[:MAX_CHARS]
    return check_name(text) if text else ""


def name() -> str:
    """The visitor's name (``""`` until they give it)."""
    if NAME not in st.session_state:
        st.session_state[NAME] = decode(cookies.read(COOKIE))
    return str(st.session_state[NAME])


def signature() -> str:
    """The author of a saved version: the visitor's name, else "a visitor without a name"."""
    return name() or t("appwords.author.anonymous", lang())


def _on_change() -> None:
    try:
        given = clean(str(st.session_state.get(FIELD, "")))
    except ValueError:
        st.session_state[FIELD] = name()
        return
    st.session_state[NAME] = given
    while given and encode(given) is None:
        given = given[:-1]
    cookies.write(COOKIE, encode(given) if given else None)


def field() -> None:
    """The sidebar field where the visitor gives their name once (kept for next visits)."""
    if FIELD not in st.session_state:
        st.session_state[FIELD] = name()
    st.sidebar.text_input(
        t("appwords.author.label", lang()),
        key=FIELD,
        max_chars=MAX_CHARS,
        on_change=_on_change,
        placeholder=t("appwords.author.placeholder", lang()),
        help=t("appwords.author.help", lang()),
    )
