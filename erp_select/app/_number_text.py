"""Temporary stand-in for ``erp_select.i18n.parsing`` (same API) until that module lands."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from erp_select.i18n import t

_SPACES = " \u00a0\u202f\u2009"
_UNIT = re.compile(r"^(?P<number>.*?)[" + _SPACES + r"]*(?P<unit>%|€|EUR)$", re.IGNORECASE)
_PLAIN = re.compile(r"^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:[" + _SPACES + r"]\d{3})+(?:[.,]\d+)?$")
_COMMA_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_DOT_GROUPS = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+$")


@dataclass(frozen=True)
class ParsedNumber:
    """A number read from text, and the unit written after it (``None`` when none)."""

    value: float
    unit: str | None


@dataclass
class NumberTextError(ValueError):
    """Text that is not a number; ``key`` names the message, ``params`` fill it."""

    key: str
    params: dict[str, object] = field(default_factory=dict)

    def message(self, lang: str | None) -> str:
        """Return the reason in ``lang``."""
        return t(self.key, lang, **self.params)


def parse_number_text(text: str, *, decimal_comma: bool = True) -> ParsedNumber:
    """Read ``text`` as a number (French ``1 234,5`` when ``decimal_comma``)."""
    s = text.strip(_SPACES + "\t")
    unit: str | None = None
    match = _UNIT.match(s)
    if match:
        s, unit = match["number"], match["unit"].upper().replace("EUR", "€")
    if decimal_comma and _DOT_GROUPS.match(s):
        grouped = f"{int(s.replace('.', '')):,}".replace(",", "\u00a0")
        raise NumberTextError(
            "numinput.fallback.ambiguous",
            {"text": text.strip(), "a": f"{float(s):g}".replace(".", ","), "b": grouped},
        )
    mark, other = (",", ".") if decimal_comma else (".", ",")
    if not decimal_comma and _COMMA_GROUPED.match(s):
        s = s.replace(",", "")
    if other in s and not (decimal_comma and _PLAIN.match(s)):
        raise NumberTextError("numinput.fallback.not_number", {"text": text.strip()})
    if not (_PLAIN.match(s) or _GROUPED.match(s)):
        raise NumberTextError("numinput.fallback.not_number", {"text": text.strip()})
    for space in _SPACES:
        s = s.replace(space, "")
    value = float(s.replace(mark, "."))
    if not math.isfinite(value):
        raise NumberTextError("numinput.fallback.not_number", {"text": text.strip()})
    return ParsedNumber(value, unit)
