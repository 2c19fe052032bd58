"""Read a vendor file's fact values by the fact vocabulary: numbers in text, units, ranges.

Every reader of vendor files (YAML, JSON, CSV, XLSX, project files) passes each fact's
written value here before the model sees it:

* a number, percentage or money fact written as text is read by
  :func:`erp_select.i18n.parsing.parse_number_text` (money by ``parse_money_text``), in the
  file's decimal convention: ``;``-separated CSV is French, ``,``-separated CSV English;
  YAML, JSON and XLSX text cells set none, so a text is read only when the French and the
  English readings agree (``1,234`` is refused there, naming both); the unit written must
  fit (``%`` only in a percentage, ``€`` only in money); a percentage stored as a share
  takes ``18 %`` as 0.18;
* a yes/no, a date, a text or a list in a numeric fact is refused, as is a value outside
  the declared range (a cost below 0, a rating above 5);
* yes/no facts take ``oui``/``non``/``true``/``false`` text; levels must be one of the
  levels (any case); a list fact given one text is a list of that one item;
* a fact id the vocabulary does not know is a warning that names the nearest known id.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from erp_select.errors import Problem
from erp_select.i18n.parsing import (
    NumberTextError,
    ParsedNumber,
    parse_money_text,
    parse_number_text,
)
from erp_select.io.cells import parse_bool, parse_date
from erp_select.io.documents import Document
from erp_select.io.problems import Locator, Path
from erp_select.model import CriteriaTree, FactRule, Project, VendorProfile
from erp_select.model.facts import (
    TYPE_NAMES,
    FactIssue,
    FactSpec,
    Vocabulary,
    check_level_range,
    check_number,
    check_rule,
    check_value,
    number_params,
    vocabulary_for,
)

#: Keys whose refusal says the reading is ambiguous (two readings named).
_AMBIGUOUS = ("facts.number.ambiguous_grouping", "facts.number.ambiguous_comma")


@dataclass(frozen=True)
class ReadValue:
    """A fact value read by its spec: the value to store, or why it is refused."""

    value: Any = None
    issue: FactIssue | None = None


def _parse(text: str, money: bool, decimal_comma: bool) -> ParsedNumber:
    parse = parse_money_text if money else parse_number_text
    return parse(text, decimal_comma=decimal_comma)


def read_number_text(text: str, *, money: bool, decimal_comma: bool | None) -> ParsedNumber:
    """Read a number written as text in a file's decimal convention.

    ``decimal_comma=None`` (no convention: YAML, JSON, XLSX text) reads the text both ways:
    taken when only one reading exists or both agree, refused when they differ.

    Raises
    ------
    NumberTextError
        When the text is not one number (see :mod:`erp_select.i18n.parsing`).
    """
    if decimal_comma is not None:
        return _parse(text, money, decimal_comma)
    french: ParsedNumber | NumberTextError
    english: ParsedNumber | NumberTextError
    try:
        french = _parse(text, money, True)
    except NumberTextError as exc:
        french = exc
    try:
        english = _parse(text, money, False)
    except NumberTextError as exc:
        english = exc
    for result in (french, english):
        if isinstance(result, NumberTextError) and result.key in _AMBIGUOUS:
            raise result
    if isinstance(french, NumberTextError) and isinstance(english, NumberTextError):
        raise french
    if isinstance(french, NumberTextError):
        assert isinstance(english, ParsedNumber)
        return english
    if isinstance(english, NumberTextError) or english == french:
        return french
    a, b = sorted((english.value, french.value), reverse=True)
    raise NumberTextError(
        "facts.number.ambiguous_context",
        {"text": text.strip(), **_readings("reading_a", a), **_readings("reading_b", b)},
    )


def _readings(name: str, value: float) -> dict[str, Any]:
    both = number_params(name, value)
    return {**both, name: both[f"{name}_fr"]}


def _number(spec: FactSpec, raw: Any, decimal_comma: bool | None) -> ReadValue:
    if isinstance(raw, str) and (parse_bool(raw) is not None or parse_date(raw) is not None):
        return ReadValue(issue=FactIssue(f"facts.value.expected.{spec.type}"))  # yes/no, date
    if isinstance(raw, str):
        try:
            parsed = read_number_text(raw, money=spec.type == "money", decimal_comma=decimal_comma)
        except NumberTextError as exc:
            return ReadValue(issue=FactIssue(exc.key, dict(exc.params)))
        number = parsed.value
        if parsed.unit == "%" and spec.type != "percentage":
            key = "money" if spec.type == "money" else "number"
            return ReadValue(issue=FactIssue(f"facts.value.percent_in_{key}"))
        if parsed.unit == "€" and spec.type != "money":
            return ReadValue(issue=FactIssue("facts.value.euro_in_number"))
        if parsed.unit == "%" and spec.per == 1:
            number = float(Decimal(repr(number)) / 100)
    elif isinstance(raw, int | float) and not isinstance(raw, bool):
        if (isinstance(raw, int) and abs(raw) >= 2**1023) or not math.isfinite(raw):
            return ReadValue(value=raw)  # the model refuses it as not finite, located
        number = float(raw)
    else:
        issue = check_value(spec, raw)
        return ReadValue(issue=issue or FactIssue(f"facts.value.expected.{spec.type}"))
    issue = check_number(spec, number)
    if issue is not None:
        return ReadValue(issue=issue)
    if isinstance(raw, int) and not isinstance(raw, bool) and abs(raw) < 2**53:
        return ReadValue(value=raw)
    return ReadValue(value=number)


def read_value(spec: FactSpec, raw: Any, *, decimal_comma: bool | None) -> ReadValue:
    """Read a fact's written ``raw`` value by its ``spec`` (see the module docstring)."""
    if spec.numeric:
        return _number(spec, raw, decimal_comma)
    value = raw
    if spec.type == "boolean" and isinstance(raw, str):
        flag = parse_bool(raw)
        value = raw if flag is None else flag
    elif spec.type == "slugs" and isinstance(raw, str):
        value = [raw]
    elif spec.type == "date":
        if isinstance(raw, dt.datetime):
            value = raw.date().isoformat() if raw.time() == dt.time(0) else raw
        elif isinstance(raw, dt.date):
            value = raw.isoformat()
        elif isinstance(raw, str):
            date = parse_date(raw)
            value = date.isoformat() if date is not None else raw
    issue = check_value(spec, value)
    return ReadValue(issue=issue) if issue is not None else ReadValue(value=value)


def check_unit(spec: FactSpec, unit: Any) -> FactIssue | None:
    """Whether the ``unit`` written beside a numeric value fits the fact (``None`` if so).

    The unit field is a label, never applied to the number: a money fact's unit must be in
    euros (``€``, ``€/user/month``, ``EUR``; not ``k€``, ``$``), and a share's unit must
    not be ``%`` (0.18 with ``%`` would read as 0.18 %).
    """
    if not isinstance(unit, str) or not unit.strip() or not spec.numeric:
        return None
    text = unit.strip()
    if spec.type == "money" and not text.upper().startswith(("€", "EUR")):
        return FactIssue("facts.value.unit_not_euro", {"unit": text})
    if spec.type == "percentage" and spec.per == 1 and text.startswith("%"):
        return FactIssue("facts.value.unit_percent_share", {"unit": text})
    return None


def read_bound(spec: FactSpec, raw: Any, *, decimal_comma: bool | None) -> ReadValue:
    """Read a fact's ``low``/``high`` bound: a number of the fact's type and range, or one
    of the levels of a level fact; other types take no range."""
    if spec.type == "level":
        return read_value(spec, raw, decimal_comma=decimal_comma)
    if not spec.numeric:
        return ReadValue(issue=FactIssue("levels.range_kind", _kind_params(spec)))
    return _number(spec, raw, decimal_comma)


def _kind_params(spec: FactSpec) -> dict[str, Any]:
    fr, en = TYPE_NAMES[spec.type]
    return {"kind_fr": fr, "kind_en": en}


def range_issue(spec: FactSpec, fact: dict[str, Any]) -> FactIssue | None:
    """Whether a level fact's read ``value``/``low``/``high`` make a range (both bounds,
    in the levels' order); the issue's ``at`` param names the cell to point at."""
    if spec.type != "level" or fact.get("value") is None:
        return None
    return check_level_range(spec, fact["value"], fact.get("low"), fact.get("high"))


def unknown_fact(fact_id: str, vocab: Vocabulary) -> tuple[str, dict[str, Any]]:
    """The warning (catalogue key, params) for a fact id the vocabulary does not know."""
    suggestion = vocab.suggest(fact_id)
    if suggestion is None:
        return "facts.unknown_fact", {"fact": fact_id}
    return "facts.unknown_fact_suggest", {"fact": fact_id, "suggestion": suggestion}


def check_facts(
    facts: dict[str, Any],
    vocab: Vocabulary,
    *,
    decimal_comma: bool | None,
    where: Any,
    source: str | None,
) -> tuple[dict[str, Any], list[Problem], list[Problem]]:
    """Read every fact of one vendor (``{id: {value, low, high, …}}``) by the vocabulary.

    ``where(fact_id, column)`` gives ``(row, field)`` for a located message. Returns the
    facts with their values read (refused facts left out, so that the model does not
    report them twice), the refusals, and the warnings (unknown ids).
    """
    out: dict[str, Any] = {}
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for fact_id, fact in facts.items():
        spec = vocab.fact_spec(fact_id) if isinstance(fact_id, str) else None
        if spec is None:
            if isinstance(fact_id, str):
                key, params = unknown_fact(fact_id, vocab)
                row, field = where(fact_id, None)
                warnings.append(Problem(key, source, row, field, fact_id, params))
            out[fact_id] = fact
            continue
        if not isinstance(fact, dict):
            out[fact_id] = fact
            continue
        read = dict(fact)
        bad = False
        unit_issue = check_unit(spec, fact.get("unit"))
        if unit_issue is not None:
            row, field = where(fact_id, "unit")
            params = unit_issue.params
            errors.append(Problem(unit_issue.key, source, row, field, fact["unit"], params))
            bad = True
        for column in ("value", "low", "high"):
            if column not in fact or fact[column] is None:
                continue
            reader = read_value if column == "value" else read_bound
            result = reader(spec, fact[column], decimal_comma=decimal_comma)
            if result.issue is not None:
                row, field = where(fact_id, column)
                errors.append(
                    Problem(result.issue.key, source, row, field, fact[column], result.issue.params)
                )
                bad = True
            else:
                read[column] = result.value
        issue = None if bad else range_issue(spec, read)
        if issue is not None:
            column = issue.params["at"]
            row, field = where(fact_id, column)
            errors.append(Problem(issue.key, source, row, field, fact.get(column), issue.params))
            bad = True
        if not bad:
            out[fact_id] = read
    return out, errors, warnings


def check_document_facts(
    item: Any, vocab: Vocabulary, doc: Document, prefix: Path
) -> tuple[Any, list[Problem], list[Problem]]:
    """Read the facts of one vendor of a YAML/JSON document by the fact vocabulary.

    ``item`` is the vendor's data with short facts expanded, at ``prefix`` in ``doc``.
    Returns the item with its facts read (refused ones left out), the refusals and the
    warnings, located in the document.
    """
    if not isinstance(item, dict) or not isinstance(item.get("facts"), dict):
        return item, [], []

    def where(fact_id: str, column: str | None) -> tuple[int | None, str | None]:
        path = (*prefix, "facts", fact_id) + ((column,) if column else ())
        found = doc.locate(path)
        return found.row, found.field

    facts, errors, warnings = check_facts(
        item["facts"], vocab, decimal_comma=None, where=where, source=doc.source
    )
    return {**item, "facts": facts}, errors, warnings


#: Rule refusals about the operator (the others are about the value).
_OP_ISSUES = ("needs_number", "needs_boolean", "needs_list", "needs_contains")


def rule_problems(project: Project, *, source: str | None, locate: Locator) -> list[Problem]:
    """Refusals of the project's must-have fact rules that do not fit their fact's type.

    Checked against the fact vocabulary plus the facts the project's criteria read
    (:func:`erp_select.model.facts.check_rule`); ``locate`` maps a model path to where it
    is in the user's file or form.
    """
    vocab = vocabulary_for(project.criteria)
    out: list[Problem] = []
    for index, rule in enumerate(project.company.must_haves):
        if not isinstance(rule, FactRule):
            continue
        issue = check_rule(rule.fact, rule.op, rule.value, vocab)
        if issue is None:
            continue
        column = "op" if issue.key.rsplit(".", 1)[-1] in _OP_ISSUES else "value"
        found = locate(("company", "must_haves", index, column))
        shown = rule.op if column == "op" else rule.value
        params = {"fact": rule.fact, **issue.params}
        out.append(Problem(issue.key, source, found.row, found.field, shown, params))
    return out


def inferred_fact_problems(
    vendors: Iterable[VendorProfile], tree: CriteriaTree, *, source: str | None = None
) -> list[Problem]:
    """Refusals of loaded vendors' facts that a criteria tree reads with another type.

    For facts the vocabulary does not declare but ``tree`` reads (their type inferred from
    the value function, :func:`erp_select.model.facts.inferred_specs`): used when vendor
    files are loaded apart from their criteria (``erp-select rank --criteria … --vendors``).
    """
    vocab = vocabulary_for(tree)
    out: list[Problem] = []
    for vendor in vendors:
        for fact_id, fact in vendor.facts.items():
            spec = vocab.fact_spec(fact_id)
            if spec is None or not spec.inferred:
                continue
            issue = check_value(spec, fact.value)
            if issue is not None:
                field = f"{vendor.id}.facts.{fact_id}.value"
                out.append(Problem(issue.key, source, None, field, fact.value, issue.params))
    return out
