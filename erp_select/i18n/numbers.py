"""Format numbers, money and percentages the way each language writes them."""

from __future__ import annotations

import math

from babel.numbers import format_currency, format_decimal, format_percent

from erp_select.i18n.catalogue import normalise_lang

_LOCALE = {"fr": "fr_FR", "en": "en_GB"}


def fmt_number(value: float, lang: str | None = None, digits: int = 1) -> str:
    """Format ``value`` with ``digits`` decimals (French: ``1 234,5``)."""
    if not math.isfinite(value):
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(value, format=pattern, locale=_LOCALE[normalise_lang(lang)])


def fmt_money(value: float, lang: str | None = None, currency: str = "EUR", digits: int = 0) -> str:
    """Format an amount of money (French: ``1 234 €``)."""
    if not math.isfinite(value):
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "") + " ¤"
    code = normalise_lang(lang)
    if code == "en":
        pattern = "¤#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_currency(
        value, currency, format=pattern, locale=_LOCALE[code], currency_digits=False
    )


def fmt_percent(share: float, lang: str | None = None, digits: int = 0) -> str:
    """Format a share in [0, 1] as a percentage (French: ``37 %``)."""
    if not math.isfinite(share):
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "") + "%"
    if normalise_lang(lang) == "fr":
        pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "") + " %"
    return format_percent(share, format=pattern, locale=_LOCALE[normalise_lang(lang)])
