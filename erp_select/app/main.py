"""The app's page script: configure Streamlit, check the settings, route to the journey's pages."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from erp_select.app import cookies, offline, shell
from erp_select.errors import InputError
from erp_select.i18n import LANGS, t
from erp_select.settings import load_settings

#: This file: what ``streamlit run`` runs for ``erp-select app``.
SCRIPT = Path(__file__).resolve()


def _refuse_bad_settings() -> None:
    """Stop with a located message, in French and in English, when a setting is refused."""
    try:
        load_settings()
    except InputError as exc:
        for lang in LANGS:
            st.error("\n\n".join([t("infra.bad_settings", lang), *exc.lines(lang)]))
        st.stop()


def run() -> None:
    """Run one pass of the app (Streamlit runs the page script on every interaction)."""
    offline.keep_offline()
    st.set_page_config(page_title="erp-select", page_icon=str(offline.PAGE_ICON), layout="wide")
    _refuse_bad_settings()
    shell.restore()
    page = shell.navigation()
    shell.sidebar(page)
    shell.sync_url()
    shell.frame(page)
    page.run()
    cookies.flush(hold=page.url_path == shell.ROOM.name)


if __name__ == "__main__":
    run()
