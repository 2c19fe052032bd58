"""The example project's demonstrations: its generated demo script and three reference calls."""

from __future__ import annotations

import datetime as dt

from erp_select.demos.references import record_call
from erp_select.demos.script import demo_script
from erp_select.model import Project
from erp_select.model.demo_script import ReferenceCall

#: (call, facts it confirms) — fictitious customers of the demo vendors.
_CALLS: tuple[tuple[ReferenceCall, tuple[str, ...]], ...] = (
    (
        ReferenceCall(
            id="call-1",
            vendor="ferronde",
            reference="Nathalie Giraud",
            company="Forges de l'Allier",
            date=dt.date(2026, 4, 22),
            answers={
                "on_time": "Six semaines de retard, dues à la reprise des nomenclatures.",
                "support": "Support en français joignable, réponses en moins d'une journée.",
                "integrator": "Un intégrateur régional, proche et disponible.",
                "differently": "Nettoyer les données articles avant le projet, pas pendant.",
            },
        ),
        ("viability.french_support", "sec.offline_backup", "viability.partners_france"),
    ),
    (
        ReferenceCall(
            id="call-2",
            vendor="velocitra",
            reference="Marc Lefèvre",
            company="Tôlerie Lefèvre",
            date=dt.date(2026, 4, 24),
            answers={
                "on_time": "Dans les temps, périmètre réduit au départ.",
                "integrator": "Intégrateur compétent mais petite équipe, peu disponible en été.",
                "production_floor": "Le calcul des besoins est utilisé tel quel depuis un an.",
                "support": "Pas de support en français : les tickets se traitent en anglais.",
            },
        ),
        ("viability.french_support", "fit.sector_coverage"),
    ),
    (
        ReferenceCall(
            id="call-3",
            vendor="opencadre",
            reference="Sophie Bernard",
            company="Usinage Bernard",
            date=dt.date(2026, 4, 28),
            answers={
                "on_budget": "Budget dépassé de 15 % sur les adaptations.",
                "support": "Support assuré par l'intégrateur, en français.",
            },
            notes="Rappeler pour le retour d'expérience sur la facturation électronique.",
        ),
        ("viability.french_support",),
    ),
)


def with_example_evaluation(project: Project) -> Project:
    """``project`` with its demo script (in French) and the example's reference calls."""
    done = project.model_copy(update={"demo_script": demo_script(project, "fr")})
    for call, facts in _CALLS:
        done = record_call(done, call, list(facts))
    return done


__all__ = ["with_example_evaluation"]
