"""AppTest: the report page offers the choice of the PDF's vendor sheets, in words."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

Goto = Callable[[AppTest, str], AppTest]


def test_report_page_offers_the_pdf_sheets_choice(demo: AppTest, goto: Goto) -> None:
    goto(demo, "report")
    demo.button(key="rp.prepare").click().run(timeout=300)
    assert not demo.exception
    choice = demo.radio(key="rp.appendix")
    assert choice.label == "Fiches des éditeurs dans le PDF"
    assert choice.value == "shortlist"  # the board's default
    assert list(choice.options) == ["Liste restreinte et éditeurs proches", "Tous les éditeurs"]
    choice.set_value("all").run(timeout=300)
    assert not demo.exception
    assert demo.radio(key="rp.appendix").value == "all"
