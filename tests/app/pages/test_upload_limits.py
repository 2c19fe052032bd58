"""AppTest: the vendor upload boxes say the long-list limit of vendor tables, the others 5 Mo."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from erp_select.io.limits import MAX_BYTES, MAX_TABLE_BYTES

Goto = Callable[[AppTest, str], AppTest]


def _captions(app: AppTest) -> list[str]:
    return [c.value for c in app.caption if "Choisir un fichier" in c.value]


def test_the_vendor_upload_box_says_both_limits(demo: AppTest, goto: Goto) -> None:
    goto(demo, "vendors")
    assert not demo.exception
    tables = MAX_TABLE_BYTES // (1024 * 1024)
    small = MAX_BYTES // (1024 * 1024)
    (caption,) = _captions(demo)
    assert f"{tables} Mo au plus pour un tableau CSV ou XLSX" in caption
    assert f"{small} Mo pour un fichier JSON ou YAML" in caption


def test_the_project_file_box_keeps_the_small_limit(demo: AppTest, goto: Goto) -> None:
    goto(demo, "project")
    assert not demo.exception
    captions = _captions(demo)
    small = MAX_BYTES // (1024 * 1024)
    assert any(f"{small} Mo au plus par fichier" in c for c in captions)
    assert any("tableau CSV ou XLSX" in c for c in captions)  # the vendor files box
