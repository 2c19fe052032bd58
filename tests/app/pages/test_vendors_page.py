"""AppTest: the vendors page — summary, warnings, the fact editor and vendor uploads."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from streamlit.testing.v1 import AppTest

from erp_select import catalogue
from erp_select.evaluate import evaluate
from erp_select.io import dump_vendors
from erp_select.model import Project

Goto = Callable[[AppTest, str], AppTest]


def _project(at: AppTest) -> Project:
    project = at.session_state["project"]
    assert isinstance(project, Project)
    return project


def _edit(at: AppTest, **delta: object) -> None:
    """Record an edit of the fact table as the data editor would, and rerun."""
    editor = at.data_editor[0]
    state = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}
    state.update(delta)
    at.session_state[str(editor.key)] = state
    at.run()
    assert not at.exception


def _row_of(at: AppTest, field: str) -> int:
    """Position of a field's row in the fact table."""
    frame = at.data_editor[0].value
    assert isinstance(frame, pd.DataFrame)
    return [str(f) for f in frame["field"]].index(field)


def test_summary_lists_every_vendor_with_its_cost_and_warnings(demo: AppTest, goto: Goto) -> None:
    goto(demo, "vendors")
    project = _project(demo)
    summary = demo.dataframe[0].value
    # One row per ranked alternative: each offer of a vendor on its own row.
    assert list(summary["Éditeur"]) == [v.name for v in project.expanded().vendors]
    horizon = project.company.horizon_years
    assert f"Coût total sur {horizon} ans" in summary.columns
    findings = evaluate(project).findings
    if findings:
        word = "alerte" if len(findings) < 2 else "alertes"  # French singular for 0 and 1
        assert any(w.value.startswith(f"{len(findings)} {word} ") for w in demo.warning)
    # the fact table shows the source of each fact
    facts = demo.data_editor[0].value
    first = project.vendors[0]
    row = facts[facts["field"] == "Couverture des besoins du secteur"].iloc[0]  # in words
    assert row["source"] == first.facts["fit.sector_coverage"].source


def test_a_bad_edit_shows_the_located_message_and_keeps_the_project(
    demo: AppTest, goto: Goto
) -> None:
    goto(demo, "vendors")
    before = _project(demo)
    row = _row_of(demo, "Modèle de licence")
    _edit(demo, edited_rows={row: {"value": "location"}})
    errors = " ".join(e.value for e in demo.error)
    vendor = before.vendors[0].id
    # file-like location: the table's row number (header = row 1) and the column
    assert f"{vendor}.csv, ligne {row + 2}" in errors
    assert "« location »" in errors
    assert _project(demo) is before


def test_a_good_edit_replaces_the_fact_and_keeps_its_source(demo: AppTest, goto: Goto) -> None:
    goto(demo, "vendors")
    before = _project(demo)
    vendor = before.vendors[0]
    row = _row_of(demo, "Couverture des besoins du secteur")
    _edit(demo, edited_rows={row: {"value": "77,5"}})  # French decimal comma
    after = _project(demo)
    fact = after.vendor(vendor.id).facts["fit.sector_coverage"]
    assert fact.value == 77.5
    assert fact.source == vendor.facts["fit.sector_coverage"].source
    assert [v.id for v in after.vendors] == [v.id for v in before.vendors]
    assert any("mis à jour" in s.value for s in demo.success)


def test_a_bad_vendor_file_shows_its_lines_and_keeps_the_project(demo: AppTest, goto: Goto) -> None:
    goto(demo, "vendors")
    before = _project(demo)
    bad = b"id: nouvel-erp\nname: Nouvel ERP\nlicence_model: rental\n"
    demo.file_uploader(key="ve.upload").upload("nouvel.yaml", bad, "application/yaml")
    demo.run()
    demo.button(key="ve.upload_apply").click().run()
    assert not demo.exception
    errors = " ".join(e.value for e in demo.error)
    assert "nouvel.yaml" in errors
    assert "ligne 3" in errors
    assert "licence_model" in errors
    assert _project(demo) is before


def test_a_vendor_file_adds_and_replaces_vendors(demo: AppTest, goto: Goto) -> None:
    goto(demo, "vendors")
    before = _project(demo)
    changed = before.vendors[0].model_copy(update={"name": "Ardoisine 2"})
    extra = catalogue.demo_vendors()[1].model_copy(update={"id": "extra-erp", "name": "Extra"})
    data = dump_vendors([changed, extra], "csv", lang="fr")
    demo.file_uploader(key="ve.upload").upload("lot.csv", data, "text/csv")
    demo.run()
    demo.button(key="ve.upload_apply").click().run()
    assert not demo.exception
    after = _project(demo)
    assert after.vendor(changed.id).name == "Ardoisine 2"
    assert after.vendor("extra-erp").name == "Extra"
    assert len(after.vendors) == len(before.vendors) + 1


def test_same_names_are_warned_and_markdown_names_shown_as_typed(demo: AppTest, goto: Goto) -> None:
    project = _project(demo)
    image = "![x](http://example.org/pixel.png) **Gest** `x`"
    first, second, third = project.vendors[:3]
    names = {first.id: image, second.id: " " + third.name.upper() + " "}
    vendors = [v.model_copy(update={"name": names.get(v.id, v.name)}) for v in project.vendors]
    demo.session_state["project"] = project.model_copy(update={"vendors": vendors})
    goto(demo, "vendors")
    warnings = [w.value for w in demo.warning]
    same = [w for w in warnings if "même nom" in w]
    assert len(same) == 1 and f"« {second.id} »" in same[0] and f"« {third.id} »" in same[0]
    # The first vendor is picked in the editor: its remove button names it, escaped.
    label = next(b.label for b in demo.button if "Retirer" in b.label or "Supprimer" in b.label)
    assert "!\\[x\\](http:" in label and "\\*\\*Gest\\*\\*" in label and "\\`x\\`" in label
    assert "![x]" not in label


def test_risk_register_in_words_and_its_rows_in_the_editor(demo: AppTest, goto: Goto) -> None:
    goto(demo, "vendors")
    demo.selectbox(key="ve.vendor").set_value("velocitra").run()
    assert not demo.exception
    risks = demo.dataframe[-1].value
    assert list(risks.columns) == [
        "Risque",
        "Probabilité",
        "Impact",
        "Score (probabilité × impact)",
        "Mesure d'atténuation",
        "Responsable",
    ]
    # vendors/velocitra.yaml: 4 × 5 = 20 first, then 5 × 3 = 15 and 3 × 4 = 12.
    assert list(risks["Score (probabilité × impact)"]) == ["20/25", "15/25", "12/25"]
    assert risks.iloc[0]["Probabilité"] == "4/5 (probable)"
    # The editor names the register's rows in words; a likelihood of 6 is refused there.
    row = _row_of(demo, "Risque 1\u00a0: probabilité (1 à 5)")
    before = _project(demo)
    _edit(demo, edited_rows={row: {"value": "6"}})
    errors = " ".join(e.value for e in demo.error)
    assert f"velocitra.csv, ligne {row + 2}" in errors and "au plus 5" in errors
    assert _project(demo) is before


def test_a_level_range_is_set_refused_and_cleared_in_words(demo: AppTest, goto: Goto) -> None:
    goto(demo, "vendors")
    vendor = _project(demo).vendors[0]
    assert vendor.facts["custom.configuration"].value == "basic"
    row = _row_of(demo, "Profondeur de paramétrage")
    # low above the value: refused where it is, in words, the project kept
    before = _project(demo)
    _edit(demo, edited_rows={row: {"low": "avancé", "high": "avancé"}})
    errors = " ".join(e.value for e in demo.error)
    assert f"{vendor.id}.csv, ligne {row + 2}" in errors
    assert "basique < standard < avancé" in errors.replace("\\", "")  # markdown escapes
    assert _project(demo) is before
    # a range that fits: « basique (de basique à avancé) »
    _edit(demo, edited_rows={row: {"low": "basique", "high": "avancé"}})
    fact = _project(demo).vendor(vendor.id).facts["custom.configuration"]
    assert fact.level_range == ("basic", "advanced") and fact.source is not None
    shown = demo.data_editor[0].value
    line = shown[shown["field"] == "Profondeur de paramétrage"].iloc[0]
    assert (line["value"], line["low"], line["high"]) == ("basique", "basique", "avancé")
    # cleared: both cells emptied
    _edit(demo, edited_rows={row: {"low": "", "high": ""}})
    assert _project(demo).vendor(vendor.id).facts["custom.configuration"].level_range is None
