"""Changing the visitor's project: validate an edit, make it current and save it, seed widgets.

The session's own values (language, current project, messages) live in
:mod:`erp_select.app.session` and are re-exported here for the pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st
from pydantic import ValidationError

from erp_select.app import persist
from erp_select.app.session import (
    FLASH,
    LANG,
    PROJECT,
    VERSION,
    Flash,
    choose,
    default_lang,
    flash,
    lang,
    lang_key,
    pop_flashes,
    project,
    say,
    tr,
    version,
)
from erp_select.errors import InputError
from erp_select.io.facts import rule_problems
from erp_select.io.problems import Path, Where, pretty_path, validation_problems
from erp_select.model import Project

__all__ = [
    "FLASH",
    "LANG",
    "PROJECT",
    "SEEDED",
    "VERSION",
    "Flash",
    "attempt",
    "choose",
    "default_lang",
    "flash",
    "lang",
    "lang_key",
    "pop_flashes",
    "project",
    "revise",
    "say",
    "seed",
    "set_project",
    "tr",
    "validate_project",
    "validation_error",
    "validation_lines",
    "version",
]

SEEDED = "_seeded"


def set_project(new: Project, *, message: str = "") -> None:
    """Make ``new`` (already validated) the current project and save it when a store is on.

    Parameters
    ----------
    new : Project
        The validated replacement.
    message : str
        A short note for the saved revision's history.
    """
    st.session_state[PROJECT] = new
    st.session_state[VERSION] = version() + 1
    persist.autosave(new, message)


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
    fresh = {
        name: value.model_dump(mode="json") if hasattr(value, "model_dump") else value
        for name, value in changes.items()
    }
    # The fields left alone are kept as the validated models they are (a 30-vendor project
    # is most of the checking); the changed ones and the project's own rules are checked.
    kept = {name: getattr(current, name) for name in Project.model_fields if name not in fresh}
    try:
        project: Project | None = Project.model_validate({**kept, **fresh})
    except ValidationError:
        project = None
    if project is None or rule_problems(project, source=source, locate=_nowhere):
        # refused: the whole project as plain data, for problems located in it
        data = current.model_dump(mode="json")
        data.update(fresh)
        return validate_project(data, source)
    return project


def _nowhere(path: Path) -> Where:
    return Where(row=None, field=None)
