"""Refusals of the workshop's rules, located, under the store's message keys they always had."""

from __future__ import annotations

import dataclasses
from typing import Any, NoReturn

from erp_select.errors import InputError, Problem


def refuse(rule: str, *, field: str | None = None, value: Any = None, **params: Any) -> NoReturn:
    """Raise an :class:`InputError` with one problem of rule ``store.<rule>``."""
    raise InputError([Problem(rule=f"store.{rule}", field=field, value=value, params=params)])


def by(participant: str, exc: InputError) -> InputError:
    """``exc`` with every problem naming whose answer it is (as its source): the rule,
    place and value stay; a facilitator reading it knows which participant to ask."""
    return InputError(
        [dataclasses.replace(p, source=p.source or participant) for p in exc.problems]
    )
