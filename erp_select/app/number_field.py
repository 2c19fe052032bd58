"""A number field that reads and shows numbers the visitor's way (French: ``1 234,5``).

Streamlit's ``st.number_input`` knows neither the language nor the decimal comma: typed
``3,5`` becomes 35. :func:`number_field` is a text field instead: it shows its value
formatted for the language, reads what the visitor typed with the project's one number
parser, enforces bounds, whole numbers and units, and refuses anything else with a message
under the field while keeping the last valid value. Never a silent wrong value.

Session state, for a field of key ``k``:

* ``k`` holds the last valid number (an ``int`` for whole-number fields). Code may set it
  (to seed the field from the project); the text follows at the next run.
* ``k.text`` is the text widget's own key (what the visitor typed).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import streamlit as st

from erp_select.app import state
from erp_select.errors import InputError, Problem
from erp_select.i18n import Lang, fmt_number, t
from erp_select.i18n.parsing import NumberTextError, parse_money_text, parse_number_text
from erp_select.io.cells import decode_free

#: The most decimals a field shows for its value (the value itself is kept exactly).
MAX_DIGITS = 6
#: Parser reasons reworded for a field typed in the app.
_IN_A_FIELD = {
    "facts.number.comma_decimal": "numinput.comma_decimal",
    "facts.number.not_a_number": "walk.not_a_number",
}
#: Parser refusals of text written as a number (not words): refused, never kept as text.
_NUMBER_LIKE = frozenset(
    f"facts.number.{reason}"
    for reason in (
        "ambiguous_grouping",
        "ambiguous_comma",
        "comma_grouping",
        "comma_decimal",
        "bad_grouping",
        "bad_exponent",
        "too_many_digits",
        "overflow",
    )
)


@dataclass(frozen=True)
class FieldRule:
    """What a field accepts: bounds, whole numbers only, units written after the number."""

    label: str
    min_value: float | None = None
    max_value: float | None = None
    integer: bool = False
    group: bool = True
    units: tuple[str, ...] = ()
    money: bool = False


@dataclass(frozen=True)
class Shown:
    """The value a field's text was last made from or read as, in which language."""

    value: float
    lang: str
    text: str


class FieldRefusal(ValueError):
    """Text a field refuses; :meth:`message` says why in the visitor's language."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, lang: Lang) -> str:
        """Return the reason in ``lang``."""
        return t(self.key, lang, **self.params)


def text_key(key: str) -> str:
    """The key of the text widget of the field ``key`` (what tests type into)."""
    return f"{key}.text"


def _rule_key(key: str) -> str:
    return f"_nf.rule.{key}"


def _shown_key(key: str) -> str:
    return f"_nf.shown.{key}"


def show_number(value: float, lang: Lang, *, integer: bool = False, group: bool = True) -> str:
    """Write ``value`` the way ``lang`` does, with as few decimals as it needs (at most 6).

    Parameters
    ----------
    value : float
        The number.
    lang : {"fr", "en"}
        French gives ``1 234,5``; English ``1,234.5``.
    integer : bool
        Write no decimals.
    group : bool
        Group the thousands (``False`` for identifiers such as a random seed).

    Returns
    -------
    str
        The text a field shows.
    """
    digits = 0
    if not integer:
        while digits < MAX_DIGITS and round(value, digits) != value:
            digits += 1
    if not group and math.isfinite(value) and abs(value) < 1e15:
        text = f"{value:.{digits}f}"
        return text.replace(".", ",") if lang == "fr" else text
    return fmt_number(value, lang, digits)


def _reason(exc: NumberTextError, lang: Lang) -> str:
    """The parser's reason, worded for a field (no final full stop)."""
    if exc.key in _IN_A_FIELD:  # the parser's wording speaks of a file
        return t(_IN_A_FIELD[exc.key], lang, **exc.params)
    return exc.message(lang).strip().rstrip(".")


def read_free(text: str, label: str, lang: Lang) -> Any:
    """Read a free field (a number, a yes/no, a list or a text), numbers by the one parser.

    Text written as a number that the parser refuses (``310.000``: 310 or 310 000?) is
    refused, never kept as text or read as the wrong number; other text is typed by
    :func:`erp_select.io.cells.decode_free` (``oui``, ``a|b``, words).

    Raises
    ------
    InputError
        Naming the field, the text and the reason.
    """
    try:
        return parse_number_text(text, decimal_comma=lang == "fr").value
    except NumberTextError as exc:
        if exc.key in _NUMBER_LIKE:
            params = {"field": label, "text": text.strip(), "reason": _reason(exc, lang)}
            raise InputError([Problem(rule="numinput.field_refused", params=params)]) from None
    return decode_free(text, lang == "fr")


def read_number(text: str, rule: FieldRule, lang: Lang) -> float:
    """Read ``text`` typed in a field that follows ``rule``.

    Parameters
    ----------
    text : str
        What the visitor typed (French reads ``3,5``, ``1 234,5``, ``12,5 %``).
    rule : FieldRule
        Bounds, whole numbers, accepted units.
    lang : {"fr", "en"}
        The visitor's language: French reads the decimal comma, English the point.

    Returns
    -------
    float
        The number (an ``int`` for a whole-number field).

    Raises
    ------
    FieldRefusal
        Empty text, not a number, an ambiguous number, a unit the field does not take,
        decimals in a whole-number field, a number out of bounds.
    """
    if not text.strip():
        raise FieldRefusal("numinput.empty")
    try:
        parse = parse_money_text if rule.money else parse_number_text
        parsed = parse(text, decimal_comma=lang == "fr")
    except NumberTextError as exc:
        raise FieldRefusal("numinput.parser", reason=_reason(exc, lang)) from None
    value = parsed.value
    if parsed.unit is not None and parsed.unit not in rule.units:
        if rule.units:
            raise FieldRefusal("numinput.unit", unit=parsed.unit, units=" ".join(rule.units))
        raise FieldRefusal("numinput.no_unit", unit=parsed.unit)
    if not math.isfinite(value):
        raise FieldRefusal("numinput.not_finite")
    shown = {"integer": rule.integer, "group": rule.group}
    if rule.integer and not value.is_integer():
        raise FieldRefusal("numinput.not_integer")
    if rule.min_value is not None and value < rule.min_value:
        raise FieldRefusal("numinput.too_small", min=show_number(rule.min_value, lang, **shown))
    if rule.max_value is not None and value > rule.max_value:
        raise FieldRefusal("numinput.too_large", max=show_number(rule.max_value, lang, **shown))
    if value == 0:
        value = 0.0  # "-0" is zero
    return int(value) if rule.integer else value


def _commit(key: str, value: float, lang: Lang, text: str) -> None:
    st.session_state[key] = value
    st.session_state[_shown_key(key)] = Shown(value, lang, text)


def number_field(
    label: str,
    *,
    key: str,
    value: float = 0.0,
    min_value: float | None = None,
    max_value: float | None = None,
    integer: bool = False,
    group: bool = True,
    units: tuple[str, ...] = (),
    money: bool = False,
    help: str | None = None,
    where: Any = None,
) -> float:
    """Draw a number field and return its value (the last valid one when the text is refused).

    Parameters
    ----------
    label : str
        The field's label, in the visitor's language.
    key : str
        Stable key; ``st.session_state[key]`` holds the value (set it to seed the field).
    value : float
        The value of a new field (when ``key`` is not in the session yet).
    min_value, max_value : float, optional
        Inclusive bounds.
    integer : bool
        Whole numbers only (the value is then an ``int``).
    group : bool
        Group thousands when showing the value (``False`` for a seed).
    units : tuple of str
        Units the visitor may write with the number (``("%",)``, ``("€",)``; ``k€`` and
        ``M€`` are read as ``€``, scaled).
    money : bool
        An amount of money: in French, ``250,000`` is refused as ambiguous (no thousandths).
    help : str, optional
        The field's tooltip.
    where : DeltaGenerator, optional
        The column or container to draw in (the page by default).

    Returns
    -------
    float
        The field's current valid value.
    """
    ss = st.session_state
    lang = state.lang()
    place = st if where is None else where
    rule = FieldRule(label, min_value, max_value, integer, group, units, money)
    ss[_rule_key(key)] = rule
    if key not in ss:
        ss[key] = int(value) if integer else float(value)
    current = ss[key]
    shown = ss.get(_shown_key(key))
    widget = text_key(key)
    if (
        widget not in ss
        or not isinstance(shown, Shown)
        or shown.value != current
        or shown.lang != lang
    ):
        _commit(key, current, lang, show_number(current, lang, integer=integer, group=group))
        ss[widget] = ss[_shown_key(key)].text
    # The default is the text the field holds (or last showed), never "": a browser that
    # loses a widget's value (seen once when a live fragment reran beside a full run) falls
    # back to the default, and an empty field is refused at « Send » though nobody emptied it.
    default = str(ss[widget]) or ss[_shown_key(key)].text
    place.text_input(label, key=widget, value=default, help=help)
    text = str(ss[widget])
    if text == ss[_shown_key(key)].text:
        return float(current)
    try:
        number = read_number(text, rule, lang)
    except FieldRefusal as exc:
        kept = show_number(current, lang, integer=integer, group=group)
        place.error(
            t("numinput.refused", lang, text=text.strip(), reason=exc.message(lang), kept=kept),
            icon=":material/error:",
        )
        return float(current)
    _commit(key, number, lang, text)
    return number


def read(key: str, default: float | None = None) -> float:
    """Return the value of the field ``key`` as typed now, for a button or form callback.

    Callbacks and code that runs before the field is drawn see what the visitor typed
    (``st.session_state[key]`` only follows when the field is drawn). ``default`` is
    returned when the field was never drawn in this session.

    Raises
    ------
    InputError
        When the typed text is refused (the field shows why under it at the next run).
    """
    ss = st.session_state
    rule = ss.get(_rule_key(key))
    text = ss.get(text_key(key))
    shown = ss.get(_shown_key(key))
    if key not in ss and default is not None:
        return default
    current = float(ss[key])
    if not isinstance(rule, FieldRule) or text is None:
        return current
    lang = state.lang()
    if (
        not isinstance(shown, Shown)
        or shown.value != ss[key]
        or shown.lang != lang
        or text == shown.text
    ):
        # untouched since drawn, set by code since (code wins, as when drawing), or typed
        # in the other language (the field shows the value again in this one)
        return current
    try:
        number = read_number(str(text), rule, lang)
    except FieldRefusal as exc:
        problem = Problem(
            rule="numinput.field_refused",
            params={"field": rule.label, "text": str(text).strip(), "reason": exc.message(lang)},
        )
        raise InputError([problem]) from None
    _commit(key, number, lang, str(text))
    return number
