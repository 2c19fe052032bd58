"""Read a number written as text (French or English notation) to its exact value, or refuse.

The rule is: every reading the context allows is tried; exactly one reading is taken,
two readings that disagree are refused naming both, none is refused with the reason.

* Digits are the ASCII digits. A sign (``+``, ``-`` or the minus sign ``−``) may lead.
* Thousands are groups of three digits separated by one space: an ordinary space, a
  no-break space (U+00A0), a narrow no-break space (U+202F), a thin space (U+2009) or a
  figure space (U+2007). ``250 000``, ``1 234,5``.
* French context (``decimal_comma=True``): the comma is the decimal mark (``12,5``); a dot
  is read as a decimal point (``12.5``, the way software writes numbers) or as a thousands
  separator (``1.234.567``, ``1.234,5``). When both fit and disagree — a dot followed by
  exactly three digits, ``310.000``, ``1.234`` — the text is refused with both readings.
  The English grouping is never taken in a French context: ``1,234,567`` is refused,
  naming the reading meant in English. In an amount of money (a ``€`` written, or
  :func:`parse_money_text`) a comma followed by exactly three digits (``250,000 €``: 250 €
  in French, 250 000 € in English) is refused with both readings, since an amount has no
  thousandths; elsewhere ``1,234`` is 1.234.
* English context (``decimal_comma=False``): the dot is the decimal mark and the comma
  separates thousands (``1,234`` is 1234, ``1,234.5``); ``3,5`` is refused. A dot
  followed by exactly three digits (``310.000``) is refused there too: the dot may also be
  a thousands separator and a figure read a thousand times too small is worse than a
  question.
* An exponent is read after a plain number (``1e6``, ``1,5e3``).
* Units, after the number (a space before them is allowed): ``€``, ``EUR``, ``euro(s)``
  give ``"€"``; ``k€``/``kEUR`` multiply by 1 000 and ``M€``/``MEUR`` by 1 000 000 (both
  give ``"€"``); ``%`` gives ``"%"`` (the value stays as written: ``12,5 %`` is 12.5).
  ``€`` or ``EUR`` may also come before the number (``€250,000``).
* Refused: words (``trente mille``), ``nan``/``inf``, other units (``$``, ``€ HT``),
  more than :data:`MAX_DIGITS` digits (a 5 000-digit integer), texts longer than
  :data:`MAX_LENGTH` characters, and values a float cannot hold.
"""

from __future__ import annotations

import decimal
import re
from dataclasses import dataclass
from decimal import Decimal

from erp_select.i18n.catalogue import t
from erp_select.i18n.numbers import fmt_number

#: The most digits a number may have (a real figure never needs more; floats hold ~17).
MAX_DIGITS = 30
#: The longest text read as a number.
MAX_LENGTH = 100

_SPACES = " \u00a0\u202f\u2009\u2007"
#: Unicode White_Space, stripped around the text.
_TRIM = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_SIGNS = {"+": 1, "-": -1, "\u2212": -1}
_NON_FINITE = frozenset({"nan", "inf", "infinity", "∞", "infini", "infinite"})
_SP = "[" + _SPACES + "]"
_PREFIX = re.compile(r"^(€|(?i:eur))" + _SP + "?")
_SUFFIX = re.compile(
    _SP + r"?(?:(?P<scale>[kKM])" + _SP + r"?)?(?P<cur>€|(?i:eur|euros?))$|" + _SP + r"?(?P<pct>%)$"
)
_CORE = re.compile(r"^[0-9.," + _SPACES + r"]*(?:[eE][+-]?[0-9]+)?")
_EXPONENT = re.compile(r"^(?P<mantissa>[^eE]*)(?:[eE](?P<exp>[+-]?[0-9]{1,4}))?$")
_SCALES = {"k": 1000, "K": 1000, "M": 1_000_000}


@dataclass(frozen=True)
class ParsedNumber:
    """A number read from text.

    ``value`` is the exact value written (read with :class:`decimal.Decimal`, then made a
    float; ``k€`` and ``M€`` already scaled). ``unit`` is the unit written with it:
    ``"€"``, ``"%"`` or ``None``.
    """

    value: float
    unit: str | None


class NumberTextError(ValueError):
    """A text that is not read as a number, with the reason as a catalogue key.

    ``key`` is the catalogue key (``facts.number.<reason>``); ``params`` fill its
    placeholders (``text`` always; ``reading_a``/``reading_b`` for an ambiguous grouping,
    with ``_fr``/``_en`` variants written in each language's notation).
    """

    def __init__(self, key: str, params: dict[str, object]) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str | None) -> str:
        """Return the reason in ``lang`` (``"fr"`` or ``"en"``)."""
        return t(self.key, lang, **self.params)


def _digits_after(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _readings(value: Decimal, name: str) -> dict[str, object]:
    """Params naming one reading: French text (neutral), and each language's notation."""
    digits = _digits_after(value.normalize()) if value != value.to_integral_value() else 0
    as_float = float(value)
    fr = fmt_number(as_float, "fr", digits)
    return {
        name: fr.replace("\u202f", " "),
        f"{name}_fr": fr,
        f"{name}_en": fmt_number(as_float, "en", digits),
    }


def _grouped(body: str, groups: str) -> str | None:
    """``body`` without its thousands separators when they group by three, else ``None``.

    One kind of separator per number; the first group has 1-3 digits and no leading zero.
    """
    used = {c for c in body if c in groups}
    if not used:
        return body if re.fullmatch(r"[0-9]+", body) else None
    kinds = {"s" if c in _SPACES else c for c in used}
    if len(kinds) != 1:
        return None
    sep = "[" + re.escape("".join(used)) + "]"
    if not re.fullmatch(r"[1-9][0-9]{0,2}(?:" + sep + r"[0-9]{3})+", body):
        return None
    return "".join(c for c in body if c.isdigit())


def _read(mantissa: str, decimal_mark: str | None, groups: str) -> Decimal | None:
    """Read ``mantissa`` with one decimal mark (or none) and these group separators."""
    if decimal_mark is not None and mantissa.count(decimal_mark) > 1:
        return None
    if decimal_mark is not None and decimal_mark in mantissa:
        whole, frac = mantissa.split(decimal_mark)
    else:
        whole, frac = mantissa, ""
    if not re.fullmatch(r"[0-9]*", frac):
        return None
    if whole == "":
        return Decimal("0." + frac) if frac else None
    plain = _grouped(whole, groups)
    if plain is None:
        return None
    return Decimal(plain + ("." + frac if frac else ""))


def _ambiguous(key: str, text: str, first: Decimal, second: Decimal) -> NumberTextError:
    a, b = sorted((first, second), reverse=True)
    params = {"text": text, **_readings(a, "reading_a"), **_readings(b, "reading_b")}
    return NumberTextError(key, params)


def _interpret(mantissa: str, decimal_comma: bool, text: str, money: bool) -> Decimal:
    """Return the one reading of ``mantissa`` the context allows, or raise.

    ``money``: an amount has no thousandths, so in a French context a comma followed by
    exactly three digits (``250,000 €``) may be the English thousands separator.
    """
    english = _read(mantissa, ".", _SPACES + ",")
    if decimal_comma:
        comma = _read(mantissa, ",", _SPACES + ".")
        dot = _read(mantissa, ".", _SPACES)
        if comma is not None and dot is not None and comma != dot:
            raise _ambiguous("facts.number.ambiguous_grouping", text, comma, dot)
        found = comma if comma is not None else dot
        if money and found is not None and english is not None and english != found:
            # "250,000": the French decimal comma, or an English thousands separator.
            raise _ambiguous("facts.number.ambiguous_comma", text, english, found)
        if found is not None:
            return found
        if english is not None:
            reading = _readings(english, "reading")
            raise NumberTextError("facts.number.comma_grouping", {"text": text, **reading})
    else:
        dotted = _read(mantissa, None, _SPACES + ".")
        if english is not None and dotted is not None and english != dotted:
            raise _ambiguous("facts.number.ambiguous_grouping", text, english, dotted)
        found = english if english is not None else dotted
        if found is not None:
            return found
        french = _read(mantissa, ",", _SPACES)
        if french is not None:
            reading = _readings(french, "reading")
            raise NumberTextError("facts.number.comma_decimal", {"text": text, **reading})
    raise NumberTextError("facts.number.bad_grouping", {"text": text})


def parse_number_text(text: str, *, decimal_comma: bool = True) -> ParsedNumber:
    """Read the number written in ``text``, its unit, and nothing else.

    Parameters
    ----------
    text
        The text as the user wrote it (``"250 000 €"``, ``"12,5 %"``, ``"1 234,5"``).
    decimal_comma
        ``True`` in a French context (the comma is the decimal mark), ``False`` in an
        English one (the comma separates thousands). See the module docstring.

    Returns
    -------
    ParsedNumber
        The exact value written (``k€``/``M€`` scaled) and its normalised unit.

    Raises
    ------
    NumberTextError
        When the text is not one number: words, an unknown unit, an ambiguous or
        malformed grouping, ``nan``/``inf``, too many digits, or a value beyond a float.
    """
    return _parse(text, decimal_comma=decimal_comma, money=False)


def parse_money_text(text: str, *, decimal_comma: bool = True) -> ParsedNumber:
    """Read an amount of money written as text: :func:`parse_number_text` plus one rule.

    An amount has no thousandths, so in a French context ``250,000`` (no unit written) is
    refused as ambiguous (250 or 250 000), as ``250,000 €`` is by :func:`parse_number_text`.
    A ``%`` is returned as written; checking the unit is the caller's job.
    """
    return _parse(text, decimal_comma=decimal_comma, money=True)


def _parse(text: str, *, decimal_comma: bool, money: bool) -> ParsedNumber:
    """Read ``text`` (see :func:`parse_number_text`); ``money`` adds the thousandths rule."""
    s = text.strip(_TRIM)
    params: dict[str, object] = {"text": s}
    if not s:
        raise NumberTextError("facts.number.empty", params)
    digits = sum("0" <= c <= "9" for c in s)
    if digits > MAX_DIGITS + 4:
        raise NumberTextError(
            "facts.number.too_many_digits", {**params, "digits": digits, "limit": MAX_DIGITS}
        )
    if len(s) > MAX_LENGTH:
        raise NumberTextError("facts.number.too_long", {**params, "limit": MAX_LENGTH})
    sign, unit, scale = 1, None, 1
    rest = s
    if rest[0] in _SIGNS:
        sign, rest = _SIGNS[rest[0]], rest[1:]
    if m := _PREFIX.match(rest):
        unit, rest = "€", rest[m.end() :]
        if rest[:1] in _SIGNS and sign == 1 and s[0] not in _SIGNS:
            sign, rest = _SIGNS[rest[0]], rest[1:]
    if rest.strip(_TRIM).lower() in _NON_FINITE:
        raise NumberTextError("facts.number.not_finite", params)
    if m := _SUFFIX.search(rest):
        if unit is not None:
            raise NumberTextError("facts.number.two_units", params)
        unit = "%" if m["pct"] else "€"
        scale = _SCALES[m["scale"]] if m["scale"] else 1
        rest = rest[: m.start()]
    core = _CORE.match(rest)
    body = (core.group(0) if core else "").rstrip(_SPACES)
    tail = rest[len(body) :].strip(_TRIM)
    if not any(c.isdigit() for c in body):
        raise NumberTextError("facts.number.not_a_number", params)
    if tail:
        raise NumberTextError("facts.number.unknown_unit", {**params, "unit": tail})
    parts = _EXPONENT.match(body)
    if parts is None:
        raise NumberTextError("facts.number.bad_exponent", params)
    mantissa = parts["mantissa"]
    digits = sum(c.isdigit() for c in mantissa)
    if digits > MAX_DIGITS:
        raise NumberTextError(
            "facts.number.too_many_digits", {**params, "digits": digits, "limit": MAX_DIGITS}
        )
    if parts["exp"] is None:
        number = _interpret(mantissa, decimal_comma, s, money or unit == "€")
    else:
        # With an exponent only a plain mantissa is read (no thousands grouping).
        mark = "," if decimal_comma and "," in mantissa else "."
        plain = _read(mantissa, mark, "")
        if plain is None:
            raise NumberTextError("facts.number.bad_exponent", params)
        number = plain.scaleb(int(parts["exp"]))
    try:
        exact = number * scale * sign
        value = float(exact)
    except (decimal.InvalidOperation, OverflowError) as exc:  # pragma: no cover - defensive
        raise NumberTextError("facts.number.overflow", params) from exc
    if value in (float("inf"), float("-inf")) or (value == 0 and exact != 0):
        raise NumberTextError("facts.number.overflow", params)
    return ParsedNumber(value=value + 0.0, unit=unit)
