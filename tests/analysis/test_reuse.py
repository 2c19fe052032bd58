"""A kept evaluation gives the figures of a fresh one: after a weight, fact or method change."""

from __future__ import annotations

import numpy as np
import pytest

from erp_select.analysis import reuse
from erp_select.analysis.parts import Prepared, prepare
from erp_select.model import Project
from erp_select.pipeline import Analysis, analyse
from erp_select.report.demo import demo_project


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    reuse.clear()


def _same(kept: Analysis, fresh: Analysis) -> None:
    """Every figure of the two analyses is equal (values, weights, screening, ranking)."""
    assert kept.method == fresh.method
    np.testing.assert_array_equal(kept.performance.values, fresh.performance.values)
    np.testing.assert_array_equal(kept.performance.low, fresh.performance.low)
    np.testing.assert_array_equal(kept.performance.high, fresh.performance.high)
    np.testing.assert_array_equal(kept.performance.weights, fresh.performance.weights)
    np.testing.assert_array_equal(kept.ranked.weights, fresh.ranked.weights)
    assert kept.screening.kept == fresh.screening.kept
    assert kept.screening.excluded == fresh.screening.excluded
    assert len(kept.performance.findings) == len(fresh.performance.findings)
    assert kept.result is not None and fresh.result is not None
    assert list(kept.result.alternatives) == list(fresh.result.alternatives)
    np.testing.assert_array_equal(kept.result.ranks, fresh.result.ranks)
    # the kept path ranks with the methods' NumPy kernels (erp_select.engine.rerank), the
    # pipeline through scikit-criteria: the same ranks and ties, scores to rounding
    np.testing.assert_allclose(kept.result.scores, fresh.result.scores, rtol=1e-13, atol=0)
    assert [n.key for n in kept.result.notes] == [n.key for n in fresh.result.notes]
    assert kept.order() == fresh.order()


def _fresh(prep: Prepared) -> Analysis:
    """The pipeline run on the same pinned project, without any kept evaluation."""
    return analyse(prep.project)


def _with_family_weight(project: Project, points: float) -> Project:
    family = project.criteria.criteria[0].id
    tree = project.criteria.with_weights({family: points})
    return project.model_copy(update={"criteria": tree})


def _with_licence_price(project: Project, factor: float) -> Project:
    """``project`` with the first vendor's priced facts multiplied by ``factor``."""
    vendor = project.vendors[0]
    facts = {
        k: f.model_copy(
            update={
                "value": f.value * factor,
                "low": None if f.low is None else f.low * factor,
                "high": None if f.high is None else f.high * factor,
            }
        )
        if k.startswith("price.")
        and isinstance(f.value, (int, float))
        and not isinstance(f.value, bool)
        else f
        for k, f in vendor.facts.items()
    }
    assert facts != vendor.facts, "the demo's first vendor states no price"
    changed = vendor.model_copy(update={"facts": facts})
    return project.model_copy(update={"vendors": [changed, *project.vendors[1:]]})


def test_a_weight_change_reuses_the_evaluation_and_ranks_with_the_new_weights() -> None:
    project = demo_project()
    first = prepare(project)
    moved = prepare(_with_family_weight(project, 80.0))
    assert moved.evaluation == first.evaluation
    # the evaluation is the same object, its weights are the new ones
    assert moved.analysis.performance.tco is first.analysis.performance.tco
    expected = moved.project.criteria.global_weights()
    leaves = [leaf.id for leaf in moved.project.criteria.leaves()]
    assert moved.analysis.performance.weights.tolist() == [expected[c] for c in leaves]
    assert not np.array_equal(
        moved.analysis.performance.weights, first.analysis.performance.weights
    )
    _same(moved.analysis, _fresh(moved))
    _same(first.analysis, _fresh(first))


def test_a_fact_edit_evaluates_again() -> None:
    project = demo_project()
    first = prepare(project)
    edited = prepare(_with_licence_price(project, 10.0))
    assert edited.evaluation != first.evaluation
    vendor = project.vendors[0].id
    assert (
        edited.analysis.performance.tco[vendor].total.likely
        > first.analysis.performance.tco[vendor].total.likely
    )
    _same(edited.analysis, _fresh(edited))


def test_a_method_change_reuses_the_evaluation_and_ranks_with_the_new_method() -> None:
    project = demo_project()
    first = prepare(project)
    vikor = prepare(project.model_copy(update={"method": "vikor"}))
    assert vikor.evaluation == first.evaluation
    assert vikor.method == "vikor"
    _same(vikor.analysis, _fresh(vikor))


def test_the_weights_then_the_facts_then_the_weights_back() -> None:
    project = demo_project()
    steps = [
        project,
        _with_family_weight(project, 5.0),
        _with_licence_price(_with_family_weight(project, 5.0), 3.0),
        project,
    ]
    for step in steps:
        prep = prepare(step)
        _same(prep.analysis, _fresh(prep))


def test_the_kept_tables_refuse_writes() -> None:
    prep = prepare(demo_project())
    with pytest.raises(ValueError):
        prep.analysis.performance.values[0, 0] = 1.0


def test_the_key_ignores_only_weights_method_and_seed() -> None:
    project = demo_project()
    key = reuse.evaluation_key(project)
    assert reuse.evaluation_key(_with_family_weight(project, 70.0)) == key
    assert reuse.evaluation_key(project.model_copy(update={"seed": 99})) == key
    assert reuse.evaluation_key(project.model_copy(update={"name": "Autre"})) != key
    assert reuse.evaluation_key(_with_licence_price(project, 2.0)) != key


def _key_written_out(project: Project) -> str:
    """The evaluation key computed from the whole text every time (no kept digest)."""
    import hashlib
    import json

    rest = project.model_dump_json(exclude={"criteria", "method", "seed"})
    tree = project.criteria.model_dump(mode="json")

    def strip(nodes: list[dict[str, object]]) -> None:
        for node in nodes:
            node.pop("weight", None)
            strip(node.get("children") or [])  # type: ignore[arg-type]

    strip(tree["criteria"])
    digest = hashlib.sha256(rest.encode("utf-8"))
    digest.update(json.dumps(tree, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()


def test_the_kept_digest_of_the_facts_is_the_written_out_one_after_any_change() -> None:
    import datetime as dt

    project = demo_project()
    versions = [
        project,
        _with_family_weight(project, 80.0),  # the same vendors, company and rules
        _with_licence_price(project, 1.5),  # other vendors
        project.model_copy(update={"as_of": dt.date(2031, 1, 2)}),
        project.model_copy(update={"method": "vikor", "seed": 9}),
        project.model_copy(update={"name": project.name + " bis"}),
        project,  # back to the first
    ]
    keys = [reuse.evaluation_key(p) for p in versions]
    assert keys == [_key_written_out(p) for p in versions]
    assert keys[0] == keys[1] == keys[4] == keys[6]
    assert len({keys[0], keys[2], keys[3], keys[5]}) == 4
