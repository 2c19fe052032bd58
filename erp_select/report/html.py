"""Render the report as one self-contained HTML page (Jinja2) and as PDF (WeasyPrint), offline."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from erp_select.i18n import t
from erp_select.report.charts import Chart
from erp_select.report.content import ReportContent
from erp_select.report.pdf import html_to_pdf, offline_fetcher

__all__ = ["render_html", "render_pdf"]

TEMPLATES = Path(__file__).resolve().parent / "templates"


@cache
def environment() -> Environment:
    """The Jinja2 environment of the report: autoescaping on for every template."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def render_page(template: str, lang: str, stylesheets: tuple[str, ...], **context: Any) -> str:
    """A self-contained HTML page of its own (the memo, the demo script) in ``lang``.

    ``stylesheets`` are our own files in the templates folder, inlined in order.
    """
    css = "\n".join((TEMPLATES / name).read_text(encoding="utf-8") for name in stylesheets)

    def tr(key: str, **params: Any) -> str:
        return t(key, lang, **params)

    # Our own stylesheets, trusted (no text from the inputs): not escaped inside <style>.
    return environment().get_template(template).render(css=Markup(css), tr=tr, **context)  # noqa: S704


def render_html(
    content: ReportContent,
    charts: Mapping[str, Chart],
    *,
    raster: bool = False,
) -> str:
    """Render the report page.

    Parameters
    ----------
    content : ReportContent
        The formatted report in one language.
    charts : mapping of str to Chart
        Charts by id (``data:`` URIs).
    raster : bool
        Name the JPEG drawings by :attr:`Chart.pdf_src` instead of embedding the SVG ones
        (a page for the PDF, whose fetcher serves them from memory).

    Returns
    -------
    str
        A complete HTML document: inline CSS, charts as ``data:`` images (or in-memory
        names with ``raster``), no script, no external resource.
    """
    env = environment()
    # Our own stylesheet, trusted: inside <style> entities are not decoded, so it must not
    # be escaped (it holds no text from the inputs).
    css = Markup((TEMPLATES / "report.css").read_text(encoding="utf-8"))  # noqa: S704
    lang = content.lang

    def tr(key: str, **params: Any) -> str:
        return t(key, lang, **params)

    template = env.get_template("report.html.j2")
    return template.render(c=content, charts=dict(charts), css=css, tr=tr, raster=raster)


def render_pdf(content: ReportContent, charts: Mapping[str, Chart]) -> bytes:
    """Render the report as one PDF: its sections with their JPEG charts, then the vendor sheets.

    Parameters
    ----------
    content : ReportContent
        The formatted report in one language, holding the vendor sheets to print (see
        :func:`erp_select.report.context.sheets_in_scope`).
    charts : mapping of str to Chart
        Charts by id, built with ``raster=True``.

    Returns
    -------
    bytes
        The PDF document, its pages numbered ``n / N`` from the first to the last.
    """
    page = render_html(content, charts, raster=True)
    images = {chart.pdf_src: chart.jpeg for chart in charts.values() if chart.jpeg}
    return html_to_pdf(page, url_fetcher=offline_fetcher(images))
