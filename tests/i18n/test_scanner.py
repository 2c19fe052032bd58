"""The word scanner on hand-written sentences: what it must catch and what it must let by."""

from __future__ import annotations

import pytest

from tests.i18n.words import Lang, scan


def _reasons(text: str, lang: Lang = "fr", verbatim: tuple[str, ...] = ()) -> list[str]:
    return [f.reason for f in scan(text, lang, verbatim)]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Fait requis : custom.rest_api", "raw dotted key"),
        ("sec.mfa", "raw dotted key"),
        ("Modèle : licence_model", "raw snake_case key or slug"),
        ("retail, wholesale, professional_services", "raw snake_case key or slug"),
        ("Taille : micro|small", "raw values joined by |"),
        ("Preuve : None", "None (Python's empty value)"),
        ("nan", "nan/NaN (a missing number shown raw)"),
        ("Couverture NaN %", "nan/NaN (a missing number shown raw)"),
        ("True", "True/False (a Python boolean)"),
        ("judgments: [{'participant': 'Alice'}]", "Python or JSON structure (repr)"),
        ("<erp_select.model.Project object at 0x7f3a2b>", "Python or JSON structure (repr)"),
        ("Decimal('10.5')", "Python or JSON structure (repr)"),
        ("np.float64(0.25)", "Python or JSON structure (repr)"),
        ("Bonjour {name}", "unfilled message placeholder"),
        ("Poids : 0.2", "decimal point in French (write 0,2)"),
        ("10.00", "decimal point in French (write 0,2)"),
        ("−0.06", "decimal point in French (write 0,2)"),
        ("Budget : 800000 €", "number without French thousands grouping (write 800 000)"),
        ("Normalisation : vector", "English word in fr text"),
        ("distance to best (min-max)", "English word in fr text"),
        ("Score Weighted sum (WSM)", "English word in fr text"),
        ("Choose an option", "English word in fr text"),
        ("Limit 5MB per file", "English word in fr text"),
        ("3,0 months", "English word in fr text"),
        ("€/user/month", "English word in fr text"),
        ("share of licence/year", "English word in fr text"),
        ("1 alertes", "plural after 1"),
        ("Il reste 1 éditeurs", "plural after 1"),
    ],
)
def test_french_text_offences_are_caught(text: str, reason: str) -> None:
    assert reason in _reasons(text, "fr")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Poids du critère", "French word in en text"),
        ("Price per user, per mois", "French word in en text"),
        ("Weight: 0,2", "decimal comma in English (write 0.2)"),
        ("Evidence: None", "None (Python's empty value)"),
        ("Cell: None.", "None (Python's empty value)"),
        ("custom.rest_api", "raw dotted key"),
        ("Sectors: retail, professional_services", "raw snake_case key or slug"),
        ("1 vendors excluded", "plural after 1"),
    ],
)
def test_english_text_offences_are_caught(text: str, reason: str) -> None:
    assert reason in _reasons(text, "en")


@pytest.mark.parametrize(
    "text",
    [
        "Classement des éditeurs : score pondéré 0,82 (12,5 %)",
        "Budget : 800 000 € sur 5 ans, 1 234,5 € par utilisateur",
        "Téléchargez projet-metallerie.json ou écrivez à contact@exemple.fr",
        "Voir https://cyber.gouv.fr/publications/guide.html pour le détail",
        "scikit-criteria 0.8.7 ; Python 3.11.9",
        "Date : 2026-03-16",
        "Option retenue : une licence SaaS en mode cloud, hors support standard",
        "Le thé de l’atelier",
        "Solution low-code et open-source",
        "TOPSIS, WSM, AHP (Saaty)",
        "Exigences impératives (2)",
        "1 alerte, 1 mois, 1 fois, 11 alertes, 2,1 jours, 1 234 éditeurs, 0,1 mois",
        "Rejoignez l’atelier : /join?lang=fr&code=ABCDE-FGHJK",
        "ERP libre sous licence open source",
        "Certifications : ISO 27001 et SOC 2 ; ISO/IEC 27002",
        "Les listes s’écrivent « a|b » (par exemple « cloud|hébergé »)",
    ],
)
def test_clean_french_passes(text: str) -> None:
    assert scan(text, "fr") == []


@pytest.mark.parametrize(
    "text",
    [
        "None of the vendors is excluded, e.g. when a fact is missing",
        "Budget: €800,000 over 5 years, 12.5 % of the licence",
        "Weight 0.2; sorted by score",
        "Non-negotiable rules; et al.",
        "Export to report.xlsx",
        "1 alert, 1 analysis, 21 alerts; 1 is kept",
    ],
)
def test_clean_english_passes(text: str) -> None:
    assert scan(text, "en") == []


def test_verbatim_user_text_is_exempt_from_the_word_rule_only() -> None:
    name = "Sophie Lefèvre (responsable des achats)"
    assert scan(f"Participant: {name}", "en", verbatim=(name,)) == []
    assert "French word in en text" in _reasons(f"Participant: {name}", "en")
    # a raw key stays an offence even inside a typed string
    assert _reasons("note custom.rest_api", "en", verbatim=("note custom.rest_api",)) == [
        "raw dotted key"
    ]


def test_a_finding_shows_the_snippet_in_its_context() -> None:
    (finding,) = scan("Le fait custom.rest_api manque", "fr")
    assert "[custom.rest_api]" in finding.snippet
    assert finding.snippet.startswith("Le fait")
