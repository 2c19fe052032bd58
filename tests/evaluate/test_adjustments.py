"""One sentence per adjustment, in French and English, numbers in each language's format."""

from __future__ import annotations

from erp_select.evaluate import Performance, evaluate
from erp_select.evaluate.adjustments import (
    MARK,
    Adjustment,
    Cell,
    cell_note,
    cell_text,
    describe,
    levels_text,
)
from erp_select.model import Answer, Requirement
from tests.conftest import make_project, make_vendor

NB = "\u202f"  # narrow no-break space: French thousands
NBSP = "\u00a0"


def test_low_price_sentence_fr_en() -> None:
    adj = Adjustment(
        "low_price",
        after=201_300.0,
        before=91_000.0,
        params={"share": 0.2486, "ratio": 0.5, "median": 366_000.0, "penalty": 0.1},
    )
    fr = describe(adj, "fr", "€")
    assert f"366{NB}000{NBSP}€" in fr and f"201{NB}300{NBSP}€" in fr
    assert f"25{NBSP}%" in fr and f"50{NBSP}%" in fr and f"10{NBSP}%" in fr
    en = describe(adj, "en", "€")
    assert "€366,000" in en and "€201,300" in en and "25%" in en


def test_cell_text_shows_both_figures_and_the_mark() -> None:
    cell = Cell("v", "tco", "€", 91_000.0, 201_300.0, 201_300.0, 201_300.0, ())
    assert cell_text(cell, "fr") == f"201{NB}300{NBSP}€"  # no adjustment: one figure
    adj = Adjustment(
        "low_price",
        201_300.0,
        91_000.0,
        {"share": 0.25, "ratio": 0.5, "median": 366_000.0, "penalty": 0.1},
    )
    marked = Cell("v", "tco", "€", 91_000.0, 201_300.0, 201_300.0, 201_300.0, (adj,))
    assert cell_text(marked, "fr") == f"91{NB}000{NBSP}€ → 201{NB}300{NBSP}€ {MARK}"
    assert cell_text(marked, "en") == f"€91,000 → €201,300 {MARK}"
    note = cell_note(marked, "Velocitra", "Coût", "fr")
    assert note.startswith(f"{MARK} Velocitra — Coût : 91{NB}000{NBSP}€ d'après ses faits")


def test_evidence_range_is_no_mark_but_has_its_reason() -> None:
    # 10 users × 12 × 5 × 10 € = 6 000 €, a claim: ± 25 % → 4 500 – 7 500 €
    perf = evaluate(
        make_project(
            [make_vendor("a", price__subscription_user_month={"value": 10, "evidence": "claim"})]
        )
    )
    cell = perf.cell("a", "tco")
    assert not cell.adjusted
    assert (cell.low, cell.high) == (4_500.0, 7_500.0)
    assert levels_text(cell, "fr") == f"déclaration de l'éditeur ± 25{NBSP}%"
    (adj,) = [a for a in cell.adjustments if a.code == "evidence"]
    assert f"4{NB}500{NBSP}€ – 7{NB}500{NBSP}€" in describe(adj, "fr", "€")


def _customised(days: float) -> Performance:
    """One vendor (6 000 € of subscription, a 2 000 € customisation quote, 500 €/day)
    answering one Must requirement by a customisation of ``days`` days."""
    req = Requirement.model_validate(
        {"id": "r1", "process": "p", "text": {"fr": "x", "en": "x"}, "priority": "must"}
    )
    vendor = make_vendor(
        "a",
        answers={"r1": Answer(answer="customisation", effort_days=days)},
        price__subscription_user_month=10,
        price__customisation=2_000,
        price__day_rate=500,
    )
    return evaluate(make_project([vendor], requirements=[req]))


def test_customisation_days_from_the_answers_are_shown_with_the_quote() -> None:
    cell = _customised(10).cell("a", "tco")
    # raw: 6 000 € + the 2 000 € quote; ranked: 6 000 € + 10 days × 500 € = 11 000 €
    assert cell.raw == 8_000.0 and cell.used == 11_000.0
    assert cell.adjusted
    text = cell_text(cell, "fr")
    assert text == f"8{NB}000{NBSP}€ → 11{NB}000{NBSP}€ {MARK}"
    note = cell_note(cell, "A", "CTP", "fr")
    assert "10,0 jours" in note and f"5{NB}000{NBSP}€" in note and f"2{NB}000{NBSP}€" in note


def test_customisation_days_costing_the_quote_leave_the_cell_unmarked() -> None:
    # 4 days × 500 € = 2 000 €, the quote itself: the ranked TCO is the raw one (6 000 € +
    # 2 000 €), so the cell carries no mark; the finding still says where the days come from.
    perf = _customised(4)
    cell = perf.cell("a", "tco")
    assert cell.raw == cell.used == 8_000.0
    assert not cell.adjusted
    assert cell_text(cell, "fr") == f"8{NB}000{NBSP}€"
    assert "customisation_from_answers" in {f.key for f in perf.findings}


def test_a_missing_value_names_its_facts_in_words_not_ids() -> None:
    # The board PDF printed « valeur manquante (sec.mfa, sec.logs, sec.certs) ». The labels
    # are the fact vocabulary's (erp_select/model/facts.yaml); an unlabelled fact reads as
    # words too.
    adj = Adjustment(
        "missing",
        after=0.0,
        before=None,
        params={"facts": ("sec.mfa", "sec.logs", "custom.bespoke_portal"), "rule": "worst"},
    )
    fr = describe(adj, "fr")
    assert "Authentification à deux facteurs" in fr and "Bespoke portal" in fr
    en = describe(adj, "en")
    assert "Two-factor authentication" in en
    for text in (fr, en):
        assert "sec.mfa" not in text and "sec.logs" not in text and "custom." not in text
