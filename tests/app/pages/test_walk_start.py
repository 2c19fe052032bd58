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
