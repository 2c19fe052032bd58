"""Render the report as one self-contained HTML page (Jinja2) and as PDF (WeasyPrint), offline."""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from erp_select.i18n import t
from erp_select.report.charts import Chart
from erp_select.report.content import ReportContent
from erp_select.report.pdf import html_to_pdf, join_pdfs, offline_fetcher
from erp_select.report.workers import result, submit

__all__ = ["PendingAppendix", "render_html", "render_pdf", "start_appendix"]

TEMPLATES = Path(__file__).resolve().parent / "templates"

#: Which part of the report a page holds: all of it (the HTML report), the body (every
#: section but the appendix) or the appendix (facts and sources per vendor).
Part = Literal["all", "body", "appendix"]


def _css_string(text: str) -> Markup:
    """``text`` as the inside of a double-quoted CSS string, for a ``<style>`` element.

    Letters, digits, spaces and hyphens stay; anything else becomes a CSS hex escape, so
    the result holds no quote, backslash sequence of the input, ``<`` or ``&`` (inside
    ``<style>`` HTML entities are not decoded, hence ``Markup``: not HTML-escaped again).
    """
    safe = "".join(c if c.isalnum() or c in " -" else f"\\{ord(c):x} " for c in str(text))
    return Markup(safe)  # noqa: S704


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
    env.filters["css_string"] = _css_string
    return env


def render_html(
    content: ReportContent,
    charts: Mapping[str, Chart],
    *,
    raster: bool = False,
    part: Part = "all",
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
    part : {"all", "body", "appendix"}
        The whole report, or one of the two parts the PDF is printed from (the appendix
        numbers its pages on their own: ``Annexe 3 / 26``).

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
    return template.render(c=content, charts=dict(charts), css=css, tr=tr, raster=raster, part=part)


@dataclass
class PendingAppendix:
    """The appendix PDF being printed (in a worker process if there is one)."""

    page: str
    future: Future[bytes] | None

    def pdf(self) -> bytes:
        """The appendix PDF (printed here if no worker took it)."""
        return result(self.future, html_to_pdf, self.page)


def start_appendix(content: ReportContent) -> PendingAppendix | None:
    """Start printing the appendix in a worker process; ``None`` if there is no appendix."""
    if not content.vendors:
        return None
    page = render_html(content, {}, raster=True, part="appendix")
    return PendingAppendix(page, submit(html_to_pdf, page))


def render_pdf(
    content: ReportContent,
    charts: Mapping[str, Chart],
    appendix: PendingAppendix | None = None,
) -> bytes:
    """Render the report as PDF: the body with its JPEG charts, then the appendix.

    Parameters
    ----------
    content : ReportContent
        The formatted report in one language.
    charts : mapping of str to Chart
        Charts by id, built with ``raster=True``.
    appendix : PendingAppendix, optional
        From :func:`start_appendix`, when it was started earlier (so that a worker prints
        it while the charts are drawn); started here otherwise.

    Returns
    -------
    bytes
        The PDF document: body pages numbered ``n / N``, appendix pages ``Annexe n / M``.
    """
    pending = appendix if appendix is not None else start_appendix(content)
    page = render_html(content, charts, raster=True, part="body")
    images = {chart.pdf_src: chart.jpeg for chart in charts.values() if chart.jpeg}
    body = html_to_pdf(page, url_fetcher=offline_fetcher(images))
    return join_pdfs(body, pending.pdf() if pending is not None else None)
