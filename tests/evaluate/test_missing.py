"""What a missing value means per criterion: hand-worked 3-vendor cases under each rule."""

from __future__ import annotations

from typing import Any

import pytest

from erp_select.errors import InputError
from erp_select.evaluate import evaluate
from erp_select.evaluate.adjustments import MARK, cell_note, cell_text
from erp_select.model import CriteriaTree
from erp_select.pipeline import analyse
from tests.conftest import make_project, make_vendor, text


def _tree(rule: str | None) -> CriteriaTree:
    months: dict[str, Any] = {
        "id": "months",
        "label": text("Implementation time", "Durée de mise en œuvre"),
        "weight": 3,
        "direction": "cost",
        "unit": "mois",
        "value": {"kind": "fact", "fact": "impl.months"},
    }
    if rule is not None:
        months["missing"] = rule
    coverage = {
        "id": "coverage",
        "label": text("Coverage", "Couverture"),
        "weight": 2,
        "value": {"kind": "linear", "fact": "fit.coverage", "worst": 0, "best": 100},
    }
    return CriteriaTree.model_validate({"criteria": [months, coverage]})


def _project(rule: str | None) -> Any:
    # C states no implementation time.
    vendors = [
        make_vendor("a", impl__months=4, fit__coverage=50),
        make_vendor("b", impl__months=6, fit__coverage=90),
        make_vendor("c", fit__coverage=70),
    ]
    return make_project(vendors, criteria=_tree(rule)).model_copy(update={"method": "wsm"})


def _ranks(rule: str | None) -> dict[str, int]:
    analysis = analyse(_project(rule), "wsm")
    assert analysis.result is not None
    return {
        v: int(r) for v, r in zip(analysis.result.alternatives, analysis.result.ranks, strict=True)
    }


# Hand-worked, WSM with min-max normalisation, weights 3/5 (months, a cost) and 2/5:
# coverage scores 50, 90, 70 → normalised 0, 1, 0.5.


def test_worst_takes_the_worst_observed_and_ranks_c_last() -> None:
    perf = evaluate(_project("worst"))
    cell = perf.cell("c", "months")
    assert cell.raw is None and cell.used == 6.0  # worst of 4 and 6 (a cost: the highest)
    assert cell.imputed and cell.adjusted
    # months 4, 6, 6 → 1, 0, 0; scores A .6, B .4, C .2
    assert _ranks("worst") == {"a": 1, "b": 2, "c": 3}


def test_default_rule_is_worst() -> None:
    assert evaluate(_project(None)).cell("c", "months").used == 6.0
    assert _tree(None).node("months").missing_rule == "worst"


def test_neutral_takes_the_median_and_c_moves_up() -> None:
    perf = evaluate(_project("neutral"))
    cell = perf.cell("c", "months")
    assert cell.raw is None and cell.used == 5.0  # median of 4 and 6
    # months 4, 6, 5 → 1, 0, 0.5; scores A .6, B .4, C .3 + .2 = .5
    assert _ranks("neutral") == {"a": 1, "c": 2, "b": 3}


def test_exclude_screens_c_out_with_the_reason() -> None:
    analysis = analyse(_project("exclude"), "wsm")
    assert analysis.screening.excluded == ["c"]
    assert _ranks("exclude") == {"a": 1, "b": 2}
    from erp_select.screen import explain_failure

    (outcome,) = analysis.screening.failures("c")
    reason = explain_failure(outcome, "fr", analysis.project.criteria)
    # The fact in words (the vocabulary's label), not its id.
    assert "Durée de mise en œuvre" in reason and "Délai de mise en œuvre" in reason
    assert "impl.months" not in reason


def test_refuse_names_vendor_criterion_and_fact() -> None:
    with pytest.raises(InputError) as caught:
        evaluate(_project("refuse"))
    (problem,) = caught.value.problems
    fr = problem.render("fr")
    en = problem.render("en")
    # The location names the file's field by its id; the sentence names the fact in words.
    assert "C" in fr and "Durée de mise en œuvre" in fr and "impl.months" in fr
    assert "(Délai de mise en œuvre)" in fr
    assert "Implementation time" in en and "impl.months" in en


def test_refused_project_exits_2_on_the_cli(tmp_path: Any, capsys: Any) -> None:
    from erp_select.cli import run
    from erp_select.io import dump_project

    path = tmp_path / "p.json"
    path.write_bytes(dump_project(_project("refuse")))
    assert run(["--lang", "fr", "rank", "--project", str(path)]) == 2
    assert "impl.months" in capsys.readouterr().err


def test_missing_pricing_is_not_the_cheapest() -> None:
    # Today a vendor without subscription nor licence counts only its other costs.
    vendors = [
        make_vendor("a", price__subscription_user_month=10, sec__mfa=True),
        make_vendor("b", price__subscription_user_month=20, sec__mfa=True),
        make_vendor("c", price__implementation=1000, sec__mfa=True),
    ]
    perf = evaluate(make_project(vendors))
    # 10 users × 12 months × 5 years × 10 € = 6 000 €, × 20 € = 12 000 €
    cell = perf.cell("c", "tco")
    assert cell.raw is None
    assert cell.used == 12_000.0


def test_neutral_checklist_counts_missing_items_as_the_majority() -> None:
    tree = _checklist_tree("neutral")
    vendors = [
        make_vendor("a", sec__mfa=True, sec__logs=True, sec__certs=["iso27001"]),
        make_vendor("b", sec__mfa=True, sec__logs=False, sec__certs=[]),
        make_vendor("c", sec__logs=True, sec__certs=[]),  # says nothing about MFA
    ]
    perf = evaluate(make_project(vendors, criteria=tree))
    cell = perf.cell("c", "controls")
    # weights mfa 2, logs 1, certs 1: C has logs (1/4) and MFA counts as the majority of
    # A and B (both yes): (1 + 2) / 4 = 75
    assert cell.used == pytest.approx(75.0)
    assert cell.raw is None and cell.imputed


def test_worst_checklist_counts_missing_items_absent() -> None:
    vendors = [
        make_vendor("a", sec__mfa=True, sec__logs=True, sec__certs=["iso27001"]),
        make_vendor("c", sec__logs=True, sec__certs=[]),
    ]
    perf = evaluate(make_project(vendors, criteria=_checklist_tree(None)))
    assert perf.cell("c", "controls").used == pytest.approx(25.0)  # logs only: 1 / 4
    assert perf.no_data() == []  # C states some of the checklist's facts


def _checklist_tree(rule: str | None) -> CriteriaTree:
    leaf: dict[str, Any] = {
        "id": "controls",
        "label": text("Controls", "Contrôles"),
        "value": {
            "kind": "checklist",
            "items": [
                {"fact": "sec.mfa", "weight": 2},
                {"fact": "sec.logs", "weight": 1},
                {"fact": "sec.certs", "item": "iso27001", "weight": 1},
            ],
        },
    }
    if rule:
        leaf["missing"] = rule
    return CriteriaTree.model_validate({"criteria": [leaf]})


def _reviews_tree(rule: str) -> CriteriaTree:
    return CriteriaTree.model_validate(
        {
            "criteria": [
                {
                    "id": "rating",
                    "label": text("Reviews", "Avis"),
                    "missing": rule,
                    "value": {"kind": "reviews", "prior_mean": 3.5, "prior_count": 10},
                }
            ]
        }
    )


def test_reviews_neutral_is_the_prior_and_worst_the_lowest_observed() -> None:
    vendors = [
        make_vendor("a", reviews__g2={"value": 4.5, "count": 10}),  # (35 + 45) / 20 = 4.0
        make_vendor("b", reviews__g2={"value": 2.5, "count": 10}),  # (35 + 25) / 20 = 3.0
        make_vendor("c"),
    ]
    neutral = evaluate(make_project(vendors, criteria=_reviews_tree("neutral")))
    assert neutral.cell("c", "rating").used == pytest.approx(3.5)
    worst = evaluate(make_project(vendors, criteria=_reviews_tree("worst")))
    assert worst.cell("c", "rating").used == pytest.approx(3.0)


def test_criterion_nobody_has_is_reported() -> None:
    vendors = [make_vendor("a", fit__coverage=50), make_vendor("b", fit__coverage=60)]
    perf = evaluate(make_project(vendors, criteria=_tree("worst")))
    assert perf.no_data() == ["months"]


def test_marked_cell_text_and_note() -> None:
    perf = evaluate(_project("neutral"))
    cell = perf.cell("c", "months")
    assert cell_text(cell, "fr") == f"— → 5 mois {MARK}"
    note = cell_note(cell, "C", "Durée de mise en œuvre", "fr")
    assert "médiane" in note and "5 mois" in note and "(règle du critère)" in note
    assert not perf.cell("a", "months").adjusted


def test_a_rule_on_an_inner_node_is_refused() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        CriteriaTree.model_validate(
            {
                "criteria": [
                    {
                        "id": "fam",
                        "label": text("F"),
                        "missing": "worst",
                        "children": [
                            {
                                "id": "x",
                                "label": text("X"),
                                "value": {"kind": "fact", "fact": "x"},
                                "direction": "cost",
                            }
                        ],
                    }
                ]
            }
        )
