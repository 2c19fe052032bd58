"""AppTest: the demonstrations page — generate, edit, reorder, remove scenarios; reference calls."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from erp_select.model import Project

Goto = Callable[[AppTest, str], AppTest]


def _project(at: AppTest) -> Project:
    project = at.session_state["project"]
    assert isinstance(project, Project)
    return project


def _generated(at: AppTest, goto: Goto) -> Project:
    goto(at, "demos")
    assert [t.value for t in at.title] == ["Démonstrations"]
    at.button(key="ds.generate").click().run()
    assert not at.exception
    project = _project(at)
    assert project.demo_script is not None
    return project


def test_generate_then_edit_a_scenario(demo: AppTest, goto: Goto) -> None:
    project = _generated(demo, goto)
    assert project.demo_script is not None
    first = project.demo_script.scenarios[0]
    assert project.demo_script.lang == "fr"
    key = f"ds.{first.id}"
    demo.text_input(key=f"{key}.title").set_value("Commande en trois livraisons")
    demo.text_input(key=f"{key}.minutes.text").set_value("45")
    demo.text_area(key=f"{key}.steps").set_value("Saisir la commande\n\nLivrer en trois fois\n")
    demo.button(key=f"{key}.save").click().run()
    assert not demo.exception
    after = _project(demo).demo_script
    assert after is not None
    edited = after.scenario(first.id)
    assert edited.title == "Commande en trois livraisons"
    assert edited.minutes == 45
    assert edited.steps == ["Saisir la commande", "Livrer en trois fois"]


def test_bad_minutes_are_refused_and_the_project_kept(demo: AppTest, goto: Goto) -> None:
    project = _generated(demo, goto)
    assert project.demo_script is not None
    first = project.demo_script.scenarios[0]
    demo.text_input(key=f"ds.{first.id}.minutes.text").set_value("abc").run()
    assert any("abc" in e.value for e in demo.error)
    demo.button(key=f"ds.{first.id}.save").click().run()
    after = _project(demo).demo_script
    assert after is not None and after.scenario(first.id).minutes == first.minutes


def test_move_and_remove(demo: AppTest, goto: Goto) -> None:
    project = _generated(demo, goto)
    assert project.demo_script is not None
    ids = [s.id for s in project.demo_script.scenarios]
    demo.button(key=f"ds.{ids[0]}.down").click().run()
    moved = _project(demo).demo_script
    assert moved is not None
    assert [s.id for s in moved.scenarios][:2] == [ids[1], ids[0]]
    demo.button(key=f"ds.{ids[1]}.remove").click().run()
    removed = _project(demo).demo_script
    assert removed is not None
    assert [s.id for s in removed.scenarios] == [ids[0], *ids[2:]]


def test_a_reference_call_confirms_a_fact(demo: AppTest, goto: Goto) -> None:
    goto(demo, "demos")
    project = _project(demo)
    vendor = project.vendors[0]
    demo.selectbox(key="rc.vendor").set_value(vendor.id).run()
    options = demo.multiselect(key="rc.confirm").options
    assert options
    fact = next(fid for fid, f in vendor.facts.items() if f.evidence in (None, "claim", "demo"))
    demo.text_input(key="rc.reference").set_value("Claire Martin")
    demo.text_input(key="rc.company").set_value("Fonderie Martin")
    demo.multiselect(key="rc.confirm").set_value([fact])
    demo.text_area(key="rc.q.on_time").set_value("Oui, à deux semaines près.")
    demo.button(key="rc.record").click().run()
    assert not demo.exception
    after = _project(demo)
    assert len(after.reference_calls) == 1
    assert after.reference_calls[0].answers == {"on_time": "Oui, à deux semaines près."}
    assert after.vendor(vendor.id).facts[fact].evidence == "reference"
    demo.button(key="rc.remove.call-1").click().run()
    assert _project(demo).vendor(vendor.id).facts[fact].evidence == vendor.facts[fact].evidence


def test_a_call_without_a_name_is_refused(demo: AppTest, goto: Goto) -> None:
    goto(demo, "demos")
    demo.text_input(key="rc.company").set_value("Fonderie Martin")
    demo.button(key="rc.record").click().run()
    assert not demo.exception
    assert _project(demo).reference_calls == []
    assert [e.value for e in demo.error] == [
        "« Personne appelée » : à remplir pour enregistrer l'appel."
    ]


def test_the_example_shows_what_its_demo_round_changed(example: AppTest, goto: Goto) -> None:
    goto(example, "demos")
    assert not example.exception
    assert any("Ce que les démonstrations ont changé" in s.value for s in example.subheader)
    tables = [f.value for f in example.dataframe]
    changes = next(f for f in tables if "Avant les démonstrations" in f.columns)
    assert list(changes["Éditeur"]) == ["OpenCadre"]
    assert changes["Avant les démonstrations"][0].startswith("avancé (")
    assert list(changes["Valeur convenue"]) == ["standard"]
    moves = next(f for f in tables if "Score après" in f.columns)
    # The example's published TOPSIS scores, now; OpenCadre's stood higher before.
    assert list(moves["Score après"]) == ["0,5327", "0,4786", "0,4242", "0,3978"]
    assert list(moves["Rang après"]) == list(moves["Rang avant"]) == ["1", "2", "3", "4"]
