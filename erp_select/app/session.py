"""The visitor's session: language, the one current project, and messages kept across a rerun."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from erp_select.i18n import Lang, normalise_lang, t
from erp_select.model import Project
from erp_select.settings import load_settings

PROJECT = "project"
VERSION = "project_version"
LANG = "lang"
FLASH = "_flash"


def default_lang() -> Lang:
    """Return the language a new visitor sees: ``ERP_SELECT_LANG``, else French.

    Returns
    -------
    Lang
        ``"fr"`` or ``"en"``.
    """
    return load_settings().lang or "fr"


def lang() -> Lang:
    """Return the visitor's current language (the sidebar switch).

    A new session takes the ``lang`` of the address (kept there across reloads), else
    :func:`default_lang`.
    """
    if LANG not in st.session_state:
        asked = st.query_params.get("lang")
        st.session_state[LANG] = asked if asked in ("fr", "en") else default_lang()
    return normalise_lang(str(st.session_state[LANG]))


def tr(key: str, /, **params: Any) -> str:
    """Translate the app catalogue key ``app.<key>`` into the visitor's language."""
    return t(f"app.{key}", lang(), **params)


def say(key: str, /, **params: Any) -> str:
    """Translate ``appwords.<key>`` (the app's own catalogue) into the visitor's language."""
    return t(f"appwords.{key}", lang(), **params)


def choose() -> str:
    """The placeholder of a picker with nothing chosen (Streamlit's own is in English)."""
    return say("choose")


def lang_key(key: str) -> str:
    """A widget key that changes with the language, for pickers whose labels are translated.

    Streamlit keeps showing a selectbox's previous label when only its ``format_func``
    changes (streamlit issue 13788), so such a widget must be a new one in each language.
    """
    return f"{key}.{lang()}"


def project() -> Project | None:
    """Return the visitor's current project, or ``None`` before one is started."""
    value = st.session_state.get(PROJECT)
    return value if isinstance(value, Project) else None


def version() -> int:
    """Return a counter that changes every time the project is replaced."""
    return int(st.session_state.get(VERSION, 0))


@dataclass(frozen=True)
class Flash:
    """A message kept across a rerun: ``kind`` is error, warning, success or info."""

    kind: str
    lines: tuple[str, ...]


def flash(kind: str, lines: list[str] | tuple[str, ...] | str) -> None:
    """Queue a message to show at the top of the next page run."""
    items = (lines,) if isinstance(lines, str) else tuple(lines)
    queue: list[Flash] = st.session_state.setdefault(FLASH, [])
    queue.append(Flash(kind, items))


def pop_flashes() -> list[Flash]:
    """Return and forget the queued messages."""
    queue: list[Flash] = st.session_state.get(FLASH, [])
    st.session_state[FLASH] = []
    return list(queue)
