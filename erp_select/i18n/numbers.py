"""Format numbers, money and percentages the way each language writes them."""

from __future__ import annotations

import decimal
import math
from collections.abc import Callable
from functools import cache

from babel import Locale
from babel.numbers import NumberPattern, format_currency, format_decimal, format_percent
from babel.numbers import parse_pattern as _parse_pattern

from erp_select.i18n.catalogue import normalise_lang

_LOCALE = {"fr": "fr_FR", "en": "en_GB"}


@cache
def _locale(code: str) -> Locale:
    """The Babel locale of a language code, parsed once (Babel parses a name at each call)."""
    return Locale.parse(_LOCALE[code])


@cache
def _pattern(text: str) -> NumberPattern:
    """A number pattern, parsed once; Babel uses a parsed pattern as it is."""
    return _parse_pattern(text)


# Babel's decimal context overflows past about 1e28; such numbers are shown in scientific
# notation (with the language's decimal mark) rather than crashing a page or a report.
_HUGE = 1e24


def _scientific(value: float, lang: str | None, suffix: str = "") -> str:
    text = f"{value:.3e}"
    if normalise_lang(lang) == "fr":
        text = text.replace(".", ",")
    return text + suffix


def _safe(render: Callable[[], str], value: float, lang: str | None, suffix: str = "") -> str:
    if abs(value) >= _HUGE:
        return _scientific(value, lang, suffix)
    try:
        return render()
    except (decimal.InvalidOperation, OverflowError):
        return _scientific(value, lang, suffix)


def fmt_number(value: float, lang: str | None = None, digits: int = 1) -> str:
    """Format ``value`` with ``digits`` decimals (French: ``1 234,5``)."""
    if not math.isfinite(value):
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    locale = _locale(normalise_lang(lang))
    return _safe(
        lambda: format_decimal(value, format=_pattern(pattern), locale=locale), value, lang
    )


def fmt_money(value: float, lang: str | None = None, currency: str = "EUR", digits: int = 0) -> str:
    """Format an amount of money (French: ``1 234 €``)."""
    if not math.isfinite(value):
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "") + "\u00a0¤"
    code = normalise_lang(lang)
    if code == "en":
        pattern = "¤#,##0" + ("." + "0" * digits if digits > 0 else "")
    return _safe(
        lambda: format_currency(
            value, currency, format=_pattern(pattern), locale=_locale(code), currency_digits=False
        ),
        value,
        lang,
        " " + currency,
    )


def fmt_percent(share: float, lang: str | None = None, digits: int = 0) -> str:
    """Format a share in [0, 1] as a percentage (French: ``37 %``)."""
    if not math.isfinite(share):
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "") + "%"
    if normalise_lang(lang) == "fr":
        pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "") + "\u00a0%"
    locale = _locale(normalise_lang(lang))
    return _safe(
        lambda: format_percent(share, format=_pattern(pattern), locale=locale),
        share * 100,
        lang,
        " %",
    )
