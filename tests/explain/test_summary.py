"""Tests of the plain-language robustness summary: numbers from the tables, fr/en, verdict."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from erp_select.errors import InputError
from erp_select.explain.summary import format_value, robustness_summary, robustness_verdict
from erp_select.i18n import fmt_money, fmt_percent
from erp_select.sensitivity.curves import weight_crossovers
from erp_select.sensitivity.smaa import run_smaa
from erp_select.sensitivity.stability import stability_intervals
from erp_select.sensitivity.what_it_takes import what_it_takes

# Weighted sum with columns on [0, 1]: at w = (0.3, 0.7), B (0.7) beats C (0.617) and A (0.3).
X = np.array([[1.0, 0.0], [0.0, 1.0], [0.617, 0.617]])
OBJ = ["max", "max"]
W = [0.3, 0.7]
ALTS = ["a", "b", "c"]
CRITS = ["price", "fit"]
LABELS = {"a": "Alpha", "b": "Beta", "c": "Gamma", "price": "coût", "fit": "adéquation"}


@pytest.fixture(scope="module")
def results():
    return {
        "smaa": run_smaa(X, OBJ, None, "wsm", n=20_000, seed=0, alternatives=ALTS, criteria=CRITS),
        "crossovers": weight_crossovers(X, OBJ, W, "wsm", ALTS, CRITS),
        "stability": stability_intervals(X, OBJ, W, "wsm", ALTS, CRITS),
        "what": what_it_takes(X, OBJ, W, "wsm", ALTS, CRITS),
    }


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_sentences_carry_the_numbers_of_the_tables(results, lang: str) -> None:
    summary = robustness_summary(
        smaa=results["smaa"],
        crossovers=results["crossovers"],
        what=results["what"],
        labels=LABELS,
        units={"fit": "EUR"},
        lang=lang,
    )
    text = summary.text
    assert summary.winner == "b"
    share = results["smaa"].acceptability.loc["b", 1]
    assert summary.facts["first_share"] == share
    assert fmt_percent(share, lang) in summary.sentences[0] and "Beta" in summary.sentences[0]
    # the nearest change of winner is the smallest |weight - current| among the crossovers
    # that leave b: by hand, price up to 0.383 or fit down to 0.617 (both 0.083 away)
    cross = results["crossovers"]
    gaps = (cross["weight"] - cross["current_weight"]).abs()
    assert summary.facts["nearest_gap"] == pytest.approx(gaps.min())
    assert summary.facts["nearest_gap"] == pytest.approx(0.083)
    assert fmt_percent(summary.facts["nearest_weight"], lang) in text
    assert summary.facts["nearest_after"] == "c" and "Gamma" in text
    # closest challenger by one value: Gamma's fit must rise to (0.7 - 0.3·0.617)/0.7
    best = results["what"].best_value_changes.loc["c"]
    assert summary.facts["challenger_required"] == best["required"]
    assert fmt_percent(best["change_pct"], lang) in text
    assert fmt_money(best["required"], lang) in text
    assert "sensitivity." not in text and "{" not in text
    # b is first in 38.3 % of uniform weights (t < 0.383): a toss-up by the stated rule
    assert summary.verdict == "toss_up"
    assert fmt_percent(0.5, lang) in summary.sentences[-1]


def test_french_and_english_differ_and_use_french_typography(results) -> None:
    fr = robustness_summary(crossovers=results["crossovers"], what=results["what"], lang="fr")
    en = robustness_summary(crossovers=results["crossovers"], what=results["what"], lang="en")
    assert fr.text != en.text
    assert "«" in fr.text and "Verdict :" in fr.text
    assert fr.facts == en.facts


def test_stability_table_alone_gives_the_nearest_bound(results) -> None:
    summary = robustness_summary(stability=results["stability"], lang="en")
    assert summary.facts["nearest_gap"] == pytest.approx(0.083)
    assert summary.verdict == "fragile"  # not simulated, a crossover 0.083 < 0.10 away
    assert ";" not in summary.sentences[0]  # who comes after is unknown from this table


def test_no_crossover_at_all_reads_so() -> None:
    x = np.array([[2.0, 2.0], [1.0, 1.0]])  # A dominates B
    summary = robustness_summary(
        crossovers=weight_crossovers(x, OBJ, W, "wsm"),
        smaa=run_smaa(x, OBJ, None, "wsm", n=500),
        lang="en",
    )
    assert summary.verdict == "robust"
    assert summary.facts["nearest_gap"] == float("inf")
    assert "No single weight" in summary.text
    assert fmt_percent(1.0, "en") in summary.sentences[0]


def test_impossible_value_change_is_said(results) -> None:
    what = results["what"]
    empty = what.best_value_changes.iloc[0:0]
    blocked = type(what)(
        winner=what.winner,
        weight_changes=what.weight_changes,
        new_weights=what.new_weights,
        value_changes=what.value_changes,
        best_value_changes=empty,
    )
    summary = robustness_summary(crossovers=results["crossovers"], what=blocked, lang="fr")
    assert "Aucun changement" in summary.text


@pytest.mark.parametrize(
    ("first", "rival", "gap", "expected"),
    [
        (0.70, 0.10, 0.10, "robust"),
        (0.69, 0.10, 0.50, "fragile"),
        (0.90, 0.00, 0.05, "fragile"),
        (0.49, 0.00, 0.50, "toss_up"),
        (0.60, 0.51, 0.50, "toss_up"),
        (0.90, 0.00, 0.019, "toss_up"),
        (None, None, 0.20, "robust"),
        (None, None, 0.05, "fragile"),
        (None, None, None, "robust"),
    ],
)
def test_verdict_thresholds(first, rival, gap, expected) -> None:
    assert robustness_verdict(first, rival, gap) == expected


def test_values_are_formatted_by_unit() -> None:
    assert format_value(1234.5, "EUR", "fr") == fmt_money(1234.5, "fr")
    assert format_value(12.5, "mois", "fr") == "12,5 mois"
    assert format_value(3.0, None, "en") == "3"
    assert format_value(71.5, "%", "en") == "71.5%"
    assert format_value(71.5, "%", "fr") == "71,5 %"


def test_nothing_to_summarise_is_refused() -> None:
    with pytest.raises(InputError) as err:
        robustness_summary(what=None, lang="fr")
    assert "résumé" in err.value.render("fr")


def test_acceptability_table_is_accepted_directly() -> None:
    table = pd.DataFrame([[0.81, 0.19], [0.19, 0.81]], index=["a", "b"], columns=[1, 2])
    summary = robustness_summary(smaa=table, lang="fr")
    assert (
        summary.sentences[0] == f"a arrive en tête dans {fmt_percent(0.81, 'fr')} des simulations."
    )
    assert summary.verdict == "robust"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_flagged_value_quotes_the_real_one_and_the_ranked_one_as_such(results, lang) -> None:
    # Gamma's "fit" is said to be really 0.25 but ranked at the penalised 0.617; the
    # challenger sentence must quote both, each for what it is.
    summary = robustness_summary(
        crossovers=results["crossovers"],
        what=results["what"],
        labels=LABELS,
        units={"fit": "pts"},
        real_values={("c", "fit"): 0.25},
        lang=lang,
    )
    best = results["what"].best_value_changes.loc["c"]
    assert best["criterion"] == "fit"
    sentence = next(
        s for s in summary.sentences if "Gamma" in s and format_value(0.25, "pts", lang) in s
    )
    assert (
        format_value(0.617, "pts", lang) in sentence
    )  # the ranked (penalised) value, named as such
    assert format_value(best["required"], "pts", lang) in sentence
    assert ("suspiciously low" if lang == "en" else "anormalement basse") in sentence
    assert summary.facts["challenger_real"] == 0.25
    plain = robustness_summary(
        crossovers=results["crossovers"], what=results["what"], units={"fit": "pts"}, lang=lang
    )
    assert "challenger_real" not in plain.facts
    assert format_value(0.25, "pts", lang) not in plain.text
