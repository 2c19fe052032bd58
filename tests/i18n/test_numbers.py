"""Numbers, money and percentages in each language's own notation."""

from __future__ import annotations

import math

import pytest

from erp_select.i18n import fmt_money, fmt_number, fmt_percent, t

NNBSP = "\u202f"  # CLDR's French thousands separator (narrow no-break space)


def test_french_notation() -> None:
    assert fmt_number(1234.5, "fr") == f"1{NNBSP}234,5"
    assert fmt_money(1234.5, "fr", digits=1) == f"1{NNBSP}234,5\u00a0€"
    assert fmt_percent(0.37, "fr") == "37\u00a0%"


def test_english_notation() -> None:
    assert fmt_number(1234.5, "en") == "1,234.5"
    assert fmt_money(1234, "en") == "€1,234"
    assert fmt_percent(0.811, "en") == "81%"


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_numbers_show_a_dash(bad: float) -> None:
    assert fmt_number(bad, "fr") == fmt_money(bad, "en") == fmt_percent(bad, "fr") == "—"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_huge_numbers_do_not_crash(lang: str) -> None:
    assert "e+30" in fmt_number(1e30, lang)
    assert fmt_money(-1e30, lang).endswith("EUR")
    assert fmt_percent(1e28, lang).endswith("%")
    assert ("," in fmt_number(1e30, lang)) == (lang == "fr")


def test_missing_key_falls_back_to_english_then_the_key() -> None:
    assert t("errors.where.row", "fr", row=3) == "ligne 3"
    assert t("no.such.key", "fr") == "no.such.key"
