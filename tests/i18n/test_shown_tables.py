"""What the scanner reads of a data editor: what the browser draws, not the raw cell values."""

from __future__ import annotations

import json

import pandas as pd

from tests.i18n.shown import _table_texts

CONFIG = {
    "process": {
        "label": "processus",
        "type_config": {
            "type": "selectbox",
            "options": [{"value": "hr_payroll", "label": "Interfaces RH et paie"}],
        },
    },
    "locked": {"label": "verrouillée", "type_config": {"type": "checkbox"}},
    "id": {"label": "id", "type_config": {"type": "text"}},
}


def _cells() -> list[tuple[str, str]]:
    frame = pd.DataFrame(
        {"process": ["hr_payroll", "own_process"], "locked": [True, False], "id": ["a", "b"]}
    )
    shown = _table_texts(frame, json.dumps(CONFIG), "main > data_editor")
    return [(s.where, s.text) for s in shown]


def test_headers_are_the_configured_labels() -> None:
    columns = [text for where, text in _cells() if where.endswith("column")]
    assert columns == ["processus", "verrouillée", "id"]


def test_a_select_box_cell_shows_its_label_and_a_checkbox_no_text() -> None:
    cells = [(where.split("cell ")[-1], text) for where, text in _cells() if "cell" in where]
    # The option's label, not the slug; a value without a label is drawn as it is (and so
    # is still caught as a raw slug); a checkbox draws no word.
    assert cells == [
        ("[process]", "Interfaces RH et paie"),
        ("[process]", "own_process"),
        ("[id]", "a"),
        ("[id]", "b"),
    ]
