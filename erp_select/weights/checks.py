"""Build the located, translated input errors of the weights domain."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NoReturn

from erp_select.errors import InputError, Problem

DOMAIN = "weights"


def problem(key: str, *, field: str | None = None, value: Any = None, **params: Any) -> Problem:
    """Return a ``Problem`` whose rule is ``weights.<key>``.

    Parameters
    ----------
    key
        Message key inside the ``weights`` catalogue (e.g. ``"not_reciprocal"``).
    field
        Where the problem is: a criterion id, a pair ``"a / b"`` or ``"node"``.
    value
        The offending value, shown to the user.
    **params
        Placeholders of the message.

    Returns
    -------
    Problem
        The located problem.
    """
    return Problem(rule=f"{DOMAIN}.{key}", field=field, value=value, params=dict(params))


def fail(problems: Sequence[Problem]) -> NoReturn:
    """Raise an ``InputError`` carrying ``problems``."""
    raise InputError(problems)


def check(problems: Sequence[Problem]) -> None:
    """Raise an ``InputError`` when ``problems`` is not empty; do nothing otherwise."""
    if problems:
        raise InputError(problems)


def pair(a: str, b: str) -> str:
    """Return the field name of a pair of criteria, ``"a / b"``."""
    return f"{a} / {b}"
