"""AppTest: the report page — prepared on request, previewed, offered in every format."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from erp_select.report import FORMATS

Goto = Callable[[AppTest, str], AppTest]


def test_report_is_prepared_on_request_and_offered_in_every_format(
    demo: AppTest, goto: Goto
) -> None:
    goto(demo, "report")
    assert [t.value for t in demo.title] == ["Rapport de présélection"]
    assert not demo.get("download_button")[1:]  # only the sidebar's project file so far
    demo.button(key="rp.prepare").click().run(timeout=300)
    assert not demo.exception
    labels = [b.label for b in demo.get("download_button")]
    for fmt in FORMATS:
        if fmt != "memo":
            assert f"Télécharger en {fmt.upper()}" in labels
    assert "Note au comité (PDF, 2 pages)" in labels  # the board memo, from the same suite
    assert "Télécharger le fichier projet de ce rapport" in labels
    assert demo.get("iframe"), "the HTML preview is shown"
