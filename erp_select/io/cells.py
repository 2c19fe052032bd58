"""Type table cells (CSV text or XLSX values) back into model values, and write them safely.

The rules, shared by CSV and XLSX text cells:

* A cell starting with ``'`` is text, taken as written after that one ``'``. The writer adds
  it to every text that could be misread or run as a formula: text starting with ``=``,
  ``+``, ``-``, ``@``, a tab, a carriage return or ``'``, and, in free-typed cells, text that
  would otherwise be read as a number, a yes/no or a list. Numbers are never prefixed.
* Free-typed cells (a fact's ``value``): a number-looking cell is a number; ``true``/
  ``false``, ``vrai``/``faux``, ``oui``/``non``, ``yes``/``no`` (any case) are yes/no; a
  cell containing ``|`` is a list of texts split on ``|`` (``\\|`` is a literal bar,
  ``\\\\`` a backslash; one trailing ``|`` marks a list of one item; ``|`` alone is the
  empty list); anything else is text. ``NA``, ``None``, ``null``, ``N/A`` are text.
  ``nan``/``inf`` and numbers too large for a float are read as non-finite and rejected.
* Numbers: ``12.5`` always; with decimal commas (CSV files separated by ``;``) also
  ``12,5`` and ``1 234,5`` (thousands separated by a space, a no-break space or a thin
  space). The writer uses the shortest text that reads back to the same float.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

#: Unicode White_Space: what the models strip from texts (Python's ``str.strip`` also strips
#: the separators U+001C–U+001F, which the models keep).
WHITESPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def trim(text: str) -> str:
    """Strip white space the way the models do."""
    return text.strip(WHITESPACE)


#: Characters that make a spreadsheet treat a cell as a formula when they come first.
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
TEXT_PREFIX = "'"

_TRUE = frozenset({"true", "vrai", "oui", "yes"})
_FALSE = frozenset({"false", "faux", "non", "no"})
_SPECIAL = {
    "nan": math.nan,
    "+nan": math.nan,
    "-nan": math.nan,
    "inf": math.inf,
    "+inf": math.inf,
    "-inf": -math.inf,
    "infinity": math.inf,
    "+infinity": math.inf,
    "-infinity": -math.inf,
}
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_SPACES = "\u0020\u00a0\u202f\u2009"
_GROUPED_COMMA = re.compile(r"^[+-]?\d{1,3}(?:[" + _SPACES + r"]\d{3})+(?:,\d*)?(?:[eE][+-]?\d+)?$")
_PLAIN_COMMA = re.compile(r"^[+-]?(?:\d+(?:,\d*)?|,\d+)(?:[eE][+-]?\d+)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_FR_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_number(text: str, decimal_comma: bool) -> float | None:
    """Return the float written in ``text``, or ``None`` when it is not a number.

    Overflowing numbers (``1e309``) and the words ``nan``/``inf`` give non-finite floats,
    so that the model rejects them with a located message instead of reading them as text.
    """
    s = trim(text)
    if s.lower() in _SPECIAL:
        return _SPECIAL[s.lower()]
    if _NUMBER.match(s):
        return float(s)
    if decimal_comma and (_PLAIN_COMMA.match(s) or _GROUPED_COMMA.match(s)):
        for space in _SPACES:
            s = s.replace(space, "")
        return float(s.replace(",", "."))
    return None


_INTEGER = re.compile(r"^[+-]?\d+$")


def number_cell(raw: Any, decimal_comma: bool) -> Any:
    """Read a cell of a number column (weight, low, high, count, effort).

    Numbers pass as they are; text that is a whole number gives an ``int`` (exact however
    large), other number-looking text a float; any other text is returned unchanged, for
    the model to reject with the user's own text as the value. Empty gives ``None``.
    """
    if not isinstance(raw, str):
        return raw
    text = cell_text(raw)
    if text is None:
        return None
    if decimal_comma and _GROUPED_COMMA.match(text):
        text = "".join(c for c in text if c not in _SPACES)
    if _INTEGER.match(text):
        return int(text)
    number = parse_number(text, decimal_comma)
    return text if number is None else number


#: A number whose dot could also separate thousands (``4.125``, ``310.000``): the fact
#: vocabulary refuses such text as ambiguous, so the writer adds a final 0 (``4.1250``).
_AMBIGUOUS_DOT = re.compile(r"^-?[1-9][0-9]{0,2}\.[0-9]{3}$")


def format_number(value: float, decimal_comma: bool) -> str:
    """Return the shortest text that reads back to exactly ``value`` without ambiguity.

    ``parse_number`` and :func:`erp_select.i18n.parsing.parse_number_text` read it back;
    a value such as 4.125 is written ``4.1250`` (see ``_AMBIGUOUS_DOT``).
    """
    if value == 0 and math.copysign(1.0, value) < 0:
        text = "-0"
    elif value.is_integer() and abs(value) < 1e15:
        text = str(int(value))
    else:
        text = repr(value)
    if _AMBIGUOUS_DOT.match(text):
        text += "0"
    return text.replace(".", ",") if decimal_comma else text


def parse_bool(text: str) -> bool | None:
    """Return the yes/no written in ``text`` (fr or en words), or ``None``."""
    s = trim(text).lower()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    return None


def parse_date(text: str) -> dt.date | None:
    """Return the date written ``YYYY-MM-DD`` or ``DD/MM/YYYY``, or ``None``."""
    s = trim(text)
    try:
        if m := _ISO_DATE.match(s):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _FR_DATE.match(s):
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None
    return None


def _split_list(text: str) -> list[str]:
    """Split on unescaped ``|`` and undo ``\\x`` escapes."""
    items: list[str] = []
    current: list[str] = []
    chars = iter(text)
    for ch in chars:
        if ch == "\\":
            # A dangling backslash is an escaped space whose space a cell trim removed.
            current.append(next(chars, " "))
        elif ch == "|":
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    return items


def _has_bar(text: str) -> bool:
    escaped = False
    for ch in text:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "|":
            return True
    return False


def parse_list(text: str) -> list[str]:
    """Read a list cell: items split on ``|``; one trailing ``|`` is a marker; ``|`` is []."""
    s = trim(text)
    if s in {"", "|"}:
        return []
    items = _split_list(s)
    if len(items) > 1 and items[-1] == "":
        items = items[:-1]
    return items


def format_list(items: list[str], marker: bool = True) -> str:
    """Write a list cell that ``parse_list`` reads back to ``items``.

    With ``marker`` (free-typed cells) a one-item list gets a trailing ``|`` and the empty
    list is written ``|``, so that they are not read as text.
    """

    def escape(item: str) -> str:
        # An empty item is written as an escaped space, which the model strips back to "".
        return (item.replace("\\", "\\\\").replace("|", "\\|")) or "\\ "

    if not items:
        return "|" if marker else ""
    text = "|".join(escape(i) for i in items)
    if marker and len(items) == 1:
        text += "|"
    if text.startswith((*DANGEROUS_START, TEXT_PREFIX)):
        text = "\\" + text
    return text


def cell_text(raw: Any) -> str | None:
    """Return a cell as text, ``None`` when empty; a leading ``'`` is removed."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, float | int):
        return format_number(float(raw), False) if math.isfinite(raw) else repr(raw)
    if isinstance(raw, dt.datetime):
        return raw.isoformat() if raw.time() != dt.time(0) else raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    s = trim(str(raw))
    if not s:
        return None
    return s[1:] if s.startswith(TEXT_PREFIX) else s


def decode_free(raw: Any, decimal_comma: bool) -> Any:
    """Type a free cell (a fact's value) by the rules of this module; ``None`` when empty.

    XLSX numbers and yes/no cells keep their type; XLSX dates become ISO text.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float):
        return float(raw) if not isinstance(raw, int) or abs(raw) < 2**1023 else math.inf
    if isinstance(raw, dt.date):
        return cell_text(raw)
    s = trim(str(raw))
    if not s:
        return None
    if s.startswith(TEXT_PREFIX):
        return s[1:]
    if _has_bar(s):
        return parse_list(s)
    flag = parse_bool(s)
    if flag is not None:
        return flag
    number = parse_number(s, decimal_comma)
    if number is not None:
        return number
    return s


def encode_text(text: str) -> str:
    """Write a text cell of a text column, neutralising formula starts with ``'``."""
    if text == "" or text.startswith((*DANGEROUS_START, TEXT_PREFIX)) or text != trim(text):
        return TEXT_PREFIX + text
    return text


def encode_free_text(text: str, decimal_comma: bool) -> str:
    """Write a free-typed text so that it reads back as the same text."""
    if text.startswith(DANGEROUS_START) or decode_free(text, decimal_comma) != text:
        return TEXT_PREFIX + text
    return text


def encode_free(value: Any, decimal_comma: bool) -> str:
    """Write a free-typed value (yes/no, number, text, list of texts) as CSV cell text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return format_number(float(value), decimal_comma)
    if isinstance(value, list):
        return format_list([str(v) for v in value], marker=True)
    return encode_free_text(str(value), decimal_comma)
