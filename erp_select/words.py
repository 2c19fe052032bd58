"""Words for people: every fact, slug, unit, level, sector, rule and method key in fr or en."""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable

from babel.dates import format_date
from babel.lists import format_list

from erp_select.catalogue import sectors
from erp_select.engine import method_info
from erp_select.errors import InputError
from erp_select.i18n import fmt_money, fmt_number, fmt_percent, has_key, normalise_lang, t
from erp_select.model import (
    BooleanValue,
    ChecklistValue,
    CriteriaTree,
    Fact,
    FactValue,
    LinearValue,
    PiecewiseValue,
    ScaleValue,
    Text,
)
from erp_select.model.fact_names import fact_name
from erp_select.model.facts import FactSpec, vocabulary
from erp_select.model.requirements import RequirementsRule
from erp_select.model.rules import BudgetRule, CriterionRule, FactRule, Rule, SectorRule
from erp_select.text import humanise

__all__ = [
    "Words",
    "evidence",
    "fact_labels",
    "file_stem",
    "fmt_date",
    "humanise",
    "join",
    "method",
    "missing_rule",
    "normalisation",
    "number",
    "sector",
    "unit",
    "yes_no",
]

_LOCALE = {"fr": "fr_FR", "en": "en_GB"}
#: The engine's normalisation names (English) → the key of their words in ``words.yaml``.
_NORMALISATIONS = {
    "vector": "vector",
    "min-max": "min-max",
    "ratio to best (x/max, min/x)": "ratio",
    "distance to best (min-max)": "distance",
    "range of the data (bounds = observed min/max)": "range",
    "sum": "sum",
    "ratio to the average": "average",
}
_MONEY_UNITS = frozenset({"€", "EUR", "eur", "euros"})
_NO_UNIT = frozenset({"", "%"})
NBSP = "\u00a0"


def join(items: Iterable[str], lang: str | None) -> str:
    """Items joined with the language's conjunction (``a, b et c``); ``—`` when empty."""
    shown = [i for i in items if i]
    if not shown:
        return t("words.none", lang)
    return format_list(shown, locale=_LOCALE[normalise_lang(lang)])


def fmt_date(value: dt.date | str | None, lang: str | None) -> str:
    """A date as people write it (French ``12 avr. 2026``, English ``12 Apr 2026``)."""
    if value is None:
        return t("words.none", lang)
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return value
    else:
        day = value
    text = format_date(day, format="d MMM y", locale=_LOCALE[normalise_lang(lang)])
    if day.day == 1 and normalise_lang(lang) == "fr":  # French writes the first « 1er mars »
        return "1er" + text[1:]
    return text


_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o"})


def file_stem(name: str, default: str = "project", limit: int = 60) -> str:
    """A file name from a person's text, its accents transliterated, never dropped.

    ``Métallerie Duval`` gives ``metallerie-duval``: lower case ASCII letters, digits and
    ``-`` only (``default`` when nothing is left), at most ``limit`` characters.
    """
    plain = unicodedata.normalize("NFKD", name.translate(_LIGATURES))
    ascii_only = plain.encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^A-Za-z0-9]+", "-", ascii_only).strip("-").lower()[:limit].strip("-")
    return stem or default


def yes_no(value: bool, lang: str | None) -> str:
    """``oui``/``non`` (``yes``/``no``)."""
    return t("words.yes" if value else "words.no", lang)


def number(value: float, lang: str | None) -> str:
    """A number with no more decimals than it needs (at most two): ``3``, ``2,5``, ``0,25``."""
    if not math.isfinite(value):
        return t("words.none", lang)
    rounded = round(value, 2)
    digits = 0 if rounded.is_integer() else (1 if round(value, 1) == rounded else 2)
    return fmt_number(value, lang, digits)


def unit(code: str, lang: str | None, count: float | None = None) -> str:
    """A unit in words (``€/user/month`` → ``€ par utilisateur et par mois``); else as written.

    With the ``count`` it follows, a unit that has a singular takes it where the language does
    (French below 2: ``1,5 mois``, ``1 an``; English for exactly 1: ``1 month``).
    """
    key = f"words.unit.{code}"
    if not has_key(key):
        return code
    if count is not None and math.isfinite(count):
        singular = abs(count) < 2 if normalise_lang(lang) == "fr" else abs(count) == 1
        if singular and has_key(f"{key}_one"):
            return t(f"{key}_one", lang)
    return t(key, lang)


def evidence(level: str | None, lang: str | None) -> str:
    """An evidence level in words (``claim`` → ``déclaration de l'éditeur``); ``—`` when none."""
    if not level:
        return t("words.none", lang)
    key = f"words.evidence.{level}"
    return t(key, lang) if has_key(key) else humanise(level)


def sector(slug: str, lang: str | None) -> str:
    """A sector's name (``manufacturing`` → ``Industrie manufacturière``)."""
    for known in sectors():
        if known.id == slug:
            return known.label.get(normalise_lang(lang))
    return humanise(slug)


def missing_rule(rule: str, lang: str | None) -> str:
    """What a missing-value rule does (``worst`` → ``compter la pire valeur``)."""
    key = f"words.missing.{rule}"
    return t(key, lang) if has_key(key) else humanise(rule)


def method(key: str, lang: str | None) -> str:
    """A ranking method's name (``wsm`` → ``Somme pondérée (WSM)``)."""
    try:
        return method_info(key).title(lang)
    except (InputError, KeyError):
        return humanise(key)


def normalisation(name: str, lang: str | None) -> str:
    """A normalisation in words, from a method key (``topsis``) or the engine's own name."""
    with contextlib.suppress(InputError, KeyError):
        name = method_info(name).normalisation
    key = _NORMALISATIONS.get(name)
    return t(f"words.normalisation.{key}", lang) if key else name


def fact_labels(criteria: CriteriaTree) -> tuple[dict[str, Text], dict[tuple[str, str], Text]]:
    """Labels the criteria give the facts they read, and list items (e.g. a certification).

    A checklist item's own label names its fact (or, with ``item``, that list item); a leaf
    reading one fact lends the fact its label. The first label found wins.

    Returns
    -------
    tuple of dict
        ``{fact id: label}`` and ``{(fact id, item in lower case): label}``.
    """
    facts: dict[str, Text] = {}
    items: dict[tuple[str, str], Text] = {}
    for leaf in criteria.leaves():
        spec = leaf.value
        if isinstance(spec, ChecklistValue):
            for entry in spec.items:
                if entry.item is None:
                    if entry.label is not None:
                        facts.setdefault(entry.fact, entry.label)
                else:
                    if entry.label is not None:
                        items.setdefault((entry.fact, entry.item.lower()), entry.label)
                    facts.setdefault(entry.fact, leaf.label)
        elif isinstance(spec, FactValue | LinearValue | PiecewiseValue | ScaleValue | BooleanValue):
            facts.setdefault(spec.fact, leaf.label)
    return facts, items


class Words:
    """The words of one language, for one project's criteria (optional).

    A fact is named by the fact vocabulary, else by the label the criteria give it (the
    user's own criterion name), else by a readable form of its id: never by the raw id.
    """

    def __init__(self, lang: str | None, criteria: CriteriaTree | None = None) -> None:
        self.lang = normalise_lang(lang)
        self.criteria = criteria
        self._facts, self._items = fact_labels(criteria) if criteria else ({}, {})

    # ------------------------------------------------------------------ facts
    def spec(self, fact_id: str) -> FactSpec | None:
        """The vocabulary's spec of ``fact_id`` (``None`` for an undeclared fact)."""
        return vocabulary().spec(fact_id)

    def fact(self, fact_id: str) -> str:
        """A fact's name (``sec.mfa`` → ``Authentification à deux facteurs``)."""
        if self.spec(fact_id) is not None:
            return fact_name(fact_id, self.lang)
        if fact_id in self._facts:
            return self._facts[fact_id].get(self.lang)
        return humanise(fact_id)

    def level(self, fact_id: str, item: str) -> str:
        """A level or list item of a fact in words (``on_premise`` → ``sur site``)."""
        if fact_id == "sectors":
            return sector(item, self.lang)
        spec = self.spec(fact_id)
        for name, label in (spec.levels or {}).items() if spec else ():
            if name.lower() == item.lower():
                return label.get(self.lang)
        if (fact_id, item.lower()) in self._items:
            return self._items[(fact_id, item.lower())].get(self.lang)
        return item

    def value(self, fact_id: str, value: object, unit_code: str | None = None) -> str:
        """A fact's value as people read it, with its unit (the fact's own, else the vocabulary's).

        Yes/no as ``oui``/``non``, levels and list items in words, lists joined with the
        language's conjunction, percentages, money and numbers in the language's notation,
        dates as ``12 avr. 2026``; ``—`` for no value.
        """
        spec = self.spec(fact_id)
        if value is None:
            return t("words.none", self.lang)
        if isinstance(value, bool):
            return yes_no(value, self.lang)
        if isinstance(value, list):
            return join((self.level(fact_id, str(x)) for x in value), self.lang)
        if isinstance(value, dt.date):
            return fmt_date(value, self.lang)
        if isinstance(value, int | float):
            return self._number(float(value), spec, unit_code)
        text = str(value)
        if spec is not None and spec.type == "date":
            return fmt_date(text, self.lang)
        if spec is not None and spec.type in ("level", "slugs"):
            return self.level(fact_id, text)
        return text

    def fact_value(self, fact_id: str, fact: Fact) -> str:
        """A fact's value in words (see :meth:`value`); a level with a range reads
        « standard (de basique à avancé) »."""
        shown = self.value(fact_id, fact.value, fact.unit)
        bounds = fact.level_range
        if bounds is None:
            return shown
        low, high = (self.level(fact_id, b) for b in bounds)
        return t("levels.range", self.lang, value=shown, low=low, high=high)

    def _number(self, value: float, spec: FactSpec | None, unit_code: str | None) -> str:
        code = unit_code or (spec.unit if spec else None) or ""
        if spec is not None and spec.type == "percentage":
            share = value / (spec.per or 100)
            digits = 0 if round(share * 100, 1).is_integer() else 1
            text = fmt_percent(share, self.lang, digits)
            return text if code in _NO_UNIT else f"{text}{NBSP}{unit(code, self.lang)}"
        if code in _MONEY_UNITS or (spec is not None and spec.type == "money" and not code):
            digits = 0 if round(value, 2).is_integer() else 2
            return fmt_money(value, self.lang, digits=digits)
        text = number(value, self.lang)
        if code == "%":
            return f"{text}{NBSP}%"
        if not code:
            return text
        # A unit read as a fraction (``/5``) sticks to its number.
        return f"{text}{'' if code.startswith('/') else NBSP}{unit(code, self.lang, value)}"

    # --------------------------------------------------------------- criteria
    def criterion(self, criterion_id: str) -> str:
        """A criterion's label in this language (a readable id when the tree lacks it)."""
        if self.criteria is not None:
            with contextlib.suppress(KeyError):
                return self.criteria.node(criterion_id).label.get(self.lang)
        return humanise(criterion_id)

    # ------------------------------------------------------------------ rules
    def rule(self, rule: Rule) -> str:
        """A must-have rule as a sentence (``« Authentification à deux facteurs » obligatoire``)."""
        lang = self.lang
        if rule.label is not None:
            return rule.label.get(lang)
        match rule:
            case FactRule():
                shown = (
                    self.level(rule.fact, rule.value)
                    if isinstance(rule.value, str)
                    else self.value(rule.fact, rule.value)
                )
                return t(
                    f"screen.rule.fact.{rule.op}", lang, fact=self.fact(rule.fact), value=shown
                )
            case CriterionRule():
                return t(
                    f"screen.rule.criterion.{rule.op}",
                    lang,
                    criterion=self.criterion(rule.criterion),
                    value=number(rule.value, lang),
                )
            case BudgetRule():
                return t("screen.rule.budget", lang, tolerance=fmt_percent(rule.tolerance, lang))
            case SectorRule():
                return t("screen.rule.sector", lang)
            case RequirementsRule():
                priorities = join(
                    (t(f"requirements.priority.{p}", lang) for p in rule.priorities), lang
                )
                fail_on = join((t(f"requirements.answer.{a}", lang) for a in rule.fail_on), lang)
                return t("screen.rule.requirements", lang, priorities=priorities, fail_on=fail_on)
        raise TypeError(rule)  # pragma: no cover

    # ------------------------------------------------- the module's words, bound
    def evidence(self, level: str | None) -> str:
        """See :func:`evidence`."""
        return evidence(level, self.lang)

    def sector(self, slug: str) -> str:
        """See :func:`sector`."""
        return sector(slug, self.lang)

    def method(self, key: str) -> str:
        """See :func:`method`."""
        return method(key, self.lang)

    def normalisation(self, name: str) -> str:
        """See :func:`normalisation`."""
        return normalisation(name, self.lang)

    def missing_rule(self, rule: str) -> str:
        """See :func:`missing_rule`."""
        return missing_rule(rule, self.lang)

    def unit(self, code: str) -> str:
        """See :func:`unit`."""
        return unit(code, self.lang)

    def date(self, value: dt.date | str | None) -> str:
        """See :func:`fmt_date`."""
        return fmt_date(value, self.lang)

    def join(self, items: Iterable[str]) -> str:
        """See :func:`join`."""
        return join(items, self.lang)
