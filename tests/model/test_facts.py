"""The fact vocabulary (erp_select/model/facts.yaml): every fact the tool reads is declared.

The lists of facts read come from the code that reads them (the TCO's constants, the
requirements' day-rate fact, the bundled criteria's value functions, the demo project's
must-have rules), so a new reader without a declared fact fails here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from erp_select.catalogue import default_criteria, demo_vendors
from erp_select.evaluate.requirements import DAY_RATE_FACT
from erp_select.evaluate.tco import PRICING_FACTS
from erp_select.model import (
    BooleanValue,
    ChecklistValue,
    CriteriaTree,
    FactValue,
    LinearValue,
    PiecewiseValue,
    RequirementsValue,
    ScaleValue,
)
from erp_select.model.common import Text
from erp_select.model.facts import (
    FactSpec,
    check_rule,
    check_value,
    inferred_specs,
    vocabulary,
    vocabulary_for,
)

ROOT = Path(__file__).resolve().parents[2]


def _read_by_criteria(tree: CriteriaTree) -> dict[str, str]:
    out: dict[str, str] = {}
    for leaf in tree.leaves():
        spec = leaf.value
        if isinstance(spec, LinearValue | PiecewiseValue | FactValue):
            out[spec.fact] = "numeric"
        elif isinstance(spec, BooleanValue):
            out[spec.fact] = "boolean"
        elif isinstance(spec, ScaleValue):
            out[spec.fact] = "level"
        elif isinstance(spec, ChecklistValue):
            for item in spec.items:
                out[item.fact] = "boolean" if item.item is None else "slugs"
        elif isinstance(spec, RequirementsValue) and spec.fallback_fact:
            out[spec.fallback_fact] = "numeric"
    return out


def test_every_fact_the_bundled_criteria_read_is_declared_with_its_kind() -> None:
    vocab = vocabulary()
    for fact_id, kind in _read_by_criteria(default_criteria()).items():
        spec = vocab.fact_spec(fact_id)
        assert spec is not None, fact_id
        assert spec.numeric if kind == "numeric" else spec.type == kind, fact_id


def test_scale_levels_match_the_bundled_criteria() -> None:
    vocab = vocabulary()
    for leaf in default_criteria().leaves():
        if isinstance(leaf.value, ScaleValue):
            spec = vocab.fact_spec(leaf.value.fact)
            assert spec is not None
            assert spec.level_names() == list(leaf.value.levels)


def test_tco_reviews_and_requirements_facts_are_declared() -> None:
    vocab = vocabulary()
    for fact_id in (*PRICING_FACTS, DAY_RATE_FACT):
        spec = vocab.fact_spec(fact_id)
        assert spec is not None and spec.numeric and spec.min == 0, fact_id
    rate = vocab.fact_spec("price.maintenance_rate")
    # The TCO multiplies the licence by this rate: a share, 0.18 = 18 % (tco.py).
    assert rate is not None and (rate.type, rate.per, rate.max) == ("percentage", 1, 1)
    review = vocab.fact_spec("reviews.anything")
    assert review is not None and (review.min, review.max) == (1, 5)


def test_facts_and_profile_fields_of_the_demo_rules_are_declared() -> None:
    data = json.loads((ROOT / "examples" / "demo-project.json").read_text(encoding="utf-8"))
    vocab = vocabulary()
    for rule in data["company"]["must_haves"]:
        if rule["kind"] == "fact":
            assert vocab.spec(rule["fact"]) is not None, rule["fact"]


def test_every_spec_has_french_and_english_labels() -> None:
    for fact_id, spec in vocabulary().facts.items():
        assert spec.label.fr and spec.label.en, fact_id
        assert spec.label.fr != fact_id


def test_bundled_vendors_fit_the_vocabulary() -> None:
    vocab = vocabulary()
    for vendor in demo_vendors():
        for fact_id, fact in vendor.facts.items():
            spec = vocab.fact_spec(fact_id)
            assert spec is not None, (vendor.id, fact_id)
            assert check_value(spec, fact.value) is None, (vendor.id, fact_id, fact.value)


@pytest.mark.parametrize(
    ("value", "key"),
    [
        (True, "facts.value.expected.money"),
        ("12", "facts.value.expected.money"),
        (-0.01, "facts.value.below_min"),
        ([1], "facts.value.expected.money"),
    ],
)
def test_money_refuses_other_types_and_negatives(value: object, key: str) -> None:
    spec = vocabulary().fact_spec("price.implementation")
    assert spec is not None
    issue = check_value(spec, value)
    assert issue is not None and issue.key == key


def test_a_wildcard_covers_its_family_only() -> None:
    vocab = vocabulary()
    assert vocab.spec("reviews.site") is vocab.facts["reviews.*"]
    assert vocab.spec("reviews.") is None
    assert vocab.spec("reviewsx.site") is None


def test_profile_fields_are_not_facts() -> None:
    vocab = vocabulary()
    assert vocab.spec("deployment") is not None
    assert vocab.fact_spec("deployment") is None


def test_suggestions_use_the_nearest_key() -> None:
    vocab = vocabulary()
    assert vocab.suggest("price.implementaton") == "price.implementation"
    assert vocab.suggest("sec.mfaa") == "sec.mfa"
    assert vocab.suggest("quux") is None


def test_user_criteria_facts_get_their_type_from_the_value_function() -> None:
    tree = CriteriaTree.model_validate(
        {
            "criteria": [
                {
                    "id": "a",
                    "label": {"fr": "A", "en": "A"},
                    "weight": 1,
                    "value": {"kind": "linear", "fact": "my.count", "worst": 0, "best": 10},
                },
                {
                    "id": "b",
                    "label": {"fr": "B", "en": "B"},
                    "weight": 1,
                    "value": {"kind": "boolean", "fact": "my.flag"},
                },
                {
                    "id": "c",
                    "label": {"fr": "C", "en": "C"},
                    "weight": 1,
                    "value": {
                        "kind": "scale",
                        "fact": "my.level",
                        "levels": {"low": 0, "high": 100},
                    },
                },
                {
                    "id": "d",
                    "label": {"fr": "D", "en": "D"},
                    "weight": 1,
                    "value": {
                        "kind": "checklist",
                        "items": [{"fact": "my.tick"}, {"fact": "my.list", "item": "x"}],
                    },
                },
                {
                    "id": "e",
                    "label": {"fr": "E", "en": "E"},
                    "weight": 1,
                    "value": {"kind": "linear", "fact": "price.training", "worst": 0, "best": 1},
                },
            ]
        }
    )
    specs = inferred_specs(tree)
    kinds = {k: v.type for k, v in specs.items()}
    assert kinds == {
        "my.count": "number",
        "my.flag": "boolean",
        "my.level": "level",
        "my.tick": "boolean",
        "my.list": "slugs",
        "price.training": "number",
    }
    assert specs["my.level"].level_names() == ["low", "high"]
    merged = vocabulary_for(tree)
    declared = merged.fact_spec("price.training")
    assert declared is not None and declared.type == "money"  # the vocabulary wins
    assert merged.fact_spec("my.flag") is not None and merged.fact_spec("my.flag").inferred  # type: ignore[union-attr]


def test_a_percentage_without_its_base_is_refused() -> None:
    with pytest.raises(ValueError):
        FactSpec(type="percentage", label=Text(fr="x", en="x"))


@pytest.mark.parametrize(
    ("fact", "op", "value", "key"),
    [
        ("sec.mfa", ">=", 4, "facts.rule.needs_number"),
        ("price.implementation", "is_true", None, "facts.rule.needs_boolean"),
        ("impl.months", "contains", "x", "facts.rule.needs_list"),
        ("sec.data_location", "==", "mars", "facts.rule.unknown_level"),
        ("sec.data_location", "contains", "moon", "facts.rule.unknown_level"),
        ("deployment", "contains", "clouds", "facts.rule.unknown_level"),
        ("sec.certifications", "==", "iso27001", "facts.rule.needs_contains"),
        ("sec.mfa", "==", "yes", "facts.rule.value_type"),
        ("reviews.site", ">=", 9, "facts.rule.above_max"),
        ("price.implementation", "<=", -1, "facts.rule.below_min"),
        ("price.maintenance_rate", "<=", 20, "facts.rule.outside_share"),
    ],
)
def test_rules_that_do_not_fit_their_fact_are_refused(
    fact: str, op: str, value: object, key: str
) -> None:
    issue = check_rule(fact, op, value, vocabulary())
    assert issue is not None and issue.key == key


@pytest.mark.parametrize(
    ("fact", "op", "value"),
    [
        ("sec.mfa", "is_true", None),
        ("price.implementation", "<=", 100_000),
        ("reviews.site", ">=", 4),
        ("sec.data_location", "==", "EU"),
        ("sec.certifications", "contains", "iso27001"),
        ("sec.certifications", "contains", "tisax"),  # an open list takes other items
        ("sectors", "contains", "manufacturing"),
        ("licence_model", "!=", "perpetual"),
        ("my.own.fact", ">=", 3),  # unknown facts are not checked
    ],
)
def test_rules_that_fit_pass(fact: str, op: str, value: object) -> None:
    assert check_rule(fact, op, value, vocabulary()) is None
