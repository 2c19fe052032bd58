"""Text hygiene (erp_select.text): hidden characters, name keys, bidi isolation, Markdown."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from erp_select.text import (
    BIDI_CONTROLS,
    bad_character,
    escape_markdown,
    is_invisible,
    isolate_bidi,
    name_key,
    same_names,
    shown,
)

C0 = [chr(c) for c in range(0x20)]
C1 = [chr(c) for c in range(0x7F, 0xA0)]  # DEL and the C1 controls (NEL U+0085 included)


@pytest.mark.parametrize("char", [*C0, *C1, "\ufffe", "\uffff", "\ud800", "\U0001fffe"])
def test_every_control_and_noncharacter_is_refused_in_a_name(char: str) -> None:
    assert bad_character(f"Acme{char}ERP") == char


@pytest.mark.parametrize("char", ["\t", "\n", "\r"])
def test_free_text_may_hold_tab_and_line_breaks_only(char: str) -> None:
    assert bad_character(f"a{char}b", "\t\n\r") is None
    assert bad_character("a\x00b", "\t\n\r") == "\x00"


@pytest.mark.parametrize(
    "text", ["Acme", "Ｇestalune", "Gestalune\u200b", "\u202eenuL", "naïve", "北京", "'quoted"]
)
def test_ordinary_and_merely_odd_names_pass(text: str) -> None:
    assert bad_character(text) is None
    assert not is_invisible(text)


@pytest.mark.parametrize(
    "text",
    [
        "\u200b",  # zero-width space
        "\u200b\u200c\u200d\u2060",  # zero-width non-joiner, joiner, word joiner
        "\ufeff",  # byte-order mark as zero-width no-break space
        "\u202e\u2066\u2069",  # bidi controls only
        " \u00a0\u3000\u200b ",  # spaces of every width and a zero-width one
        "\u3164",  # Hangul filler
        "\u2800",  # Braille blank
        "\u00ad",  # soft hyphen
        "\ufe0f",  # variation selector
    ],
)
def test_invisible_only_texts(text: str) -> None:
    assert is_invisible(text)


def test_shown_writes_hidden_characters_as_code_points() -> None:
    assert shown("a\x00b\u202ec d\u200b") == "a⟨U+0000⟩b⟨U+202E⟩c d⟨U+200B⟩"
    assert shown("1 234,5 €") == "1 234,5 €"  # plain spaces stay


def test_near_duplicate_names_share_one_key() -> None:
    nfd = unicodedata.normalize("NFD", "Élan")
    assert nfd != "Élan"
    variants = ["Gestalune", "gestalune ", "Ｇestalune", "  GESTA\u200bLUNE", "Gesta  lune"]
    assert {name_key(v) for v in variants[:4]} == {"gestalune"}
    assert name_key(variants[4]) == "gesta lune"  # spaces inside words still count
    assert name_key(nfd) == name_key("élan")
    assert name_key("Elan") != name_key("Élan")  # an accent is a different letter


def test_same_names_groups_in_input_order() -> None:
    items = [("a", "Gestalune"), ("b", "Other"), ("c", "gestalune "), ("d", "OTHER"), ("e", "X")]
    assert same_names(items) == [
        [("a", "Gestalune"), ("c", "gestalune ")],
        [("b", "Other"), ("d", "OTHER")],
    ]


def _balanced(text: str) -> bool:
    """UAX #9 pairing, simplified: isolates nest properly and every one is closed."""
    depth = 0
    for c in text:
        if c in "\u2066\u2067\u2068":
            depth += 1
        elif c == "\u2069":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def test_isolate_bidi_closes_what_a_name_opens() -> None:
    rlo, pdf, fsi, pdi = "\u202e", "\u202c", "\u2068", "\u2069"
    assert isolate_bidi("Acme") == "Acme"
    assert isolate_bidi(f"{rlo}PRE evil") == f"{fsi}{rlo}PRE evil{pdf}{pdi}"
    # An unmatched PDI would close the isolate we wrap the text in: dropped.
    assert isolate_bidi(f"x{pdi}y\u2067") == f"{fsi}xy\u2067{pdi}{pdi}"
    # A PDI closes the embeddings opened inside its isolate first.
    assert isolate_bidi(f"\u2066a{rlo}b{pdi}c") == f"{fsi}\u2066a{rlo}b{pdf}{pdi}c{pdi}"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from([*BIDI_CONTROLS, "a", "ب", " "]), max_size=30))
def test_isolated_text_never_leaks_into_its_surroundings(text: str) -> None:
    out = isolate_bidi(text)
    assert _balanced(out)
    if any(c in BIDI_CONTROLS for c in text):
        assert out.startswith("\u2068") and out.endswith("\u2069")
        # The letters are all kept, in order.
        assert [c for c in out if c not in BIDI_CONTROLS] == [
            c for c in text if c not in BIDI_CONTROLS
        ]
    else:
        assert out == text


@pytest.mark.parametrize(
    "name",
    [
        "![x](http://example.org/pixel.png)",
        "`rm -rf` **bold** _it_ ~~strike~~",
        "<img src=x onerror=alert(1)>",
        "[link](javascript:alert(1))",
        ":material/home: :red[alert] $x^2$",
        "# Heading | table |",
    ],
)
def test_escaped_markdown_keeps_every_markup_sign_literal(name: str) -> None:
    out = escape_markdown(name)
    # Every sign that can open markup inside a line is preceded by a backslash (CommonMark:
    # a backslash-escaped ASCII punctuation character is a literal), so no image, link,
    # code, emphasis, HTML, directive or formula can start.
    for match in re.finditer(r"[`*\[\]<>$~]", out):
        i = match.start()
        assert i > 0 and out[i - 1] == "\\", (out, i)
    assert not re.search(r"(?<!\\)!\[|(?<!\\)\]\(", out)  # no image, no link
    assert out.replace("\\", "") == name.replace("\\", "")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("company.erp_users: 0", "company.erp_users: 0"),  # snake_case and colons stay
        ("charge (jours) : 3", "charge (jours) : 3"),
        ("_it_ x_", "\\_it\\_ x\\_"),
        ("# Title", "\\# Title"),
        ("- item", "\\- item"),
        ("1. item", "1\\. item"),
    ],
)
def test_messages_read_unchanged_but_line_starts_are_defused(text: str, shown: str) -> None:
    assert escape_markdown(text) == shown


def test_escaped_markdown_is_one_line() -> None:
    assert escape_markdown("a\nb\r\nc") == "a b c"


def test_bad_character_refuses_exactly_the_controls_surrogates_and_noncharacters() -> None:
    # the definition, character by character, from the Unicode database
    def refused(c: str, allowed: str) -> bool:
        category = unicodedata.category(c)
        point = ord(c)
        noncharacter = 0xFDD0 <= point <= 0xFDEF or (point & 0xFFFE) == 0xFFFE
        return (category == "Cc" and c not in allowed) or category == "Cs" or noncharacter

    for allowed in ("", "\t\n\r"):
        for point in range(0x110000):
            c = chr(point)
            assert (bad_character(f"ab{c}cd", allowed) == c) == refused(c, allowed), hex(point)


def test_invisible_text_with_a_leading_letter_or_filler() -> None:
    assert not is_invisible("A\u200b")
    assert is_invisible("\u3164\u200b")  # Hangul filler: a letter that shows nothing
