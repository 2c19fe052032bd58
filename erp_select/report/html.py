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
from erp_select.report.context import ReportContent

TEMPLATES = Path(__file__).resolve().parent / "templates"


@cache
def environment() -> Environment:
    """The Jinja2 environment of the report: autoescaping on for every template."""
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(
    content: ReportContent, charts: Mapping[str, Chart], *, raster: bool = False
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
        (the page for :func:`render_pdf`, whose fetcher serves them from memory).

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


def offline_fetcher(images: Mapping[str, bytes] | None = None) -> Any:
    """Return a WeasyPrint URL fetcher that fetches nothing.

    It serves ``data:`` URIs and the in-memory chart images of ``images`` (JPEG, by
    :attr:`Chart.pdf_src`), and refuses everything else (file, http, https…) with
    ``ValueError`` before anything is opened. It records every URL it is asked for in its
    ``calls`` list.

    Parameters
    ----------
    images : mapping of str to bytes, optional
        JPEG images by address (``erp-select-chart:<id>``).

    Returns
    -------
    weasyprint.urls.URLFetcher
        A fresh fetcher.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    served = dict(images or {})

    class _Offline(URLFetcher):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(allowed_protocols=("data",), allow_redirects=False, timeout=1)
            self.calls: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            self.calls.append(url)
            if url in served:
                return URLFetcherResponse(url, served[url], headers={"Content-Type": "image/jpeg"})
            if not url.startswith("data:"):
                raise ValueError(f"the report renderer fetches nothing: {url[:60]!r} refused")
            return super().fetch(url, headers)

    return _Offline()


def render_pdf(content: ReportContent, charts: Mapping[str, Chart]) -> bytes:
    """Render the report as PDF: the page of :func:`render_html` with its JPEG charts.

    Parameters
    ----------
    content : ReportContent
        The formatted report in one language.
    charts : mapping of str to Chart
        Charts by id, built with ``raster=True``.

    Returns
    -------
    bytes
        The PDF document.
    """
    page = render_html(content, charts, raster=True)
    images = {chart.pdf_src: chart.jpeg for chart in charts.values() if chart.jpeg}
    return html_to_pdf(page, url_fetcher=offline_fetcher(images))


def html_to_pdf(html: str, url_fetcher: Any = None) -> bytes:
    """Render an HTML report to PDF with WeasyPrint, fetching nothing.

    Parameters
    ----------
    html : str
        The document from :func:`render_html`.
    url_fetcher : weasyprint.urls.URLFetcher, optional
        Fetcher given to WeasyPrint (default: a fresh :func:`offline_fetcher` that serves
        ``data:`` URIs only).

    Returns
    -------
    bytes
        The PDF document (A4, page numbers in the margin).
    """
    from weasyprint import HTML

    fetcher = url_fetcher if url_fetcher is not None else offline_fetcher()
    document = HTML(string=html, base_url=None, url_fetcher=fetcher, media_type="print")
    pdf: bytes = document.write_pdf()
    return pdf
