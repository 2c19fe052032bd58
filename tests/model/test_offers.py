"""Offers and integrators: alternatives ranked as vendor × offer × integrator, by hand."""

from __future__ import annotations

import math
from typing import Any

import pytest
from pydantic import ValidationError

from erp_select.model import CriteriaTree, Project
from erp_select.model.fingerprint import fingerprint
from erp_select.pipeline import analyse
from tests.conftest import make_project, make_vendor, text


def _two_criteria() -> CriteriaTree:
    """Implementation cost (a cost) and certified consultants (a benefit), equal weights."""
    return CriteriaTree.model_validate(
        {
            "criteria": [
                {
                    "id": "impl",
                    "label": text("Implementation", "Mise en œuvre"),
                    "weight": 1,
                    "direction": "cost",
                    "value": {"kind": "fact", "fact": "price.implementation"},
                },
                {
                    "id": "team",
                    "label": text("Consultants", "Consultants"),
                    "weight": 1,
                    "direction": "benefit",
                    "value": {"kind": "fact", "fact": "integrator.certified_consultants"},
                },
            ]
        }
    )


def _integrator(iid: str, rate: float, consultants: int, **extra: Any) -> dict[str, Any]:
    return {
        "id": iid,
        "name": iid.capitalize(),
        "facts": {
            "integrator.day_rate": {"value": rate},
            "integrator.certified_consultants": {"value": float(consultants)},
        },
        **extra,
    }


def _with(project: Project, patch: dict[str, dict[str, Any]], **top: Any) -> Project:
    """``project`` with vendor fields patched by vendor id and top-level fields set."""
    data = project.model_dump(mode="json")
    for vendor in data["vendors"]:
        vendor.update(patch.get(vendor["id"], {}))
    data.update(top)
    return Project.model_validate(data)


def _paired_project() -> Project:
    """Vendor V (50 days) with integrators A (600 €/d, 4) and B (800 €/d, 10); W alone."""
    v = make_vendor("v", impl__days=50.0)
    w = make_vendor("w", price__implementation=36_000.0, integrator__certified_consultants=6.0)
    base = make_project([v, w], criteria=_two_criteria())
    integrators = [_integrator("a", 600, 4), _integrator("b", 800, 10)]
    return _with(base, {"v": {"integrators": ["a", "b"]}}, integrators=integrators)


def _topsis_by_hand(rows: list[tuple[float, float]]) -> list[float]:
    """Textbook TOPSIS, equal weights, vector normalisation, column 0 a cost, 1 a benefit."""
    norms = [math.sqrt(sum(r[j] ** 2 for r in rows)) for j in range(2)]
    weighted = [(0.5 * r[0] / norms[0], 0.5 * r[1] / norms[1]) for r in rows]
    ideal = (min(w[0] for w in weighted), max(w[1] for w in weighted))
    anti = (max(w[0] for w in weighted), min(w[1] for w in weighted))
    out = []
    for w in weighted:
        d_plus = math.dist(w, ideal)
        d_minus = math.dist(w, anti)
        out.append(d_minus / (d_plus + d_minus))
    return out


def test_vendor_integrator_pairs_rank_like_topsis_by_hand() -> None:
    analysis = analyse(_paired_project(), "topsis")
    assert analysis.result is not None
    ids = list(analysis.result.alternatives)
    assert ids == ["v--a", "v--b", "w"]
    # 50 days × 600 € = 30 000 €; 50 × 800 € = 40 000 €; W quotes 36 000 €.
    expected = _topsis_by_hand([(30_000.0, 4.0), (40_000.0, 10.0), (36_000.0, 6.0)])
    for got, want in zip(analysis.result.scores, expected, strict=True):
        assert float(got) == pytest.approx(want, abs=1e-9)
    # On paper: column norms 61 611,69 and 12,3288; weighted rows (0,24346; 0,16222),
    # (0,32461; 0,40555), (0,29215; 0,24333); v--a: d+ = 0,24333, d- = 0,08115 → 0,2501.
    assert [round(float(s), 4) for s in analysis.result.scores] == [0.2501, 0.7499, 0.3403]
    assert analysis.order() == ["v--b", "w", "v--a"]
    assert analysis.grouped() == [("v", ["v--b", "v--a"]), ("w", ["w"])]
    assert analysis.project.vendor("v--a").name == "V — A"


def test_day_rate_times_days_feeds_the_tco_implementation_line() -> None:
    v = make_vendor(
        "v",
        impl__days={"value": 40.0, "low": 30.0, "high": 60.0},
        price__subscription_user_month=10.0,
    )
    project = _with(
        make_project([v]), {"v": {"integrators": ["a"]}}, integrators=[_integrator("a", 500, 3)]
    )
    analysis = analyse(project)
    cell = analysis.tco_cell("v--a")
    assert cell is not None
    # 10 users × 10 €/month × 12 × 5 years = 6 000 €; implementation 40 d × 500 € = 20 000 €.
    assert cell.raw == pytest.approx(26_000.0)
    impl = analysis.project.vendor("v--a").facts["price.implementation"]
    assert (impl.low, impl.value, impl.high) == (15_000.0, 20_000.0, 30_000.0)
    assert analysis.project.vendor("v--a").facts["price.day_rate"].value == 500.0


def test_offers_override_facts_and_are_screened_one_by_one() -> None:
    v = make_vendor("v", price__subscription_user_month=20.0, fit__coverage=80.0)
    offers = [
        {"id": "cloud", "name": "Cloud"},
        {
            "id": "site",
            "name": "Sur site",
            "deployment": ["on_premise"],
            "facts": {"price.subscription_user_month": {"value": 35.0}},
        },
    ]
    rule = {"kind": "fact", "fact": "deployment", "op": "contains", "value": "cloud"}
    base = make_project([v, make_vendor("w", price__subscription_user_month=25.0)])
    project = _with(base, {"v": {"offers": offers}})
    company = {**project.company.model_dump(mode="json"), "must_haves": [rule]}
    analysis = analyse(_with(project, {}, company=company))
    assert list(analysis.screening.kept) == ["v--cloud", "w"]
    assert list(analysis.screening.excluded) == ["v--site"]
    site = analysis.project.vendor("v--site")
    assert site.name == "V — Sur site"
    assert site.facts["price.subscription_user_month"].value == 35.0
    assert site.facts["fit.coverage"].value == 80.0
    assert analysis.vendor_of("v--site") == "v"


def test_a_project_without_offers_is_unchanged() -> None:
    project = make_project([make_vendor("v", fit__coverage=70.0), make_vendor("w")])
    assert project.expanded() is project
    dumped = project.model_dump(mode="json")
    assert "integrators" not in dumped
    assert "offers" not in dumped["vendors"][0]
    assert fingerprint(project) == fingerprint(Project.model_validate(dumped))


def test_unknown_integrator_and_colliding_offer_are_refused() -> None:
    data = _paired_project().model_dump(mode="json")
    data["vendors"][0]["integrators"] = ["nobody"]
    with pytest.raises(ValidationError, match="nobody"):
        Project.model_validate(data)
    data = make_project([make_vendor("v"), make_vendor("v--x")]).model_dump(mode="json")
    data["vendors"][0]["offers"] = [{"id": "x", "name": "X"}]
    with pytest.raises(ValidationError, match="v--x"):
        Project.model_validate(data)


def test_integrator_facts_must_be_integrator_facts() -> None:
    data = _paired_project().model_dump(mode="json")
    data["integrators"][0]["facts"]["price.implementation"] = {"value": 1.0}
    with pytest.raises(ValidationError, match="integrator"):
        Project.model_validate(data)
