"""Shared pieces of every page: language switch, messages, error boundary, tables, charts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from erp_select.app import state
from erp_select.app.state import tr
from erp_select.charts.spec import VIEW_DEFAULTS, ChartSpec
from erp_select.errors import InputError
from erp_select.i18n import LANGS, fmt_number
from erp_select.io.limits import MAX_BYTES, MAX_TABLE_BYTES
from erp_select.model import Project
from erp_select.text import escape_markdown

_LANG_NAMES = {"fr": "Français", "en": "English"}
UPLOADER_CSS = Path(__file__).with_name("static") / "uploader.css"
#: File types as people name them (``yml`` is YAML too).
_TYPE_NAMES = {"yml": "YAML"}


def language_switch() -> None:
    """Draw the French / English switch in the sidebar (its value is ``state.lang()``)."""
    state.lang()  # seeds the default before the widget reads its key
    st.sidebar.radio(
        "Langue / Language",
        options=list(LANGS),
        format_func=lambda code: _LANG_NAMES[code],
        key=state.LANG,
        horizontal=True,
    )


def md(text: str) -> str:
    """``text`` (a vendor name, a label, a file name) shown as typed where Streamlit reads
    Markdown (labels, captions, messages): an image ``![x](http://…)`` is not fetched,
    backticks and ``**`` print as typed."""
    return escape_markdown(text)


def show_errors(lines: list[str] | tuple[str, ...], *, kind: str = "error") -> None:
    """Show located messages, one per line, as an error (or warning/info/success) box.

    The lines are plain text (they quote the user's values): Markdown in them is shown
    as typed, never interpreted.
    """
    if not lines:
        return
    safe = [md(line) for line in lines]
    text = "\n".join(f"- {line}" for line in safe) if len(safe) > 1 else safe[0]
    {"error": st.error, "warning": st.warning, "success": st.success, "info": st.info}.get(
        kind, st.error
    )(text)


def show_flashes() -> None:
    """Show the messages queued by the last action (a rejected edit, a saved project…)."""
    for item in state.pop_flashes():
        show_errors(item.lines, kind=item.kind)


@contextmanager
def boundary() -> Iterator[None]:
    """Catch a rejected input at the page boundary and show its located lines.

    Anything raised inside that is an ``InputError`` becomes an ``st.error`` in the
    visitor's language; the current project is never touched.
    """
    try:
        yield
    except InputError as exc:
        show_errors(exc.lines(state.lang()) or [tr("errors.unknown")])


def open_page(title_key: str) -> Project | None:
    """Start a page that works on the current project: title, queued messages, project.

    Returns the current project, or ``None`` after telling the visitor to start one.
    """
    st.title(tr(title_key))
    show_flashes()
    return require_project()


def require_project() -> Project | None:
    """Return the current project, or tell the visitor to start one and return ``None``."""
    current = state.project()
    if current is None:
        st.info(tr("common.no_project"))
        st.page_link("erp_select/app/pages/project.py", label=tr("nav.project"), icon="🏁")
    return current


ROW_PX = 35
MAX_TABLE_PX = 720
#: Room a chart needs around its plot: title and subtitle, axis labels, a legend.
CHART_FRAME_PX = 110


def table(frame: pd.DataFrame | Any, **kwargs: Any) -> None:
    """Show a read-only table across the page width, without the index, all rows visible."""
    kwargs.setdefault("height", min(ROW_PX * (len(frame) + 1) + 3, MAX_TABLE_PX))
    st.dataframe(frame, hide_index=True, width="stretch", **kwargs)


def chart(
    spec: Any, *, alt: str | None = None, key: str | None = None, height: int | None = None
) -> None:
    """Show a chart built by the core, across the page width, with a text alternative.

    ``spec`` is a :class:`~erp_select.charts.spec.ChartSpec` (a plain Vega-Lite
    specification, sent as it is) or an Altair chart. ``height`` (pixels) fixes the
    drawing's height. By default it is the chart's own plot height plus room for its
    title, axes and legend: stretched to the page width, a chart left at ``"content"``
    height is otherwise squeezed to a thin strip.
    """
    if height is None:
        own = getattr(spec, "height", None)
        if isinstance(own, int) and not isinstance(own, bool):
            height = own + CHART_FRAME_PX
    if isinstance(spec, ChartSpec):
        shown = spec.derived("browser", browser_spec)
        st.vega_lite_chart(shown, width="stretch", key=key, alt=alt, height=height or "content")
        return
    st.altair_chart(spec, width="stretch", key=key, alt=alt, height=height or "content")


def browser_spec(spec: ChartSpec) -> dict[str, Any]:
    """``spec`` as Streamlit's Altair path sends it to the browser.

    Streamlit draws an Altair chart without Altair's default theme (no fixed size for a
    continuous axis: the page's width and the chart's height rule) and hands each dataset
    over as an Arrow table; the same is done here, without going through Altair.
    """
    import pyarrow as pa  # type: ignore[import-untyped]

    out = dict(spec.spec)
    config = dict(out.get("config") or {})
    view = {k: v for k, v in (config.get("view") or {}).items() if k not in VIEW_DEFAULTS}
    config["view"] = view
    out["config"] = config
    out["datasets"] = {
        name: pa.Table.from_pylist(list(values))
        for name, values in (out.get("datasets") or {}).items()
    }
    return out


def caption_lines(lines: list[str]) -> None:
    """Show a short list of sentences as captions."""
    for line in lines:
        st.caption(line)


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def upload_style() -> None:
    """Put our words in Streamlit's upload boxes (once per page run, from the shell)."""
    label = _css_string(state.say("upload.button"))
    css = UPLOADER_CSS.read_text(encoding="utf-8")
    st.html(f"<style>:root{{--erp-upload-button:{label};}}\n{css}</style>")


def uploader(
    label: str,
    types: Sequence[str],
    *,
    key: str,
    multiple: bool = False,
    help: str | None = None,
    vendor_tables: bool = False,
) -> Any:
    """``st.file_uploader`` with a caption in the visitor's language: how, the size limit and
    the file types (Streamlit's own instructions are English; :func:`upload_style` hides them).

    ``vendor_tables``: the box takes vendor tables, whose CSV and XLSX files may be as large
    as a long list needs (:data:`~erp_select.io.limits.MAX_TABLE_BYTES`); the caption says
    both limits.
    """
    found = st.file_uploader(
        label, type=list(types), accept_multiple_files=multiple, key=key, help=help
    )
    names = list(dict.fromkeys(_TYPE_NAMES.get(t, t.upper()) for t in types))
    size = fmt_number(MAX_BYTES / (1024 * 1024), state.lang(), 0)
    if vendor_tables:
        tables = fmt_number(MAX_TABLE_BYTES / (1024 * 1024), state.lang(), 0)
        st.caption(
            state.say("upload.caption_tables", size=size, tables=tables, types=", ".join(names))
        )
    else:
        st.caption(state.say("upload.caption", size=size, types=", ".join(names)))
    return found
