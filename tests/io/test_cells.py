"""Cell typing rules of erp_select.io.cells: numbers, decimal commas, lists, text prefix."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from erp_select.io.cells import (
    decode_free,
    encode_free,
    format_list,
    format_number,
    parse_bool,
    parse_date,
    parse_list,
    parse_number,
)

HOSTILE = st.text(
    alphabet=st.sampled_from(list("ab=+-@'|\\;,. \t\"\n1e0")) | st.characters(codec="utf-8"),
    max_size=12,
)


@pytest.mark.parametrize(
    ("text", "comma", "expected"),
    [
        ("12.5", False, 12.5),
        ("12,5", True, 12.5),
        ("1 234,5", True, 1234.5),
        ("1\u00a0234,5", True, 1234.5),  # no-break space, as French Excel writes
        ("1\u202f234\u202f567,25", True, 1234567.25),  # narrow no-break space
        ("-0,5", True, -0.5),
        ("1e3", False, 1000.0),
        ("12,5", False, None),  # a comma is no decimal mark in a ","-separated file
        ("1 234,5", False, None),
        ("12 34,5", True, None),  # groups of three digits only
        ("NA", True, None),
        ("N/A", False, None),
        ("0x10", False, None),
    ],
)
def test_parse_number(text: str, comma: bool, expected: float | None) -> None:
    assert parse_number(text, comma) == expected


@pytest.mark.parametrize("text", ["nan", "NaN", "inf", "-Infinity", "1e309", "-1e400"])
def test_non_finite_numbers_are_read_as_non_finite(text: str) -> None:
    value = parse_number(text, False)
    assert value is not None and not math.isfinite(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("true", True), ("FAUX", False), ("Vrai", True), ("oui", True), ("non", False), ("x", None)],
)
def test_parse_bool(text: str, expected: bool | None) -> None:
    assert parse_bool(text) is expected


def test_parse_date() -> None:
    assert str(parse_date("2026-03-01")) == "2026-03-01"
    assert str(parse_date("01/03/2026")) == "2026-03-01"  # French day/month/year
    assert parse_date("2026-13-01") is None
    assert parse_date("45000") is None


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("NA", "NA"),
        ("None", "None"),
        ("null", "null"),
        ("N/A", "N/A"),
        ("", None),
        ("42", 42.0),
        ("oui", True),
        ("iso27001|soc2", ["iso27001", "soc2"]),
        ("iso27001|", ["iso27001"]),
        ("|", []),
        ("a\\|b|c", ["a|b", "c"]),
        ("'42", "42"),
        ("'=1+1", "=1+1"),
    ],
)
def test_decode_free(cell: str, expected: object) -> None:
    assert decode_free(cell, decimal_comma=True) == expected


def test_formula_starts_are_neutralised() -> None:
    for text in ["=cmd|' /C calc'!A0", "+1", "-x", "@SUM(A1)", "'quoted"]:
        assert encode_free(text, False).startswith("'")
    assert format_list(["=cmd", "x"]).startswith("\\=")
    assert encode_free(-5.0, False) == "-5"  # numbers are never prefixed


@settings(max_examples=60)
@given(st.floats(allow_nan=False, allow_infinity=False), st.booleans())
def test_number_text_round_trips_to_the_bit(x: float, comma: bool) -> None:
    back = parse_number(format_number(x, comma), comma)
    assert back is not None
    assert math.copysign(1.0, back) == math.copysign(1.0, x)
    assert back == x


@settings(max_examples=60)
@given(st.lists(HOSTILE.map(str.strip), max_size=4), st.booleans())
def test_list_cells_round_trip(items: list[str], marker: bool) -> None:
    cell = format_list(items, marker=marker)
    back = parse_list(cell[1:] if cell.startswith("'") else cell)
    # The model strips whitespace of list items; compare as the model would.
    assert [b.strip() for b in back] == items
    if marker:
        decoded = decode_free(cell, False)
        assert isinstance(decoded, list) and [d.strip() for d in decoded] == items
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "'"))


@settings(max_examples=60)
@given(
    st.one_of(
        st.booleans(),
        st.floats(allow_nan=False, allow_infinity=False),
        HOSTILE.map(str.strip),
    ),
    st.booleans(),
)
def test_free_cells_round_trip(value: object, comma: bool) -> None:
    cell = encode_free(value, comma)
    assert decode_free(cell, comma) == value or (value == "" and decode_free(cell, comma) == "")
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        assert cell.startswith("'")
