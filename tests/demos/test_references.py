"""Reference calls: confirmed facts move to evidence "reference", and back when the call goes."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml

from erp_select.demos import ReferenceCall, reference_questions
from erp_select.demos.references import confirmable_facts, record_call, remove_call
from erp_select.errors import InputError
from erp_select.evaluate.performance import evaluate
from erp_select.io.project import dump_project, read_project_bytes
from erp_select.model import Project
from erp_select.model.fingerprint import fingerprint
from erp_select.report.sections.references import reference_lines
from tests.conftest import make_project, make_vendor


def _project() -> Project:
    a = make_vendor(
        "a",
        fit__coverage={"value": 70, "evidence": "claim"},
        sec__mfa={"value": True},
        sec__logs={"value": True, "evidence": "contract"},
        sec__certs={"value": ["iso27001"], "evidence": "demo"},
        price__subscription_user_month=40,
    )
    b = make_vendor("b", fit__coverage={"value": 60, "evidence": "claim"})
    return make_project([a, b], sector="food", size="small")


def _call(call_id: str = "c1", vendor: str = "a") -> ReferenceCall:
    return ReferenceCall(
        id=call_id,
        vendor=vendor,
        reference="Claire Martin",
        company="Fromagerie des Monts",
        date=dt.date(2026, 4, 20),
        answers={"on_time": "Oui, à deux semaines près."},
    )


def test_confirming_raises_claims_and_unstated_facts_never_lowers() -> None:
    project = _project()
    assert confirmable_facts(project, "a") == [
        "fit.coverage",
        "sec.mfa",
        "sec.certs",
        "price.subscription_user_month",
    ]
    done = record_call(project, _call(), ["fit.coverage", "sec.mfa", "sec.logs", "sec.certs"])
    facts = done.vendor("a").facts
    assert facts["fit.coverage"].evidence == "reference"
    assert facts["sec.mfa"].evidence == "reference"
    assert facts["sec.certs"].evidence == "reference"  # a demo is weaker than a reference
    assert facts["sec.logs"].evidence == "contract"  # stronger: kept
    assert facts["fit.coverage"].value == 70  # the value itself does not move
    assert done.vendor("b") == project.vendor("b")
    previous = {c.fact: c.previous for c in done.reference_calls[0].confirmed}
    assert previous == {
        "fit.coverage": "claim",
        "sec.mfa": None,
        "sec.logs": "contract",
        "sec.certs": "demo",
    }


def test_the_claims_only_list_shrinks_and_comes_back() -> None:
    project = _project()
    assert ("a", "coverage") in evaluate(project).claims_only()
    done = record_call(project, _call(), ["fit.coverage"])
    claims = evaluate(done).claims_only()
    assert ("a", "coverage") not in claims and ("b", "coverage") in claims
    undone = remove_call(done, "c1")
    assert undone == project
    assert ("a", "coverage") in evaluate(undone).claims_only()


def test_a_fact_two_calls_confirm_stays_until_both_are_gone() -> None:
    project = record_call(_project(), _call("c1"), ["fit.coverage"])
    project = record_call(project, _call("c2"), ["fit.coverage"])
    one_left = remove_call(project, "c1")
    assert one_left.vendor("a").facts["fit.coverage"].evidence == "reference"
    none_left = remove_call(one_left, "c2")
    assert none_left.vendor("a").facts["fit.coverage"].evidence == "claim"


def test_recording_a_call_again_replaces_it() -> None:
    project = record_call(_project(), _call(), ["fit.coverage", "sec.mfa"])
    again = record_call(project, _call(), ["sec.mfa"])
    assert len(again.reference_calls) == 1
    assert again.vendor("a").facts["fit.coverage"].evidence == "claim"
    assert again.vendor("a").facts["sec.mfa"].evidence == "reference"


def test_unknown_vendor_or_fact() -> None:
    with pytest.raises(KeyError):
        record_call(_project(), _call(vendor="zz"), [])
    with pytest.raises(KeyError):
        record_call(_project(), _call(), ["no.such"])
    with pytest.raises(KeyError):
        remove_call(_project(), "c9")


@pytest.mark.parametrize("name", ["p.json", "p.yaml"])
def test_calls_round_trip_through_the_project_file(name: str) -> None:
    project = _project()
    done = record_call(project, _call(), ["fit.coverage"])
    data = dump_project(done)
    if name.endswith(".yaml"):
        data = yaml.safe_dump(json.loads(data), allow_unicode=True).encode()
    assert read_project_bytes(data, name) == done
    assert fingerprint(remove_call(done, "c1")) == fingerprint(project)


def test_a_call_about_a_vendor_who_left_stays_in_the_file_and_out_of_the_report() -> None:
    done = record_call(_project(), _call("c1", "b"), ["fit.coverage"])
    done = record_call(done, _call("c2", "a"), ["sec.mfa"])
    without_b = Project.model_validate(
        {**dict(done), "vendors": [done.vendor("a")]}
    )  # the vendor was removed after the call: the project stays valid
    lines = reference_lines(without_b, "fr")
    assert lines == [
        "A — Claire Martin (Fromagerie des Monts), 20 avr. 2026. "
        "Faits confirmés : Authentification à deux facteurs."
    ]
    assert read_project_bytes(dump_project(without_b), "p.json") == without_b
    assert remove_call(without_b, "c1").reference_calls == [without_b.reference_calls[1]]


def test_two_calls_with_one_id_are_refused_with_their_place() -> None:
    done = record_call(_project(), _call("c1"), ["fit.coverage"])
    data = json.loads(dump_project(done))
    data["reference_calls"].append(data["reference_calls"][0])
    with pytest.raises(InputError) as caught:
        read_project_bytes(json.dumps(data).encode(), "projet.json")
    text = caught.value.render("fr")
    assert "projet.json" in text and "« c1 »" in text


def test_questions_follow_sector_and_size() -> None:
    small_food = [q for q, _ in reference_questions(_project(), "fr")]
    assert "lot_recall" in small_food and "small_team" in small_food
    assert "progress_billing" not in small_food and "several_sites" not in small_food
    assert small_food[:2] == ["context", "on_time"]
    big_build = make_project([make_vendor()], sector="construction", size="large")
    ids = [q for q, _ in reference_questions(big_build, "en")]
    assert "progress_billing" in ids and "several_sites" in ids and "lot_recall" not in ids
