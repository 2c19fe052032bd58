"""Build the demo project (a French manufacturing SME) from the bundled catalogue.

Run ``python -m erp_select.report.demo [path]`` to (re)write ``examples/demo-project.json``.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from erp_select.catalogue import ROOT, default_criteria, demo_integrators, demo_vendors, presets
from erp_select.demos.example import with_example_evaluation
from erp_select.io.questionnaire import sector_template
from erp_select.model import (
    BudgetRule,
    CompanyProfile,
    CostTerms,
    CriteriaTree,
    CriterionRule,
    FactRule,
    Project,
    Text,
    VendorProfile,
)
from erp_select.model.fingerprint import canonical_json
from erp_select.model.judgments import AhpJudgment, Comparison, DirectJudgment, Judgment
from erp_select.scoring.adopt import scored_project
from erp_select.scoring.cards import DemoAnswer
from erp_select.weights.tree import apply_weight_levels

#: Where the demo project file lives in the repository.
DEMO_PROJECT_FILE = ROOT / "examples" / "demo-project.json"

# A fixed date, so that the demo file is the same byte for byte on every build.
_WORKSHOP = dt.datetime(2026, 5, 4, 9, 30, tzinfo=dt.UTC)

_TOP = ("sector_fit", "customisability", "security", "price", "reviews")

# Each participant's pairwise judgments on the five families (Saaty's 1/9…9 scale), in
# the order a, b of ``_TOP`` pairs: sector/custom, sector/security, sector/price,
# sector/reviews, custom/security, custom/price, custom/reviews, security/price,
# security/reviews, price/reviews.
_AHP: dict[str, tuple[float, ...]] = {
    "Claire Martin (directrice générale)": (3, 2, 1, 4, 1, 1 / 2, 2, 1 / 2, 2, 3),
    "Karim Benali (directeur administratif et financier)": (
        2,
        2,
        1 / 2,
        3,
        1,
        1 / 3,
        2,
        1 / 3,
        2,
        5,
    ),
    "Sophie Lefèvre (directrice de production)": (3, 4, 3, 5, 2, 1, 3, 1 / 2, 1, 2),
}


#: Which demo integrators deploy which demo vendors (each pair is ranked on its own).
INTEGRATOR_PAIRS: dict[str, list[str]] = {
    "maillonet": ["rhone-numerique", "septentrion"],
    "praxelia": ["atelier-erp", "rhone-numerique"],
    "quaivia": ["septentrion", "atelier-erp"],
}


def demo_partnered_vendors() -> list[VendorProfile]:
    """The demo vendors, those of :data:`INTEGRATOR_PAIRS` listing their integrators."""
    return [
        v.model_copy(update={"integrators": INTEGRATOR_PAIRS[v.id]})
        if v.id in INTEGRATOR_PAIRS
        else v
        for v in demo_vendors()
    ]


def _pairs() -> list[tuple[str, str]]:
    return [(a, b) for i, a in enumerate(_TOP) for b in _TOP[i + 1 :]]


def demo_judgments() -> list[Judgment]:
    """Return the demo workshop's judgments.

    Three participants compare the five criteria families pairwise (AHP); the production
    director shares 100 points among the three sector-fit criteria.

    Returns
    -------
    list[Judgment]
        Judgments dated at the (fixed) workshop date.
    """
    out: list[Judgment] = []
    for person, values in _AHP.items():
        comparisons = [
            Comparison(a=a, b=b, value=v) for (a, b), v in zip(_pairs(), values, strict=True)
        ]
        out.append(AhpJudgment(participant=person, created=_WORKSHOP, comparisons=comparisons))
    out.append(
        DirectJudgment(
            participant="Sophie Lefèvre (directrice de production)",
            node="sector_fit",
            created=_WORKSHOP,
            points={"sector_coverage": 50, "sector_references": 20, "vertical_solution": 30},
        )
    )
    return out


# The demo round of 5 May 2026: the three evaluators scored the shortlisted vendors'
# scripted demos on the anchored scale 1–5 (None = « not shown »), each on their own.
_DEMO_DAY = dt.date(2026, 5, 5)
_DEMO_CARDS: dict[str, dict[tuple[str, str], int | None]] = {
    "Claire Martin": {
        ("ferronde", "configuration_depth"): 5,
        ("ferronde", "upgrade_safety"): 4,
        ("velocitra", "configuration_depth"): 2,
        ("velocitra", "upgrade_safety"): 4,
        ("opencadre", "configuration_depth"): 5,
        ("opencadre", "upgrade_safety"): 3,
        ("gestalune", "configuration_depth"): 3,
    },
    "Karim Benali": {
        ("ferronde", "configuration_depth"): 4,
        ("ferronde", "upgrade_safety"): 4,
        ("velocitra", "configuration_depth"): 4,
        ("velocitra", "upgrade_safety"): 3,
        ("opencadre", "configuration_depth"): 3,
        ("opencadre", "upgrade_safety"): None,
        ("gestalune", "configuration_depth"): 3,
    },
    "Sophie Lefèvre": {
        ("ferronde", "configuration_depth"): 5,
        ("ferronde", "upgrade_safety"): 3,
        ("velocitra", "configuration_depth"): 5,
        ("velocitra", "upgrade_safety"): 4,
        ("opencadre", "configuration_depth"): 4,
        ("opencadre", "upgrade_safety"): 1,
        ("gestalune", "configuration_depth"): 4,
    },
}
#: What the group agreed on after discussing the widest spread (the others keep the mean).
_DEMO_AGREED = {
    ("velocitra", "configuration_depth"): (
        3.0,
        "le workflow d'achat a demandé un développement ; le reste est paramétrable",
    ),
}


@dataclass(frozen=True)
class _DemoRound:
    number: int
    vendors: tuple[str, ...]
    criteria: tuple[str, ...]


def demo_cards() -> list[tuple[int, DemoAnswer]]:
    """The demo round's scorecards, one per evaluator (seat 1, 2, 3)."""
    out: list[tuple[int, DemoAnswer]] = []
    for seq, scores in enumerate(_DEMO_CARDS.values(), start=1):
        items = [
            {"vendor": v, "criterion": c, "confidence": "high"}
            | ({"score": s} if s is not None else {"not_shown": True})
            for (v, c), s in scores.items()
        ]
        out.append((seq, DemoAnswer.model_validate({"kind": "demo", "scores": items})))
    return out


def with_demo_round(project: Project) -> Project:
    """``project`` with the demo round's agreed scores adopted as « demo » facts."""
    cards = demo_cards()
    pairs = [key for scores in _DEMO_CARDS.values() for key in scores]
    rnd = _DemoRound(
        1, tuple(dict.fromkeys(v for v, _ in pairs)), tuple(dict.fromkeys(c for _, c in pairs))
    )
    names = dict(enumerate(_DEMO_CARDS, start=1))
    adopted, _ = scored_project(
        project,
        rnd,
        cards,
        names,
        title="Choix de l'ERP 2026",
        decided=_DEMO_AGREED,
        day=_DEMO_DAY,
        lang="fr",
    )
    return adopted


def _with_low_price_penalty(tree: CriteriaTree, penalty: float) -> CriteriaTree:
    """Return ``tree`` with every TCO criterion penalising implausibly low prices."""
    data = tree.model_dump(mode="json")

    def visit(nodes: list[dict[str, Any]]) -> None:
        for node in nodes:
            value = node.get("value")
            if isinstance(value, dict) and value.get("kind") == "tco":
                value["low_price_penalty"] = penalty
            visit(node.get("children") or [])

    visit(data["criteria"])
    return CriteriaTree.model_validate(data)


def demo_project() -> Project:
    """Return the demo project: a French manufacturing SME choosing among the demo vendors.

    The company (fictitious) makes metal parts, has 50 ERP users, a 5-year horizon and a
    budget of 800 000 € excluding VAT. The criteria start from the bundled manufacturing
    preset; the top-level and sector-fit weights come from the workshop's judgments
    (:func:`demo_judgments`, merged by :func:`erp_select.weights.group.group_tree`).
    Four must-haves screen the 14 demo vendors: serving manufacturing, two-factor
    authentication, a review rating of at least 4/5 and the budget. Most vendors fail the
    sector rule; Halvardis misses the budget and the rating only narrowly (a near miss).
    The TCO criterion raises a price below half the peers' median to that floor + 10 %, so
    an implausibly low price earns no advantage (the demo catalogue has one).
    The project carries the bundled manufacturing requirements template, which four demo
    vendors answered (Ferronde, Gestalune, Halvardis, OpenCadre): their requirement fit
    comes from those answers; the others fall back on the coverage they state.

    Returns
    -------
    Project
        The validated project, the same on every call.
    """
    from erp_select.weights.group import group_tree

    tree = default_criteria().with_weights(presets()["manufacturing"].weights)
    judgments = demo_judgments()
    _, levels = group_tree(tree, judgments)
    # Round the group weights so the file stays readable; only their ratios matter.
    tree = apply_weight_levels(
        tree, [(lv.node, {k: round(w, 4) for k, w in lv.weights.items()}) for lv in levels]
    )
    tree = _with_low_price_penalty(tree, 0.1)
    must_haves = [
        FactRule(
            id="serves-manufacturing",
            label=Text(
                fr="L'éditeur sert l'industrie manufacturière",
                en="The vendor serves manufacturing",
            ),
            fact="sectors",
            op="contains",
            value="manufacturing",
        ),
        FactRule(
            id="two-factor-auth",
            label=Text(
                fr="Authentification à deux facteurs (mesure prioritaire de l'ANSSI)",
                en="Two-factor authentication (a priority measure of ANSSI)",
            ),
            fact="sec.mfa",
            op="is_true",
        ),
        CriterionRule(
            id="rating-4",
            criterion="review_rating",
            op=">=",
            value=4.0,
            near_miss=0.05,
        ),
        BudgetRule(id="budget", tolerance=0.0, near_miss=0.1),
    ]
    company = CompanyProfile(
        name="Métallerie Duval SAS",
        sector="manufacturing",
        size="medium",
        erp_users=50,
        horizon_years=5,
        budget=800_000.0,
        must_haves=must_haves,
        # Internal staff valued at 450 € a day (the vendors' price.internal_days); prices
        # stay flat and undiscounted, as the consultant's first pass.
        costs=CostTerms(internal_day_cost=450.0),
    )
    project = Project(
        name="Choix de l'ERP 2026 — Métallerie Duval",
        company=company,
        criteria=tree,
        vendors=demo_partnered_vendors(),
        integrators=demo_integrators(),
        judgments=judgments,
        requirements=sector_template("manufacturing").requirements,
        # The reference date of the review ratings: without it the demo would rank
        # differently as the months pass (ratings age, one falls under the must-have).
        as_of=dt.date(2026, 5, 6),
        method="topsis",
        seed=2026,
    )
    # A finished demo round (erp_select.scoring), then the demo script and three reference
    # calls (erp_select.demos.example).
    return with_example_evaluation(with_demo_round(project))


def demo_project_bytes(project: Project | None = None) -> bytes:
    """Return the project file bytes of the demo project (or of ``project``).

    Uses :func:`erp_select.io.dump_project` when the io package provides it, otherwise the
    canonical JSON of the model (the same data; keys sorted).

    Returns
    -------
    bytes
        UTF-8 JSON with ``format`` and ``schema_version``.
    """
    proj = project if project is not None else demo_project()
    try:
        from erp_select.io import dump_project  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return canonical_json(proj)
    data: bytes = dump_project(proj)
    return data


def write_demo_project(path: Path = DEMO_PROJECT_FILE) -> Path:
    """Write the demo project file to ``path`` and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(demo_project_bytes())
    return path


def main(argv: list[str] | None = None) -> int:
    """Entry point: write the demo project to the path given, or to the default file."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else DEMO_PROJECT_FILE
    write_demo_project(target)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
