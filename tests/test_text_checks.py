"""The regular-expression checks of erp_select.text agree with the Unicode definitions,
character by character, over every code point."""

from __future__ import annotations

import unicodedata

from erp_select.text import _BLANKS, bad_character, is_invisible


def _refused(char: str, allowed: str = "") -> bool:
    """The rule as written: controls (but the allowed ones), surrogates, noncharacters."""
    category = unicodedata.category(char)
    c = ord(char)
    noncharacter = 0xFDD0 <= c <= 0xFDEF or (c & 0xFFFE) == 0xFFFE
    return (category == "Cc" and char not in allowed) or category == "Cs" or noncharacter


def _hidden(char: str) -> bool:
    category = unicodedata.category(char)
    c = ord(char)
    noncharacter = 0xFDD0 <= c <= 0xFDEF or (c & 0xFFFE) == 0xFFFE
    return category in ("Cc", "Cf", "Cs", "Zl", "Zp") or char in _BLANKS or noncharacter


def test_bad_character_agrees_with_the_categories_for_every_code_point() -> None:
    wrong = [
        hex(c)
        for c in range(0x110000)
        if (bad_character("a" + chr(c) + "b") == chr(c)) != _refused(chr(c))
    ]
    assert wrong == []


def test_allowed_controls_pass_and_the_first_refused_one_is_named() -> None:
    assert bad_character("a\tb\nc", allowed="\t\n\r") is None
    assert bad_character("a\tb\x00c", allowed="\t\n\r") == "\x00"
    assert bad_character("a\tb", allowed="") == "\t"
    assert bad_character("x\ufffe", allowed="\ufffe") == "\ufffe"  # never allowed
    assert bad_character("Gestalune") is None


def test_is_invisible_agrees_with_the_definition_for_every_code_point() -> None:
    wrong = []
    for c in range(0x110000):
        char = chr(c)
        expected = char.isspace() or _hidden(char)
        if is_invisible(char) != expected or is_invisible(" " + char) != expected:
            wrong.append(hex(c))
    assert wrong == []
    assert not is_invisible("")
    assert is_invisible(" \u3164 \u200b")
    assert not is_invisible(" \u3164 x")
