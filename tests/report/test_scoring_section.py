"""The report says how scores were obtained: the values the example's demo round set."""

from __future__ import annotations

import dataclasses

from erp_select.model import Project
from erp_select.report.compute import ReportInputs
from erp_select.report.sections.scoring import scoring_section


def test_the_section_lists_every_value_a_demo_set(demo: Project, demo_inputs: ReportInputs) -> None:
    section = scoring_section(demo_inputs, "fr")
    assert section is not None
    # Read straight from the project: a leaf's fact carrying the evidence « demo ».
    expected = {
        (v.name, leaf.label.fr)
        for v in demo.vendors
        for leaf in demo.criteria.leaves()
        if getattr(leaf.value, "fact", None) in v.facts
        and v.facts[getattr(leaf.value, "fact", "")].evidence == "demo"
    }
    assert {(r["vendor"], r["criterion"]) for r in section["rows"]} == expected
    agreed = next(r for r in section["rows"] if "note convenue" in r["source"])
    assert agreed["vendor"] == "Velocitra" and "Claire Martin" in agreed["source"]
    assert "5 mai 2026" in agreed["source"]


def test_no_demo_no_section(demo: Project, demo_inputs: ReportInputs) -> None:
    plain = demo.model_copy(
        update={
            "vendors": [
                v.model_copy(
                    update={
                        "facts": {
                            k: f.model_copy(update={"evidence": "claim"})
                            for k, f in v.facts.items()
                        }
                    }
                )
                for v in demo.vendors
            ]
        }
    )
    assert scoring_section(dataclasses.replace(demo_inputs, project=plain), "en") is None
