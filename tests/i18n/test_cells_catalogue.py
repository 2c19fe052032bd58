"""The cells catalogue: French and English match, and every sentence the code asks for exists."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, get_args

import yaml

from erp_select.evaluate.adjustments import Adjustment, Basis, describe
from erp_select.i18n import has_key

LOCALES = Path(__file__).resolve().parents[2] / "erp_select" / "i18n" / "locales"


def _flat(prefix: str, node: Any, out: dict[str, str]) -> dict[str, str]:
    if isinstance(node, dict):
        for key, value in node.items():
            _flat(f"{prefix}.{key}" if prefix else key, value, out)
    else:
        out[prefix] = str(node)
    return out


def _catalogue(lang: str) -> dict[str, str]:
    data = yaml.safe_load((LOCALES / lang / "cells.yaml").read_text(encoding="utf-8"))
    assert list(data) == ["cells"]
    return _flat("", data["cells"], {})


def test_french_and_english_have_the_same_keys_and_placeholders() -> None:
    fr, en = _catalogue("fr"), _catalogue("en")
    assert sorted(fr) == sorted(en)
    for key in fr:
        if key == "refused":  # each language names the criterion in its own language
            continue
        assert set(re.findall(r"\{(\w+)\}", fr[key])) == set(re.findall(r"\{(\w+)\}", en[key])), key


def test_french_uses_french_quotes() -> None:
    for key, text in _catalogue("fr").items():
        assert "“" not in text and "”" not in text, key


# The (rule, basis) pairs erp_select.evaluate.missing can produce.
_USED = {
    ("worst", "scale"),
    ("worst", "absent"),
    ("worst", "observed"),
    ("worst", "none"),
    ("neutral", "median"),
    ("neutral", "middle"),
    ("neutral", "none"),
    ("neutral", "prior"),
    ("neutral", "items"),
}


def test_every_basis_the_code_produces_has_its_sentence() -> None:
    assert {b for _, b in _USED} == set(get_args(Basis))
    for rule, basis in _USED:
        assert has_key(f"cells.missing.{rule}_{basis}"), (rule, basis)
        adj = Adjustment("missing", 1.0, None, {"rule": rule, "basis": basis, "facts": ("x",)})
        for lang in ("fr", "en"):
            assert not describe(adj, lang).startswith("cells."), (rule, basis, lang)
    assert has_key("cells.missing.exclude")
