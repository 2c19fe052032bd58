"""History page: every saved version of the project, what changed between two, restore one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from erp_select.app import persist, state, widgets
from erp_select.app.state import tr
from erp_select.i18n import fmt_percent
from erp_select.store.diff import ProjectDiff


def _shown(value: object) -> str:
    return "—" if value is None else str(value)


def _diff(diff: ProjectDiff, lang: str) -> None:
    if diff.is_empty:
        st.info(tr("history.same"))
        return
    if diff.weights:
        st.subheader(tr("history.weights"))
        rows = [
            {
                tr("history.criterion"): w.criterion_id,
                tr("history.before"): "—"
                if w.old_global is None
                else fmt_percent(w.old_global, lang, 1),
                tr("history.after"): "—"
                if w.new_global is None
                else fmt_percent(w.new_global, lang, 1),
            }
            for w in diff.weights
        ]
        widgets.table(pd.DataFrame(rows))
    if diff.facts:
        st.subheader(tr("history.facts"))
        rows = [
            {
                tr("history.vendor"): f.vendor_id,
                tr("history.fact"): f.fact_id,
                tr("history.before"): _shown(f.old_value),
                tr("history.after"): _shown(f.new_value),
            }
            for f in diff.facts
        ]
        widgets.table(pd.DataFrame(rows))
    lines: list[str] = []
    for key, added, removed in (
        ("history.vendors", diff.vendors_added, diff.vendors_removed),
        ("history.criteria", diff.criteria_added, diff.criteria_removed),
    ):
        if added or removed:
            lines.append(tr(key, added=", ".join(added) or "—", removed=", ".join(removed) or "—"))
    if diff.rules_added or diff.rules_removed:
        lines.append(
            tr("history.rules", added=len(diff.rules_added), removed=len(diff.rules_removed))
        )
    if diff.method:
        lines.append(tr("history.method", before=diff.method[0], after=diff.method[1]))
    for change in diff.fields:
        lines.append(f"{change.path}: {_shown(change.old)} → {_shown(change.new)}")
    for line in lines:
        st.markdown(f"- {widgets.md(line)}")


def main() -> None:
    """Draw the history page."""
    current = widgets.open_page("history.title")
    if current is None:
        return
    lang = state.lang()
    with widgets.boundary():
        revisions = persist.revisions()
        if not revisions:
            st.info(tr("history.none"))
            return
        table = pd.DataFrame(
            [
                {
                    tr("history.number"): r.number,
                    tr("history.when"): r.created_at.strftime("%Y-%m-%d %H:%M"),
                    tr("history.author"): r.author,
                    tr("history.message"): r.message,
                }
                for r in reversed(revisions)
            ]
        )
        widgets.table(table)
        numbers = [r.number for r in revisions]
        st.subheader(tr("history.compare"))
        left, right = st.columns(2)
        old = left.selectbox(
            tr("history.old"), numbers, index=max(len(numbers) - 2, 0), key="hi.old"
        )
        new = right.selectbox(tr("history.new"), numbers, index=len(numbers) - 1, key="hi.new")
        _diff(persist.compare(int(old), int(new)), lang)
        st.subheader(tr("history.restore"))
        pick = st.selectbox(tr("history.restore_pick"), numbers, key="hi.restore")
        if st.button(tr("history.restore_button"), key="hi.restore_go"):
            restored = persist.restore(int(pick))
            st.session_state[state.PROJECT] = restored
            st.session_state[state.VERSION] = state.version() + 1
            state.flash("success", tr("history.restored", number=pick))
            st.rerun()


main()
