"""The report's contract, viability and risk register section, on the demo project."""

from __future__ import annotations

from erp_select.report.compute import ReportInputs
from erp_select.report.context import build_content
from erp_select.report.flat import render_markdown
from erp_select.report.sections.contract import contract_section


def test_tables_show_the_shortlist_in_rank_order(demo_inputs: ReportInputs) -> None:
    section = contract_section(demo_inputs, "fr", 3)
    assert section is not None
    order = demo_inputs.analysis.order()[:3]
    assert section["vendors"] == [demo_inputs.project.vendor(v).name for v in order]
    labels = [r["label"] for r in section["contract"]]
    # Every clause of the checklist, the two security facts a contract review asks for too.
    assert labels[0] == "Clause de sortie anticipée"
    assert "Accord de traitement des données (RGPD, art. 28)" in labels
    assert "Localisation des données" in labels
    assert len(labels) == 15
    assert all(len(r["cells"]) == 3 for r in section["contract"] + section["viability"])
    viability = {r["label"]: r["cells"] for r in section["viability"]}
    assert "Santé financière de l'éditeur" in viability


def test_register_lists_every_vendor_highest_risk_first(demo_inputs: ReportInputs) -> None:
    section = contract_section(demo_inputs, "fr", 3)
    assert section is not None
    project = demo_inputs.project
    # The demo registers (vendors/*.yaml), by ranked alternative: Ferronde 3, Halvardis's
    # two offers 3 + 3, OpenCadre 2, Praxelia with each of its two integrators 2 + 1 (the
    # integrator's), Velocitra 3, Maillonet's and Quaivia's two pairs 1 + 1 each.
    assert len(section["risks"]) == sum(len(v.risks) for v in project.vendors) == 24
    kept = [project.vendor(v).name for v in demo_inputs.analysis.order()]
    names = [r["vendor"] for r in section["risks"]]
    firsts = list(dict.fromkeys(names))
    ranked = [n for n in firsts if n in kept]
    assert firsts[: len(ranked)] == ranked  # kept vendors first, in rank order
    assert ranked == [n for n in kept if n in ranked]
    velocitra = [r["score"] for r in section["risks"] if r["vendor"] == "Velocitra"]
    # 4 × 5, 5 × 3, 3 × 4.
    assert velocitra == ["20/25", "15/25", "12/25"]


def test_markdown_and_english(demo_inputs: ReportInputs) -> None:
    md = render_markdown(build_content(demo_inputs, "fr")).decode("utf-8")
    assert "## Contrat, pérennité et risques" in md
    assert "### Registre des risques" in md
    assert "4/5 \\(probable\\)" in md
    en = render_markdown(build_content(demo_inputs, "en")).decode("utf-8")
    assert "## Contract, viability and risks" in en
    assert "### Risk register" in en
    assert "5/5 \\(severe\\)" in en
