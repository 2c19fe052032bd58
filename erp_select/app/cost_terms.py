"""The cost terms on the project page: indexation, growth, internal cost, NPV, contingency."""

from __future__ import annotations

from typing import Any

import streamlit as st

from erp_select.app import state
from erp_select.app.number_field import number_field, read
from erp_select.i18n import t
from erp_select.model import CostTerms
from erp_select.model.costs import MAX_DAY_COST, MAX_RATE

#: Rate fields, typed in percent points (3 for 3 %): term → session key.
RATES = {
    "indexation": "pf.cost.indexation",
    "user_growth": "pf.cost.user_growth",
    "contingency": "pf.cost.contingency",
}
DAY_COST = "pf.cost.internal_day_cost"
USE_DISCOUNT = "pf.cost.use_discount"
DISCOUNT = "pf.cost.discount_rate"
#: Discount rate offered when the visitor turns discounting on, in percent points.
DEFAULT_DISCOUNT_POINTS = 5.0


def _say(key: str) -> str:
    return t(f"tco.settings.{key}", state.lang())


def seed(terms: CostTerms) -> None:
    """Fill the fields from the project's terms (once per project version)."""
    for name, key in RATES.items():
        state.seed(key, round(float(getattr(terms, name)) * 100, 6))
    state.seed(DAY_COST, float(terms.internal_day_cost))
    state.seed(USE_DISCOUNT, terms.discount_rate is not None)
    points = terms.discount_rate * 100 if terms.discount_rate is not None else None
    state.seed(DISCOUNT, round(points, 6) if points is not None else DEFAULT_DISCOUNT_POINTS)


def typed() -> dict[str, Any]:
    """The terms as typed, as plain data for :class:`CostTerms` (rates back to shares).

    Raises
    ------
    InputError
        When a field refuses its text.
    """
    data: dict[str, Any] = {name: read(key, 0.0) / 100 for name, key in RATES.items()}
    data["internal_day_cost"] = read(DAY_COST, 0.0)
    use = bool(st.session_state.get(USE_DISCOUNT, False))
    data["discount_rate"] = read(DISCOUNT, DEFAULT_DISCOUNT_POINTS) / 100 if use else None
    return data


def _percent(name: str, key: str, top: float, where: Any, help_key: str | None = None) -> None:
    number_field(
        _say(name),
        min_value=0.0,
        max_value=top,
        units=("%",),
        help=_say(help_key) if help_key else None,
        key=key,
        where=where,
    )


def fields() -> None:
    """Draw the cost terms in an expander of the profile form."""
    top = MAX_RATE * 100
    with st.expander(_say("title")):
        st.caption(_say("help"))
        left, right = st.columns(2)
        _percent("indexation", RATES["indexation"], top, left, "indexation_help")
        _percent("user_growth", RATES["user_growth"], top, right)
        number_field(
            _say("internal_day_cost"),
            min_value=0.0,
            max_value=MAX_DAY_COST,
            units=("€",),
            money=True,
            help=_say("internal_day_cost_help"),
            key=DAY_COST,
            where=left,
        )
        _percent("contingency", RATES["contingency"], 100.0, right)
        left.checkbox(_say("use_discount"), key=USE_DISCOUNT)
        if st.session_state.get(USE_DISCOUNT):
            _percent("discount_rate", DISCOUNT, top, right)


__all__ = ["fields", "seed", "typed"]
