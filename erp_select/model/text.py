"""Checked text types of the model: names and free text, no control or invisible-only text."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from erp_select.text import FREE_TEXT_CONTROLS, bad_character, code_point, is_invisible, shown


def _check(text: str, allowed: str) -> str:
    char = bad_character(text, allowed)
    if char is not None:
        raise PydanticCustomError(
            "hostile.control_character",
            "contains the control character {char}, which no text may hold: {shown}",
            {"char": code_point(char), "shown": shown(text)},
        )
    if is_invisible(text):
        raise PydanticCustomError(
            "hostile.invisible",
            "is made only of invisible characters ({chars})",
            {"chars": " ".join(code_point(c) for c in dict.fromkeys(text))[:120]},
        )
    return text


def check_name(text: str) -> str:
    """Refuse a name or label holding a control character (any, line breaks and tab too),
    or made only of invisible characters (zero-width spaces, format characters)."""
    return _check(text, "")


def check_free_text(text: str) -> str:
    """Refuse free text holding a control character other than tab, LF and CR, or made only
    of invisible characters. The empty text passes (fields that need text say so)."""
    return _check(text, FREE_TEXT_CONTROLS)


#: A one-line name or label (vendor, product, participant, unit, source).
Name = Annotated[str, AfterValidator(check_name)]
#: A text that may run over several lines (descriptions, comments, requirement texts).
FreeText = Annotated[str, AfterValidator(check_free_text)]
