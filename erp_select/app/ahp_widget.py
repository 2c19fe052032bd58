"""The AHP pairwise-comparison grid (Saaty's verbal scale) shared by every page that asks it."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import streamlit as st

from erp_select.app import state
from erp_select.app.state import tr
from erp_select.i18n import fmt_number, t
from erp_select.model.judgments import Comparison
from erp_select.weights import SAATY_SCALE, AhpReport, snap_to_scale

# Saaty's scale from "the first criterion is extremely more important" to the reverse.
AHP_OPTIONS: tuple[float, ...] = tuple(sorted(SAATY_SCALE, reverse=True))


def verbal(value: float, a: str, b: str, lang: str) -> str:
    """Saaty's verbal scale for ``a`` compared with ``b`` (value on 1/9…9).

    Returns
    -------
    str
        E.g. « Prix : fortement plus important » or "Equal importance".
    """
    if abs(value - 1.0) < 1e-9:
        return t("app.ahp.equal", lang)
    strength = round(value if value > 1 else 1 / value)
    who = a if value > 1 else b
    return t(f"app.ahp.level{strength}", lang, who=who)


def pair_key(prefix: str, a: str, b: str) -> str:
    """The widget key of the pair (``a``, ``b``) in the grid ``prefix``."""
    return f"{prefix}.{a}.{b}"


def seed_grid(
    prefix: str,
    children: Sequence[str],
    given: Mapping[tuple[str, str], float],
    local: Mapping[str, float] | None = None,
) -> None:
    """Give every pair of the grid its starting value once per project version.

    Parameters
    ----------
    prefix
        The grid's widget-key prefix.
    children
        The criteria compared, in display order.
    given
        Comparisons already made, ``(a, b) → value`` (either orientation).
    local
        Current local weights: pairs not in ``given`` start at their ratio (else equal).
    """
    for a, b in itertools.combinations(children, 2):
        if (a, b) in given:
            value = given[(a, b)]
        elif (b, a) in given:
            value = 1 / given[(b, a)]
        elif local is not None and local.get(a, 0) > 0 and local.get(b, 0) > 0:
            value = local[a] / local[b]
        else:
            value = 1.0
        state.seed(pair_key(prefix, a, b), snap_to_scale(value))


def comparisons(prefix: str, children: Sequence[str]) -> list[Comparison]:
    """Read the grid's answers as comparisons (every pair, upper triangle)."""
    ss = st.session_state
    return [
        Comparison(a=a, b=b, value=float(ss[pair_key(prefix, a, b)]))
        for a, b in itertools.combinations(children, 2)
    ]


def grid(
    prefix: str,
    children: Sequence[str],
    names: Mapping[str, str],
    worst: tuple[str, str] | None,
    lang: str,
    *,
    disabled: bool = False,
) -> None:
    """Draw one verbal-scale slider per pair; flag the pair that contradicts the rest most."""
    st.caption(tr("criteria.ahp_help"))
    for a, b in itertools.combinations(children, 2):
        flagged = worst is not None and {a, b} == set(worst)
        label = tr("criteria.ahp_pair", a=names[a], b=names[b])
        if flagged:
            label = f":orange-background[⚠ {label}]"
        st.select_slider(
            label,
            options=list(AHP_OPTIONS),
            format_func=lambda v, a=a, b=b: verbal(float(v), names[a], names[b], lang),
            key=pair_key(prefix, a, b),
            help=tr("criteria.ahp_flag_help") if flagged else None,
            disabled=disabled,
        )


def status(report: AhpReport, names: Mapping[str, str], lang: str) -> None:
    """Show the consistency ratio, its verdict, and the judgment worth revisiting first."""
    cr = fmt_number(report.cr, lang, 3)
    threshold = fmt_number(report.threshold, lang, 2)
    if report.n <= 2:
        st.caption(tr("criteria.ahp_two"))
    elif report.consistent:
        st.success(t("weights.consistent", lang, cr=cr, threshold=threshold))
    else:
        st.warning(t("weights.inconsistent", lang, cr=cr, threshold=threshold))
    st.metric(tr("criteria.cr"), cr, help=tr("criteria.cr_help", source=report.ri_source))
    if report.worst and not report.consistent:
        w = report.worst[0]
        na, nb = names.get(w.a, w.a), names.get(w.b, w.b)
        st.markdown(
            ":orange-background[⚠] "
            + t(
                "weights.suggestion",
                lang,
                a=na,
                b=nb,
                given=verbal(w.given, na, nb, lang),
                implied=fmt_number(w.implied, lang, 2),
                suggested=verbal(w.suggested, na, nb, lang),
            )
        )
        st.caption(tr("criteria.cr_if", cr=fmt_number(w.cr_if_suggested, lang, 3)))
