"""What changed between two versions of a project, said in sentences (French or English)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter, ValidationError

from erp_select.explain.cost_terms import terms_text
from erp_select.i18n import fmt_money, fmt_percent, normalise_lang, t
from erp_select.model import CostTerms, CriteriaTree, Project
from erp_select.model.diff import FactChange, FieldChange, ProjectDiff, WeightChange
from erp_select.model.rules import Rule
from erp_select.words import Words

_RULE: TypeAdapter[Rule] = TypeAdapter(Rule)
#: Vendor profile fields that must-have rules read like facts (the vocabulary names them).
_PROFILE = ("deployment", "licence_model", "company_sizes", "sectors", "vertical")
_SKIPPED = ("format", "version", "schema_version")


def _say(key: str, lang: str, /, **params: Any) -> str:
    return t(f"changes.{key}", lang, **params)


def _lower_first(text: str) -> str:
    """``Coût de mise en œuvre`` → ``coût de mise en œuvre`` (an acronym keeps its capitals)."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def _label(tree: CriteriaTree, criterion_id: str, lang: str) -> str:
    return Words(lang, tree).criterion(criterion_id)


def _parent(tree: CriteriaTree, criterion_id: str) -> str | None:
    """The id of the criterion's parent in ``tree`` (``None`` for a family)."""
    for node in tree.walk():
        if any(child.id == criterion_id for child in node.children):
            return node.id
    return None


def _share(value: float, lang: str, other: float) -> str:
    """A share of weight, with a decimal only when whole percents would hide the move."""
    digits = 0 if round(value * 100) != round(other * 100) else 1
    return fmt_percent(value, lang, digits)


def weight_lines(
    changes: tuple[WeightChange, ...], old: Project, new: Project, lang: str
) -> list[str]:
    """One sentence per criterion whose share among its siblings moved (``19 % → 45 %``)."""
    lines: list[str] = []
    for w in changes:
        if w.old_local is None or w.new_local is None:
            continue  # added or removed: said with the criteria
        if round(w.old_local, 6) == round(w.new_local, 6):
            continue  # a raw weight rescaled, the share unchanged
        label = _label(new.criteria, w.criterion_id, lang)
        before, after = (
            _share(w.old_local, lang, w.new_local),
            _share(w.new_local, lang, w.old_local),
        )
        parent = _parent(new.criteria, w.criterion_id)
        if parent is None:
            lines.append(_say("weight", lang, criterion=label, before=before, after=after))
        else:
            family = _label(new.criteria, parent, lang)
            lines.append(
                _say("weight_in", lang, criterion=label, parent=family, before=before, after=after)
            )
    return lines


def _vendor_name(vendor_id: str, old: Project, new: Project) -> str:
    for project in (new, old):
        for vendor in project.vendors:
            if vendor.id == vendor_id:
                return vendor.name
    return vendor_id


def fact_line(change: FactChange, old: Project, new: Project, lang: str) -> str:
    """``Velocitra — coût de mise en œuvre : 25 000 € → 40 000 €``."""
    words = Words(lang, new.criteria)
    vendor = _vendor_name(change.vendor_id, old, new)
    fact = _lower_first(words.fact(change.fact_id))

    def shown(data: dict[str, Any] | None) -> str:
        if data is None:
            return _say("unset", lang)
        return words.value(change.fact_id, data.get("value"), data.get("unit"))

    before, after = shown(change.old), shown(change.new)
    if change.kind == "changed" and before == after:
        return _say("fact_support", lang, vendor=vendor, fact=fact, value=after)
    return _say("fact", lang, vendor=vendor, fact=fact, before=before, after=after)


def _rule_text(data: dict[str, Any], tree: CriteriaTree, lang: str) -> str:
    try:
        return Words(lang, tree).rule(_RULE.validate_python(data))
    except ValidationError:  # pragma: no cover - the rules come from validated projects
        return _say("some_rule", lang)


def _names(ids: tuple[str, ...], tree: CriteriaTree, lang: str) -> list[str]:
    return [
        f"« {_label(tree, i, lang)} »" if lang == "fr" else f"“{_label(tree, i, lang)}”"
        for i in ids
    ]


def _company_value(key: str, value: Any, lang: str, words: Words) -> str:
    if value is None or value == "":
        return _say("unset", lang)
    if key == "budget":
        return fmt_money(float(value), lang)
    if key == "sector":
        return words.sector(str(value))
    if key == "size":
        return words.level("company_sizes", str(value))
    if key == "horizon_years":
        return _say("years", lang, n=int(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return words.value("", value)
    return str(value)


def _judgment_lines(change: FieldChange, lang: str) -> list[str]:
    def people(items: Any) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for item in items or []:
            if isinstance(item, dict):
                name = str(item.get("participant", ""))
                out.setdefault(name, []).append(json.dumps(item, sort_keys=True))
        return out

    before, after = people(change.old), people(change.new)
    words = Words(lang)
    lines = []
    for key, names in (
        ("judgments_added", [p for p in after if p not in before]),
        ("judgments_removed", [p for p in before if p not in after]),
        ("judgments_changed", [p for p in after if p in before and before[p] != after[p]]),
    ):
        if names:
            lines.append(_say(key, lang, people=words.join(names)))
    return lines


def field_lines(change: FieldChange, old: Project, new: Project, lang: str) -> list[str]:
    """Sentences for any other change: the company profile, a vendor's profile, a criterion."""
    words = Words(lang, new.criteria)
    parts = change.path.split(".")
    head = parts[0]
    if head == "company" and len(parts) == 2:
        key = parts[1]
        if key == "costs":
            before, after = (
                " ".join(terms_text(CostTerms.model_validate(v or {}), lang))
                for v in (change.old, change.new)
            )
            return [t("tco.changed", lang, before=before, after=after)]
        before = _company_value(key, change.old, lang, words)
        after = _company_value(key, change.new, lang, words)
        return [_say(f"company.{key}", lang, before=before, after=after)]
    if head == "vendors" and len(parts) == 3:
        vendor = _vendor_name(parts[1], old, new)
        key = parts[2]
        if key in _SKIPPED:
            return []
        if key in _PROFILE:
            what = _lower_first(words.fact(key))
            before = words.value(key, change.old)
            after = words.value(key, change.new)
            return [_say("fact", lang, vendor=vendor, fact=what, before=before, after=after)]
        if key == "answers":
            return [_say("vendor.answers", lang, vendor=vendor)]
        if key in ("name", "product"):
            return [
                _say(
                    f"vendor.{key}",
                    lang,
                    vendor=vendor,
                    before=change.old or "—",
                    after=change.new or "—",
                )
            ]
        return [_say("vendor.other", lang, vendor=vendor)]
    if head == "criteria" and len(parts) == 3:
        if parts[2] == "label":
            before = _label(old.criteria, parts[1], lang)
            after = _label(new.criteria, parts[1], lang)
            return [_say("criterion_renamed", lang, before=before, after=after)]
        label = _label(new.criteria, parts[1], lang)
        return [_say("criterion_defined", lang, criterion=label)]
    if head == "criteria":
        return [_say("tree", lang)]
    if head == "judgments":
        return _judgment_lines(change, lang)
    if head == "requirements":
        return [
            _say("requirements", lang, before=len(change.old or []), after=len(change.new or []))
        ]
    if head == "name":
        return [_say("name", lang, before=change.old or "—", after=change.new or "—")]
    if head == "as_of":
        return [_say("as_of", lang, before=words.date(change.old), after=words.date(change.new))]
    if head in _SKIPPED:
        return []
    return [_say("other", lang)]


def change_lines(diff: ProjectDiff, old: Project, new: Project, lang: str | None) -> list[str]:
    """Every change between ``old`` and ``new`` as sentences people read.

    Parameters
    ----------
    diff
        :func:`erp_select.model.diff.diff_projects` of the two versions.
    old, new
        The two versions (their labels name what changed).
    lang
        ``"fr"`` or ``"en"``.

    Returns
    -------
    list of str
        ``Poids « Prix » : 19 % → 45 %``, ``Velocitra — coût de mise en œuvre : 25 000 € →
        40 000 €``, ``Règle ajoutée : …``: never an id, a Python structure or a raw float.
    """
    code = normalise_lang(lang)
    words = Words(code, new.criteria)
    lines = weight_lines(diff.weights, old, new, code)
    for key, ids, tree in (
        ("criterion_added", diff.criteria_added, new.criteria),
        ("criterion_removed", diff.criteria_removed, old.criteria),
    ):
        if ids:
            lines.append(_say(key, code, n=len(ids), criteria=words.join(_names(ids, tree, code))))
    for key, ids in (
        ("vendor_added", diff.vendors_added),
        ("vendor_removed", diff.vendors_removed),
    ):
        if ids:
            names = [_vendor_name(v, old, new) for v in ids]
            lines.append(_say(key, code, n=len(ids), vendors=words.join(names)))
    lines.extend(fact_line(f, old, new, code) for f in diff.facts)
    lines.extend(
        _say("rule_added", code, rule=_rule_text(r, new.criteria, code)) for r in diff.rules_added
    )
    lines.extend(
        _say("rule_removed", code, rule=_rule_text(r, old.criteria, code))
        for r in diff.rules_removed
    )
    if diff.method:
        before, after = (words.method(m) for m in diff.method)
        lines.append(_say("method", code, before=before, after=after))
    if diff.seed:
        lines.append(_say("seed", code, before=diff.seed[0], after=diff.seed[1]))
    for change in diff.fields:
        lines.extend(field_lines(change, old, new, code))
    return list(dict.fromkeys(lines))  # a criterion redefined in two fields: said once
