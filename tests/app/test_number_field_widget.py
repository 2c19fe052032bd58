"""The number field's text widget, drawn by Streamlit: what the browser falls back to."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _page() -> None:
    import streamlit as st

    from erp_select.app import number_field, session

    st.session_state[session.LANG] = "fr"
    number_field.number_field("Points", key="pts", value=1234.5)


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def test_the_widget_default_is_the_text_shown_not_an_empty_field() -> None:
    # A browser that loses a widget's value (seen once on the workshop's join page: a live
    # fragment rerunning beside a full run) shows the widget's default: it must be the
    # value's text, or an untouched field reads as empty and is refused at « Send ».
    at = AppTest.from_function(_page, default_timeout=60).run()
    widget = at.text_input(key="pts.text")
    assert _plain(widget.value) == "1 234,5"
    assert widget.proto.default == widget.value
    widget.set_value("2 000").run()
    assert _plain(at.text_input(key="pts.text").proto.default) == "2 000"
    assert not at.exception
