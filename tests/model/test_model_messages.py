"""Every model rule has its sentence in French and English, with the same placeholders."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from pydantic import ValidationError

from erp_select.i18n.catalogue import catalogue
from erp_select.model import FactRule, VendorProfile

MODEL = Path(__file__).resolve().parents[2] / "erp_select" / "model"
KEYS = sorted(
    {
        key
        for path in MODEL.glob("*.py")
        for key in re.findall(r'invalid\(\s*"([a-z_]+)"', path.read_text(encoding="utf-8"))
    }
)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_rules_are_found() -> None:
    assert len(KEYS) >= 20


@pytest.mark.parametrize("key", KEYS)
def test_each_rule_is_translated(key: str) -> None:
    en, fr = catalogue("en"), catalogue("fr")
    assert f"model.{key}" in en and f"model.{key}" in fr
    assert _fields(en[f"model.{key}"]) == _fields(fr[f"model.{key}"])


def test_error_type_carries_the_rule_key() -> None:
    with pytest.raises(ValidationError) as info:
        FactRule(fact="deployment", op=">=", value="cloud")
    assert info.value.errors()[0]["type"] == "model.op_needs_number"
    with pytest.raises(ValidationError) as info:
        VendorProfile.model_validate(
            {
                "id": "a",
                "name": "A",
                "licence_model": "perpetual",
                "facts": {"x": {"value": 1, "low": 2}},
            }
        )
    assert info.value.errors()[0]["type"] == "model.range_order"
    assert info.value.errors()[0]["ctx"] == {"low": 2.0, "value": 1.0, "high": 1.0}
