"""The column path of evaluate (each distinct set of facts scored once) against the cell
path (every vendor scored alone): identical tables, ranges, adjustments, findings, refusals."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from erp_select.errors import InputError
from erp_select.evaluate import Performance, columns, evaluate
from erp_select.evaluate import cells as cells_module
from erp_select.evaluate.tco import PRICING_FACTS, SUBSCRIPTION
from erp_select.model import ChecklistValue, Fact, Project, ScaleValue
from erp_select.report.demo import demo_project

DEMO = demo_project()


def _bits(a: np.ndarray) -> bytes:
    """The array's exact bits (NaN equals NaN, ``-0.0`` differs from ``0.0``)."""
    return np.ascontiguousarray(a, dtype=np.float64).tobytes()


def differences(a: Performance, b: Performance) -> list[str]:
    """What differs between two performance tables (empty: the same, bit for bit)."""
    out = [
        f for f in ("values", "low", "high", "raw") if _bits(getattr(a, f)) != _bits(getattr(b, f))
    ]
    out += [
        f
        for f in (
            "vendors",
            "criteria",
            "objectives",
            "units",
            "findings",
            "tco",
            "reviews",
            "evidence",
            "requirements",
            "adjustments",
        )
        if getattr(a, f) != getattr(b, f)
    ]
    if _bits(a.weights) != _bits(b.weights):
        out.append("weights")
    return out


def both_ways(project: Project) -> tuple[Any, Any]:
    """The column path's and the cell path's outcome: a table, or the refusal's lines."""
    outs = []
    for by_column in (True, False):
        try:
            outs.append(evaluate(project, by_column=by_column))
        except InputError as exc:
            outs.append(exc.lines("fr") + exc.lines("en"))
    return outs[0], outs[1]


def assert_same(project: Project) -> None:
    column, cell = both_ways(project)
    if isinstance(column, Performance) and isinstance(cell, Performance):
        assert differences(column, cell) == []
    else:
        assert column == cell


def test_the_fields_a_value_function_reads_are_all_the_facts_fields() -> None:
    # A new field of Fact must be sorted here: read by a value function (then part of the
    # key that groups vendors) or not.
    assert set(columns.READ) | columns.UNREAD == set(Fact.model_fields)
    assert not set(columns.READ) & columns.UNREAD


def test_the_demo_catalogue_is_the_same_both_ways() -> None:
    assert_same(DEMO)
    # and most of its leaves went by the column path
    leaves = DEMO.criteria.leaves()
    assert sum(columns.reads(leaf) is not None for leaf in leaves) >= len(leaves) - 3


def _leaf(kind: type) -> Any:
    return next(leaf for leaf in DEMO.criteria.leaves() if isinstance(leaf.value, kind))


def test_vendors_stating_the_same_facts_are_scored_once(monkeypatch: pytest.MonkeyPatch) -> None:
    leaf = _leaf(ScaleValue)
    fact = leaf.value.fact
    label = next(iter(leaf.value.levels))
    base = DEMO.vendors[0]
    same = Fact(value=label, evidence="demo", source="one brochure")
    also = Fact(value=label, evidence="demo", source="another brochure")  # unread field
    other = Fact(value=label, evidence="contract")
    vendors = [
        base.model_copy(update={"id": f"v{i}", "facts": {**base.facts, fact: f}})
        for i, f in enumerate([same, also, other, same])
    ]
    ctx = cells_module.Context(DEMO, DEMO.criteria.evidence, {}, {}, {})
    calls: list[str] = []
    real = columns.leaf_value

    def spy(*args: Any) -> Any:
        calls.append(args[1].id)
        return real(*args)

    monkeypatch.setattr(columns, "leaf_value", spy)
    column = columns.leaf_column(leaf, vendors, ctx)
    assert column is not None
    assert calls == ["v0", "v2"]  # two groups: demo evidence, contract evidence
    # by hand: the level's score, widened by each level's width (clipped to 0–100)
    score = leaf.value.levels[label]
    widths = DEMO.criteria.evidence
    for i, level in enumerate(["demo", "demo", "contract", "demo"]):
        w = widths.of(level)
        assert column.values[i] == score
        assert column.low[i] == pytest.approx(max(0.0, score * (1 - w)))
        assert column.high[i] == pytest.approx(min(100.0, score * (1 + w)))


def test_a_leaf_reading_a_profile_field_or_no_fact_goes_cell_by_cell() -> None:
    leaf = _leaf(ScaleValue)
    on_profile = leaf.model_copy(
        update={"value": leaf.value.model_copy(update={"fact": "vertical"})}
    )
    assert columns.reads(on_profile) is None
    assert all(
        columns.reads(x) is None
        for x in DEMO.criteria.leaves()
        if x.value is not None and x.value.kind in ("tco", "reviews", "requirements")
    )


# ------------------------------------------------------------------ random and hostile tables
def _read_facts() -> list[str]:
    names: list[str] = []
    for leaf in DEMO.criteria.leaves():
        names += columns.reads(leaf) or []
    return sorted(set(names))


FACTS = _read_facts()
#: The facts the TCO reads, and every fact the column path groups vendors by.
PRICES = list(PRICING_FACTS)
GROUPED = FACTS + PRICES
LABELS: list[Any] = sorted(
    {
        label
        for leaf in DEMO.criteria.leaves()
        if isinstance(leaf.value, ScaleValue)
        for label in leaf.value.levels
    }
)
ITEMS = sorted(
    {
        item.item
        for leaf in DEMO.criteria.leaves()
        if isinstance(leaf.value, ChecklistValue)
        for item in leaf.value.items
        if item.item
    }
)
# Hostile values: a yes/no beside the number 1, both zeros, a label in other cases, lists
# in other orders and cases, numbers a leaf does not expect, labels a number leaf gets.
VALUES: list[Any] = [
    True,
    False,
    1.0,
    0.0,
    -0.0,
    -3.5,
    7.0,
    25.0,
    1e9,
    *LABELS[:4],
    *(str(x).upper() for x in LABELS[:2]),
    "not a level",
    ITEMS[:2],
    [x.upper() for x in reversed(ITEMS[:3])],
    [],
]
EVIDENCE = [None, "claim", "demo", "reference", "contract"]


@st.composite
def facts(draw: st.DrawFn) -> Fact | None:
    if draw(st.booleans()):
        return None
    value = draw(st.sampled_from(VALUES))
    extra: dict[str, Any] = {"evidence": draw(st.sampled_from(EVIDENCE))}
    if isinstance(value, float) and draw(st.booleans()):
        extra["low"] = value - draw(st.sampled_from([0.0, 1.0, 10.0]))
        extra["high"] = value + draw(st.sampled_from([0.0, 2.0]))
    if draw(st.booleans()):
        extra["source"] = draw(st.sampled_from(["a", "b"]))
    return Fact(value=value, **extra)


@st.composite
def projects(draw: st.DrawFn) -> Project:
    """The demo's vendors (few, so that vendors repeat), the facts the leaves read redrawn."""
    count = draw(st.integers(min_value=1, max_value=12))
    pool = [DEMO.vendors[i] for i in draw(st.lists(st.integers(0, 13), min_size=1, max_size=3))]
    chosen = draw(st.lists(st.sampled_from(GROUPED), min_size=1, max_size=8, unique=True))
    drawn = [{name: draw(facts()) for name in chosen} for _ in range(draw(st.integers(1, 3)))]
    vendors = []
    for i in range(count):
        base = pool[i % len(pool)]
        new = drawn[draw(st.integers(0, len(drawn) - 1))]
        kept = {k: f for k, f in base.facts.items() if k not in new}
        kept.update({k: f for k, f in new.items() if f is not None})
        update: dict[str, Any] = {"id": f"v{i:02d}", "facts": kept}
        if draw(st.booleans()):  # no answers: the TCO reads the pricing facts alone
            update["answers"] = {}
        vendors.append(base.model_copy(update=update))
    return DEMO.model_copy(update={"vendors": vendors})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_random_and_hostile_tables_are_the_same_both_ways(project: Project) -> None:
    assert_same(project)


def test_a_mutation_of_the_grouping_key_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    # The key forgets the evidence level: vendors stating the same value with different
    # levels share one range, and the comparison says so.
    leaf = _leaf(ScaleValue)
    fact, label = leaf.value.fact, next(iter(leaf.value.levels))
    base = DEMO.vendors[0]
    vendors = [
        base.model_copy(
            update={"id": f"v{i}", "facts": {**base.facts, fact: Fact(value=label, evidence=e)}}
        )
        for i, e in enumerate(["claim", "contract"])
    ]
    project = DEMO.model_copy(update={"vendors": vendors})
    assert_same(project)
    monkeypatch.setattr(columns, "READ", ("value", "low", "high"))
    column, cell = both_ways(project)
    assert {"low", "high", "evidence"} <= set(differences(column, cell))


@pytest.mark.parametrize("evidence", [None, "claim", "contract"])
def test_every_hostile_value_on_every_read_fact_is_the_same_both_ways(
    evidence: str | None,
) -> None:
    # vendor i states VALUES[i] on every fact a leaf reads (then the same again with a
    # range where it is a number): every pair of hostile values meets in every column
    base = DEMO.vendors[0]
    vendors = []
    for i, value in enumerate([*VALUES, None]):
        stated = (
            {} if value is None else dict.fromkeys(GROUPED, Fact(value=value, evidence=evidence))
        )
        kept = {k: f for k, f in base.facts.items() if k not in GROUPED}
        for answers in ({}, base.answers):
            facts = {**kept, **stated}
            update = {"id": f"v{i:02d}{len(answers)}", "facts": facts, "answers": answers}
            vendors.append(base.model_copy(update=update))
        if isinstance(value, float):
            ranged = Fact(value=value, low=value - 1, high=value + 2, evidence=evidence)
            facts = {**kept, **dict.fromkeys(GROUPED, ranged)}
            update = {"id": f"r{i:02d}", "facts": facts, "answers": {}}
            vendors.append(base.model_copy(update=update))
    assert_same(DEMO.model_copy(update={"vendors": vendors}))


def test_a_mutation_of_the_tco_key_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    # The key forgets the subscription: two vendors priced differently share one TCO.
    base = DEMO.vendors[0].model_copy(update={"answers": {}})
    vendors = [
        base.model_copy(
            update={"id": f"v{i}", "facts": {**base.facts, SUBSCRIPTION: Fact(value=price)}}
        )
        for i, price in enumerate([50.0, 90.0])
    ]
    project = DEMO.model_copy(update={"vendors": vendors})
    assert_same(project)
    tcos = evaluate(project).tco
    # by hand: the subscription line is price × 12 months × billed users, year after year
    lines = [tcos[v.id].components["subscription"].likely for v in vendors]
    assert lines[1] / lines[0] == pytest.approx(90 / 50)
    monkeypatch.setattr(
        columns, "PRICING_FACTS", tuple(f for f in PRICING_FACTS if f != SUBSCRIPTION)
    )
    column, cell = both_ways(project)
    assert {"values", "tco"} <= set(differences(column, cell))


def test_level_ranges_are_the_same_both_ways() -> None:
    # a level with a range of levels (« standard », from « basique » to « avancé ») and the
    # same level without one, or with another range: the key tells them apart
    leaf = _leaf(ScaleValue)
    fact = leaf.value.fact
    ordered_levels = sorted(leaf.value.levels, key=leaf.value.levels.__getitem__)
    low, mid, high = ordered_levels[0], ordered_levels[len(ordered_levels) // 2], ordered_levels[-1]
    base = DEMO.vendors[0]
    stated = [
        Fact(value=mid),
        Fact(value=mid, low=low, high=high),
        Fact(value=mid, low=mid, high=high),
        Fact(value=mid, low=low, high=high, evidence="contract"),
        Fact(value=mid, low=low, high=high),
    ]
    vendors = [
        base.model_copy(update={"id": f"v{i}", "facts": {**base.facts, fact: f}})
        for i, f in enumerate(stated)
    ]
    project = DEMO.model_copy(update={"vendors": vendors})
    assert_same(project)
    perf = evaluate(project)
    j = perf.criteria.index(leaf.id)
    scores = leaf.value.levels
    # by hand: the range is the scores of the bounds
    assert (perf.low[1, j], perf.high[1, j]) == (scores[low], scores[high])
    assert (perf.low[2, j], perf.high[2, j]) == (scores[mid], scores[high])
