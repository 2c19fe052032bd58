"""Per-visitor session state: the language, the one current project, and flash messages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st
from pydantic import ValidationError

from erp_select.errors import InputError
from erp_select.i18n import Lang, normalise_lang, t
from erp_select.io.facts import rule_problems
from erp_select.io.problems import Path, Where, pretty_path, validation_problems
from erp_select.model import Project
from erp_select.settings import load_settings

PROJECT = "project"
VERSION = "project_version"
LANG = "lang"
FLASH = "_flash"
SEEDED = "_seeded"


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


def set_project(new: Project, *, message: str = "") -> None:
    """Make ``new`` (already validated) the current project and save it when a store is on.

    Parameters
    ----------
    new : Project
        The validated replacement.
    message : str
        A short note for the saved revision's history.
    """
    from erp_select.app import persist  # local import: the store is optional at start-up

    st.session_state[PROJECT] = new
    st.session_state[VERSION] = version() + 1
    persist.autosave(new, message)


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


def validate_project(data: dict[str, Any], source: str) -> Project:
    """Validate a project dict built from a form or a table edit.

    Parameters
    ----------
    data : dict
        The whole project as plain data.
    source : str
        The form or table the values came from (shown to the user).

    Returns
    -------
    Project
        The validated project.

    Raises
    ------
    InputError
        With one located, translatable problem per rejected value.
    """

    def locate(path: Path) -> Where:
        return Where(row=None, field=pretty_path(data, path) or None)

    try:
        project = Project.model_validate(data)
    except ValidationError as exc:
        problems = validation_problems(exc, data, source=source, locate=locate)
        raise InputError(problems) from None
    refused = rule_problems(project, source=source, locate=locate)
    if refused:
        raise InputError(refused)
    return project


def validation_error(exc: ValidationError, source: str) -> InputError:
    """Turn a model's rejection of a small form (a judgment, a rule) into located problems."""
    problems = validation_problems(
        exc,
        {},
        source=source,
        locate=lambda path: Where(row=None, field=".".join(str(p) for p in path) or None),
    )
    return InputError(problems)


def validation_lines(exc: ValueError, source: str) -> list[str]:
    """The visitor-language lines for a model's rejection (or any other ``ValueError``)."""
    if isinstance(exc, ValidationError):
        return validation_error(exc, source).lines(lang())
    return [tr("errors.rejected", source=source, reason=str(exc))]


def attempt(
    build: Callable[[], Project],
    source: str,
    *,
    message: str = "",
    resync: tuple[str, ...] = (),
) -> bool:
    """Build a new project and make it current; on a rejection keep the old one.

    A rejected build queues the located lines as an error message in the visitor's
    language (shown by :func:`erp_select.app.widgets.show_flashes`).

    Parameters
    ----------
    build : callable
        Returns the new project; may raise ``InputError``, ``KeyError`` or ``ValueError``.
    source : str
        Where the values came from, for the messages.
    message : str
        Note for the saved revision.
    resync : tuple of str
        Widget keys to set back to the project's values when the change is refused.

    Returns
    -------
    bool
        True when the project was replaced.
    """
    try:
        new = build()
    except InputError as exc:
        lines = exc.lines(lang())
    except ValueError as exc:
        lines = validation_lines(exc, source)
    except KeyError as exc:
        lines = [tr("errors.unknown_id", source=source, id=str(exc.args[0]))]
    else:
        set_project(new, message=message)
        return True
    flash("error", lines)
    seeded: dict[str, int] = st.session_state.setdefault(SEEDED, {})
    for key in resync:
        seeded.pop(key, None)
    return False


def seed(key: str, value: Any) -> None:
    """Give the widget ``key`` the project's value whenever the project has changed.

    Widgets hold their own value between reruns; seeding them from the project once per
    project version keeps them in step after an upload, an undo or a rejected edit.
    """
    seeded: dict[str, int] = st.session_state.setdefault(SEEDED, {})
    if key not in st.session_state or seeded.get(key) != version():
        st.session_state[key] = value
        seeded[key] = version()


def revise(current: Project, source: str, **changes: Any) -> Project:
    """Return ``current`` with top-level fields replaced, validated again by the model.

    Parameters
    ----------
    current : Project
        The project to start from.
    source : str
        The form or table the changes come from (for the messages).
    **changes
        New values of top-level fields (models or plain data).

    Returns
    -------
    Project
        The validated copy.

    Raises
    ------
    InputError
        When the result breaks a rule of the model.
    """
    data = current.model_dump(mode="json")
    for name, value in changes.items():
        data[name] = value.model_dump(mode="json") if hasattr(value, "model_dump") else value
    return validate_project(data, source)
