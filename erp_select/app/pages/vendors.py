"""Vendors page: profiles and facts with their sources, warnings, edits and file uploads."""

from __future__ import annotations

from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from erp_select.app import (
    compute,
    files,
    integrator_view,
    paging,
    state,
    tco_view,
    views,
    widgets,
)
from erp_select.app.fact_editor import FactWords, to_keys, to_words
from erp_select.app.risk_view import show_risks
from erp_select.app.state import tr
from erp_select.errors import InputError
from erp_select.evaluate.adjustments import MARK, cell_text
from erp_select.i18n import fmt_money, fmt_number, t
from erp_select.io import Format, dump_vendors, read_vendors_bytes
from erp_select.io.offer_rows import offer_facts, offer_rows
from erp_select.io.tables import read_csv, write_csv
from erp_select.io.vendors import COLUMNS, REQUIRED
from erp_select.model import Project, VendorProfile
from erp_select.model.names import same_name_warnings
from erp_select.pipeline import Analysis
from erp_select.words import Words

EDIT_COLUMNS = COLUMNS[1:]  # the vendor id is the one picked above the table


def _summary(current: Project, result: Analysis, lang: str) -> None:
    perf = result.performance
    excluded = set(result.screening.excluded)
    warnings: dict[str, int] = {}
    for finding in perf.findings:
        warnings[finding.vendor_id] = warnings.get(finding.vendor_id, 0) + 1
    yes, no = tr("common.yes"), tr("common.no")
    years = current.company.horizon_years
    rows = []
    # a long list: one page of vendors at a time (the rows and their notes built for it
    # only); a vendor with offers or integrators has one row per ranked alternative
    ranked = result.project.vendors
    page = paging.pick_page(len(ranked), lang, "ve.page", t("longlist2.vendor_page", lang))
    shown = [ranked[i] for i in page]
    for v in shown:
        review = perf.reviews.get(v.id)
        cell = result.tco_cell(v.id)
        cost = cell_text(cell, lang) if cell else fmt_money(perf.tco[v.id].total.likely, lang)
        rows.append(
            {
                tr("vendors.col.vendor"): v.name,
                tr("vendors.col.product"): v.product or "",
                tr("vendors.col.licence"): tr(f"vendors.licence.{v.licence_model}"),
                tr("vendors.col.deployment"): ", ".join(
                    tr(f"vendors.deployment.{d}") for d in v.deployment
                ),
                tr("vendors.col.vertical"): yes if v.vertical else no,
                tr("vendors.col.cost", years=years): cost,
                tr("vendors.col.rating"): (
                    tr(
                        "vendors.rating",
                        rating=fmt_number(review.rating, lang, 2),
                        count=review.count,
                    )
                    if review
                    else "—"
                ),
                tr("vendors.col.status"): tr(
                    "vendors.excluded" if v.id in excluded else "vendors.kept"
                ),
                tr("vendors.col.warnings"): warnings.get(v.id, 0),
            }
        )
    widgets.table(pd.DataFrame(rows))
    notes = views.cell_notes(result, current, lang, [v.id for v in shown])
    if notes:
        st.markdown(f"**{t('cells.title', lang)}**")
        st.caption(t("cells.intro", lang, mark=MARK))
        widgets.caption_lines(notes)


def _findings(current: Project, result: Analysis, lang: str) -> None:
    """The count of warnings, and in an expander their table (a page at a time)."""
    findings = result.performance.findings
    if not findings:
        st.caption(tr("vendors.no_warnings"))
        return
    names = result.names()
    st.warning(tr("vendors.warnings_count", n=len(findings)))
    with st.expander(tr("vendors.warnings_title"), expanded=False):
        label = t("longlist2.warning_page", lang)
        rows = paging.pick_page(
            len(findings), lang, "ve.warnings", label, "longlist2.warning_range"
        )
        page = [findings[i] for i in rows]
        widgets.table(
            pd.DataFrame(
                {
                    tr("vendors.col.vendor"): [names.get(f.vendor_id, f.vendor_id) for f in page],
                    tr("vendors.col.warning"): [f.render(lang) for f in page],
                }
            )
        )


def _fact_words(current: Project, vendor: VendorProfile, lang: str) -> FactWords:
    offers = [name for name, _ in (*offer_rows(vendor), *offer_facts(vendor))]
    return FactWords(lang, Words(lang, current.criteria), [*vendor.facts, *offers])


def _facts_frame(vendor: VendorProfile, lang: str, words: FactWords) -> pd.DataFrame:
    """The vendor in the long table format of the vendor files, one row per field or fact,
    in words (field names, levels, yes/no, units, evidence)."""
    table = read_csv(
        dump_vendors([vendor], "csv", lang=lang), f"{vendor.id}.csv", COLUMNS, REQUIRED
    )
    frame = pd.DataFrame(
        [[str(r.cells.get(c, "") or "") for c in EDIT_COLUMNS] for r in table.rows],
        columns=list(EDIT_COLUMNS),
        index=pd.Index([r.number for r in table.rows], name=tr("vendors.col.row")),
    )
    return to_words(frame, words)


def _edited(base: pd.DataFrame, delta: dict[str, Any]) -> pd.DataFrame:
    """Apply the data editor's recorded changes (edited, added, deleted rows) to ``base``."""
    frame = base.reset_index(drop=True).copy()
    for pos, changes in (delta.get("edited_rows") or {}).items():
        for column, value in changes.items():
            if column in frame.columns:
                frame.at[int(pos), column] = "" if value is None else str(value)
    deleted = {int(i) for i in delta.get("deleted_rows") or []}
    frame = frame.drop(index=[i for i in deleted if i in frame.index])
    added = [
        {c: "" if row.get(c) is None else str(row.get(c)) for c in EDIT_COLUMNS}
        for row in delta.get("added_rows") or []
    ]
    if added:
        frame = pd.concat([frame, pd.DataFrame(added, columns=list(EDIT_COLUMNS))])
    return frame.fillna("")


def _has_changes(delta: Any) -> bool:
    return isinstance(delta, dict) and any(
        delta.get(k) for k in ("edited_rows", "added_rows", "deleted_rows")
    )


def _apply_edits(current: Project, vendor_id: str, base: pd.DataFrame, delta: Any) -> None:
    """Validate the edited table through the vendor-file reader; replace the vendor if valid.

    A refused edit shows its located lines under the table and keeps the project as it
    was; the table keeps the visitor's edit so that it can be corrected.
    """
    lang = state.lang()
    frame = to_keys(_edited(base, delta), _fact_words(current, current.vendor(vendor_id), lang))
    rows = [[vendor_id, *(str(x) for x in row)] for row in frame.itertuples(index=False)]
    data = write_csv(COLUMNS, rows, decimal_comma=lang == "fr")
    source = tr("vendors.editor_title")
    try:
        new = read_vendors_bytes(data, f"{vendor_id}.csv")
        kept = [v for v in current.vendors if v.id != vendor_id]
        position = [v.id for v in current.vendors].index(vendor_id)
        kept[position:position] = new
        updated = state.revise(current, source, vendors=[v.model_dump(mode="json") for v in kept])
    except InputError as exc:
        widgets.show_errors([tr("vendors.edit_refused"), *exc.lines(lang)])
        return
    name = current.vendor(vendor_id).name
    state.set_project(updated, message=state.say("note.vendor_edited", vendor=name))
    state.flash("success", tr("vendors.saved", vendor=name))
    st.rerun()


def _editor(current: Project, lang: str) -> None:
    st.subheader(tr("vendors.editor_title"))
    st.caption(tr("vendors.editor_help"))
    names = {v.id: v.name for v in current.vendors}
    vendor_id = st.selectbox(
        tr("vendors.pick"),
        options=list(names),
        format_func=names.__getitem__,
        key="ve.vendor",
        placeholder=state.choose(),
    )
    if vendor_id is None:
        return
    vendor = current.vendor(str(vendor_id))
    words = _fact_words(current, vendor, lang)
    base = _facts_frame(vendor, lang, words)
    key = f"ve.facts.{vendor.id}.{state.version()}.{lang}"
    st.data_editor(
        base,
        key=key,
        num_rows="dynamic",
        width="stretch",
        column_config={
            "field": st.column_config.TextColumn(tr("vendors.col.field"), required=True),
            "value": st.column_config.TextColumn(tr("vendors.col.value")),
            "low": st.column_config.TextColumn(tr("vendors.col.low")),
            "high": st.column_config.TextColumn(tr("vendors.col.high")),
            "count": st.column_config.TextColumn(tr("vendors.col.count")),
            "unit": st.column_config.TextColumn(tr("vendors.col.unit")),
            "source": st.column_config.TextColumn(tr("vendors.col.source"), width="medium"),
            "date": st.column_config.TextColumn(tr("vendors.col.date")),
            "evidence": st.column_config.SelectboxColumn(
                tr("vendors.col.evidence"), options=words.evidence_options()
            ),
            "effort_days": st.column_config.TextColumn(state.say("column.effort_days")),
            "comment": st.column_config.TextColumn(state.say("column.comment"), width="medium"),
        },
    )
    delta = st.session_state.get(key)
    if _has_changes(delta):
        _apply_edits(current, vendor.id, base, delta)
    show_risks(vendor, lang)
    st.button(
        tr("vendors.remove", vendor=widgets.md(vendor.name)),
        on_click=_remove,
        args=(vendor.id,),
        disabled=len(current.vendors) <= 1,
    )


def _remove(vendor_id: str) -> None:
    current = state.project()
    if current is None:
        return
    source = tr("vendors.editor_title")
    kept = [v.model_dump(mode="json") for v in current.vendors if v.id != vendor_id]
    name = current.vendor(vendor_id).name
    if state.attempt(
        lambda: state.revise(current, source, vendors=kept),
        source,
        message=state.say("note.vendor_removed", vendor=name),
    ):
        state.flash("success", tr("vendors.removed", vendor=name))


def _uploads(current: Project) -> None:
    st.subheader(tr("vendors.upload_title"))
    st.caption(tr("vendors.upload_help"))
    uploads = widgets.uploader(
        tr("project.vendor_files"),
        files.TABLE_TYPES,
        multiple=True,
        key="ve.upload",
        vendor_tables=True,
    )
    if st.button(tr("vendors.upload_apply"), disabled=not uploads, key="ve.upload_apply"):
        with widgets.boundary():
            new = files.read_vendors(list(uploads or []))
            incoming = {v.id for v in new}
            merged = [v for v in current.vendors if v.id not in incoming] + new
            updated = state.revise(
                current,
                tr("vendors.upload_title"),
                vendors=[v.model_dump(mode="json") for v in merged],
            )
            names = Words(state.lang()).join(v.name for v in new)
            state.set_project(updated, message=state.say("note.vendor_files", vendors=names))
            state.flash("success", tr("vendors.uploaded", n=len(new)))
            st.rerun()


def _downloads(current: Project, lang: str) -> None:
    st.subheader(tr("vendors.download_title"))
    cols = st.columns(3)
    formats: tuple[tuple[Format, str], ...] = (
        ("csv", "text/csv"),
        ("xlsx", _XLSX),
        ("yaml", "application/yaml"),
    )
    for col, (fmt, mime) in zip(cols, formats, strict=True):
        col.download_button(
            tr("vendors.download", fmt=fmt.upper()),
            data=partial(dump_vendors, current.vendors, fmt, lang=lang),
            file_name=f"vendors.{fmt}",
            mime=mime,
            key=f"ve.download.{fmt}",
            on_click="ignore",
        )


_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def main() -> None:
    """Draw the vendors page."""
    current = widgets.open_page("vendors.title")
    if current is None:
        return
    lang = state.lang()
    with widgets.boundary():
        result = compute.analysis()
        if result is None:
            return
        _summary(current, result, lang)
        # Two vendors whose names read the same: kept, but the reader must be told.
        widgets.show_errors(
            [w.render(lang) for w in same_name_warnings(current.vendors)], kind="warning"
        )
        _findings(current, result, lang)
        st.divider()
        tco_view.section(current, result, lang)
        st.divider()
        if current.integrators:
            integrator_view.section(current, lang)
            st.divider()
        _editor(current, lang)
        st.divider()
        _uploads(current)
        _downloads(current, lang)


main()
