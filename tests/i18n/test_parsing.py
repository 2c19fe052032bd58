"""Numbers written as text: French and English notation read exactly, or refused with why.

Every expected value is worked by hand from the text (digits and the place of the decimal
mark), never taken from the parser's own output.
"""

from __future__ import annotations

import pytest

from erp_select.i18n.parsing import (
    NumberTextError,
    ParsedNumber,
    parse_money_text,
    parse_number_text,
)

NBSP = "\u00a0"
NNBSP = "\u202f"
THIN = "\u2009"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("250 000 €", 250_000, "€"),
        (f"250{NBSP}000{NBSP}€", 250_000, "€"),
        (f"250{NNBSP}000", 250_000, None),
        (f"1{THIN}234{THIN}567", 1_234_567, None),
        ("1 234,5", 1234.5, None),
        ("12,5 %", 12.5, "%"),
        ("12,5%", 12.5, "%"),
        ("12.5", 12.5, None),
        ("1234.567", 1234.567, None),  # four digits before the dot: no grouping possible
        ("0.125", 0.125, None),  # a group never starts with 0
        ("1,234", 1.234, None),  # French context: the comma is decimal
        ("1.234,5", 1234.5, None),  # dot grouping with a decimal comma: one reading
        ("1.234.567", 1_234_567, None),
        ("250000 EUR", 250_000, "€"),
        ("250000 eur", 250_000, "€"),
        ("12 euros", 12, "€"),
        ("1 euro", 1, "€"),
        ("30 k€", 30_000, "€"),
        ("30k€", 30_000, "€"),
        ("12,5 kEUR", 12_500, "€"),
        ("1,2 M€", 1_200_000, "€"),
        ("-5", -5, None),
        ("+7", 7, None),
        ("\u22121 234", -1234, None),  # the minus sign U+2212
        ("-250 €", -250, "€"),
        ("€ 250", 250, "€"),
        ("  42  ", 42, None),
        (",5", 0.5, None),
        ("1,5e3", 1500, None),
        ("1e6", 1_000_000, None),
        ("-0", 0, None),
    ],
)
def test_french_writing_is_read_exactly(text: str, value: float, unit: str | None) -> None:
    assert parse_number_text(text) == ParsedNumber(value=value, unit=unit)


def test_value_is_the_decimal_written_not_a_binary_sum() -> None:
    # 0,1 + 0,2 style: the text "0,3" is the float nearest to 3/10, and "1 234,56" the
    # float nearest to 123456/100 (computed here by a division, not by the parser).
    assert parse_number_text("0,3").value == 3 / 10
    assert parse_number_text("1 234,56").value == 123456 / 100
    assert parse_number_text("1,1 k€").value == 1100.0


def test_minus_zero_is_zero() -> None:
    assert str(parse_number_text("-0").value) == "0.0"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,234", 1234),
        ("1,234,567.5", 1_234_567.5),
        ("1 234.5", 1234.5),
        ("12.5", 12.5),
        ("€250,000", 250_000),
        ("1.234.567", 1_234_567),
    ],
)
def test_english_context_reads_the_comma_as_thousands(text: str, value: float) -> None:
    assert parse_number_text(text, decimal_comma=False).value == value


def test_english_context_refuses_a_decimal_comma_and_names_the_reading() -> None:
    with pytest.raises(NumberTextError) as err:
        parse_number_text("3,5", decimal_comma=False)
    assert err.value.key == "facts.number.comma_decimal"
    assert "3.5" in err.value.message("en")
    assert "3,5" in err.value.message("fr")


@pytest.mark.parametrize("decimal_comma", [True, False])
@pytest.mark.parametrize(
    ("text", "a_fr", "b_fr", "a_en", "b_en"),
    [
        ("310.000", f"310{NNBSP}000", "310", "310,000", "310"),
        ("1.234", f"1{NNBSP}234", "1,234", "1,234", "1.234"),
    ],
)
def test_an_ambiguous_dot_is_refused_with_both_readings(
    text: str, a_fr: str, b_fr: str, a_en: str, b_en: str, decimal_comma: bool
) -> None:
    with pytest.raises(NumberTextError) as err:
        parse_number_text(text, decimal_comma=decimal_comma)
    assert err.value.key == "facts.number.ambiguous_grouping"
    assert err.value.params["text"] == text
    assert err.value.params["reading_a"] == a_fr.replace(NNBSP, " ")
    assert err.value.params["reading_b"] == b_fr
    fr, en = err.value.message("fr"), err.value.message("en")
    assert a_fr in fr and b_fr in fr
    assert a_en in en and b_en in en


@pytest.mark.parametrize("text", ["250,000 €", "€250,000"])
def test_an_amount_with_a_comma_and_three_digits_is_ambiguous_in_french(text: str) -> None:
    with pytest.raises(NumberTextError) as err:
        parse_number_text(text)
    assert err.value.key == "facts.number.ambiguous_comma"
    assert err.value.params["reading_a"] == "250 000"
    assert err.value.params["reading_b"] == "250"


def test_parse_money_text_applies_the_thousandths_rule_without_a_unit() -> None:
    with pytest.raises(NumberTextError):
        parse_money_text("250,000")
    assert parse_number_text("250,000").value == 250.0  # not money: the decimal comma
    assert parse_money_text("250,00").value == 250.0
    assert parse_money_text("250 000").value == 250_000


def test_french_context_refuses_the_english_grouping_and_names_it() -> None:
    with pytest.raises(NumberTextError) as err:
        parse_number_text("1,234,567")
    assert err.value.key == "facts.number.comma_grouping"
    assert f"1{NNBSP}234{NNBSP}567" in err.value.message("fr")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("trente mille", "facts.number.not_a_number"),
        ("", "facts.number.empty"),
        ("   ", "facts.number.empty"),
        ("€", "facts.number.not_a_number"),
        ("nan", "facts.number.not_finite"),
        ("-inf", "facts.number.not_finite"),
        ("Infinity", "facts.number.not_finite"),
        ("1e400", "facts.number.overflow"),
        ("-1e400", "facts.number.overflow"),
        ("1e-400", "facts.number.overflow"),
        ("250 000 $", "facts.number.unknown_unit"),
        ("12 € HT", "facts.number.unknown_unit"),
        ("12 USD", "facts.number.unknown_unit"),
        ("€ 12 €", "facts.number.two_units"),
        ("12 34", "facts.number.bad_grouping"),
        ("1234 567", "facts.number.bad_grouping"),
        ("1  234", "facts.number.bad_grouping"),
        ("1 234.567.8", "facts.number.bad_grouping"),
        ("1 234e3", "facts.number.bad_exponent"),
        ("12,5,3", "facts.number.bad_grouping"),
        ("١٢", "facts.number.not_a_number"),  # Arabic-Indic digits are not read as digits
        ("0x10", "facts.number.unknown_unit"),
        ("true", "facts.number.not_a_number"),
        ("2024-01-31", "facts.number.unknown_unit"),
    ],
)
def test_refusals_carry_their_reason(text: str, key: str) -> None:
    with pytest.raises(NumberTextError) as err:
        parse_number_text(text)
    assert err.value.key == key
    for lang in ("fr", "en"):
        message = err.value.message(lang)
        assert message and not message.startswith("facts.")
        assert "{" not in message


def test_a_five_thousand_digit_integer_is_refused_not_a_traceback() -> None:
    with pytest.raises(NumberTextError) as err:
        parse_number_text("9" * 5000)
    assert err.value.key == "facts.number.too_many_digits"
    assert err.value.params["digits"] == 5000
    assert "5000" in err.value.message("en")


def test_a_long_text_is_refused() -> None:
    with pytest.raises(NumberTextError) as err:
        parse_number_text("1" + " " * 200 + "2")
    assert err.value.key == "facts.number.too_long"


def test_the_error_is_a_value_error_with_an_english_message() -> None:
    err = NumberTextError("facts.number.not_a_number", {"text": "x"})
    assert isinstance(err, ValueError)
    assert str(err) == err.message("en")
