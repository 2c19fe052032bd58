"""Keep a visitor's private keys in their browser's cookies, never in the address bar.

Streamlit reads cookies (``st.context.cookies``, sent with the page's connection) but
cannot set them from Python. A key to keep is noted here and written by a one-line
script in the pages drawn next (``SameSite=Strict``, ``Secure`` over HTTPS); a reload
then sends it back, and :func:`read` finds it.
"""

from __future__ import annotations

import re

import streamlit as st

#: The cookies this app keeps (names are not secret; values are).
PROJECT = "erp_select_project"
FACILITATOR = "erp_select_console"
SEAT = "erp_select_seat"
#: The room's join code (public in the room): lets a second window show it on the wall.
JOIN_CODE = "erp_select_room_code"
#: Set to ``own`` when the visitor closed the example: a later visit opens no example.
START = "erp_select_start"
#: Lifetime of a kept key, in seconds (14 days).
MAX_AGE = 14 * 24 * 3600
_WRITTEN = "_cookies_written"
# Our keys and tokens are URL-safe base64: nothing else is ever written into a script.
_SAFE = re.compile(r"[A-Za-z0-9_-]{1,128}")


def is_safe(value: object) -> bool:
    """True for a value this module may keep: URL-safe text of 1 to 128 characters."""
    return isinstance(value, str) and _SAFE.fullmatch(value) is not None


def _queue(key: str) -> dict[str, str | None]:
    found = st.session_state.get(key)
    if not isinstance(found, dict):
        found = {}
        st.session_state[key] = found
    return found


def _browser(name: str) -> str | None:
    try:
        value = st.context.cookies.get(name)
    except Exception:  # no browser connection (e.g. a bare script run)
        return None
    return value if isinstance(value, str) and _SAFE.fullmatch(value) else None


def read(name: str) -> str | None:
    """Return the value the browser keeps under ``name`` (or is about to keep)."""
    written = _queue(_WRITTEN)
    if name in written:
        return written[name]
    return _browser(name)


def write(name: str, value: str | None) -> None:
    """Ask the browser to keep ``value`` under ``name`` (``None`` forgets it)."""
    if value is not None and not _SAFE.fullmatch(value):
        raise ValueError("only URL-safe keys are kept in cookies")
    _queue(_WRITTEN)[name] = value


def script(values: dict[str, str | None]) -> str:
    """The ``<script>`` that writes ``values`` as cookies (``None`` expires one)."""
    lines = []
    for name, value in values.items():
        age = MAX_AGE if value is not None else 0
        lines.append(
            f'document.cookie="{name}={value or ""};path=/;max-age={age};SameSite=Strict"+s;'
        )
    body = "".join(lines)
    secure = "var s=location.protocol==='https:'?';Secure':'';"
    return f"<script>(function(){{{secure}{body}}})();</script>"


def flush(*, hold: bool = False) -> None:
    """Write this session's kept keys into the browser (call once per run, after the page).

    The script is drawn on every run of the session whose values differ from what the
    browser sent when the session began (a run cut short by a click may never reach the
    browser, so writing once is not enough); ``hold`` leaves it out of a page that must
    carry no secret, even hidden (the room screen).
    """
    written = _queue(_WRITTEN)
    values = {name: value for name, value in written.items() if _browser(name) != value}
    if hold or not values:
        return
    st.html(script(values), unsafe_allow_javascript=True)
