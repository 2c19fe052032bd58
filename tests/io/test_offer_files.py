"""Offers and integrators in files: vendor tables (``offers.<offer>.<part>``), YAML, JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from erp_select.errors import InputError
from erp_select.io import dump_vendors, read_vendors_bytes
from erp_select.io.project import dump_project, read_project_bytes
from erp_select.model import Fact, VendorProfile
from erp_select.model.offers import Offer

ROOT = Path(__file__).resolve().parents[2]
HEAD = "vendor_id;field;value;low;high;count;unit;source;date;evidence\n"
PROFILE = "v;name;V;;;;;;;\nv;licence_model;subscription;;;;;;;\n"


def _vendor() -> VendorProfile:
    hosting = Fact(value=9000.0, low=8000.0, high=12_000.0, evidence="contract", source="Devis")
    return VendorProfile(
        id="v",
        name="V",
        licence_model="subscription",
        deployment=["cloud", "on_premise"],
        facts={"price.subscription_user_month": Fact(value=40.0), "impl.days": Fact(value=30.0)},
        integrators=["alpha", "beta"],
        offers=[
            Offer(id="cloud", name="=1+1 formule ; avec | barre", deployment=["cloud"]),
            Offer(
                id="sur-site",
                name="Sur site",
                description={"fr": "Licence perpétuelle", "en": "Perpetual licence"},
                deployment=["on_premise"],
                licence_model="perpetual",
                editions=["Premium", "-Industrie"],
                integrator="alpha",
                facts={"price.hosting_year": hosting, "price.licence_user": Fact(value=1500.0)},
            ),
        ],
    )


def _csv(*rows: str) -> bytes:
    return (HEAD + PROFILE + "".join(r + "\n" for r in rows)).encode("utf-8")


def _lines(data: bytes, name: str, lang: str = "fr") -> list[str]:
    with pytest.raises(InputError) as caught:
        read_vendors_bytes(data, name)
    return caught.value.lines(lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("fmt", ["yaml", "json", "csv", "xlsx"])
def test_offers_round_trip_in_every_format(fmt: str, lang: str) -> None:
    vendor = _vendor()
    data = dump_vendors([vendor], fmt, lang=lang)  # type: ignore[arg-type]
    assert read_vendors_bytes(data, f"v.{fmt}") == [vendor]


def test_a_vendor_without_offers_writes_the_same_table_as_before() -> None:
    plain = VendorProfile(id="v", name="V", licence_model="subscription")
    text = dump_vendors([plain], "csv", lang="fr").decode("utf-8-sig")
    assert "offers" not in text and "integrators" not in text


def test_csv_rows_build_the_offers() -> None:
    data = _csv(
        "v;offers.cloud.name;Cloud;;;;;;;",
        "v;offers.cloud.price.subscription_user_month;45,5;40;60;;;;;claim",
        "v;offers.site.name;Sur site;;;;;;;",
        "v;offers.site.deployment;on_premise;;;;;;;",
        "v;price.subscription_user_month;30;;;;;;;",
    )
    (vendor,) = read_vendors_bytes(data, "v.csv")
    assert [o.id for o in vendor.offers] == ["cloud", "site"]
    fact = vendor.offers[0].facts["price.subscription_user_month"]
    assert (fact.low, fact.value, fact.high, fact.evidence) == (40.0, 45.5, 60.0, "claim")
    assert vendor.offers[1].deployment == ["on_premise"]
    assert vendor.facts["price.subscription_user_month"].value == 30.0


def test_hostile_offer_rows_are_refused_at_their_row_and_nothing_is_read() -> None:
    data = _csv(
        "v;offers.Cloud.name;Cloud;;;;;;;",  # row 4: upper case id
        "v;offers.site.price.subscription_user_month;beaucoup;;;;;;;",  # row 5
        "v;offers.site.name;Sur site;;;;;;;",
        "v;offers.site.deployment;lune;;;;;;;",  # row 7: not a deployment
        "v;offers.vide.price.hosting_year;1000;;;;;;;",  # row 8: no name
    )
    lines = _lines(data, "v.csv")
    assert any("ligne 4" in x and "offers.Cloud.name" in x for x in lines), lines
    assert any("ligne 5" in x and "beaucoup" in x for x in lines), lines
    assert any("ligne 7" in x and "lune" in x for x in lines), lines
    assert any("ligne 8" in x for x in lines), lines


def test_an_offer_naming_an_unknown_integrator_is_refused_in_a_project() -> None:
    data = json.loads((ROOT / "examples" / "demo-project.json").read_text("utf-8"))
    data["vendors"][0]["offers"] = [{"id": "x", "name": "X", "integrator": "fantome"}]
    with pytest.raises(InputError) as caught:
        read_project_bytes(json.dumps(data).encode(), "p.json")
    assert any("fantome" in x for x in caught.value.lines("fr"))


def test_integrators_in_a_project_round_trip_and_bad_facts_are_located() -> None:
    data = json.loads((ROOT / "examples" / "demo-project.json").read_text("utf-8"))
    data["vendors"][0]["integrators"] = ["alpha"]
    data["integrators"] = [
        *data.get("integrators", []),
        {
            "id": "alpha",
            "name": "Alpha",
            "facts": {"integrator.day_rate": "650 €", "integrator.methodology": "certified"},
            "risks": [{"description": "Équipe réduite", "likelihood": 3, "impact": 4}],
        },
    ]
    project = read_project_bytes(json.dumps(data).encode(), "p.json")
    alpha = next(i for i in project.integrators if i.id == "alpha")
    assert alpha.facts["integrator.day_rate"].value == 650.0
    assert read_project_bytes(dump_project(project), "p.json") == project
    data["integrators"][-1]["facts"]["integrator.day_rate"] = "12 %"
    with pytest.raises(InputError) as caught:
        read_project_bytes(json.dumps(data).encode(), "p.json")
    lines = caught.value.lines("fr")
    assert any("integrators[alpha].facts.integrator.day_rate" in x and "12 %" in x for x in lines)
