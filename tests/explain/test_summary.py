"""Tests of the plain-language robustness summary: numbers from the tables, fr/en, verdict."""

from __future__ import annotations

import re

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
    # b 38.03 %, a 38.10 %: whole percents would print both as 38 % with a "more often"
    assert fmt_percent(share, lang, 1) in summary.sentences[0] and "Beta" in summary.sentences[0]
    # the nearest change of winner is the smallest |weight - current| among the crossovers
    # that leave b: by hand, price up to 0.383 or fit down to 0.617 (both 0.083 away)
    cross = results["crossovers"]
    gaps = (cross["weight"] - cross["current_weight"]).abs()
    assert summary.facts["nearest_gap"] == pytest.approx(gaps.min())
    assert summary.facts["nearest_gap"] == pytest.approx(0.083)
    assert fmt_percent(summary.facts["nearest_weight"], lang, 1) in text
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


# ------------------------------------------------------- verdict: only what holds, with numbers
# Hand-built inputs: two vendors, the winner "w" first in ``first`` of the simulations and
# the rival "r" in ``rival``; one change of winner when the weight of "k" moves ``gap`` away
# from its current 30 % (the others in proportion).
NAMES = {"w": "Winnie", "r": "Rival", "k": "Délai"}


def _acceptability(first: float, rival: float) -> pd.DataFrame:
    return pd.DataFrame({1: [first, rival], 2: [rival, first]}, index=["w", "r"])


def _one_crossover(gap: float, up: bool = True) -> pd.DataFrame:
    current = 0.30
    return pd.DataFrame(
        [
            {
                "criterion": "k",
                "current_weight": current,
                "weight": current + gap if up else current - gap,
                "winner_before": "w" if up else "r",
                "winner_after": "r" if up else "w",
                "utility": 0.5,
            }
        ]
    )


# The points printed for each gap (weights are printed to 0.1 %: 30,0 % → 31,2 % is 1,2).
POINTS = {
    0.012: {"en": "1.2 points", "fr": "1,2 point"},
    0.05: {"en": "5.0 points", "fr": "5,0 points"},
    0.15: {"en": "15.0 points", "fr": "15,0 points"},
}
# The share gap between winner and rival, in points of the simulations' share.
SHARE_POINTS = {(0.52, 0.45): "7 points", (0.45, 0.40): "5 points"}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(
    ("verdict", "first", "rival", "gap", "holds"),
    [
        ("toss_up", 0.45, 0.20, 0.15, {"share"}),
        ("toss_up", 0.52, 0.45, 0.15, {"rival"}),
        ("toss_up", 0.80, 0.10, 0.012, {"weight"}),
        ("toss_up", 0.45, 0.40, 0.15, {"share", "rival"}),
        ("toss_up", 0.45, 0.40, 0.012, {"share", "rival", "weight"}),
        ("fragile", 0.65, 0.20, 0.15, {"share"}),
        ("fragile", 0.85, 0.10, 0.05, {"weight"}),
        ("fragile", 0.65, 0.20, 0.05, {"share", "weight"}),
        ("robust", 0.85, 0.10, 0.15, {"share", "weight"}),
    ],
)
def test_verdict_states_only_the_conditions_that_hold_with_their_numbers(
    lang: str, verdict: str, first: float, rival: float, gap: float, holds: set[str]
) -> None:
    summary = robustness_summary(
        winner="w",
        smaa=_acceptability(first, rival),
        crossovers=_one_crossover(gap),
        labels=NAMES,
        lang=lang,
    )
    assert summary.verdict == verdict
    said = summary.sentences[-1]
    assert "{" not in summary.text and "verdict." not in summary.text
    share_limit = {"toss_up": 0.50, "fragile": 0.70, "robust": 0.70}[verdict]
    if "share" in holds:
        assert fmt_percent(first, lang) in said
        assert fmt_percent(share_limit, lang) in said
    else:
        assert fmt_percent(first, lang) not in said
        assert fmt_percent(share_limit, lang) not in said
    if "rival" in holds:
        assert "Rival" in said and SHARE_POINTS[(first, rival)] in said
    else:
        assert "Rival" not in said
    if "weight" in holds:
        assert "Délai" in said and POINTS[gap][lang] in said
    else:
        assert "Délai" not in said and POINTS[gap][lang] not in said


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_robust_without_any_change_of_winner_says_so(lang: str) -> None:
    empty = _one_crossover(0.1).iloc[0:0]
    summary = robustness_summary(
        winner="w", smaa=_acceptability(0.9, 0.1), crossovers=empty, labels=NAMES, lang=lang
    )
    assert summary.verdict == "robust"
    said = summary.sentences[-1]
    assert fmt_percent(0.9, lang) in said and "point" not in said


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_robust_without_simulations_speaks_of_weights_only(lang: str) -> None:
    summary = robustness_summary(
        winner="w", crossovers=_one_crossover(0.15, up=False), labels=NAMES, lang=lang
    )
    assert summary.verdict == "robust"
    said = summary.sentences[-1]
    assert "Délai" in said and POINTS[0.15][lang] in said
    assert "%" not in said  # no simulation: nothing said about shares


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_shares_near_a_threshold_are_printed_on_the_right_side_of_it(lang: str) -> None:
    # 49.96 % rounds to "50 %", which would read as "first in 50 %, less than 50 %"
    summary = robustness_summary(
        winner="w",
        smaa=_acceptability(0.4996, 0.10),
        crossovers=_one_crossover(0.15),
        labels=NAMES,
        lang=lang,
    )
    assert summary.verdict == "toss_up"
    printed = fmt_percent(0.4996, lang, 2)
    assert printed in summary.sentences[0] and printed in summary.sentences[-1]
    assert fmt_percent(0.5, lang) not in summary.sentences[0]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_weight_gaps_near_a_threshold_are_printed_below_it(lang: str) -> None:
    # 1.99 points: at one decimal "2,0 points", which would contradict "less than 2"
    summary = robustness_summary(
        winner="w", crossovers=_one_crossover(0.0199), labels=NAMES, lang=lang
    )
    assert summary.verdict == "toss_up"
    points = "1.99 points" if lang == "en" else "1,99 point"
    assert points in summary.sentences[0] and points in summary.sentences[-1]


# --------------------------------------------- one definition of a point of weight
# Weighted sum, min-max columns: a = (1, 0, 0.2), b = (0, 1, 0.2), c3 = (0, 0, 1) for a third
# vendor. At w = (0.5, 0.3, 0.2) a scores w1 = 0.5 and b scores w2 = 0.3. By hand:
# - moving w2 alone (w1, w3 keep their 5:2 ratio): b passes a when t > 5/7 (1 - t), i.e.
#   t > 5/12 = 41.7 %: 11.7 points of weight; moving w1 alone down: w1 < 3/8, 12.5 points;
#   w3 alone never helps b (it lifts c, whose own sentence this test leaves aside);
# - the nearest weights overall move 10 points from w1 to w2 (0.4, 0.4, 0.2), a different
#   measure (total weight moved between criteria) that the summary must not print.
X3 = np.array([[1.0, 0.0, 0.2], [0.0, 1.0, 0.2], [0.2, 0.2, 1.0]])
W3 = [0.5, 0.3, 0.2]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_weight_points_are_one_criterion_moved_with_the_others_in_proportion(lang: str) -> None:
    from erp_select.explain.summary import weight_move_sentence
    from erp_select.explain.verdict import glossary

    what = what_it_takes(
        X3, ["max"] * 3, W3, "wsm", ["a", "b", "c"], ["k1", "k2", "k3"], challengers=["b"]
    )
    sentence = weight_move_sentence(what, "b", {"k2": "Délai"}, lang)
    points = "11.7 points" if lang == "en" else "11,7 points"
    assert "Délai" in sentence and points in sentence
    assert fmt_percent(5 / 12, lang, 1) in sentence and fmt_percent(0.3, lang, 1) in sentence
    assert "10.0" not in sentence and "10,0" not in sentence
    summary = robustness_summary(
        winner="a",
        what=what,
        stability=stability_intervals(
            X3, ["max"] * 3, W3, "wsm", ["a", "b", "c"], ["k1", "k2", "k3"]
        ),
        labels={"k2": "Délai"},
        lang=lang,
    )
    assert sentence in summary.sentences
    assert summary.facts["challenger_points"] == pytest.approx(11.7)
    # the unit is defined once, in words
    definition = glossary(lang)
    assert "%" in definition and "proportion" in definition
    assert summary.sentences.count(definition) == 1


# ------------------------------------------ walking the summary of real projects, fr and en
_NUMBER = r"(\d+(?:[.,]\d+)?)"
_BOUND = re.compile(
    _NUMBER + r"\s?(%|points?)[^()]*\((less than|moins de|at least|au moins) "
    r"(\d+)\s?(%|points?)\)"
)
_MOVE = re.compile(_NUMBER + r"\s?%[^;]*?" + _NUMBER + r"\s?%[^;]*?" + _NUMBER + r" points?")


def _num(text: str) -> float:
    return float(text.replace(",", "."))


@pytest.fixture(scope="module", params=["topsis", "vikor"])
def project_results(request: pytest.FixtureRequest) -> dict[str, object]:
    """The example project ranked with its own method (TOPSIS) and with VIKOR."""
    from pathlib import Path

    from erp_select.model import Project
    from erp_select.pipeline import analyse

    path = Path(__file__).resolve().parents[2] / "examples" / "demo-project.json"
    project = Project.model_validate_json(path.read_text(encoding="utf-8"))
    project = project.model_copy(update={"method": request.param})
    result = analyse(project)
    r = result.ranked
    args = (r.values, r.objectives, r.weights, result.method, r.vendors, r.criteria)
    smaa = run_smaa(*args[:4], 2000, 7, r.vendors, r.criteria, r.low, r.high)
    order = result.order()
    rival = next(v for v in smaa.first_share.sort_values(ascending=False).index if v != order[0])
    return {
        "project": project,
        "winner": order[0],
        "smaa": smaa,
        "crossovers": weight_crossovers(*args),
        "stability": stability_intervals(*args),
        "what": what_it_takes(*args, challengers=[rival]),
        "units": dict(zip(r.criteria, r.units, strict=True)),
    }


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_summary_of_the_example_project_agrees_with_itself(project_results, lang: str) -> None:
    project = project_results["project"]
    labels = {v.id: v.name for v in project.vendors}
    labels.update({c.id: c.label.get(lang) for c in project.criteria.walk()})
    summary = robustness_summary(
        winner=project_results["winner"],
        smaa=project_results["smaa"],
        crossovers=project_results["crossovers"],
        stability=project_results["stability"],
        what=project_results["what"],
        labels=labels,
        units=project_results["units"],
        lang=lang,
    )
    text = summary.text
    for junk in ("{", "}", "verdict.", "sensitivity.", "?"):
        assert junk not in text
    assert not re.search(r"\b(None|nan|NaN|inf)\b", text)
    if lang == "fr":
        assert not re.search(r"\d\.\d", text)  # decimal comma only
        assert "«" in text and "“" not in text
    else:
        assert not re.search(r"\d,\d{1,2}(?!\d)", text)  # decimal point only
    # each bound the verdict states holds on the printed numbers
    verdict = summary.sentences[-1]
    for value, unit, word, limit, _ in _BOUND.findall(verdict):
        assert unit[0] == _[0]
        if word in ("less than", "moins de"):
            assert _num(value) < float(limit), verdict
        else:
            assert _num(value) >= float(limit), verdict
    # a share the verdict quotes is the one the first sentence printed
    first = re.search(_NUMBER + r"\s?%", summary.sentences[0])
    assert first is not None
    for share in re.findall(_NUMBER + r"\s?% (?:of the|des) simulations", verdict):
        assert share == first.group(1)
    # every move of weight reads as the difference of its two printed weights
    moves = [m for s in summary.sentences[:-1] for m in _MOVE.findall(s)]
    assert moves
    for a, b, points in moves:
        assert abs(_num(a) - _num(b)) == pytest.approx(_num(points), abs=1e-9)
    # the verdict's move is the one the nearest-change sentence printed
    nearest = _MOVE.findall(summary.sentences[1 if "%" not in summary.sentences[0] else 2])
    quoted = re.findall(_NUMBER + r" points?", verdict)
    if nearest and summary.verdict != "robust":
        assert nearest[0][2] in quoted


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_nearest_change_is_never_farther_than_a_challengers_move(lang: str) -> None:
    # The crossover table misses every change (as a sweep that skips a root would): the
    # summary must not say "no single weight changes the winner" and then give b's move.
    what = what_it_takes(
        X3, ["max"] * 3, W3, "wsm", ["a", "b", "c"], ["k1", "k2", "k3"], challengers=["b"]
    )
    missed = _one_crossover(0.5).iloc[0:0]
    summary = robustness_summary(
        winner="a", crossovers=missed, what=what, labels={"k2": "Délai", "b": "Beta"}, lang=lang
    )
    assert "Délai" in summary.sentences[0] and "Beta" in summary.sentences[0]
    assert ("11.7 points" if lang == "en" else "11,7 points") in summary.sentences[0]
    assert summary.facts["nearest_gap"] == pytest.approx(5 / 12 - 0.3)
    assert sum("Délai" in s for s in summary.sentences[:-1]) == 1  # said once, not twice


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_without_a_sweep_no_claim_is_made_about_every_weight(lang: str) -> None:
    # Only the simulations and b's own move are known: k3 alone would let c win sooner
    # (9.8 points), so "no weight within 10 points changes the winner" would be false.
    what = what_it_takes(
        X3, ["max"] * 3, W3, "wsm", ["a", "b", "c"], ["k1", "k2", "k3"], challengers=["b"]
    )
    shares = pd.DataFrame({1: [0.9, 0.1, 0.0]}, index=["a", "b", "c"])
    summary = robustness_summary(
        winner="a", smaa=shares, what=what, labels={"k2": "Délai"}, lang=lang
    )
    assert summary.verdict == "robust"
    said = summary.sentences[-1]
    assert fmt_percent(0.9, lang) in said
    assert "Délai" not in said and "point" not in said
    # a move known to change the winner is still quoted when it makes the result fragile:
    # at w = (0.45, 0.33, 0.22) b passes a once w2 > 0.45/0.67 (1 - w2), 7.2 points away
    close = what_it_takes(
        X3,
        ["max"] * 3,
        [0.45, 0.33, 0.22],
        "wsm",
        ["a", "b", "c"],
        ["k1", "k2", "k3"],
        challengers=["b"],
    )
    fragile = robustness_summary(
        winner="a", smaa=shares, what=close, labels={"k2": "Délai"}, lang=lang
    )
    assert fragile.verdict == "fragile" and "Délai" in fragile.sentences[-1]
