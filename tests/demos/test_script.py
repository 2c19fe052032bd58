"""Demo scripts: which scenarios a project gets, in which words, and bad scripts refused."""

from __future__ import annotations

import json

import pytest

from erp_select.demos import add_from_catalogue, demo_script
from erp_select.errors import InputError
from erp_select.io.project import dump_project, read_project_bytes
from erp_select.io.questionnaire import sector_template
from erp_select.model import Project
from erp_select.model.fingerprint import fingerprint
from tests.conftest import make_project, make_requirement, make_vendor, requirements_tree

#: Written by hand from the catalogue's rule (a must or should requirement of the scenario).
FOOD = [
    "o2c.partial_delivery",  # food.o2c.02 must
    "o2c.edi_retailers",  # food.o2c.01 must
    "p2p.three_way_match",  # food.p2p.01 must
    "production.order_lot",  # food.prod.01 must
    "quality.lot_trace",  # food.qua.01 must
    "quality.allergens",  # food.qua.04 must
    "inventory.warehouse_scan",  # food.inv.03 should
    "finance.month_end_fec",
    "finance.vat_return",
    "statutory.einvoice_receipt",
    "statutory.einvoice_issue",
    "reporting.dashboards",
    "security.access_audit",
]
#: Construction: jobs and progress billing; no production, no lots, and the depot stock
#: (btp.inv.01) is only a could, so no warehouse scenario.
CONSTRUCTION = [
    "p2p.three_way_match",  # btp.p2p.04 should
    "projects.progress_billing",
    "finance.month_end_fec",
    "finance.vat_return",
    "statutory.einvoice_receipt",
    "statutory.einvoice_issue",
    "reporting.dashboards",
    "security.access_audit",
]


def _template_project(sector: str) -> Project:
    reqs = list(sector_template(sector).requirements)
    return make_project([make_vendor()], requirements=reqs, sector=sector)


@pytest.mark.parametrize(("sector", "expected"), [("food", FOOD), ("construction", CONSTRUCTION)])
def test_a_sector_template_gets_its_scenarios(sector: str, expected: list[str]) -> None:
    script = demo_script(_template_project(sector), "fr")
    assert [s.id for s in script.scenarios] == expected


def test_lot_scenario_shows_the_food_lot_requirements_and_scores_the_answers_leaf() -> None:
    reqs = [
        make_requirement("food.qua.01", "must", "quality"),
        make_requirement("food.leg.01", "must", "statutory"),
        make_requirement("food.rep.02", "could", "reporting"),  # a could earns no scenario
    ]
    project = make_project(
        [make_vendor()], criteria=requirements_tree(), requirements=reqs, sector="food"
    )
    script = demo_script(project, "en")
    assert [s.id for s in script.scenarios] == ["quality.lot_trace", "finance.month_end_fec"]
    lot = script.scenario("quality.lot_trace")
    assert lot.requirements == ["food.qua.01"]
    assert lot.criteria == ["fit"]  # the tree's requirements leaf; no vertical leaf here
    assert lot.title == "Lot trace and recall drill"
    assert lot.minutes == 30
    assert script.minutes == 60


def test_a_must_have_fact_rule_brings_its_scenario() -> None:
    reqs = [make_requirement("food.leg.01", "must", "statutory")]
    plain = make_project([make_vendor()], requirements=reqs, sector="food")
    assert [s.id for s in demo_script(plain).scenarios] == ["finance.month_end_fec"]
    rule = {"kind": "fact", "id": "mfa", "fact": "sec.mfa", "op": "is_true"}
    strict = make_project([make_vendor()], requirements=reqs, sector="food", must_haves=[rule])
    ids = [s.id for s in demo_script(strict).scenarios]
    assert ids == ["finance.month_end_fec", "security.access_audit"]


def test_a_project_without_requirements_gets_its_sector_and_the_general_scenarios() -> None:
    project = make_project([make_vendor()], sector="logistics")
    ids = [s.id for s in demo_script(project).scenarios]
    assert "transport.order_to_pod" in ids and "inventory.warehouse_scan" in ids
    assert "finance.month_end_fec" in ids and "production.order_lot" not in ids


def test_french_words_and_adding_a_catalogue_scenario() -> None:
    project = _template_project("construction")
    script = demo_script(project, "fr")
    assert script.lang == "fr"
    assert script.scenario("finance.month_end_fec").title.startswith("Clôture mensuelle")
    more = add_from_catalogue(project, script, "quality.allergens")
    assert more.scenarios[-1].id == "quality.allergens"
    assert more.scenarios[-1].requirements == []  # no food requirement in a construction project
    with pytest.raises(KeyError):
        add_from_catalogue(project, script, "no.such")


def test_the_script_round_trips_and_its_absence_leaves_the_fingerprint() -> None:
    project = _template_project("food")
    before = fingerprint(project)
    assert b"demo_script" not in dump_project(project)
    assert b"reference_calls" not in dump_project(project)
    with_script = project.model_copy(update={"demo_script": demo_script(project, "en")})
    back = read_project_bytes(dump_project(with_script), "p.json")
    assert back == with_script
    assert fingerprint(back) != before
    assert fingerprint(back.model_copy(update={"demo_script": None})) == before


@pytest.mark.parametrize(
    ("minutes", "message"),
    [("abc", "doit être un nombre entier"), (-5, "doit valoir au moins 1"), (0, "au moins 1")],
)
def test_bad_minutes_are_refused_with_their_place(minutes: object, message: str) -> None:
    project = _template_project("food")
    data = json.loads(
        dump_project(project.model_copy(update={"demo_script": demo_script(project)}))
    )
    data["demo_script"]["scenarios"][1]["minutes"] = minutes
    with pytest.raises(InputError) as caught:
        read_project_bytes(json.dumps(data).encode(), "projet.json")
    text = caught.value.render("fr")
    assert "projet.json" in text and "scenarios[o2c.edi_retailers].minutes" in text
    assert message in text
