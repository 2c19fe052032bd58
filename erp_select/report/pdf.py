"""PDF from the report's HTML page with WeasyPrint, fetching nothing.

The report is printed as one document, so its pages are numbered from the first to the
last (``7 / 18``). This module imports nothing of the analyses.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was_enabled = True


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while WeasyPrint lays a document out.

    WeasyPrint allocates hundreds of thousands of small objects; each allocation burst
    triggers collections that walk every object of the process (in the app: the
    analyses, charts and Streamlit's state), about a fifth of the PDF time. Reference
    counting still frees what is not in a cycle; the collector resumes when the last
    pause in this process ends (pauses from several threads nest).
    """
    global _gc_pauses, _gc_was_enabled
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_enabled:
                gc.enable()


def offline_fetcher(images: Mapping[str, bytes] | None = None) -> Any:
    """Return a WeasyPrint URL fetcher that fetches nothing.

    It serves ``data:`` URIs and the in-memory chart images of ``images`` (JPEG, by
    :attr:`~erp_select.report.charts.Chart.pdf_src`), and refuses everything else (file,
    http, https…) with ``ValueError`` before anything is opened. It records every URL it
    is asked for in its ``calls`` list.

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


def html_to_pdf(html: str, url_fetcher: Any = None) -> bytes:
    """Render an HTML page to PDF with WeasyPrint, fetching nothing.

    Parameters
    ----------
    html : str
        A page from :func:`erp_select.report.html.render_html`.
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
    with gc_paused():
        document = HTML(string=html, base_url=None, url_fetcher=fetcher, media_type="print")
        pdf: bytes = document.write_pdf()
    return pdf
