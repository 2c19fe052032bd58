"""The typed diff between two projects (pure, no database)."""

from __future__ import annotations

from erp_select.model import Project
from erp_select.model.judgments import DirectJudgment
from erp_select.store import diff_projects
from tests.store.conftest import sample_project


def _edit(project: Project, **changes: object) -> Project:
    return Project.model_validate({**project.model_dump(), **changes})


def test_identical_projects_have_an_empty_diff() -> None:
    p = sample_project()
    assert diff_projects(p, sample_project()).is_empty


def test_facts_added_removed_and_changed() -> None:
    old = sample_project()
    data = old.model_dump()
    alpha = data["vendors"][0]
    alpha["facts"]["fit.coverage"]["value"] = 72.5
    alpha["facts"]["fit.coverage"]["source"] = "demo 12/03"
    del alpha["facts"]["sec.mfa"]
    alpha["facts"]["sec.logs"] = {"value": True}
    alpha["name"] = "Alpha ERP"
    new = Project.model_validate(data)
    diff = diff_projects(old, new)
    changes = {(f.vendor_id, f.fact_id): f for f in diff.facts}
    assert set(changes) == {
        ("alpha", "fit.coverage"),
        ("alpha", "sec.mfa"),
        ("alpha", "sec.logs"),
    }
    cov = changes[("alpha", "fit.coverage")]
    assert (cov.kind, cov.old_value, cov.new_value) == ("changed", 70, 72.5)
    assert cov.new is not None and cov.new["source"] == "demo 12/03"
    assert changes[("alpha", "sec.mfa")].kind == "removed"
    assert changes[("alpha", "sec.mfa")].new_value is None
    assert changes[("alpha", "sec.logs")].kind == "added"
    assert [(c.path, c.old, c.new) for c in diff.fields] == [
        ("vendors.alpha.name", "ALPHA", "Alpha ERP")
    ]
    assert diff.weights == () and diff.method is None


def test_rules_company_seed_and_judgments() -> None:
    rule = {"kind": "budget", "tolerance": 0.1}
    old = sample_project(must_haves=[rule, {"kind": "sector"}])
    judgment = DirectJudgment(participant="Anne", points={"quality": 1, "price": 1})
    new = _edit(
        sample_project(must_haves=[{"kind": "sector"}], erp_users=25),
        seed=42,
        judgments=[judgment.model_dump()],
    )
    diff = diff_projects(old, new)
    assert [r["kind"] for r in diff.rules_removed] == ["budget"]
    assert diff.rules_added == ()
    assert diff.seed == (0, 42)
    paths = {c.path: (c.old, c.new) for c in diff.fields}
    assert paths["company.erp_users"] == (10, 25)
    assert paths["judgments"][0] == [] and len(paths["judgments"][1]) == 1


def test_criteria_added_and_removed() -> None:
    old = sample_project()
    data = old.model_dump()
    data["criteria"]["criteria"][0]["children"].pop()  # drop "controls"
    data["criteria"]["criteria"][1]["children"].append(
        {
            "id": "fees",
            "label": {"en": "Fees", "fr": "Frais"},
            "value": {"kind": "fact", "fact": "fees"},
            "direction": "cost",
        }
    )
    new = Project.model_validate(data)
    diff = diff_projects(old, new)
    assert diff.criteria_added == ("fees",)
    assert diff.criteria_removed == ("controls",)
    by_id = {w.criterion_id: w for w in diff.weights}
    assert by_id["controls"].new_weight is None and by_id["fees"].old_weight is None
    # coverage is now alone under quality: its share of the family goes 2/3 → 1.
    assert by_id["coverage"].old_local == 2 / 3 and by_id["coverage"].new_local == 1.0
