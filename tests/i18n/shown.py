"""Collect every string a person reads: an AppTest page, an HTML, PDF or XLSX report.

What an AppTest page exposes is its elements' protobuf messages: every string field of every
element and container (labels, options, help, placeholders, bodies, tab and expander labels,
metrics, alerts…) is read generically, minus the technical fields in ``_TECHNICAL``.
Tables are decoded from their Arrow bytes (column names, index unless hidden, every cell).
Vega-Lite charts are read from their spec (titles, axis and legend titles, text marks and the
string literals of label expressions) and their datasets (the values of every field an
encoding shows as a label or tooltip). Texts the browser adds itself are added here too:
Streamlit's own English placeholder of an empty picker, its file uploader's instructions
(unless the page's CSS hides them; words the CSS draws itself are scanned), and
slider/number values printed with the widget's ``printf`` format.
Not reachable through AppTest: the browser tab title and toasts already gone, images' pixels,
and texts drawn in a chart by Vega itself from numbers (axis ticks: checked through the
spec's number locale instead).
"""

from __future__ import annotations

import html.parser
import io
import json
import re
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd
from google.protobuf.message import Message
from streamlit import dataframe_util

#: Proto fields that hold no words for people (ids, keys, file extensions, CSS, themes).
_TECHNICAL = frozenset(
    {
        "id",
        "form_id",
        "tag",
        "deferred_file_id",
        "theme",
        "name",
        "type",
        "icon",
        "url",
        "mime",
        "data",
        "spec",
        "columns",
        "format",
        "page_script_hash",
        "page",
        "page_name",
        "file_name",
        "key",
        "language",
        "width",
        "height",
        "color",
    }
)
#: Streamlit draws these in English whatever the page's language (its frontend's strings).
STREAMLIT_PICKER_PLACEHOLDER = "Choose an option"


@dataclass(frozen=True)
class Shown:
    """One piece of text a reader sees, and where."""

    where: str
    text: str


def _strings(msg: Message, path: str) -> Iterator[Shown]:
    for field, value in msg.ListFields():
        if field.name in _TECHNICAL:
            continue
        items = value if _repeated(value) else [value]
        for item in items:
            if isinstance(item, Message):
                yield from _strings(item, f"{path}.{field.name}")
            elif isinstance(item, str) and item.strip():
                yield Shown(f"{path}.{field.name}", item)


def _repeated(value: Any) -> bool:
    return hasattr(value, "__len__") and not isinstance(value, str | bytes | Message)


def _printf(fmt: str, value: float) -> str:
    """A slider/number value as the browser prints it with the widget's printf format."""
    try:
        return fmt % value
    except (TypeError, ValueError):
        return str(value)


def _widget_extras(kind: str, proto: Any, path: str, uploader: str) -> Iterator[Shown]:
    """Texts the browser adds to a widget (Streamlit's own words, formatted numbers)."""
    if kind in ("selectbox", "multiselect") and not getattr(proto, "placeholder", ""):
        if kind == "selectbox":
            empty = not proto.HasField("default") and not getattr(proto, "raw_value", "")
        else:
            empty = not list(proto.default) and not list(getattr(proto, "raw_values", []))
        if empty:
            yield Shown(f"{path} (Streamlit placeholder)", STREAMLIT_PICKER_PLACEHOLDER)
    if kind == "file_uploader" and uploader:
        yield Shown(f"{path} (Streamlit uploader)", uploader)
    if kind in ("slider", "number_input") and getattr(proto, "format", ""):
        values = [*getattr(proto, "default", []), *getattr(proto, "value", [])]
        if kind == "number_input":
            values = [proto.value if proto.HasField("value") else proto.default]
        for number in values:
            yield Shown(f"{path} (value shown)", _printf(proto.format, number))


def _table_texts(frame: pd.DataFrame, config: str, path: str) -> Iterator[Shown]:
    hidden = '"_index": {"hidden": true}' in config
    labels = json.loads(config) if config else {}
    for name in frame.columns:
        shown = labels.get(str(name), {}).get("label") if isinstance(labels, dict) else None
        yield Shown(
            f"{path} column",
            " ".join(map(str, name)) if isinstance(name, tuple) else str(shown or name),
        )
    if not hidden and not isinstance(frame.index, pd.RangeIndex):
        for value in frame.index:
            yield Shown(f"{path} row label", str(value))
    for column in frame.columns:
        drawn = _drawn_cell(labels.get(str(column)) if isinstance(labels, dict) else None)
        for value in frame[column]:
            if value is not None and not (isinstance(value, str) and not value.strip()):
                text = drawn(value)
                if text is not None:
                    yield Shown(f"{path} cell [{column}]", text)
            elif value is None and frame[column].dtype == object:
                pass  # an empty cell is drawn empty


def _drawn_cell(column: Any) -> Callable[[Any], str | None]:
    """How the browser draws a cell of a column configured as ``column`` (``None``: no text).

    A checkbox column draws a box, not the word True or False; a select-box column draws the
    label its options give a value (the app's ``format_func``); any other cell its value.
    """
    kind = column.get("type_config", {}) if isinstance(column, dict) else {}
    if kind.get("type") == "checkbox":
        return lambda value: None
    if kind.get("type") == "selectbox":
        named = {
            str(o.get("value")): str(o.get("label"))
            for o in kind.get("options") or []
            if isinstance(o, dict) and o.get("label") is not None
        }
        return lambda value: named.get(str(value), str(value))
    return str


def dataframe_texts(proto: Any, path: str) -> Iterator[Shown]:
    """Column names, row labels and cells of an ``st.dataframe``/``st.data_editor``/``st.table``."""
    frame = dataframe_util.convert_arrow_bytes_to_pandas_df(proto.arrow_data.data)
    yield from _table_texts(frame, getattr(proto, "columns", "") or "", path)


_SHOWN_CHANNELS = frozenset(
    {
        "x",
        "y",
        "x2",
        "y2",
        "color",
        "fill",
        "stroke",
        "text",
        "tooltip",
        "row",
        "column",
        "facet",
        "shape",
        "theta",
    }
)
_LITERAL = re.compile(r"'([^']*)'|\"([^\"]*)\"")


def _spec_texts(node: Any, path: str, fields: set[str]) -> Iterator[Shown]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("title", "subtitle", "description") and isinstance(value, str | list):
                for line in value if isinstance(value, list) else [value]:
                    yield Shown(f"{path}.{key}", str(line))
            elif key == "text" and isinstance(value, str | list):
                for line in value if isinstance(value, list) else [value]:
                    yield Shown(f"{path}.text", str(line))
            elif key in ("labelExpr", "expr") and isinstance(value, str):
                for m in _LITERAL.finditer(value):
                    literal = m.group(1) if m.group(1) is not None else m.group(2)
                    if literal.strip():
                        yield Shown(f"{path}.{key} literal", literal)
            elif key == "encoding" and isinstance(value, dict):
                for channel, enc in value.items():
                    if channel in _SHOWN_CHANNELS:
                        for item in enc if isinstance(enc, list) else [enc]:
                            if isinstance(item, dict) and isinstance(item.get("field"), str):
                                fields.add(item["field"])
                yield from _spec_texts(value, f"{path}.encoding", fields)
            elif key == "datum" and isinstance(value, str):
                yield Shown(f"{path}.datum", value)
            elif key == "values" and isinstance(value, list):
                yield from _spec_texts({"_inline": value}, path, fields)
            else:
                yield from _spec_texts(value, f"{path}.{key}", fields)
    elif isinstance(node, list):
        for item in node:
            yield from _spec_texts(item, path, fields)


def vega_texts(
    spec: dict[str, Any], datasets: list[pd.DataFrame], path: str, lang: str
) -> Iterator[Shown]:
    """Titles, labels and shown data values of one Vega-Lite chart."""
    fields: set[str] = set()
    yield from _spec_texts(spec, path, fields)
    frames = list(datasets)
    inline = spec.get("data", {}).get("values") if isinstance(spec.get("data"), dict) else None
    if isinstance(inline, list) and inline and isinstance(inline[0], dict):
        frames.append(pd.DataFrame(inline))
    for frame in frames:
        for name in sorted(fields & {str(c) for c in frame.columns}):
            for value in frame[name].drop_duplicates():
                if isinstance(value, str):
                    yield Shown(f"{path} data [{name}]", value)
                elif value is None or (isinstance(value, float) and value != value):
                    yield Shown(f"{path} data [{name}]", str(value))
    locale = spec.get("config", {}).get("locale", {}).get("number", {})
    if lang == "en" and locale.get("decimal") == ",":
        yield Shown(f"{path} number locale", "axes print 0,2: the spec has the French locale")
    if lang == "fr" and locale.get("decimal") != ",":
        yield Shown(f"{path} number locale", "axes print 0.2: the spec has no French number locale")


_HIDES_INSTRUCTIONS = re.compile(r"stFileUploaderDropzoneInstructions[^}]*\{[^}]*display:\s*none")
_REPLACES_BUTTON = re.compile(r"stBaseButton-secondary[^{]*::after\s*\{[^}]*content:")
_CSS_TEXT = re.compile(r"(?:content|--[\w-]+)\s*:\s*\"((?:[^\"\\]|\\.)*)\"")


def _styles(node: Any) -> Iterator[str]:
    if getattr(node, "type", "") == "html":
        yield from re.findall(r"<style[^>]*>(.*?)</style>", node.proto.body, re.S)
    for child in getattr(node, "children", {}).values():
        yield from _styles(child)


def uploader_words(tree: Any) -> tuple[str, list[Shown]]:
    """What Streamlit's upload box still says in English once the page's CSS is applied,
    and the words the CSS puts there itself (its quoted ``content``/custom properties)."""
    css = "\n".join(_styles(tree))
    english = (
        []
        if _HIDES_INSTRUCTIONS.search(css)
        else ["Drag and drop files here", "Limit 200MB per file"]
    )
    if not _REPLACES_BUTTON.search(css):
        english.append("Browse files")
    own = [Shown("style (CSS text)", m.group(1)) for m in _CSS_TEXT.finditer(css) if m.group(1)]
    return " · ".join(english), own


def page_texts(tree: Any, lang: str) -> Iterator[Shown]:
    """Every string of an AppTest page: the main area, the sidebar, and their containers."""
    uploader, own = uploader_words(tree)
    yield from own
    for index, block in tree.children.items():
        area = {0: "main", 1: "sidebar"}.get(index, f"area{index}")
        yield from _node_texts(block, area, lang, uploader)


def _node_texts(node: Any, path: str, lang: str, uploader: str) -> Iterator[Shown]:
    proto = getattr(node, "proto", None)
    kind = getattr(node, "type", "?")
    label = getattr(proto, "label", "") if proto is not None else ""
    here = f"{path} > {kind}" + (f" «{label[:40]}»" if isinstance(label, str) and label else "")
    if proto is not None and isinstance(proto, Message):
        if kind in ("dataframe", "arrow_data_frame", "table", "arrow_table"):
            yield from dataframe_texts(proto, here)
        elif kind in ("vega_lite_chart", "arrow_vega_lite_chart"):
            frames = [
                dataframe_util.convert_arrow_bytes_to_pandas_df(d.data.data) for d in proto.datasets
            ]
            yield from vega_texts(json.loads(proto.spec), frames, here, lang)
        if kind == "html":  # what the browser shows of it: text, not scripts or styles
            for item in html_texts(proto.body):
                yield Shown(f"{here} {item.where}", item.text)
        else:
            yield from _strings(proto, here)
        yield from _widget_extras(kind, proto, here, uploader)
    for child in getattr(node, "children", {}).values():
        inner = here if kind in ("expandable", "tab") else path
        yield from _node_texts(child, inner, lang, uploader)


class _HtmlText(html.parser.HTMLParser):
    """Text nodes and the words in ``alt``/``title``/``aria-label`` of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[Shown] = []
        self._skip = 0
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._stack.append(tag)
        if tag in ("style", "script"):
            self._skip += 1
        for name, value in attrs:
            if name in ("alt", "title", "aria-label", "placeholder") and value:
                self.texts.append(Shown(f"<{tag} {name}>", value))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip = max(0, self._skip - 1)
        if self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.texts.append(Shown(f"<{self._stack[-1] if self._stack else 'body'}>", data))


def html_texts(document: str) -> list[Shown]:
    """Every text of an HTML report (inline SVG charts included)."""
    parser = _HtmlText()
    parser.feed(document)
    return parser.texts


def pdf_texts(document: bytes) -> list[Shown]:
    """Every line of a PDF, as ``pdftotext`` reads it, with its page number."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=document, capture_output=True, check=True
    ).stdout.decode("utf-8")
    return [
        Shown(f"page {number}", line)
        for number, page in enumerate(out.split("\f"), start=1)
        for line in page.splitlines()
        if line.strip()
    ]


def xlsx_texts(document: bytes) -> list[Shown]:
    """Every text cell of every sheet (headers included), and the sheet names."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(document), read_only=True)
    found: list[Shown] = []
    for sheet in book.worksheets:
        found.append(Shown("sheet name", sheet.title))
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.strip():
                    found.append(Shown(f"{sheet.title}!{cell.coordinate}", cell.value))
    return found
