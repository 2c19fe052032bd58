"""The one place that turns keys into words: hand-written expectations in French and English."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from erp_select.catalogue import default_criteria, demo_vendors
from erp_select.model import BudgetRule, FactRule, RequirementsRule, SectorRule
from erp_select.model.criteria import MISSING_RULES
from erp_select.model.facts import vocabulary
from erp_select.model.vendor import Fact
from erp_select.words import (
    Words,
    evidence,
    file_stem,
    fmt_date,
    humanise,
    join,
    method,
    missing_rule,
    normalisation,
    number,
    sector,
    unit,
)

NBSP = "\u00a0"
NNBSP = "\u202f"
RAW = re.compile(r"\b[a-z][a-z0-9]*[._][a-z][a-z0-9_.]*")


def test_facts_are_named_by_the_vocabulary() -> None:
    fr, en = Words("fr"), Words("en")
    assert fr.fact("sec.mfa") == "Authentification à deux facteurs"
    assert en.fact("sec.mfa") == "Two-factor authentication"
    assert fr.fact("licence_model") == "Modèle de licence"
    assert en.fact("deployment") == "Deployment options"
    # A wildcard fact keeps what the id adds (the review site).
    assert fr.fact("reviews.capterra") == "Note sur un site d'avis (capterra)"


def test_an_unknown_fact_takes_the_criterion_name_then_a_readable_form() -> None:
    tree = default_criteria()
    leaf = tree.leaves()[0]
    assert humanise("custom.rest_api") == "Rest api"
    assert humanise("a.b_c") == "B c"
    assert Words("fr").fact("ff.sector_coverage") == "Sector coverage"
    assert Words("en").criterion("nowhere") == "Nowhere"
    assert Words("fr", tree).criterion(leaf.id) == leaf.label.fr


def test_values_read_as_people_write_them() -> None:
    fr, en = Words("fr"), Words("en")
    assert fr.value("sec.mfa", True) == "oui"
    assert en.value("sec.mfa", False) == "no"
    assert fr.value("fit.sector_coverage", 88) == f"88{NBSP}%"
    assert en.value("fit.sector_coverage", 88) == "88%"
    assert fr.value("price.maintenance_rate", 0.18) == f"18{NBSP}%"
    assert fr.value("price.maintenance_rate", 0.185) == f"18,5{NBSP}%"
    assert fr.value("price.implementation", 1234.5) == f"1{NNBSP}234,50{NBSP}€"
    assert fr.value("price.implementation", 40000) == f"40{NNBSP}000{NBSP}€"
    assert en.value("price.implementation", 40000) == "€40,000"
    assert fr.value("impl.months", 3.0) == f"3{NBSP}mois"
    assert en.value("impl.months", 2.5) == f"2.5{NBSP}months"
    assert fr.value("price.subscription_user_month", 35.5) == (
        f"35,5{NBSP}€ par utilisateur et par mois"
    )
    assert fr.value("custom.configuration", "advanced") == "avancé"
    assert fr.value("licence_model", "open_source") == "logiciel libre"
    assert en.value("deployment", ["cloud", "on_premise"]) == "cloud (SaaS) and on premise"
    assert fr.value("deployment", ["cloud", "on_premise", "hosted"]) == (
        "cloud (SaaS), sur site et hébergé"
    )
    assert fr.value("company_sizes", ["micro", "small"]) == "micro-entreprise et petite entreprise"
    assert fr.value("sectors", ["manufacturing", "food"]) == (
        "Industrie manufacturière et Agroalimentaire"
    )
    assert fr.value("sec.mfa", None) == "—"
    assert fr.value("deployment", []) == "—"
    # The vendor's own unit wins over the vocabulary's.
    assert fr.value("price.maintenance_rate", 0.2, "share of licence/year") == (
        f"20{NBSP}%{NBSP}de la licence par an"
    )


def test_module_words() -> None:
    assert join(["a", "b", "c"], "fr") == "a, b et c"
    assert join(["a", "b"], "en") == "a and b"
    assert join([], "fr") == "—"
    assert fmt_date(dt.date(2026, 4, 12), "fr") == "12 avr. 2026"
    assert fmt_date("2026-04-12", "en") == "12 Apr 2026"
    # French typography: the first of the month is « 1er » (never « 1 mars »); English "1 Mar"
    assert fmt_date(dt.date(2026, 3, 1), "fr") == "1er mars 2026"
    assert fmt_date(dt.date(2026, 3, 1), "en") == "1 Mar 2026"
    assert number(1234.5, "fr") == f"1{NNBSP}234,5"
    assert number(0.25, "fr") == "0,25"
    assert number(3.0, "en") == "3"
    assert Words("fr").value("reviews.capterra", 4.5) == "4,5/5"
    assert unit("€/user/month", "en") == "€ per user per month"
    assert unit("parsecs", "fr") == "parsecs"
    assert evidence("claim", "fr") == "déclaration de l'éditeur"
    assert evidence("demo", "en") == "seen in a demo"
    assert evidence(None, "fr") == "—"
    assert sector("manufacturing", "fr") == "Industrie manufacturière"
    assert sector("professional_services", "en") == "Professional services"
    assert sector("space_mining", "fr") == "Space mining"
    assert missing_rule("worst", "fr") == "compter la pire valeur"
    assert missing_rule("exclude", "en") == "exclude the vendor from the ranking"
    assert method("wsm", "fr") == "Somme pondérée (WSM)"
    assert method("nope", "fr") == "Nope"
    assert normalisation("topsis", "fr") == "vectorielle (norme euclidienne)"
    assert normalisation("min-max", "en") == "min-max (0 = worst, 1 = best)"


def test_rules_as_sentences() -> None:
    fr, en = Words("fr"), Words("en")
    assert fr.rule(FactRule(fact="sec.mfa", op="is_true")) == (
        "« Authentification à deux facteurs » obligatoire"
    )
    assert fr.rule(FactRule(fact="sectors", op="contains", value="manufacturing")) == (
        "« Secteurs servis » comprend Industrie manufacturière"
    )
    assert en.rule(FactRule(fact="licence_model", op="==", value="open_source")) == (
        "“Licence model” is open source"
    )
    assert fr.rule(FactRule(fact="fit.sector_coverage", op=">=", value=80)) == (
        f"« Couverture des besoins du secteur » au moins 80{NBSP}%"
    )
    assert fr.rule(BudgetRule(tolerance=0.1)) == (
        f"Coût total de possession dans le budget (tolérance 10{NBSP}%)"
    )
    assert en.rule(SectorRule()) == "Serves the company's sector"
    assert fr.rule(RequirementsRule(priorities=["must", "should"])).startswith(
        "Toutes les exigences de priorité Indispensable et Important couvertes"
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_raw_key_for_any_known_word(lang: str) -> None:
    words = Words(lang, default_criteria())
    shown: list[str] = []
    for fact_id, spec in vocabulary().facts.items():
        shown.append(words.fact(fact_id.replace("*", "site")))
        shown += [words.level(fact_id, level) for level in spec.level_names()]
    for vendor in demo_vendors():
        shown += [
            words.value("sectors", vendor.sectors),
            words.value("deployment", vendor.deployment),
        ]
        shown += [words.value(fid, f.value, f.unit) for fid, f in vendor.facts.items()]
        shown += [words.evidence(f.evidence) for f in vendor.facts.values()]
    shown += [missing_rule(r, lang) for r in MISSING_RULES]
    shown += [evidence(e, lang) for e in ("claim", "demo", "reference", "contract")]
    offenders = sorted({s for s in shown if RAW.search(s) or s in ("None", "nan")})
    assert offenders == []
    if lang == "fr":
        assert not any(re.search(r"\d\.\d", s) for s in shown)


def test_fact_text_values_are_the_users_own() -> None:
    fact = Fact(value="Hébergement en France", source="x")
    assert Words("fr").value("sec.data_location", fact.value) == "Hébergement en France"


def test_file_names_keep_their_letters() -> None:
    assert file_stem("Métallerie Duval SAS") == "metallerie-duval-sas"
    assert file_stem("Choix de l'ERP 2026 — Cœur & Œuvre") == "choix-de-l-erp-2026-coeur-oeuvre"
    assert file_stem("«»…") == "project"


def test_a_unit_after_one_is_singular_where_the_language_says_so() -> None:
    # English: singular for exactly 1 ("1 month", "1.5 months"); French: below 2 ("1,5 mois",
    # "1 an", "2 ans") — the grammars' own rule, not our output ("1 months" was printed).
    en, fr = Words("en"), Words("fr")
    assert fr.value("impl.months", 1.5) == f"1,5{NBSP}mois"
    assert en.value("impl.months", 1) == f"1{NBSP}month"
    assert en.value("impl.months", 1.5) == f"1.5{NBSP}months"
    assert unit("years", "fr", 1) == "an"
    assert unit("years", "fr", 1.5) == "an"
    assert unit("years", "fr", 2) == "ans"
    assert unit("days", "en", 1) == "day"
    assert unit("days", "en", 0) == "days"
    assert unit("users", "en") == "users"


def test_a_level_range_reads_in_words_never_keys() -> None:
    fact = Fact(value="standard", low="basic", high="advanced")
    assert Words("fr").fact_value("custom.configuration", fact) == "standard (de basique à avancé)"
    assert Words("en").fact_value("custom.configuration", fact) == "standard (basic to advanced)"
    sure = Fact(value="advanced")
    assert Words("fr").fact_value("custom.configuration", sure) == "avancé"
    number = Fact(value=9.0, low=7.0, high=12.0, unit="months")
    assert Words("fr").fact_value("impl.months", number) == Words("fr").value(
        "impl.months", 9.0, "months"
    )
