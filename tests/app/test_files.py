"""Download names keep the project's words: accents transliterated, never dropped (issue 14)."""

from __future__ import annotations

from erp_select.app.files import project_file_name
from erp_select.report.demo import demo_project


def test_the_example_downloads_as_metallerie_not_m_tallerie() -> None:
    project = demo_project()
    assert project.name == "Choix de l'ERP 2026 — Métallerie Duval"
    assert project_file_name(project) == "choix-de-l-erp-2026-metallerie-duval.erp-select.json"


def test_an_empty_name_falls_back_to_the_company_then_to_a_word() -> None:
    project = demo_project().model_copy(update={"name": ""})
    assert project_file_name(project) == "metallerie-duval-sas.erp-select.json"
