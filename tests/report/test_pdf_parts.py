"""The PDF helpers: garbage-collector pause and the joining of the body and the appendix."""

from __future__ import annotations

import gc
import io
import threading

import pytest
from pypdf import PdfReader

from erp_select.report.pdf import gc_paused, html_to_pdf, join_pdfs


def _pdf(title: str, pages: int, heading: str) -> bytes:
    body = "".join(
        f'<h1>{heading} {i}</h1><p style="break-after: page">page {i}</p>' for i in range(pages)
    )
    return html_to_pdf(f"<html><head><title>{title}</title></head><body>{body}</body></html>")


def test_gc_pause_restores_the_collector_even_after_an_error() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():  # nested (another thread printing at the same time)
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), gc_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_gc_pause_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_gc_pause_from_two_threads_ends_when_both_end() -> None:
    inside = threading.Barrier(2)
    leave = threading.Event()

    def hold() -> None:
        with gc_paused():
            inside.wait()
            leave.wait(10)

    other = threading.Thread(target=hold)
    other.start()
    with gc_paused():
        inside.wait()
    assert not gc.isenabled()  # the other thread still prints
    leave.set()
    other.join()
    assert gc.isenabled()


def test_join_keeps_pages_title_bookmarks_and_labels() -> None:
    body, appendix = _pdf("Report", 3, "Body"), _pdf("Appendix", 2, "Facts")
    joined = PdfReader(io.BytesIO(join_pdfs(body, appendix)))
    assert len(joined.pages) == 5
    assert list(joined.page_labels) == ["1", "2", "3", "A-1", "A-2"]
    assert joined.metadata is not None and joined.metadata.title == "Report"
    texts = [p.extract_text() or "" for p in joined.pages]
    assert "Body 0" in texts[0] and "Facts 1" in texts[4]
    titles = [item.title for item in joined.outline if not isinstance(item, list)]
    assert titles == ["Body 0", "Body 1", "Body 2", "Facts 0", "Facts 1"]


def test_join_without_appendix_returns_the_body() -> None:
    body = _pdf("Report", 1, "Body")
    assert join_pdfs(body, None) is body
