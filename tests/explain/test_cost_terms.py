"""The cost terms in sentences, and a change of them in the project's history."""

from __future__ import annotations

from erp_select.explain.changes import change_lines
from erp_select.explain.cost_terms import rate_text, terms_text
from erp_select.model import CostTerms
from erp_select.store import diff_projects
from tests.conftest import make_project, make_vendor


def test_rates_keep_only_the_decimals_they_have() -> None:
    assert rate_text(0.03, "fr") == "3\u00a0%"
    assert rate_text(0.025, "fr") == "2,5\u00a0%"
    assert rate_text(0.0125, "en") == "1.25%"


def test_flat_terms_say_so_and_growth_lists_the_users() -> None:
    project = make_project([make_vendor("a")], erp_users=20, horizon_years=3)
    assert terms_text(CostTerms(), "fr") == [
        "Prix et nombre d'utilisateurs constants sur la durée."
    ]
    (growth,) = terms_text(CostTerms(user_growth=0.25), "en", project.company)
    # 20, 20 × 1.25 = 25, 20 × 1.5625 = 31.25 → 31.
    assert growth == "Users growing by 25% a year: 20 → 25 → 31."


def test_a_change_of_cost_terms_is_one_readable_sentence() -> None:
    old = make_project([make_vendor("a")])
    company = old.company.model_copy(update={"costs": CostTerms(indexation=0.03)})
    new = old.model_copy(update={"company": company})
    lines = change_lines(diff_projects(old, new), old, new, "fr")
    assert lines == [
        "Paramètres de coût : Prix et nombre d'utilisateurs constants sur la durée. → "
        "Coûts récurrents indexés de 3\u00a0% par an (sauf plafond prévu au contrat de l'éditeur)."
    ]
