"""The demo vendors' questionnaire answers: comments that speak about their requirement."""

from __future__ import annotations

import re
import unicodedata

import pytest

from erp_select.catalogue import demo_vendors
from erp_select.io.questionnaire import sector_template, template_sectors
from erp_select.model import VendorProfile

#: Topics a comment may name, each with the words that mark it in a comment and the words
#: the requirement must contain for the comment to be about it (folded, prefix match).
#: Hand-listed from the templates' texts: a comment naming e-invoicing under a payroll
#: requirement talks about something else.
TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "e-invoicing": (
        ("plateforme agree", "facturation electronique", "factures electroniques", "factur-x"),
        ("electronique", "plateforme agree", "e-reporting"),
    ),
    "gdpr": (("rgpd", "donnees personnelles"), ("rgpd", "donnees personnelles")),
    "payroll": (("paie",), ("paie",)),
    "vat": (("tva", "ca3"), ("tva",)),
    "banking": (("sepa", "releves bancaires"), ("sepa", "bancaire", "releves")),
    "mrp": (("calcul des besoins", "mrp"), ("besoins", "mrp")),
    "quality": (("qualite", "non-conformite"), ("qualite", "non-conformite")),
}

#: Words that say nothing about what a partner add-on does.
NEUTRAL = frozenset(
    {
        *("couvert", "module", "modules", "partenaire", "partenaires", "certifie"),
        *("certifiee", "integre", "integree", "integrateur", "editeur", "solution"),
        *("extension", "communaute", "communautaire", "maintenu", "propose", "depuis"),
        *("reliee", "relie", "interface", "interfacee", "chiffre", "version"),
    }
)


def fold(text: str) -> str:
    """Lower case without accents or typographic apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stems(text: str) -> set[str]:
    """Six-letter stems of the words of five letters or more, neutral words left out."""
    words = re.findall(r"[a-z0-9-]{5,}", fold(text))
    return {w[:6] for w in words if w not in NEUTRAL}


def unrelated(comment: str, requirement: str, answer: str) -> list[str]:
    """Why ``comment`` does not speak about ``requirement`` (empty when it does).

    A comment naming a topic (e-invoicing, GDPR, payroll…) whose words the requirement
    lacks is off topic; a partner add-on's comment must also share a word with its
    requirement (the questionnaire asks the vendor to say which add-on covers it).
    """
    c, r = fold(comment), fold(requirement)
    reasons = [
        f"names {topic}"
        for topic, (marks, needs) in TOPICS.items()
        if any(m in c for m in marks) and not any(n in r for n in needs)
    ]
    if answer == "partner_addon" and not stems(comment) & stems(requirement):
        reasons.append("shares no word with its requirement")
    return reasons


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {
        r.id: r.text.fr
        for sector in template_sectors()
        for r in sector_template(sector).requirements
    }


@pytest.fixture(scope="module")
def vendors() -> list[VendorProfile]:
    return demo_vendors()


PASTED = (
    "Couvert par le module d'un partenaire certifié"
    " (plateforme agréée pour la facturation électronique)."
)


@pytest.mark.parametrize(
    ("comment", "requirement", "answer", "off_topic"),
    [
        # The pasted e-invoicing comment under a bank-transfer requirement: off topic.
        (
            PASTED,
            "Virements et prélèvements SEPA générés à partir des échéances.",
            "partner_addon",
            True,
        ),
        # … and under a multi-company requirement that mentions invoicing, still off topic.
        (
            PASTED,
            "Plusieurs sociétés dans une même base, avec facturation intersociétés.",
            "partner_addon",
            True,
        ),
        # The same comment under the e-invoicing requirement it was written for: fine.
        (
            PASTED,
            "Recevoir les factures électroniques via une plateforme agréée dès septembre 2026.",
            "partner_addon",
            False,
        ),
        # A partner add-on comment that names no topic and shares no word: off topic.
        (
            "Couvert par le module d'un partenaire certifié.",
            "Nomenclatures multiniveaux avec versions.",
            "partner_addon",
            True,
        ),
        # A specific comment: fine.
        (
            "Module de nomenclatures multiniveaux d'un partenaire, avec leurs versions.",
            "Nomenclatures multiniveaux avec versions et dates de validité.",
            "partner_addon",
            False,
        ),
        # A neutral comment on a customisation says nothing off topic.
        (
            "Développement spécifique chiffré par notre intégrateur.",
            "Configurateur de produits pour les variantes.",
            "customisation",
            False,
        ),
        # Payroll named under a GDPR requirement: off topic.
        (
            "Prévu avec le connecteur de paie.",
            "RGPD : durées de conservation des données personnelles.",
            "roadmap",
            True,
        ),
    ],
)
def test_the_detector_on_hand_made_cases(
    comment: str, requirement: str, answer: str, off_topic: bool
) -> None:
    assert bool(unrelated(comment, requirement, answer)) is off_topic


def test_every_demo_comment_speaks_about_its_requirement(
    vendors: list[VendorProfile], texts: dict[str, str]
) -> None:
    found = [
        (v.id, rid, reason)
        for v in vendors
        for rid, a in v.answers.items()
        if a.comment
        for reason in unrelated(a.comment, texts[rid], a.answer)
    ]
    assert found == []


def test_partner_addon_comments_are_not_one_pasted_text(vendors: list[VendorProfile]) -> None:
    comments = {
        v.id: [a.comment for a in v.answers.values() if a.answer == "partner_addon"]
        for v in vendors
    }
    assert sum(len(c) for c in comments.values()) >= 12
    for vendor, said in comments.items():
        # Every add-on is described, and each for its own requirement: a vendor never
        # repeats one comment under two requirements.
        assert all(said), vendor
        assert len(set(said)) == len(said), vendor
