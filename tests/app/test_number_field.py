"""The number field's reading and writing of numbers, without Streamlit."""

from __future__ import annotations

import pytest

from erp_select.app.number_field import FieldRefusal, FieldRule, read_number, show_number


def _spaced(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.mark.parametrize(
    ("value", "fr", "en"),
    [
        (1234.5, "1 234,5", "1,234.5"),
        (12.5, "12,5", "12.5"),
        (10.0, "10", "10"),
        (500_000.0, "500 000", "500,000"),
        (0.125, "0,125", "0.125"),
        (-3.25, "-3,25", "-3.25"),
    ],
)
def test_values_are_shown_the_way_each_language_writes_them(value: float, fr: str, en: str) -> None:
    assert _spaced(show_number(value, "fr")) == fr
    assert show_number(value, "en") == en


def test_a_seed_is_shown_without_grouping() -> None:
    assert show_number(1_234_567, "fr", integer=True, group=False) == "1234567"
    assert _spaced(show_number(1_234_567, "fr", integer=True)) == "1 234 567"


def test_what_is_shown_reads_back_to_the_same_value() -> None:
    rule = FieldRule("x")
    for value in (1234.5, 0.1, 2 / 3 * 100, 123_456.789, 1e-6):
        for lang in ("fr", "en"):
            shown = show_number(value, lang)
            assert read_number(shown, rule, lang) == pytest.approx(value, rel=1e-6)


@pytest.mark.parametrize(
    ("text", "value"),
    [("3,5", 3.5), ("1 234,5", 1234.5), ("1\u202f234,5", 1234.5), ("-0", 0.0), (" 12 ", 12.0)],
)
def test_french_text_is_read_exactly(text: str, value: float) -> None:
    assert read_number(text, FieldRule("x"), "fr") == value


def test_english_text_reads_the_decimal_point() -> None:
    assert read_number("3.5", FieldRule("x"), "en") == 3.5
    assert read_number("1,234.5", FieldRule("x"), "en") == 1234.5


def _refusal(text: str, rule: FieldRule, lang: str = "fr") -> str:
    with pytest.raises(FieldRefusal) as caught:
        read_number(text, rule, lang)  # type: ignore[arg-type]
    return _spaced(caught.value.message(lang))  # type: ignore[arg-type]


def test_refusals_say_why_in_the_visitors_language() -> None:
    assert _refusal("", FieldRule("x")) == "saisissez un nombre"
    assert _refusal("abc", FieldRule("x"))
    assert _refusal("3,5", FieldRule("x", integer=True)).startswith("un nombre entier")
    assert _refusal("-1", FieldRule("x", min_value=0.0)) == "le minimum est 0"
    assert _refusal("1 000 001", FieldRule("x", max_value=1e6)) == "le maximum est 1 000 000"
    assert _refusal("100,5", FieldRule("x", max_value=100.0), "en")
    assert _refusal("7,5", FieldRule("x", max_value=5.0), "en")
    assert _refusal("101", FieldRule("x", max_value=100.0), "en") == "the maximum is 100"


def test_an_ambiguous_grouping_names_both_readings() -> None:
    message = _refusal("310.000", FieldRule("x"))
    assert "310 000" in message and "310 " in message.replace("310 000", "")


def test_units_are_accepted_only_where_the_field_takes_them() -> None:
    assert read_number("12,5 %", FieldRule("x", units=("%",)), "fr") == 12.5
    assert "%" in _refusal("12,5 %", FieldRule("x"))
    assert "€" in _refusal("12 €", FieldRule("x", units=("%",)))


def test_a_whole_number_field_gives_an_int() -> None:
    value = read_number("50,0", FieldRule("x", integer=True), "fr")
    assert value == 50 and isinstance(value, int)


def test_a_money_field_reads_k_euros_and_refuses_an_english_grouping() -> None:
    money = FieldRule("budget", min_value=0.0, units=("€",), money=True)
    assert read_number("1,5 k€", money, "fr") == 1500
    assert read_number("750 000 €", money, "fr") == 750_000
    # 250,000: 250 in French, 250 000 in English; an amount has no thousandths
    message = _refusal("250,000", money)
    assert "250 000" in message and "250 " in message.replace("250 000", "")


def test_the_english_page_refuses_a_decimal_comma() -> None:
    message = _refusal("3,5", FieldRule("x"), "en")
    assert "3.5" in message and "file" not in message  # typed in a field, not a file
