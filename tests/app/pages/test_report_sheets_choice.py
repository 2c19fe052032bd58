"""AppTest: the report page offers the choice of the PDF (for the board, or full), in words."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

Goto = Callable[[AppTest, str], AppTest]


def test_report_page_offers_the_pdf_sheets_choice(demo: AppTest, goto: Goto) -> None:
    goto(demo, "report")
    demo.button(key="rp.prepare").click().run(timeout=300)
    assert not demo.exception
    choice = demo.radio(key="rp.appendix")
    assert choice.label == "Contenu du PDF"
    assert choice.value == "shortlist"  # the board's default
    assert list(choice.options) == [
        "Pour le comité : note, synthèse et une page par éditeur de la liste restreinte ou proche",
        "Rapport complet : toutes les analyses et les fiches de tous les éditeurs",
    ]
    choice.set_value("all").run(timeout=300)
    assert not demo.exception
    assert demo.radio(key="rp.appendix").value == "all"
