"""The report names, per shortlisted vendor, the values that rest on vendor claims only."""

from __future__ import annotations

from pathlib import Path

from erp_select.io import load_project
from erp_select.report import render_report

ROOT = Path(__file__).resolve().parents[2]


def test_claims_only_values_are_listed_for_the_shortlist() -> None:
    project = load_project(ROOT / "examples" / "demo-project.json")
    html = render_report(project, "html", "en", sensitivity_samples=300).decode("utf-8")
    assert 'id="evidence"' in html
    section = html[html.index('id="evidence"') : html.index('id="costs"')]
    # Read the evidence straight from the demo data: a criterion on one fact rests on
    # claims only when that fact's evidence is a claim or not stated.
    label = project.criteria.node("implementation_time").label.en
    for vendor in project.vendors:
        if vendor.name not in section:
            continue
        fact = vendor.facts["impl.months"]
        line = section[section.index(vendor.name) :].split("</li>")[0]
        assert (label in line) == (fact.evidence in (None, "claim")), vendor.id


def test_a_value_seen_in_a_demo_leaves_the_list() -> None:
    project = load_project(ROOT / "examples" / "demo-project.json")
    vendor = project.vendor("ferronde")
    seen = vendor.facts["impl.months"].model_copy(update={"evidence": "demo"})
    facts = {**vendor.facts, "impl.months": seen}
    vendors = [
        v.model_copy(update={"facts": facts}) if v.id == "ferronde" else v for v in project.vendors
    ]
    html = render_report(
        project.model_copy(update={"vendors": vendors}), "html", "en", sensitivity_samples=300
    ).decode("utf-8")
    section = html[html.index('id="evidence"') : html.index('id="costs"')]
    line = section[section.index(vendor.name) :].split("</li>")[0]
    assert project.criteria.node("implementation_time").label.en not in line
