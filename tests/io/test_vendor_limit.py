"""The most vendors a project takes: refused beyond, located, in French and English."""

from __future__ import annotations

import json

import pytest

from erp_select.errors import InputError
from erp_select.i18n import fmt_number, t
from erp_select.io import read_vendors_bytes
from erp_select.io import vendors as vendors_module
from erp_select.io.limits import MAX_VENDORS


def _file(count: int) -> bytes:
    doc = {
        "format": "erp-select.vendors",
        "vendors": [
            {"id": f"v{i:02d}", "name": f"Éditeur {i}", "licence_model": "subscription"}
            for i in range(count)
        ],
    }
    return json.dumps(doc).encode()


def test_vendors_beyond_the_limit_are_refused_at_the_first_one_over(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(vendors_module, "MAX_VENDORS", 3)  # the same check as at 10 000
    assert len(read_vendors_bytes(_file(3), "liste.json")) == 3
    with pytest.raises(InputError) as info:
        read_vendors_bytes(_file(5), "liste.json")
    (problem,) = info.value.problems
    assert problem.rule == "fast.too_many_vendors"
    assert problem.source == "liste.json" and problem.value == "v03"
    fr, en = problem.render("fr"), problem.render("en")
    assert fr.startswith("liste.json") and "« v03 »" in fr and "éditeurs" in fr
    assert "liste.json" in en and "v03" in en and "vendors" in en


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_message_states_the_limit_the_code_applies(lang: str) -> None:
    assert fmt_number(MAX_VENDORS, lang, 0) in t("fast.too_many_vendors", lang)
