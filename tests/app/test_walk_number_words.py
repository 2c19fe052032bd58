"""Words typed in a number field: the refusal's examples are written the visitor's way."""

from __future__ import annotations

import pytest

from erp_select.app.number_field import FieldRefusal, FieldRule, read_number

BUDGET = FieldRule(label="Budget", min_value=0, money=True)


def test_english_refusal_gives_english_examples() -> None:
    with pytest.raises(FieldRefusal) as caught:
        read_number("thirty thousand", BUDGET, "en")
    said = caught.value.message("en")
    assert "250,000" in said and "1,234.5" in said and "12.5%" in said
    assert "250 000" not in said and "12.5 %" not in said


def test_french_refusal_gives_french_examples() -> None:
    with pytest.raises(FieldRefusal) as caught:
        read_number("trente mille", BUDGET, "fr")
    said = caught.value.message("fr").replace("\u00a0", " ").replace("\u202f", " ")
    assert "250 000" in said and "1 234,5" in said and "12,5 %" in said
