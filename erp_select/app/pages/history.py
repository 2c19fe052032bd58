"""History page: every saved version of the project, what changed between two, restore one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from erp_select.app import persist, state, widgets
from erp_select.app.history_time import browser_zone, local_time
from erp_select.app.state import tr
from erp_select.explain.changes import change_lines
from erp_select.i18n import t
from erp_select.model.diff import diff_projects
from erp_select.words import Words


def _diff(old: int, new: int, lang: str) -> None:
    before, after = persist.versions(old, new)
    lines = change_lines(diff_projects(before, after), before, after, lang)
    if not lines:
        st.info(tr("history.same"))
        return
    st.markdown("\n".join(f"- {widgets.md(line)}" for line in lines))


def main() -> None:
    """Draw the history page."""
    current = widgets.open_page("history.title")
    if current is None:
        return
    lang = state.lang()
    words = Words(lang)
    with widgets.boundary():
        revisions = persist.revisions()
        if not revisions:
            st.info(tr("history.none"))
            return
        zone = browser_zone()
        times = [local_time(r.created_at, zone) for r in reversed(revisions)]
        when = tr("history.when") if None in times else t("walk.history.when_local", lang)
        table = pd.DataFrame(
            [
                {
                    tr("history.number"): str(r.number),
                    when: f"{words.date(shown.date())} {shown.strftime('%H:%M')}",
                    tr("history.author"): r.author,
                    tr("history.message"): r.message,
                }
                for r, local in zip(reversed(revisions), times, strict=True)
                for shown in [local or r.created_at]
            ]
        )
        widgets.table(table)
        numbers = [r.number for r in revisions]
        st.subheader(tr("history.compare"))
        left, right = st.columns(2)
        old = left.selectbox(
            tr("history.old"),
            numbers,
            index=max(len(numbers) - 2, 0),
            key="hi.old",
            placeholder=state.choose(),
        )
        new = right.selectbox(
            tr("history.new"),
            numbers,
            index=len(numbers) - 1,
            key="hi.new",
            placeholder=state.choose(),
        )
        _diff(int(old), int(new), lang)
        st.subheader(tr("history.restore"))
        pick = st.selectbox(
            tr("history.restore_pick"), numbers, key="hi.restore", placeholder=state.choose()
        )
        if st.button(tr("history.restore_button"), key="hi.restore_go"):
            restored = persist.restore(int(pick), note=tr("history.restored_note", number=pick))
            st.session_state[state.PROJECT] = restored
            st.session_state[state.VERSION] = state.version() + 1
            state.flash("success", tr("history.restored", number=pick))
            st.rerun()


main()
