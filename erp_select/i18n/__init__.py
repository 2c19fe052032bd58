"""Translations (fr, en) from message catalogues, and locale-aware number formatting."""

from erp_select.i18n.catalogue import LANGS, Lang, has_key, normalise_lang, t
from erp_select.i18n.numbers import fmt_money, fmt_number, fmt_percent

__all__ = [
    "LANGS",
    "Lang",
    "fmt_money",
    "fmt_number",
    "fmt_percent",
    "has_key",
    "normalise_lang",
    "t",
]
