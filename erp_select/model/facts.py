"""The fact vocabulary: each vendor fact's type, unit, valid range and labels (facts.yaml)."""

from __future__ import annotations

import datetime as dt
import difflib
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import Field, model_validator

from erp_select.i18n.numbers import fmt_number
from erp_select.model.common import FiniteFloat, Strict, Text
from erp_select.model.criteria import (
    BooleanValue,
    ChecklistValue,
    CriteriaTree,
    FactValue,
    LinearValue,
    PiecewiseValue,
    RequirementsValue,
    ReviewsValue,
    ScaleValue,
)

FactType = Literal["number", "percentage", "money", "boolean", "level", "slugs", "date", "text"]
#: Types whose value is a number.
NUMERIC: frozenset[str] = frozenset({"number", "percentage", "money"})
VOCABULARY_FILE = Path(__file__).with_name("facts.yaml")
#: A key ending in this covers every fact id that starts with what precedes it.
WILDCARD = "*"


class FactSpec(Strict):
    """What one fact holds: its type, unit, valid range, levels and labels.

    ``per`` is for percentages: 100 stores percent points (68 means 68 %), 1 a share
    (0.18 means 18 %). ``levels`` are the allowed levels of a ``level`` fact, or the known
    items of a ``slugs`` fact (``open`` accepts other items too). ``profile`` marks a
    vendor profile field (``deployment``…) that must-have rules read like a fact.
    ``inferred`` is set on specs derived from a criteria tree rather than declared.
    """

    type: FactType
    label: Text
    description: Text | None = None
    unit: str | None = Field(default=None, max_length=40)
    min: FiniteFloat | None = None
    max: FiniteFloat | None = None
    integer: bool = False
    per: Literal[1, 100] | None = None
    levels: dict[Annotated[str, Field(max_length=64)], Text] | None = None
    open: bool = False
    profile: bool = False
    inferred: bool = False

    @model_validator(mode="after")
    def _coherent(self) -> FactSpec:
        # The vocabulary is package data, not user input: plain (English) errors.
        if self.type == "percentage" and self.per is None:
            raise ValueError("a percentage says per: 100 or per: 1")
        if self.type == "level" and not self.levels:
            raise ValueError("a level fact lists its levels")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min must not exceed max")
        return self

    @property
    def numeric(self) -> bool:
        """True for number, percentage and money facts."""
        return self.type in NUMERIC

    def level_names(self) -> list[str]:
        """The allowed levels (or known items), as written in the vocabulary."""
        return list(self.levels or {})


class Vocabulary(Strict):
    """Every known fact, by id (``reviews.*`` covers ``reviews.<site>``)."""

    format: Literal["erp-select.facts"] = "erp-select.facts"
    version: Literal[1] = 1
    facts: dict[Annotated[str, Field(min_length=1, max_length=120)], FactSpec]

    def spec(self, fact_id: str) -> FactSpec | None:
        """The spec of ``fact_id``: its own entry, else the longest ``prefix.*`` covering it."""
        if fact_id in self.facts:
            return self.facts[fact_id]
        best: tuple[int, FactSpec] | None = None
        for key, spec in self.facts.items():
            if key.endswith(WILDCARD):
                prefix = key[: -len(WILDCARD)]
                covers = fact_id.startswith(prefix) and len(fact_id) > len(prefix)
                if covers and (best is None or len(prefix) > best[0]):
                    best = (len(prefix), spec)
        return best[1] if best else None

    def fact_spec(self, fact_id: str) -> FactSpec | None:
        """Like :meth:`spec`, but ``None`` for profile fields (a fact may not use their names)."""
        spec = self.spec(fact_id)
        return None if spec is None or spec.profile else spec

    def suggest(self, fact_id: str) -> str | None:
        """The known fact id nearest to ``fact_id`` (difflib), or ``None`` when none is close."""
        keys = [k for k, s in self.facts.items() if not s.profile]
        names = [k[: -len(WILDCARD)] + "<…>" if k.endswith(WILDCARD) else k for k in keys]
        plain = [k for k in keys if not k.endswith(WILDCARD)]
        found = difflib.get_close_matches(fact_id, plain, n=1, cutoff=0.75)
        if found:
            return found[0]
        for key, name in zip(keys, names, strict=True):
            if key.endswith(WILDCARD):
                prefix = key[: -len(WILDCARD)]
                head = fact_id.split(".", 1)[0] + "."
                if difflib.SequenceMatcher(None, head, prefix).ratio() >= 0.75:
                    return name
        return None

    def merged(self, extra: dict[str, FactSpec]) -> Vocabulary:
        """This vocabulary plus ``extra`` specs for ids it does not cover."""
        added = {k: v for k, v in extra.items() if self.spec(k) is None}
        if not added:
            return self
        return self.model_copy(update={"facts": {**self.facts, **added}})


@cache
def vocabulary() -> Vocabulary:
    """The bundled fact vocabulary (``erp_select/model/facts.yaml``), validated once."""
    data = yaml.safe_load(VOCABULARY_FILE.read_text(encoding="utf-8"))
    return Vocabulary.model_validate(data)


def _inferred(kind: FactType, label: Text, levels: list[str] | None = None) -> FactSpec:
    named = {name: Text(fr=name, en=name) for name in levels} if levels else None
    return FactSpec(type=kind, label=label, levels=named, open=kind == "slugs", inferred=True)


def inferred_specs(tree: CriteriaTree) -> dict[str, FactSpec]:
    """Types of the facts a criteria tree reads, from the value function that reads them.

    linear, piecewise, fact → number; boolean → boolean; scale → level (its levels); a
    checklist item → boolean, or a list (``slugs``) when the item names an ``item``;
    a requirements fallback → a percentage of 0-100; reviews → ``<prefix>*`` a rating
    from 0 to the scale's maximum. The first reading wins.
    """
    out: dict[str, FactSpec] = {}
    for leaf in tree.leaves():
        spec = leaf.value
        label = leaf.label
        if isinstance(spec, LinearValue | PiecewiseValue | FactValue):
            out.setdefault(spec.fact, _inferred("number", label))
        elif isinstance(spec, BooleanValue):
            out.setdefault(spec.fact, _inferred("boolean", label))
        elif isinstance(spec, ScaleValue):
            out.setdefault(spec.fact, _inferred("level", label, list(spec.levels)))
        elif isinstance(spec, ChecklistValue):
            for item in spec.items:
                kind: FactType = "boolean" if item.item is None else "slugs"
                out.setdefault(item.fact, _inferred(kind, item.label or label))
        elif isinstance(spec, RequirementsValue) and spec.fallback_fact:
            out.setdefault(
                spec.fallback_fact,
                FactSpec(type="percentage", per=100, min=0, max=100, label=label, inferred=True),
            )
        elif isinstance(spec, ReviewsValue) and spec.prefix:
            out.setdefault(
                spec.prefix + WILDCARD,
                FactSpec(type="number", min=0, max=spec.scale_max, label=label, inferred=True),
            )
    return out


def vocabulary_for(tree: CriteriaTree | None) -> Vocabulary:
    """The bundled vocabulary plus the facts ``tree`` reads that it does not declare."""
    base = vocabulary()
    return base if tree is None else base.merged(inferred_specs(tree))


@dataclass(frozen=True)
class FactIssue:
    """Why a value does not fit its fact: a catalogue key and its placeholders."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


def number_params(name: str, value: float) -> dict[str, Any]:
    """A number in each language's notation (``name_fr``, ``name_en``) and plain."""
    value = round(float(value), 9)  # 0,55 × 100 is 55,000000000000007 in binary
    digits = 0 if value.is_integer() else 6
    fr = fmt_number(value, "fr", digits).rstrip("0") if digits else fmt_number(value, "fr", 0)
    en = fmt_number(value, "en", digits).rstrip("0") if digits else fmt_number(value, "en", 0)
    return {name: value, f"{name}_fr": fr, f"{name}_en": en}


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _above_share(most: float, number: float) -> FactIssue:
    """A share above its highest value, with the reading that fits when one does.

    ``18`` for a rate of at most 1 is 18 %, written as percent points: the fix is
    ``0,18``. ``0,6`` for a cap of at most 0,5 is 60 %, too high; it may also have meant
    0,6 %, so both readings are said. ``80`` for a cap of at most 0,5 fits neither way.
    """
    params = {
        **number_params("max", most),
        **number_params("share", number / 100),
        **number_params("percent", number),
        **number_params("max_percent", most * 100),
        **number_params("as_percent", number * 100),
    }
    if number / 100 > most:
        return FactIssue("facts.value.above_max_share", params)
    if number <= 1:
        return FactIssue("facts.value.above_share_small", params)
    return FactIssue("facts.value.above_share", params)


def check_number(spec: FactSpec, number: float) -> FactIssue | None:
    """Whether ``number`` is within the spec's range (and whole when it must be)."""
    if not math.isfinite(number):
        return FactIssue("facts.value.not_finite")
    if spec.integer and not float(number).is_integer():
        return FactIssue("facts.value.not_integer")
    if spec.min is not None and number < spec.min:
        return FactIssue("facts.value.below_min", number_params("min", spec.min))
    if spec.max is not None and number > spec.max:
        if spec.type == "percentage" and spec.per == 1:
            return _above_share(spec.max, number)
        return FactIssue("facts.value.above_max", number_params("max", spec.max))
    return None


def check_value(spec: FactSpec, value: Any) -> FactIssue | None:
    """Whether a typed ``value`` (after reading the file) fits ``spec``; ``None`` when it does.

    Numbers must be numbers (a yes/no, a text, a list or a date is refused) within the
    range; yes/no must be yes/no; a level one of the levels (any case); a list a list of
    texts (of the known items unless the list is open); a date an ISO date.
    """
    if spec.numeric:
        if not _is_number(value):
            return FactIssue(f"facts.value.expected.{spec.type}")
        return check_number(spec, float(value))
    if spec.type == "boolean":
        return None if isinstance(value, bool) else FactIssue("facts.value.expected.boolean")
    if spec.type == "level":
        names = spec.level_names()
        if not isinstance(value, str) or value.lower() not in {n.lower() for n in names}:
            return FactIssue("facts.value.expected.level", {"levels": ", ".join(names)})
        return None
    if spec.type == "slugs":
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            return FactIssue("facts.value.expected.slugs")
        if not spec.open:
            known = {n.lower() for n in spec.level_names()}
            for item in value:
                if item.lower() not in known:
                    return FactIssue(
                        "facts.value.unknown_item",
                        {"item": item, "levels": ", ".join(spec.level_names())},
                    )
        return None
    if spec.type == "date":
        if isinstance(value, dt.date):
            return None
        if isinstance(value, str):
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                pass
            else:
                return None
        return FactIssue("facts.value.expected.date")
    return None if isinstance(value, str) else FactIssue("facts.value.expected.text")


def level_rank(spec: FactSpec, level: str) -> int | None:
    """The position of ``level`` in the spec's levels (any case), ``None`` when unknown."""
    names = [n.lower() for n in spec.level_names()]
    return names.index(level.lower()) if level.lower() in names else None


def check_level_range(spec: FactSpec, value: Any, low: Any, high: Any) -> FactIssue | None:
    """Whether a level fact's range fits: both bounds or neither, each a level of the fact,
    and ``low ≤ value ≤ high`` in the vocabulary's order; ``None`` when it does.

    The issue's ``at`` param names the bound to point at (``low`` or ``high``).
    """
    if low is None and high is None:
        return None
    if low is None or high is None:
        missing = "low" if low is None else "high"
        return FactIssue("levels.range_both", {"at": missing})
    ranks: list[int] = []
    for column, level in (("low", low), ("value", value), ("high", high)):
        rank = level_rank(spec, level) if isinstance(level, str) else None
        if rank is None:
            names = ", ".join(spec.level_names())
            return FactIssue("facts.value.expected.level", {"levels": names, "at": column})
        ranks.append(rank)
    if not ranks[0] <= ranks[1] <= ranks[2]:
        column = "low" if ranks[0] > ranks[1] else "high"
        labels = list((spec.levels or {}).values())
        params: dict[str, Any] = {"at": column}
        for name, rank in zip(("low", "value", "high"), ranks, strict=True):
            params |= {f"{name}_fr": labels[rank].fr, f"{name}_en": labels[rank].en}
        params |= {
            "order_fr": " < ".join(x.fr for x in labels),
            "order_en": " < ".join(x.en for x in labels),
        }
        return FactIssue("levels.range_order", params)
    return None


_NUMERIC_OPS = (">=", "<=", ">", "<")
#: Each type's name in a sentence (fr, en).
TYPE_NAMES: dict[str, tuple[str, str]] = {
    "number": ("un nombre", "a number"),
    "percentage": ("un pourcentage", "a percentage"),
    "money": ("un montant", "an amount of money"),
    "boolean": ("un oui/non", "a yes/no"),
    "level": ("un niveau parmi une liste", "a level from a list"),
    "slugs": ("une liste", "a list"),
    "date": ("une date", "a date"),
    "text": ("un texte", "a text"),
}


def _kind(spec: FactSpec) -> dict[str, Any]:
    """The fact's type named in each language (``kind_fr``, ``kind_en``)."""
    return {"kind_fr": TYPE_NAMES[spec.type][0], "kind_en": TYPE_NAMES[spec.type][1]}


def check_rule(fact: str, op: str, value: Any, vocab: Vocabulary) -> FactIssue | None:
    """Whether a must-have rule on ``fact`` fits the fact's declared type; ``None`` if so.

    A comparison (``>=``, ``<=``, ``>``, ``<``) needs a numeric fact and a threshold inside
    its range; ``is_true``/``is_false`` a yes/no fact; ``contains``/``not_contains`` a list
    or a level, and a known item or level when the list is closed; ``==``/``!=`` a value of
    the fact's type (a level among its levels). A fact the vocabulary does not know is not
    checked.
    """
    spec = vocab.spec(fact)
    if spec is None:
        return None
    if op in _NUMERIC_OPS:
        if not spec.numeric:
            return FactIssue("facts.rule.needs_number", _kind(spec))
        if _is_number(value) and spec.min is not None and value < spec.min:
            return FactIssue("facts.rule.below_min", number_params("min", spec.min))
        if _is_number(value) and spec.max is not None and value > spec.max:
            if spec.type == "percentage" and spec.per == 1:
                share = number_params("share", float(value) / 100)
                return FactIssue("facts.rule.outside_share", share)
            return FactIssue("facts.rule.above_max", number_params("max", spec.max))
        return None
    if op in ("is_true", "is_false"):
        return (
            None if spec.type == "boolean" else FactIssue("facts.rule.needs_boolean", _kind(spec))
        )
    names = spec.level_names()
    known = {n.lower() for n in names}
    if op in ("contains", "not_contains"):
        if spec.type not in ("slugs", "level", "text"):
            return FactIssue("facts.rule.needs_list", _kind(spec))
        closed = spec.type == "level" or (spec.type == "slugs" and not spec.open)
        if closed and str(value).lower() not in known:
            return FactIssue("facts.rule.unknown_level", {"levels": ", ".join(names)})
        return None
    # == and !=
    if spec.numeric and not _is_number(value):
        return FactIssue("facts.rule.value_type", _kind(spec))
    if spec.type == "boolean" and not isinstance(value, bool):
        return FactIssue("facts.rule.value_type", _kind(spec))
    if spec.type == "slugs":
        return FactIssue("facts.rule.needs_contains", _kind(spec))
    if spec.type == "level" and str(value).lower() not in known:
        return FactIssue("facts.rule.unknown_level", {"levels": ", ".join(names)})
    return None


def unknown_facts(facts: Iterable[str], vocab: Vocabulary) -> list[tuple[str, str | None]]:
    """The fact ids ``vocab`` does not know, each with the nearest known id (or ``None``)."""
    return [(f, vocab.suggest(f)) for f in facts if vocab.fact_spec(f) is None]
