"""Tests of the bundled demo catalogue: criteria tree, sector presets and fictitious vendors.

The expected values come from the catalogue's specification (the project brief for the
demo data and docs/DOMAIN notes: five families weighted 30/15/20/25/10, the value functions'
parameters, realistic SME magnitudes) and from closed-form arithmetic, never from the
loaders' own output.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterator
from pathlib import Path

import pydantic
import pytest
import yaml

from erp_select import catalogue
from erp_select.catalogue import (
    PresetCatalogue,
    Sector,
    SectorPreset,
    default_criteria,
    demo_vendors,
    presets,
    sectors,
)
from erp_select.model import (
    BooleanValue,
    ChecklistValue,
    CriteriaTree,
    FactValue,
    LinearValue,
    PiecewiseValue,
    RequirementsValue,
    ReviewsValue,
    ScaleValue,
    TcoValue,
    VendorProfile,
)

USERS = 50
YEARS = 5
FAMILIES = {"sector_fit": 30, "customisability": 15, "security": 20, "price": 25, "reviews": 10}
CHILDREN = {
    "sector_fit": ["sector_coverage", "sector_references", "vertical_solution"],
    "customisability": ["configuration_depth", "extensibility", "upgrade_safety"],
    "security": [
        "security_controls",
        "certifications",
        "data_location",
        "recovery_time",
        "contract",
    ],
    "price": ["tco", "implementation_time"],
    "reviews": ["review_rating", "vendor_viability"],
}
# Issue 18: the legal side of security and the vendor's viability are sub-trees.
SUBTREES = {
    "contract": [
        "reversibility",
        "data_return_format",
        "data_return_time",
        "price_protection",
        "service_level",
        "french_support_hours",
        "liability_cap",
        "legal_safeguards",
        "commitment_length",
        "notice_period",
    ],
    "vendor_viability": [
        "financial_health",
        "vendor_size",
        "french_market_years",
        "french_support_team",
        "partner_network",
        "customer_base",
    ],
}
LEAVES = {
    family: [leaf for child in children for leaf in SUBTREES.get(child, [child])]
    for family, children in CHILDREN.items()
}
PRICING_FACTS = [
    "price.subscription_user_month",
    "price.licence_user",
    "price.maintenance_rate",
    "price.platform_year",
    "price.implementation",
    "price.customisation",
    "price.hosting_year",
    "price.training",
]
REQUIRED_SECTORS = {
    "manufacturing",
    "wholesale",
    "professional_services",
    "construction",
    "retail",
    "food",
    "healthcare",
    "logistics",
}


# ----------------------------------------------------------------------------- helpers


def num(vendor: VendorProfile, fact_id: str) -> float:
    """The vendor's numeric fact (the test fails if it is absent or not a number)."""
    value = vendor.facts[fact_id].number
    assert value is not None, (vendor.id, fact_id)
    return value


def rough_tco(v: VendorProfile, users: int = USERS, years: int = YEARS) -> float:
    """Likely 5-year TCO with the brief's formula (independent of erp_select.evaluate)."""
    one_off = (
        num(v, "price.licence_user") * users
        + num(v, "price.implementation")
        + num(v, "price.customisation")
        + num(v, "price.training")
    )
    yearly = (
        num(v, "price.subscription_user_month") * 12 * users
        + num(v, "price.platform_year")
        + num(v, "price.maintenance_rate") * num(v, "price.licence_user") * users
        + num(v, "price.hosting_year")
    )
    return one_off + years * yearly


def facts_read_by(tree: CriteriaTree) -> dict[str, str]:
    """Map every fact id the criteria read to the kind of value it must hold."""
    out: dict[str, str] = {}
    for leaf in tree.leaves():
        spec = leaf.value
        if isinstance(spec, LinearValue | PiecewiseValue | FactValue):
            out[spec.fact] = "number"
        elif isinstance(spec, BooleanValue):
            out[spec.fact] = "bool"
        elif isinstance(spec, ScaleValue):
            out[spec.fact] = "level:" + leaf.id
        elif isinstance(spec, ChecklistValue):
            for item in spec.items:
                out[item.fact] = "bool" if item.item is None else "list"
        elif isinstance(spec, TcoValue):
            for fact_id in PRICING_FACTS:
                out[fact_id] = "number"
        elif isinstance(spec, RequirementsValue) and spec.fallback_fact:
            out[spec.fallback_fact] = "number"
    return out


@pytest.fixture(scope="module")
def tree() -> CriteriaTree:
    return default_criteria()


@pytest.fixture(scope="module")
def vendors() -> list[VendorProfile]:
    return demo_vendors()


@pytest.fixture(scope="module")
def tcos(vendors: list[VendorProfile]) -> dict[str, float]:
    return {v.id: rough_tco(v) for v in vendors}


# ---------------------------------------------------------------------------- criteria


def test_criteria_file_validates_directly_with_pydantic() -> None:
    raw = yaml.safe_load(catalogue.DEFAULT_CRITERIA_FILE.read_text(encoding="utf-8"))
    assert raw["format"] == "erp-select.criteria"
    assert CriteriaTree.model_validate(raw) == default_criteria()


def test_five_families_with_the_specified_weights(tree: CriteriaTree) -> None:
    assert [c.id for c in tree.criteria] == list(FAMILIES)
    assert {c.id: c.weight for c in tree.criteria} == FAMILIES
    shares = tree.local_weights()
    for family, weight in FAMILIES.items():
        assert shares[family] == pytest.approx(weight / 100)
    for family, children in CHILDREN.items():
        assert [c.id for c in tree.node(family).children] == children
    for node, leaves in SUBTREES.items():
        assert [c.id for c in tree.node(node).children] == leaves


def test_global_weights_sum_to_one_and_follow_the_families(tree: CriteriaTree) -> None:
    weights = tree.global_weights()
    assert set(weights) == {leaf for leaves in LEAVES.values() for leaf in leaves}
    assert math.fsum(weights.values()) == pytest.approx(1.0)
    for family, leaves in LEAVES.items():
        assert math.fsum(weights[x] for x in leaves) == pytest.approx(FAMILIES[family] / 100)


def test_value_functions_match_the_specification(tree: CriteriaTree) -> None:
    cov = tree.node("sector_coverage").value
    assert isinstance(cov, RequirementsValue)
    assert (cov.fallback_fact, cov.worst, cov.best) == ("fit.sector_coverage", 40, 95)
    # The brief's stated weights: must 3, should 2, could 1, won't 0; answers 1 / 0.9 /
    # 0.6 (customisation) / 0.7 (add-on) / 0.3 (roadmap) / 0.
    assert cov.priority_weights.model_dump() == {"must": 3, "should": 2, "could": 1, "wont": 0}
    assert cov.answer_scores.model_dump() == {
        "standard": 1.0,
        "configuration": 0.9,
        "customisation": 0.6,
        "partner_addon": 0.7,
        "roadmap": 0.3,
        "not_supported": 0.0,
    }
    assert cov.day_rate_low is not None and cov.day_rate_high is not None
    assert cov.day_rate_low < cov.day_rate < cov.day_rate_high
    # Evidence widths stated in the file: a claim ±25 %, a demo ±10 %, a reference ±5 %,
    # a contract 0.
    assert tree.evidence.model_dump() == {
        "claim": 0.25,
        "demo": 0.10,
        "reference": 0.05,
        "contract": 0.0,
        "unstated": 0.25,
    }
    refs = tree.node("sector_references").value
    assert isinstance(refs, PiecewiseValue)
    assert refs.fact == "fit.sector_references"
    assert [tuple(p) for p in refs.points] == [(0, 0), (5, 40), (20, 80), (50, 100)]
    vert = tree.node("vertical_solution").value
    assert isinstance(vert, BooleanValue) and vert.fact == "fit.vertical"

    conf = tree.node("configuration_depth").value
    assert isinstance(conf, ScaleValue) and conf.fact == "custom.configuration"
    assert conf.levels == {"basic": 25, "standard": 60, "advanced": 100}
    ext = tree.node("extensibility").value
    assert isinstance(ext, ChecklistValue)
    assert {i.fact: i.weight for i in ext.items} == {
        "custom.rest_api": 2,
        "custom.scripting": 1,
        "custom.low_code": 1,
        "custom.webhooks": 1,
    }
    upg = tree.node("upgrade_safety").value
    assert isinstance(upg, ScaleValue) and upg.fact == "custom.upgrade_safety"
    assert upg.levels == {"breaks": 0, "manual": 40, "managed": 80, "guaranteed": 100}

    ctl = tree.node("security_controls").value
    assert isinstance(ctl, ChecklistValue)
    assert {i.fact: i.weight for i in ctl.items} == {
        "sec.mfa": 2,
        "sec.sso": 1,
        "sec.audit_logs": 2,
        "sec.offline_backup": 2,
        "sec.data_export": 1,
        "sec.supplier_inventory": 1,
        "sec.crisis_plan": 1,
        "sec.support_sla": 1,
        "sec.gdpr_dpa": 1,
    }
    assert all(i.label is not None and i.label.fr != i.label.en for i in ctl.items)
    certs = tree.node("certifications").value
    assert isinstance(certs, ChecklistValue)
    assert {i.fact for i in certs.items} == {"sec.certifications"}
    assert {i.item: i.weight for i in certs.items} == {
        "iso27001": 2,
        "soc2": 1,
        "secnumcloud": 2,
        "hds": 1,
    }
    loc = tree.node("data_location").value
    assert isinstance(loc, ScaleValue) and loc.fact == "sec.data_location"
    assert loc.levels == {"fr": 100, "eu": 85, "adequacy": 50, "other": 10}

    tco = tree.node("tco")
    assert isinstance(tco.value, TcoValue)
    assert (tco.direction, tco.unit) == ("cost", "€")
    assert (tco.value.low_price_ratio, tco.value.low_price_penalty) == (0.5, 0.0)
    months = tree.node("implementation_time")
    assert isinstance(months.value, FactValue) and months.value.fact == "impl.months"
    assert (months.direction, months.unit) == ("cost", "months")
    rating = tree.node("review_rating").value
    assert isinstance(rating, ReviewsValue)
    assert (rating.prior_mean, rating.prior_count, rating.scale_max) == (3.5, 25, 5)
    assert rating.half_life_years == 3
    rto = tree.node("recovery_time")
    assert isinstance(rto.value, PiecewiseValue) and rto.value.fact == "sec.rto_hours"
    # Fewer hours to recover is better: the score falls as the committed time grows.
    scores = [y for _, y in rto.value.points]
    assert scores == sorted(scores, reverse=True) and scores[0] == 100 and scores[-1] == 0


def test_every_criterion_is_bilingual(tree: CriteriaTree) -> None:
    for c in tree.walk():
        assert c.label.fr and c.label.en
        assert c.description is not None, c.id
        assert c.description.fr != c.description.en, c.id
    # The French texts are real French, with its accents and spacing before « : ».
    french = " ".join(c.description.fr for c in tree.walk() if c.description)
    assert "é" in french and " : " in french


# ----------------------------------------------------------------------------- presets


def test_presets_file_validates_directly_with_pydantic() -> None:
    raw = yaml.safe_load(catalogue.PRESETS_FILE.read_text(encoding="utf-8"))
    assert raw["format"] == "erp-select.presets"
    parsed = PresetCatalogue.model_validate(raw)
    assert {p.id: p for p in parsed.presets} == presets()
    assert parsed.sectors == sectors()


def test_sector_list_has_bilingual_labels() -> None:
    listed = sectors()
    assert all(isinstance(s, Sector) for s in listed)
    assert {s.id for s in listed} >= REQUIRED_SECTORS
    for s in listed:
        assert s.label.fr != s.label.en, s.id


def test_presets_cover_the_four_required_sectors() -> None:
    found = presets()
    assert {"manufacturing", "wholesale", "professional_services", "construction"} <= set(found)
    for preset in found.values():
        assert isinstance(preset, SectorPreset)
        assert preset.rationale.fr != preset.rationale.en


def test_preset_weights_reference_existing_criteria(tree: CriteriaTree) -> None:
    ids = set(tree.ids())
    for preset in presets().values():
        assert set(preset.weights) <= ids, preset.id
        assert sum(preset.weights.values()) > 0
        # Each preset weighs all five families, so it never silently keeps a default.
        assert set(FAMILIES) <= set(preset.weights), preset.id
        applied = tree.with_weights(preset.weights)
        assert math.fsum(applied.global_weights().values()) == pytest.approx(1.0)


def test_manufacturing_favours_sector_fit(tree: CriteriaTree) -> None:
    default_share = tree.local_weights()["sector_fit"]
    applied = tree.with_weights(presets()["manufacturing"].weights)
    assert applied.local_weights()["sector_fit"] > default_share


def test_healthcare_favours_security(tree: CriteriaTree) -> None:
    applied = tree.with_weights(presets()["healthcare"].weights)
    shares = applied.local_weights()
    assert max(shares, key=lambda k: shares[k]) == "security"


# ----------------------------------------------------------------------------- vendors


def test_every_vendor_file_validates_and_matches_its_name() -> None:
    files = catalogue.vendor_files()
    assert len(files) >= 12
    for path in files:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert raw["format"] == "erp-select.vendor", path.name
        vendor = VendorProfile.model_validate(raw)
        assert vendor.id == path.stem
    assert [v.id for v in demo_vendors()] == [p.stem for p in files]


def test_vendors_are_fictitious_demo_vendors(vendors: list[VendorProfile]) -> None:
    assert len(vendors) >= 12
    assert len({v.name for v in vendors}) == len(vendors)
    for v in vendors:
        assert v.demo is True, v.id
        assert v.description is not None
        assert "Fictitious demo vendor" in v.description.en, v.id
        assert "Éditeur fictif de démonstration" in v.description.fr, v.id
    readme = (catalogue.VENDORS_DIR / "README.md").read_text(encoding="utf-8")
    assert "fictitious" in readme.lower()


def test_every_vendor_has_every_fact_the_criteria_read(
    tree: CriteriaTree, vendors: list[VendorProfile]
) -> None:
    needed = facts_read_by(tree)
    # Security: 9 checklist controls, certifications, data location, recovery time.
    # Issue 18: 13 contract facts and 6 viability facts.
    assert len(needed) == 3 + 6 + 12 + len(PRICING_FACTS) + 1 + 13 + 6
    for v in vendors:
        missing = sorted(set(needed) - set(v.facts))
        assert not missing, f"{v.id} lacks {missing}"
        for fact_id, kind in needed.items():
            value = v.facts[fact_id].value
            if kind == "number":
                assert isinstance(value, int | float) and not isinstance(value, bool), fact_id
                assert value >= 0, (v.id, fact_id)
            elif kind == "bool":
                assert isinstance(value, bool), (v.id, fact_id)
            elif kind == "list":
                assert isinstance(value, list), (v.id, fact_id)
            else:
                spec = tree.node(kind.split(":")[1]).value
                assert isinstance(spec, ScaleValue)
                assert value in spec.levels, (v.id, fact_id, value)


def test_certifications_are_known_items(tree: CriteriaTree, vendors: list[VendorProfile]) -> None:
    spec = tree.node("certifications").value
    assert isinstance(spec, ChecklistValue)
    known = {i.item for i in spec.items}
    for v in vendors:
        certs = v.facts["sec.certifications"].value
        assert isinstance(certs, list)
        assert set(certs) <= known, v.id


def test_facts_carry_provenance(vendors: list[VendorProfile]) -> None:
    evidence_seen: set[str] = set()
    ranged: set[str] = set()
    for v in vendors:
        for fact_id, fact in v.facts.items():
            assert fact.source, (v.id, fact_id)
            assert fact.date is not None, (v.id, fact_id)
            if fact.evidence:
                evidence_seen.add(fact.evidence)
            if fact.low is not None and fact.high is not None:
                assert fact.low < fact.high, (v.id, fact_id)
                ranged.add(fact_id)
        # Implementation cost and duration are estimates: each vendor gives a range.
        for fact_id in ("price.implementation", "impl.months"):
            assert v.facts[fact_id].low is not None and v.facts[fact_id].high is not None
    assert evidence_seen == {"claim", "demo", "reference", "contract"}
    assert {"price.implementation", "price.customisation", "impl.months"} <= ranged


def test_vertical_fact_agrees_with_profile(vendors: list[VendorProfile]) -> None:
    for v in vendors:
        assert v.facts["fit.vertical"].value is v.vertical, v.id


def test_sector_slugs_exist() -> None:
    known = {s.id for s in sectors()}
    for v in demo_vendors():
        assert v.sectors, v.id
        assert set(v.sectors) <= known, v.id
    assert set(presets()) <= known


def test_the_catalogue_spans_the_market(vendors: list[VendorProfile]) -> None:
    assert any(v.vertical for v in vendors)
    assert any(not v.vertical for v in vendors)
    assert {v.licence_model for v in vendors} == {"subscription", "perpetual", "open_source"}
    assert any(v.deployment == ["on_premise"] for v in vendors)
    assert any("cloud" in v.deployment for v in vendors)
    assert any("hosted" in v.deployment for v in vendors)
    assert {s for v in vendors for s in v.company_sizes} == {"micro", "small", "medium", "large"}
    vertical_sectors = {s for v in vendors if v.vertical for s in v.sectors}
    assert {"manufacturing", "wholesale", "professional_services", "construction"} <= (
        vertical_sectors
    )


def test_some_vendor_fails_typical_must_haves(vendors: list[VendorProfile]) -> None:
    assert any(v.facts["sec.mfa"].value is False for v in vendors)
    assert any(v.facts["sec.data_location"].value not in {"fr", "eu"} for v in vendors)
    assert any("cloud" not in v.deployment for v in vendors)


# ------------------------------------------------------------------------ prices / TCO


def test_pricing_facts_fit_each_licence_model(vendors: list[VendorProfile]) -> None:
    for v in vendors:
        f = {k: num(v, k) for k in PRICING_FACTS}
        if v.licence_model == "subscription":
            assert f["price.subscription_user_month"] > 0, v.id
            assert f["price.licence_user"] == 0, v.id
        elif v.licence_model == "perpetual":
            assert f["price.licence_user"] > 0, v.id
            # Yearly maintenance is usually 15–25 % of the licence (DOMAIN notes).
            assert 0.15 <= f["price.maintenance_rate"] <= 0.25, v.id
        else:
            assert f["price.licence_user"] == 0, v.id
            assert f["price.maintenance_rate"] == 0, v.id
        assert f["price.implementation"] > 0, v.id


def test_rough_tco_formula_by_hand(vendors: list[VendorProfile]) -> None:
    # Worked by hand from the formula in the brief and the numbers in the two files.
    by_id = {v.id: v for v in vendors}
    # Subscription: 79 €/user/month × 12 × 50 × 5 + 2 400 × 5 + 85 000 + 20 000 + 12 000.
    assert rough_tco(by_id["gestalune"]) == 237_000 + 12_000 + 117_000
    # Perpetual: 3 800 × 50 + 250 000 + 70 000 + 28 000 + 5 × (0.22 × 3 800 × 50 + 22 000).
    assert rough_tco(by_id["halvardis"]) == pytest.approx(190_000 + 348_000 + 5 * 63_800)


def test_tco_magnitudes_and_one_suspiciously_cheap_vendor(tcos: dict[str, float]) -> None:
    median = statistics.median(tcos.values())
    cheap = sorted(k for k, x in tcos.items() if x < 0.5 * median)
    assert len(cheap) == 1, cheap
    (cheap_id,) = cheap
    peers = [x for k, x in tcos.items() if k != cheap_id]
    assert tcos[cheap_id] < 0.5 * statistics.median(peers)
    for vendor_id, total in tcos.items():
        if vendor_id != cheap_id:
            assert 150_000 <= total <= 900_000, (vendor_id, total)
    # A real spread from cheap to expensive among the credible offers.
    assert max(peers) >= 3 * min(peers)


def test_implementation_is_one_to_three_first_year_licences(vendors: list[VendorProfile]) -> None:
    for v in vendors:
        if v.licence_model == "open_source":
            continue
        f = {k: num(v, k) for k in PRICING_FACTS}
        first_year = (
            f["price.subscription_user_month"] * 12 * USERS
            + f["price.platform_year"]
            + f["price.licence_user"] * USERS
        )
        assert 1 <= f["price.implementation"] / first_year <= 3, v.id


# ----------------------------------------------------------------------------- reviews


def test_reviews_have_counts_and_the_two_textbook_cases(vendors: list[VendorProfile]) -> None:
    pairs: dict[str, list[tuple[float, int]]] = {}
    for v in vendors:
        reviews = {k: f for k, f in v.facts.items() if k.startswith("reviews.")}
        assert 1 <= len(reviews) <= 3, v.id
        for fact in reviews.values():
            assert isinstance(fact.value, float) and 0 <= fact.value <= 5
            assert fact.count is not None and fact.count > 0
        pairs[v.id] = [(float(f.number or 0), int(f.count or 0)) for f in reviews.values()]
    few = [k for k, p in pairs.items() if (4.9, 12) in p]
    many = [k for k, p in pairs.items() if (4.4, 900) in p]
    assert few and many

    def bayes(items: list[tuple[float, int]]) -> float:
        # (C·m + Σ rᵢnᵢ) / (C + Σ nᵢ) with m = 3.5, C = 25 (DOMAIN notes).
        return (25 * 3.5 + sum(r * n for r, n in items)) / (25 + sum(n for _, n in items))

    # 4.9 from 12 reviews alone: (87.5 + 58.8) / 37 = 3.954…
    assert bayes([(4.9, 12)]) == pytest.approx(146.3 / 37)
    assert bayes(pairs[few[0]]) < bayes(pairs[many[0]])


# ------------------------------------------------------------------- loaders, bad input


def test_loaders_return_fresh_containers() -> None:
    first = demo_vendors()
    first.clear()
    assert len(demo_vendors()) >= 12
    found = presets()
    found.clear()
    assert presets()


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    for f in (catalogue._criteria, catalogue._preset_catalogue, catalogue._vendors):
        f.cache_clear()
    yield None
    for f in (catalogue._criteria, catalogue._preset_catalogue, catalogue._vendors):
        f.cache_clear()


def test_vendor_id_must_match_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_caches: object
) -> None:
    source = catalogue.VENDORS_DIR / "gestalune.yaml"
    (tmp_path / "other.yaml").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(catalogue, "VENDORS_DIR", tmp_path)
    with pytest.raises(ValueError, match="differs from the file name"):
        demo_vendors()


def test_broken_vendor_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_caches: object
) -> None:
    raw = yaml.safe_load((catalogue.VENDORS_DIR / "gestalune.yaml").read_text(encoding="utf-8"))
    raw["facts"]["price.training"]["value"] = float("nan")
    (tmp_path / "gestalune.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    monkeypatch.setattr(catalogue, "VENDORS_DIR", tmp_path)
    with pytest.raises(pydantic.ValidationError):
        demo_vendors()


def test_oversized_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_caches: object
) -> None:
    big = tmp_path / "presets.yaml"
    big.write_text("# " + "x" * 200 + "\n", encoding="utf-8")
    monkeypatch.setattr(catalogue, "PRESETS_FILE", big)
    monkeypatch.setattr(catalogue, "MAX_FILE_BYTES", 100)
    with pytest.raises(ValueError, match="larger than"):
        sectors()


def _label(text: str) -> dict[str, str]:
    return {"fr": text, "en": text}


def test_preset_catalogue_rejects_bad_content() -> None:
    sector = {"id": "food", "label": _label("Food")}
    preset = {
        "id": "food",
        "label": _label("Food"),
        "rationale": _label("Why"),
        "weights": {"price": 1},
    }
    PresetCatalogue.model_validate({"sectors": [sector], "presets": [preset]})
    with pytest.raises(pydantic.ValidationError, match="unknown sectors"):
        PresetCatalogue.model_validate({"sectors": [sector], "presets": [{**preset, "id": "x"}]})
    with pytest.raises(pydantic.ValidationError, match="listed twice"):
        PresetCatalogue.model_validate({"sectors": [sector, sector]})
    with pytest.raises(pydantic.ValidationError, match="positive sum"):
        SectorPreset.model_validate({**preset, "weights": {"price": 0}})
    with pytest.raises(pydantic.ValidationError):
        SectorPreset.model_validate({**preset, "weights": {"price": -1}})
    with pytest.raises(pydantic.ValidationError):
        SectorPreset.model_validate({**preset, "colour": "red"})
    with pytest.raises(pydantic.ValidationError):
        Sector.model_validate({"id": "Bad Slug", "label": _label("x")})


# ------------------------------------------------------------- requirement templates


TEMPLATE_SECTORS = {"manufacturing", "wholesale", "professional_services", "construction"}


def test_requirement_templates_cover_the_four_sectors() -> None:
    from erp_select.io.questionnaire import TEMPLATES_DIR, sector_template, template_sectors

    assert set(template_sectors()) >= TEMPLATE_SECTORS
    known_sectors = {s.id for s in sectors()}
    for sector in TEMPLATE_SECTORS:
        raw = yaml.safe_load((TEMPLATES_DIR / f"{sector}.yaml").read_text(encoding="utf-8"))
        assert raw["format"] == "erp-select.requirements"
        template = sector_template(sector)
        assert template.sector == sector and sector in known_sectors
        reqs = template.requirements
        assert len(reqs) >= 40, sector
        processes = {r.process for r in reqs}
        assert {"procure_to_pay", "finance", "statutory", "hr_payroll", "reporting"} <= processes
        assert {"production", "projects"} & processes, sector
        assert {"must", "should", "could"} <= {r.priority for r in reqs}
        prefix = reqs[0].id.split(".")[0]
        for r in reqs:
            assert r.id.startswith(prefix + "."), r.id
            assert r.text.fr != r.text.en, r.id
        assert "é" in " ".join(r.text.fr for r in reqs)
        # The French statutory needs: the FEC audit file and the 2026–2027 e-invoicing
        # reform are must-haves and locked.
        fec = [r for r in reqs if "FEC" in r.text.fr]
        einvoice = [r for r in reqs if "facturation électronique" in r.text.fr.lower()]
        assert fec and einvoice, sector
        for r in fec + einvoice:
            assert r.priority == "must" and r.locked, r.id
        assert any("2026" in r.text.fr for r in einvoice)
        assert any("2027" in r.text.fr for r in reqs if r.process == "statutory")


def test_demo_answers_refer_to_one_template_each(vendors: list[VendorProfile]) -> None:
    from erp_select.io.questionnaire import sector_template, template_sectors

    ids = {s: {r.id for r in sector_template(s).requirements} for s in template_sectors()}
    answered_sectors: set[str] = set()
    for v in vendors:
        if not v.answers:
            continue
        matching = [s for s, known in ids.items() if set(v.answers) <= known]
        assert len(matching) == 1, v.id
        # Every requirement of the template is answered.
        assert set(v.answers) == ids[matching[0]], v.id
        answered_sectors.add(matching[0])
        for answer in v.answers.values():
            if answer.answer == "customisation":
                assert answer.effort_days is not None and answer.effort_days > 0
    # Every template of the library has a vendor that answered it.
    assert answered_sectors == set(ids)
    # Several vendors answered the manufacturing questionnaire, and one of them does not
    # support a Must requirement (so the requirements must-have has something to exclude).
    musts = {r.id for r in sector_template("manufacturing").requirements if r.priority == "must"}
    manufacturing = [v for v in vendors if v.answers and set(v.answers) <= ids["manufacturing"]]
    assert len(manufacturing) >= 3
    assert any(v.answers[r].answer == "not_supported" for v in manufacturing for r in musts)


def test_security_checklist_facts(vendors: list[VendorProfile]) -> None:
    for v in vendors:
        for fact_id in ("sec.data_export", "sec.support_sla", "sec.rto_hours"):
            fact = v.facts[fact_id]
            assert fact.evidence is not None, (v.id, fact_id)
        rto = v.facts["sec.rto_hours"].number
        assert rto is not None and 0 < rto <= 24 * 7, v.id
    assert any(v.facts["sec.data_export"].value is False for v in vendors)
