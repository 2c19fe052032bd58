"""The board memo: two pages, plain words, the suite's figures, one decision-status sentence."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from erp_select.analysis.parts import labels
from erp_select.explain.decision import decision_status
from erp_select.explain.summary import Summary
from erp_select.model import CriteriaTree, Project
from erp_select.report import render_from
from erp_select.report.compute import ReportInputs, compute
from erp_select.report.context import build_content
from erp_select.report.memo import build_memo
from erp_select.report.memo_notes import cost_lines
from tests.conftest import make_project, make_vendor, text

#: Words a board member must never read in the memo (whole words, or a raw dotted key).
JARGON = re.compile(
    r"Dirichlet|D⁺|D⁻|SMAA|\bNone\b|\bnan\b|\bNaN\b|\b[a-z]+\.[a-z_]*[a-z]_[a-z_]+\b|\bff\."
)


def _plain(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u202f", " ").replace("\u00a0", " "))


def _tree() -> CriteriaTree:
    return CriteriaTree.model_validate(
        {
            "criteria": [
                {
                    "id": "coverage",
                    "label": text("Coverage", "Couverture fonctionnelle"),
                    "weight": 2,
                    "value": {"kind": "linear", "fact": "fit.coverage", "worst": 0, "best": 100},
                },
                {
                    "id": "months",
                    "label": text("Implementation time", "Durée de mise en œuvre"),
                    "weight": 1,
                    "direction": "cost",
                    "unit": "mois",
                    "value": {"kind": "fact", "fact": "impl.months"},
                },
                {
                    "id": "tco",
                    "label": text("5-year cost", "Coût sur 5 ans"),
                    "weight": 1,
                    "value": {"kind": "tco"},
                },
            ]
        }
    )


def _price(per_month: tuple[float, float, float], implementation: float) -> dict[str, Any]:
    low, likely, high = per_month
    return {
        "price__subscription_user_month": {"value": likely, "low": low, "high": high},
        "price__implementation": {
            "value": implementation,
            "low": implementation,
            "high": implementation,
        },
    }


def clear_project() -> Project:
    """Alpha is better than the others on every criterion: a clear winner.

    10 users over 5 years (60 months): Alpha's subscription is 10 × 60 × 80/100/120 €
    = 48 000 / 60 000 / 72 000 €, plus 20 000 € of implementation: 68 000 € to 92 000 €.
    """
    vendors = [
        make_vendor("alpha", fit__coverage=95, impl__months=3, **_price((80, 100, 120), 20_000)),
        make_vendor("beta", fit__coverage=60, impl__months=8, **_price((100, 110, 120), 30_000)),
        make_vendor("gamma", fit__coverage=50, impl__months=10, **_price((110, 120, 130), 30_000)),
    ]
    return make_project(vendors, criteria=_tree(), budget=85_000)


def toss_up_project() -> Project:
    """Alpha and Beta mirror each other (one better on coverage, the other on time and cost)."""
    vendors = [
        make_vendor("alpha", fit__coverage=80, impl__months=6, **_price((95, 100, 105), 20_000)),
        make_vendor("beta", fit__coverage=76, impl__months=5, **_price((90, 95, 100), 20_000)),
        make_vendor("gamma", fit__coverage=40, impl__months=12, **_price((120, 130, 140), 40_000)),
    ]
    return make_project(vendors, criteria=_tree(), budget=200_000)


@pytest.fixture(scope="module")
def clear() -> ReportInputs:
    return compute(clear_project(), sensitivity_samples=400)


@pytest.fixture(scope="module")
def toss_up() -> ReportInputs:
    return compute(toss_up_project(), sensitivity_samples=400)


def memo_pages(inputs: ReportInputs, lang: str, tmp: Path) -> tuple[str, int]:
    """The memo PDF's text, and its page count, checked against its PNG rendering."""
    path = tmp / f"memo-{lang}.pdf"
    path.write_bytes(render_from(inputs, "memo", lang))
    reader = PdfReader(str(path))
    words = _plain(" ".join(page.extract_text() or "" for page in reader.pages))
    if shutil.which("pdftoppm") is not None:
        subprocess.run(
            ["pdftoppm", "-r", "30", "-png", str(path), str(tmp / f"p-{lang}")], check=True
        )
        assert len(list(tmp.glob(f"p-{lang}-*.png"))) == len(reader.pages)
    return words, len(reader.pages)


# ---------------------------------------------------------------- the decision status


def _summary(verdict: str, **facts: Any) -> Summary:
    return Summary(lang="fr", winner="a", verdict=verdict, sentences=[], facts=facts)  # type: ignore[arg-type]


def test_status_of_a_toss_up_names_both_vendors_and_their_shares() -> None:
    s = _summary("toss_up", winner="a", first_share=0.48, runner_up="b", runner_up_share=0.40)
    status = decision_status(s, {"a": "Alpha", "b": "Bêta"}, "fr")
    words = _plain(status.sentence)
    assert status.toss_up and status.rival == "b"
    assert words.startswith("Pas de gagnant net : Alpha arrive en tête")
    assert "face à Bêta" in words and "48 %" in words and "40 %" in words


def test_status_of_a_robust_result_in_english() -> None:
    s = _summary("robust", winner="a", first_share=0.9, runner_up="b", runner_up_share=0.1)
    words = _plain(decision_status(s, {"a": "Alpha", "b": "Beta"}, "en").sentence)
    assert words.startswith("Alpha is the best choice, and the result is solid")
    assert "90%" in words and "10% for Beta" in words


def test_status_without_simulation_falls_back_to_the_nearest_change() -> None:
    s = _summary("fragile", winner="a", nearest_after="c")
    words = _plain(decision_status(s, {"a": "Alpha", "c": "Gamma"}, "fr").sentence)
    assert "Alpha arrive en tête, mais son avance est fragile" in words
    assert "Gamma devant" in words and "%" not in words


def test_memo_report_and_app_say_the_same_status(toss_up: ReportInputs) -> None:
    summary = toss_up.summary("fr")
    assert summary is not None
    sentence = decision_status(summary, labels(toss_up.project, "fr"), "fr").sentence
    assert build_memo(toss_up, "fr").status == sentence
    assert build_content(toss_up, "fr").summary.get("verdict_text") == sentence
    # The app's sensitivity page writes it from the same function and summary.
    page = Path(__file__).parents[2] / "erp_select" / "app" / "pages" / "sensitivity.py"
    assert "decision_status(summary, compute.labels(current, lang), lang)" in page.read_text()


# ---------------------------------------------------------------- content and figures


def test_clear_winner_memo_recommends_it_with_three_reasons_or_fewer(clear: ReportInputs) -> None:
    memo = build_memo(clear, "fr")
    assert clear.order[0] == "alpha"
    assert memo.decision is not None and memo.decision.verdict == "robust"
    assert memo.recommendation == "Retenir ALPHA."
    # Alpha leads on all three criteria against Beta, the next one.
    assert len(memo.points) == 3
    assert all("ALPHA fait mieux que BETA" in p for p in memo.points)


def test_toss_up_memo_asks_to_decide_between_the_two(toss_up: ReportInputs) -> None:
    memo = build_memo(toss_up, "fr")
    assert memo.toss_up, "the hand-built pair must be a toss-up"
    assert {memo.winner, memo.rival} == {"ALPHA", "BETA"}
    assert memo.recommendation.startswith("Décider entre")
    leaders = {p.split(" : ")[1].split(" fait")[0] for p in memo.points}
    assert leaders == {"ALPHA", "BETA"}  # points on each side


def test_budget_comparison_is_hand_worked(clear: ReportInputs) -> None:
    lines, _ = cost_lines(clear, ["alpha", "beta"], "fr")
    alpha, beta = lines
    # 68 000 € to 92 000 € (see clear_project) against 85 000 €: up to 7 000 € over.
    assert (alpha.low, alpha.likely, alpha.high) == (68_000, 80_000, 92_000)
    assert _plain(alpha.range) == "68 000 € à 92 000 €"
    assert _plain(alpha.budget_text) == "peut dépasser le budget (jusqu’à 7 000 € de plus)"
    # Beta: 10 × 60 × 100 € + 30 000 € = 90 000 € at best, above 85 000 €.
    assert beta.low == 90_000 and beta.over and _plain(beta.budget_text) == "au-dessus du budget"
    within = dataclasses.replace(
        clear,
        project=clear.project.model_copy(
            update={"company": clear.project.company.model_copy(update={"budget": 92_000})}
        ),
    )
    assert cost_lines(within, ["alpha"], "fr")[0][0].budget_text == "dans le budget"


def test_memo_figures_are_the_suites(toss_up: ReportInputs) -> None:
    memo = build_memo(toss_up, "en")
    assert toss_up.smaa is not None
    first = toss_up.smaa.first_share
    names = {v.name: v.id for v in toss_up.project.vendors}
    assert memo.bars and all(b.share == float(first[names[b.name]]) for b in memo.bars)
    for line in memo.costs:
        total = toss_up.analysis.performance.tco[names[line.name]].total
        assert (line.low, line.likely, line.high) == (total.low, total.likely, total.high)
    assert memo.winner == toss_up.project.vendor(toss_up.order[0]).name


# ---------------------------------------------------------------- the rendered memo


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_memo_pdf_is_two_pages_of_plain_words(
    clear: ReportInputs, lang: str, tmp_path: Path
) -> None:
    words, pages = memo_pages(clear, lang, tmp_path)
    assert 1 <= pages <= 2
    assert "ALPHA" in words
    budget = "85 000 €" if lang == "fr" else "€85,000"
    assert budget in words
    assert ("peut dépasser le budget" if lang == "fr" else "may exceed the budget") in words
    assert not JARGON.search(words), JARGON.search(words)
    gloss = "distance à l’éditeur idéal" if lang == "fr" else "distance to the ideal vendor"
    if "TOPSIS" in words:
        assert f"TOPSIS ({gloss})" in words


def test_toss_up_memo_pdf_names_both_vendors(toss_up: ReportInputs, tmp_path: Path) -> None:
    words, pages = memo_pages(toss_up, "fr", tmp_path)
    assert pages <= 2
    assert "Décider entre ALPHA et BETA" in words or "Décider entre BETA et ALPHA" in words
    assert "200 000 €" in words
    assert not JARGON.search(words), JARGON.search(words)


def test_demo_memo_is_two_pages_and_opens_the_pdf_report(
    demo_inputs: ReportInputs, tmp_path: Path
) -> None:
    words, pages = memo_pages(demo_inputs, "fr", tmp_path)
    assert pages <= 2
    assert not JARGON.search(words), JARGON.search(words)
    report = PdfReader(io.BytesIO(render_from(demo_inputs, "pdf", "fr")))
    first = _plain(report.pages[0].extract_text() or "").casefold()
    assert "note au comité de direction" in first
    assert "décider entre ferronde et velocitra" in first


# ---------------------------------------------------------------- edges


def test_memo_of_a_single_kept_vendor_and_of_none(tmp_path: Path) -> None:
    from erp_select.report.memo_render import memo_html

    one = compute(
        make_project(
            [
                make_vendor(
                    "alpha", fit__coverage=90, impl__months=4, **_price((80, 100, 120), 20_000)
                )
            ],
            criteria=_tree(),
            budget=100_000,
        ),
        sensitivity_samples=50,
    )
    memo = build_memo(one, "fr")
    assert (
        memo.recommendation
        == "Retenir ALPHA, seul éditeur à satisfaire toutes les exigences éliminatoires."
    )
    assert memo.status == "" and memo.bars == [] and len(memo.costs) == 1
    page = _plain(memo_html(memo))
    assert "ALPHA" in page and not JARGON.search(page)
    rule = {"kind": "budget", "id": "budget", "tolerance": 0.0}
    vendors = clear_project().vendors
    none = compute(
        make_project(vendors, criteria=_tree(), budget=1_000, must_haves=[rule]),
        sensitivity_samples=50,
    )
    memo = build_memo(none, "en")
    assert memo.winner is None and memo.costs == []
    assert memo.recommendation.startswith("No vendor meets every must-have")
    assert _plain(memo_html(memo)).count("Revisit the must-haves") == 1


def test_memo_from_the_command_line(tmp_path: Path) -> None:
    """`erp-select report --format memo --out memo.pdf` writes the memo, not the report."""
    from erp_select.cli import run
    from erp_select.io.project import dump_project

    project = tmp_path / "toss-up.erp-select.json"
    project.write_bytes(dump_project(toss_up_project()))
    out = tmp_path / "memo.pdf"
    args = ["report", "--project", str(project), "--format", "memo", "--lang", "fr"]
    assert run([*args, "--samples", "400", "--out", str(out)]) == 0
    reader = PdfReader(str(out))
    assert len(reader.pages) <= 2
    words = _plain(" ".join(p.extract_text() or "" for p in reader.pages))
    assert "Décider entre" in words and "ALPHA" in words and "BETA" in words
