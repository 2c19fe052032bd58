"""AppTest: the project page — start from the demo, the profile form, project files, reloads."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from erp_select import catalogue
from erp_select.io import dump_project
from erp_select.model import Project
from erp_select.model.fingerprint import fingerprint


def _project(at: AppTest) -> Project:
    project = at.session_state["project"]
    assert isinstance(project, Project)
    return project


def test_first_visit_is_in_french_with_the_start_choices(app: AppTest) -> None:
    assert [t.value for t in app.title] == ["Votre projet"]
    assert [t.label for t in app.tabs] == [
        "Catalogue de démonstration",
        "Vos fichiers",
        "Fichier projet",
        "Projets enregistrés",
    ]
    assert app.button(key="pf.load_demo").label == "Charger la démonstration"
    assert "Aucun projet ouvert." in [c.value for c in app.sidebar.caption]
    assert "project" not in app.session_state


def test_every_input_is_labelled(app: AppTest) -> None:
    widgets = [*app.text_input, *app.number_input, *app.selectbox, *app.checkbox, *app.radio]
    assert widgets
    assert all(w.label.strip() for w in widgets)


def test_loading_the_demo_saves_the_project_and_keeps_its_key_out_of_the_url(
    demo: AppTest,
) -> None:
    project = _project(demo)
    assert [v.id for v in project.vendors] == [v.id for v in catalogue.demo_vendors()]
    assert project.company.sector == catalogue.sectors()[0].id
    assert project.company.erp_users == 50
    # The session holds the random key (secrets.token_urlsafe(16): 22 base64url
    # characters), to be kept in a cookie; the address holds no key (ASVS 3.1.1).
    key = demo.session_state["store_project_key"]
    assert isinstance(key, str) and re.fullmatch(r"[A-Za-z0-9_-]{22}", key)
    assert "project" not in demo.query_params
    assert any("Projet de démonstration chargé" in s.value for s in demo.success)
    # the sidebar offers the project file for download
    assert any(
        b.label == "Télécharger le fichier projet" for b in demo.sidebar.get("download_button")
    )


def test_the_example_project_opens_from_the_demo_tab(demo: AppTest) -> None:
    """The button opens the example project: the very file shipped as
    ``examples/demo-project.json`` (same fingerprint), with its workshop judgments,
    must-haves and budget, in place of the catalogue demo."""
    from pathlib import Path

    from erp_select.io import load_project

    shipped = load_project(Path(__file__).parents[3] / "examples" / "demo-project.json")
    button = demo.button(key="pf.load_example")
    assert button.label == "Ouvrir le projet d'exemple"
    button.click().run()
    assert not demo.exception
    project = _project(demo)
    assert fingerprint(project) == fingerprint(shipped)
    assert len(project.judgments) == 4 and len(project.company.must_haves) == 4
    assert project.company.budget is not None
    assert any("Projet d'exemple ouvert" in s.value for s in demo.success)
    demo.sidebar.radio[0].set_value("en").run()
    assert demo.button(key="pf.load_example").label == "Open the example project"


def test_the_demo_uses_the_sector_preset_weights(app: AppTest) -> None:
    sector = catalogue.sectors()[1].id
    app.selectbox(key="pf.sector.fr").set_value(sector).run()
    app.button(key="pf.load_demo").click().run()
    preset = catalogue.presets()[sector]
    expected = catalogue.default_criteria().with_weights(preset.weights).global_weights()
    assert _project(app).criteria.global_weights() == pytest.approx(expected)
    assert _project(app).company.sector == sector


def test_saving_the_profile_revalidates_and_keeps_the_rest(demo: AppTest) -> None:
    before = _project(demo)
    demo.text_input(key="pf.users.text").set_value("120")
    demo.text_input(key="pf.name").set_value("Menuiserie Dupont")
    demo.button(key="pf.save").click().run()
    after = _project(demo)
    assert after.company.erp_users == 120
    assert after.company.name == "Menuiserie Dupont"
    assert after.vendors == before.vendors
    assert after.criteria == before.criteria


def test_the_budget_reads_french_grouping_and_the_users_refuse_decimals(demo: AppTest) -> None:
    demo.checkbox(key="pf.has_budget").set_value(True).run()
    # a new budget field shows its default the French way (grouped thousands)
    shown = demo.text_input(key="pf.budget.text").value
    assert shown.replace("\u202f", " ").replace("\u00a0", " ") == "500 000"
    demo.text_input(key="pf.budget.text").set_value("750 000 €")
    demo.button(key="pf.save").click().run()
    assert _project(demo).company.budget == 750_000
    demo.text_input(key="pf.users.text").set_value("12,5")
    demo.button(key="pf.save").click().run()
    assert not demo.exception
    assert _project(demo).company.erp_users == 50
    errors = [e.value for e in demo.error]
    assert any("Nombre d'utilisateurs de l'ERP : « 12,5 » refusé" in e for e in errors)
    assert any(e.startswith("« 12,5 » refusé : un nombre entier est attendu") for e in errors)


def test_a_typed_number_is_shown_again_in_the_other_language(demo: AppTest) -> None:
    demo.checkbox(key="pf.has_budget").set_value(True).run()
    demo.text_input(key="pf.budget.text").set_value("1 234 567,5").run()
    assert demo.session_state["pf.budget"] == 1_234_567.5
    demo.sidebar.radio[0].set_value("en").run()
    assert demo.text_input(key="pf.budget.text").value == "1,234,567.5"
    assert demo.session_state["pf.budget"] == 1_234_567.5


def test_an_ambiguous_budget_is_refused_and_the_profile_kept(demo: AppTest) -> None:
    demo.checkbox(key="pf.has_budget").set_value(True).run()
    demo.text_input(key="pf.budget.text").set_value("310.000")
    demo.button(key="pf.save").click().run()
    assert not demo.exception
    assert _project(demo).company.budget is None
    assert any("310.000" in e.value for e in demo.error)


def test_reloading_with_the_project_id_reopens_the_saved_project(
    demo: AppTest, new: Callable[[], AppTest]
) -> None:
    demo.text_input(key="pf.users.text").set_value("80")
    demo.button(key="pf.save").click().run()
    saved = _project(demo)
    reloaded = new()
    reloaded.query_params["project"] = demo.session_state["store_project_key"]
    reloaded.run()
    assert not reloaded.exception
    assert fingerprint(_project(reloaded)) == fingerprint(saved)
    assert "project" not in reloaded.query_params


def test_a_reload_reopens_the_project_from_the_cookie(
    demo: AppTest, new: Callable[[], AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    from erp_select.app import cookies

    demo.text_input(key="pf.users.text").set_value("80")
    demo.button(key="pf.save").click().run()
    saved = _project(demo)
    key = demo.session_state["store_project_key"]
    # the page asks the browser to keep the key (a script writing a SameSite=Strict
    # cookie; the browser journey checks the real cookie)
    assert demo.session_state["_cookies_written"][cookies.PROJECT] == key
    script = cookies.script({cookies.PROJECT: key})
    assert f"erp_select_project={key};" in script and "SameSite=Strict" in script
    # AppTest cannot send cookies: the browser's jar is stood in for here
    monkeypatch.setattr(cookies, "_browser", lambda name: key if name == cookies.PROJECT else None)
    reloaded = new()
    reloaded.run()
    assert not reloaded.exception
    assert fingerprint(_project(reloaded)) == fingerprint(saved)
    assert "project" not in reloaded.query_params


def test_a_bad_project_key_in_the_url_shows_a_message(
    db_url: str, new: Callable[[], AppTest]
) -> None:
    at = new()
    at.query_params["project"] = "999"
    at.run()
    assert not at.exception
    assert any("n'a pas pu être rouvert" in e.value for e in at.error)
    assert "project" not in at.session_state


@pytest.mark.parametrize("guess", ["1", "01", " 1", "1.0"])
def test_the_sequential_id_of_a_saved_project_does_not_open_it(
    demo: AppTest, new: Callable[[], AppTest], guess: str
) -> None:
    # The demo is saved project no. 1 in this fresh store: its id must not open it.
    other = new()
    other.query_params["project"] = guess
    other.run()
    assert not other.exception
    assert "project" not in other.session_state
    assert any("aucun projet enregistré ne correspond à ce lien" in e.value for e in other.error)
    assert other.query_params.get("project") in (None, "")


def test_a_pasted_link_reopens_the_saved_project(demo: AppTest, new: Callable[[], AppTest]) -> None:
    saved = _project(demo)
    key = demo.session_state["store_project_key"]
    other = new()
    other.run()
    other.text_input(key="pf.saved_link").set_value(
        f"https://erp.example.org/?lang=fr&project={key}"
    ).run()
    other.button(key="pf.open_saved").click().run()
    assert not other.exception
    assert fingerprint(_project(other)) == fingerprint(saved)
    assert other.session_state["store_project_key"] == key
    assert "project" not in other.query_params


def test_a_bad_project_file_shows_located_lines_and_keeps_the_project(demo: AppTest) -> None:
    before = _project(demo)
    data = json.loads(dump_project(before))
    data["company"]["erp_users"] = 0
    demo.file_uploader(key="pf.project_file").upload(
        "broken.json", json.dumps(data).encode(), "application/json"
    )
    demo.run()
    demo.button(key="pf.open_file").click().run()
    assert not demo.exception
    errors = " ".join(e.value for e in demo.error)
    assert "broken.json" in errors
    assert "company.erp_users" in errors
    assert _project(demo) is before


def test_a_good_project_file_replaces_the_project(app: AppTest) -> None:
    project = Project.model_validate(
        {
            "name": "Essai",
            "company": {"sector": "retail", "erp_users": 12},
            "criteria": catalogue.default_criteria().model_dump(mode="json"),
            "vendors": [v.model_dump(mode="json") for v in catalogue.demo_vendors()[:3]],
        }
    )
    app.file_uploader(key="pf.project_file").upload(
        "essai.json", dump_project(project), "application/json"
    )
    app.run()
    app.button(key="pf.open_file").click().run()
    assert not app.exception
    assert fingerprint(_project(app)) == fingerprint(project)


def test_english_switch_changes_the_labels(demo: AppTest) -> None:
    demo.sidebar.radio[0].set_value("en").run()
    assert [t.value for t in demo.title] == ["Your project"]
    assert demo.button(key="pf.save").label == "Save the profile"
    assert demo.text_input(key="pf.users.text").label == "Number of ERP users"


def test_default_language_comes_from_the_environment(
    db_url: str, monkeypatch: pytest.MonkeyPatch, new: Callable[[], AppTest]
) -> None:
    monkeypatch.setenv("ERP_SELECT_LANG", "en")
    at = new()
    at.run()
    assert [t.value for t in at.title] == ["Your project"]
