"""The start choices speak to a company director: no file path of the program's own."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_start_choices_name_no_program_file(app: AppTest, lang: str) -> None:
    app.sidebar.radio[0].set_value(lang).run()
    shown = " ".join(m.value for m in app.markdown)
    assert "exemple" in shown or "example" in shown
    assert not re.search(r"\b[\w-]+/[\w.-]+\.json\b", shown), shown


def test_a_pair_of_criteria_reads_for_feminine_names_too() -> None:
    """« Adéquation au métier comparé à Prix »: the participle cannot agree with every name."""
    from erp_select.i18n import t

    pair = t("app.criteria.ahp_pair", "fr", a="Adéquation au métier", b="Prix")
    assert "comparé " not in pair and "comparée " not in pair
    assert pair.startswith("Adéquation au métier") and pair.endswith("Prix")
