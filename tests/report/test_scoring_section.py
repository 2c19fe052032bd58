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


def _by_hand_before(project: Project) -> Project:
    """The example with the demo round's facts replaced by hand with the bundled vendor
    files' own facts (what the vendors claimed before the round), nothing else changed."""
    from erp_select.catalogue import demo_vendors

    files = {v.id: v for v in demo_vendors()}
    vendors = []
    for v in project.vendors:
        facts = dict(v.facts)
        for fid, fact in v.facts.items():
            if fact.source and fact.source.startswith("Démonstration — Choix de l'ERP 2026"):
                original = files[v.id].facts.get(fid)
                if original is None:
                    del facts[fid]
                else:
                    facts[fid] = original
        vendors.append(v.model_copy(update={"facts": facts}))
    return project.model_copy(update={"vendors": vendors, "demo_rounds": []})


def test_before_and_after_the_demo_round(demo: Project, demo_inputs: ReportInputs) -> None:
    from erp_select import api

    section = scoring_section(demo_inputs, "fr")
    assert section is not None
    # The one value the round changed: OpenCadre's configuration, « avancé » → « standard ».
    assert [(r["vendor"], r["criterion"], r["after"]) for r in section["changes"]] == [
        ("OpenCadre", "Profondeur du paramétrage", "standard")
    ]
    assert section["changes"][0]["before"].startswith("avancé (")
    # After: the example's published TOPSIS scores (README), ranks 1 to 4.
    after = {r["vendor"]: (r["score_after"], r["rank_after"]) for r in section["moves"]}
    assert after == {
        "Ferronde": ("0,5327", "1"),
        "Velocitra": ("0,4786", "2"),
        "OpenCadre": ("0,4242", "3"),
        "Gestalune": ("0,3978", "4"),
    }
    # Before: the pipeline run on the project with the demo facts removed by hand.
    hand = api.analyse(_by_hand_before(demo_inputs.project)).result
    assert hand is not None
    expected = {
        dict((v.id, v.name) for v in demo.vendors)[vid]: (score, rank)
        for vid, score, rank in zip(hand.alternatives, hand.scores, hand.ranks, strict=True)
    }
    got = {r["vendor"]: (r["before"], r["rank_before"]) for r in section["moves"]}
    for name, (score, rank) in expected.items():
        assert got[name][0] is not None
        assert abs(got[name][0] - float(score)) < 1e-12, name
        assert got[name][1] == str(int(rank))
    # OpenCadre lost ground from the demo: its score dropped.
    assert got["OpenCadre"][0] > 0.4242
