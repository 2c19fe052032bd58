"""Report page: preview of the shortlist report, its downloads and the board memo."""

from __future__ import annotations

from functools import partial

import streamlit as st
import streamlit.components.v1 as components

from erp_select.app import compute, files, state, widgets
from erp_select.app.state import tr
from erp_select.i18n import fmt_number, t
from erp_select.report import APPENDIX_SCOPES, EXTENSIONS, FORMATS, MEDIA_TYPES

PREVIEW_HEIGHT = 900
_ASKED = "_report_for"


def main() -> None:
    """Draw the report page."""
    current = widgets.open_page("report.title")
    if current is None:
        return
    lang = state.lang()
    st.caption(tr("report.intro"))
    samples, seed = compute.simulation_settings(current)
    key = (compute.project_json(current), compute.settings_key(current))
    if st.session_state.get(_ASKED) != key:
        if not st.button(tr("report.prepare"), type="primary", key="rp.prepare"):
            return
        st.session_state[_ASKED] = key
    with widgets.boundary():
        with st.status(tr("report.computing"), expanded=False) as status:
            inputs = compute.suite(current)
            html = compute.report(current, "html", lang)
            status.update(label=tr("report.ready"), state="complete")
        base = files.project_file_name(current).removesuffix(".erp-select.json")
        appendix = st.radio(
            t("sheets.app.choice", lang),
            APPENDIX_SCOPES,
            format_func=lambda scope: t(f"sheets.app.{scope}", lang),
            horizontal=True,
            help=t("sheets.app.help", lang),
            key="rp.appendix",
        )
        cols = st.columns(len(FORMATS))
        for col, fmt in zip(cols, FORMATS, strict=True):
            # The board memo (a two-page PDF) is drawn from the same suite as the others.
            label = (
                t("memo.download", lang)
                if fmt == "memo"
                else tr("report.download", fmt=fmt.upper())
            )
            col.download_button(
                label,
                data=partial(compute.report_cached, *key, fmt, lang, appendix),
                file_name=f"{base}-{state.say('file.report')}-{lang}.{EXTENSIONS[fmt]}",
                mime=MEDIA_TYPES[fmt],
                key=f"rp.download.{fmt}",
                on_click="ignore",
                width="stretch",
            )
        # The project as this report analysed it (reference date and seed included): the
        # file whose fingerprint the report prints, which reproduces it on any later day.
        st.download_button(
            tr("report.download_project"),
            data=files.project_bytes(inputs.saved),
            file_name=f"{base}-{state.say('file.report')}.erp-select.json",
            mime="application/json",
            key="rp.download.project",
            on_click="ignore",
            help=tr("report.download_project_help", fingerprint=inputs.fingerprint[:12]),
        )
        st.caption(tr("report.seed", seed=seed, samples=fmt_number(samples, lang, 0)))
        st.subheader(tr("report.preview"))
        components.html(html.decode("utf-8"), height=PREVIEW_HEIGHT, scrolling=True)


main()
