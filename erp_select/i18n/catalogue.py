"""Look up translated messages in the YAML catalogues under ``locales/<lang>/``."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml

from erp_select import environment

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = ("fr", "en")
_LOCALES = Path(__file__).parent / "locales"


def normalise_lang(lang: str | None) -> Lang:
    """Return a supported language code, defaulting to ``ERP_SELECT_LANG`` then English."""
    candidate = (lang or environment.default_lang() or "en").lower()[:2]
    return "fr" if candidate == "fr" else "en"


def _flatten(prefix: str, node: Any, out: dict[str, str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), value, out)
    else:
        out[prefix] = str(node)


@cache
def catalogue(lang: Lang) -> dict[str, str]:
    """Return the flat message catalogue of ``lang`` (every ``*.yaml`` file of the locale).

    Each file's top-level key is its domain, so ``errors.yaml`` holding ``errors: {x: ...}``
    gives the key ``errors.x``.
    """
    out: dict[str, str] = {}
    for path in sorted((_LOCALES / lang).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        _flatten("", data, out)
    return out


def has_key(key: str) -> bool:
    """True when ``key`` is in the English catalogue (the reference language)."""
    return key in catalogue("en")


def t(key: str, lang: str | None = None, /, **params: Any) -> str:
    """Translate ``key`` into ``lang`` and fill ``{placeholders}`` from ``params``.

    A key missing from the language falls back to English, then to the key itself, so a
    missing translation shows up as a readable key rather than an exception. With a whole
    number ``n`` among the params, a ``<key>_one`` variant, where the catalogue has one, is
    used for the singular (French: 0 and 1; English: 1).
    """
    code = normalise_lang(lang)
    chosen = key
    n = params.get("n")
    # A key with a ``_one`` variant has a singular: French for 0 and 1, English for 1.
    whole = isinstance(n, int) and not isinstance(n, bool)
    singular = whole and ((n in (0, 1)) if code == "fr" else (n == 1))
    if singular and f"{key}_one" in catalogue(code):
        chosen = f"{key}_one"
    template = catalogue(code).get(chosen) or catalogue("en").get(key) or key
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
