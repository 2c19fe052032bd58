"""What the facilitator checks in a workshop: answers too inconsistent to adopt, wrong codes."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from erp_select.app import seats, state
from erp_select.i18n import fmt_number, t
from erp_select.store import joining as store_joining
from erp_select.workshop import consistency as workshop_consistency


def include_key(number: int, seq: int) -> str:
    """Session key of the "include this inconsistent answer" box of round ``number``."""
    return f"wf.include.{number}.{seq}"


def failed_joins(token: str) -> None:
    """Say how many wrong codes were typed for this workshop within the limit's window."""
    db = seats.db()
    n = store_joining.failed_joins(db, token)
    if n == 0:
        return
    lang = state.lang()
    minutes = max(1, db.settings.join_window_seconds // 60)
    text = t("abuse.workshop.failed_joins", lang, n=n, minutes=minutes)
    if n >= db.settings.join_max_failures:
        st.warning(text, icon="🔑")
        st.caption(t("abuse.workshop.failed_joins_help", lang))
    else:
        st.caption(text)


def left_out(token: str, number: int) -> list[int]:
    """The inconsistent answers of round ``number`` whose box is not ticked (by ``seq``)."""
    found = workshop_consistency.inconsistent_answers(seats.db(), token, number)
    return [a.seq for a in found if not st.session_state.get(include_key(number, a.seq))]


def exclusions(token: str, number: int, names: Mapping[str, str]) -> list[int]:
    """List the round's inconsistent AHP answers with a box each; return those left out.

    An inconsistent answer is left out of the adoption unless the facilitator ticks it.
    """
    lang = state.lang()
    found = workshop_consistency.inconsistent_answers(seats.db(), token, number)
    if not found:
        return []
    st.markdown(f"**{t('abuse.workshop.inconsistent_title', lang)}**")
    st.caption(
        t(
            "abuse.workshop.inconsistent_help",
            lang,
            threshold=fmt_number(found[0].threshold, lang, 2),
        )
    )
    left_out: list[int] = []
    for answer in found:
        cr = fmt_number(answer.cr, lang, 2)
        if answer.worst is not None:
            a, b = answer.worst
            label = t(
                "abuse.workshop.include",
                lang,
                name=answer.name,
                cr=cr,
                a=names.get(a, a),
                b=names.get(b, b),
            )
        else:
            label = t("abuse.workshop.include_no_pair", lang, name=answer.name, cr=cr)
        if not st.checkbox(label, key=include_key(number, answer.seq)):
            left_out.append(answer.seq)
    return left_out
