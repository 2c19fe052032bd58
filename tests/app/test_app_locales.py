"""The app's message catalogues: French and English cover the same keys, and every key used."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from erp_select.i18n import t

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "erp_select" / "i18n" / "locales"
APP_CODE = [ROOT / "app.py", *sorted((ROOT / "erp_select" / "app").rglob("*.py"))]
# tr("key"…) or tr('key'…) with a literal key (f-strings with placeholders are checked below).
LITERAL = re.compile(r"""\btr\(\s*(["'])([a-z0-9_.]+)\1""")
FORMATTED = re.compile(r"""\btr\(\s*f(["'])([a-z0-9_.{}]+)\1""")


def _flat(prefix: str, node: Any, out: dict[str, str]) -> dict[str, str]:
    if isinstance(node, dict):
        for key, value in node.items():
            assert isinstance(key, str), f"non-text key {key!r} under {prefix} (quote yes/no keys)"
            _flat(f"{prefix}.{key}" if prefix else key, value, out)
    else:
        out[prefix] = str(node)
    return out


def _catalogue(lang: str) -> dict[str, str]:
    data = yaml.safe_load((LOCALES / lang / "app.yaml").read_text(encoding="utf-8"))
    assert list(data) == ["app"]
    return _flat("", data["app"], {})


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def test_french_and_english_have_the_same_keys_and_placeholders() -> None:
    fr, en = _catalogue("fr"), _catalogue("en")
    assert sorted(fr) == sorted(en)
    for key in fr:
        assert _placeholders(fr[key]) == _placeholders(en[key]), key


def test_french_texts_use_french_quotes_not_english_ones() -> None:
    for key, text in _catalogue("fr").items():
        assert "“" not in text and "”" not in text, key


def test_every_literal_key_used_by_the_app_exists() -> None:
    fr = _catalogue("fr")
    used: set[str] = set()
    for path in APP_CODE:
        used |= {m.group(2) for m in LITERAL.finditer(path.read_text(encoding="utf-8"))}
    assert used
    missing = sorted(k for k in used if k not in fr)
    assert missing == []


def test_every_formatted_key_family_exists() -> None:
    fr = _catalogue("fr")
    for path in APP_CODE:
        for match in FORMATTED.finditer(path.read_text(encoding="utf-8")):
            prefix = match.group(2).split("{", 1)[0]
            assert any(k.startswith(prefix) for k in fr), match.group(2)


def test_translation_goes_through_the_shared_catalogue() -> None:
    assert t("app.nav.ranking", "fr") == "Classement"
    assert t("app.nav.ranking", "en") == "Ranking"
