"""Method agreement: correlations, Borda consensus, failing methods, rank reversal, charts."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import numpy as np
import pandas as pd
import pytest

from erp_select import engine
from erp_select.charts import agreement as charts
from erp_select.engine import ranksrev
from erp_select.errors import InputError, Problem
from erp_select.sensitivity import agreement
from erp_select.sensitivity.agreement import (
    competition_ranks,
    consensus_ranking,
    fractional_ranks,
    method_agreement,
    rank_correlations,
)

MATRIX = np.array(
    [
        [250.0, 80.0, 3.0, 4.2],
        [180.0, 65.0, 4.0, 3.9],
        [320.0, 90.0, 5.0, 4.5],
        [200.0, 70.0, 2.0, 4.0],
        [150.0, 50.0, 3.0, 3.5],
    ]
)
OBJECTIVES = ["min", "max", "max", "max"]
WEIGHTS = [0.3, 0.35, 0.15, 0.2]
NAMES = ["alpha", "beta", "gamma", "delta", "eps"]


# ------------------------------------------------------------------- correlations


def test_identical_rankings_correlate_one_and_reversed_minus_one() -> None:
    ranks = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [1, 2, 3, 4, 5], "c": [5, 4, 3, 2, 1]})
    rho, tau = rank_correlations(ranks)
    assert rho.at["a", "b"] == pytest.approx(1.0)
    assert tau.at["a", "b"] == pytest.approx(1.0)
    assert rho.at["a", "c"] == pytest.approx(-1.0)
    assert tau.at["a", "c"] == pytest.approx(-1.0)
    assert (np.diag(rho) == 1).all()


def test_correlations_match_the_closed_forms() -> None:
    # Spearman without ties: rho = 1 - 6 Σd² / (n(n²-1)) = 1 - 6·4/60 = 0.6.
    # Kendall: of 6 pairs, (1,2) and (3,4) are discordant -> (4 - 2) / 6 = 1/3.
    ranks = pd.DataFrame({"x": [1, 2, 3, 4], "y": [2, 1, 4, 3]})
    rho, tau = rank_correlations(ranks)
    assert rho.at["x", "y"] == pytest.approx(0.6)
    assert tau.at["x", "y"] == pytest.approx(1 / 3)
    assert rho.at["y", "x"] == rho.at["x", "y"]


def test_correlation_is_undefined_for_a_constant_ranking() -> None:
    ranks = pd.DataFrame({"x": [1, 2, 3], "y": [1, 1, 1]})
    rho, tau = rank_correlations(ranks)
    assert np.isnan(rho.at["x", "y"]) and np.isnan(tau.at["x", "y"])
    assert np.isnan(rho.at["y", "y"])
    assert rho.at["x", "x"] == 1.0


# ---------------------------------------------------------------------- consensus


def test_consensus_of_identical_rankings_is_that_ranking() -> None:
    ranking = [3, 1, 4, 2, 5]
    ranks = pd.DataFrame({k: ranking for k in ("m1", "m2", "m3")}, index=list("abcde"))
    cons = consensus_ranking(ranks)
    assert list(cons["consensus_rank"]) == ranking
    assert list(cons["mean_rank"]) == [float(r) for r in ranking]
    assert list(cons["first_places"]) == [0, 3, 0, 0, 0]


def test_borda_with_ties_split_by_hand() -> None:
    # Rankings (1,2,3), (2,1,3), (1,1,3). Average ranks: (1,2,3), (2,1,3), (1.5,1.5,3).
    # Borda m - r: (2,1,0) + (1,2,0) + (1.5,1.5,0) = (4.5, 4.5, 0): a and b tie for first.
    ranks = pd.DataFrame({"m1": [1, 2, 3], "m2": [2, 1, 3], "m3": [1, 1, 3]}, index=list("abc"))
    cons = consensus_ranking(ranks)
    assert list(cons["borda"]) == [4.5, 4.5, 0.0]
    assert list(cons["consensus_rank"]) == [1, 1, 3]
    assert list(cons["first_places"]) == [2, 2, 0]
    assert list(cons["best_rank"]) == [1, 1, 3]
    assert list(cons["worst_rank"]) == [2, 2, 3]


def test_rank_helpers() -> None:
    np.testing.assert_array_equal(
        fractional_ranks(np.array([1, 1, 3, 4, 4, 4])), [1.5, 1.5, 3, 5, 5, 5]
    )
    np.testing.assert_array_equal(competition_ranks(np.array([2.0, 5.0, 5.0, 1.0])), [3, 1, 1, 4])


# -------------------------------------------------------------- the whole analysis


def test_every_registered_method_is_ranked_and_matches_the_engine() -> None:
    result = method_agreement(MATRIX, OBJECTIVES, WEIGHTS, alternatives=NAMES, reversal_methods=[])
    keys = [info.key for info in engine.methods()]
    assert list(result.methods.index) == keys
    for key in result.ranks.columns:
        direct = engine.rank(MATRIX, OBJECTIVES, WEIGHTS, key, NAMES)
        np.testing.assert_array_equal(result.ranks[key].to_numpy(), direct.ranks)
        np.testing.assert_allclose(result.scores[key].to_numpy(), direct.scores)
    assert list(result.ranks.index) == NAMES
    assert result.spearman.shape == (len(result.ranks.columns),) * 2
    # ρ computed here must equal scipy's own on any pair
    from scipy import stats

    a, b = result.ranks.columns[:2]
    expected = stats.spearmanr(result.ranks[a], result.ranks[b]).statistic
    assert result.spearman.at[a, b] == pytest.approx(expected)


def test_a_dominant_vendor_is_first_everywhere() -> None:
    # gamma is cheapest and best on every benefit criterion.
    matrix = MATRIX.copy()
    matrix[2] = [100.0, 95.0, 6.0, 4.8]
    result = method_agreement(matrix, OBJECTIVES, WEIGHTS, alternatives=NAMES, reversal_methods=[])
    assert (result.ranks.loc["gamma"] == 1).all()
    assert result.consensus.at["gamma", "consensus_rank"] == 1
    assert result.unanimous


def test_a_method_raising_is_reported_not_fatal(monkeypatch: pytest.MonkeyPatch) -> None:
    real_rank = engine.rank

    def flaky(*args: Any, **kwargs: Any) -> Any:
        method = args[3] if len(args) > 3 else kwargs.get("method", "topsis")
        if method == "vikor":
            raise InputError([Problem(rule="engine.degenerate", params={})])
        if method == "wpm":
            raise ZeroDivisionError("boom")
        if method == "edas":
            res = real_rank(*args, **kwargs)
            return dataclasses.replace(res, scores=np.full_like(res.scores, np.nan))
        return real_rank(*args, **kwargs)

    monkeypatch.setattr(agreement.engine, "rank", flaky)
    result = method_agreement(MATRIX, OBJECTIVES, WEIGHTS, alternatives=NAMES, reversal_methods=[])
    failed = result.failures.set_index("method")
    assert set(failed.index) == {"vikor", "wpm", "edas"}
    assert failed.at["vikor", "rule"] == "engine.degenerate"
    assert failed.at["wpm", "rule"] == "explain.method_failed"
    assert "ZeroDivisionError" in failed.at["wpm", "message"]
    assert failed.at["edas", "rule"] == "explain.method_non_finite"
    assert not result.methods.loc[["vikor", "wpm", "edas"], "ok"].any()
    assert "vikor" not in result.ranks.columns and "topsis" in result.ranks.columns


def test_a_real_degenerate_problem_never_raises() -> None:
    # Two identical vendors and a constant column: whatever a method makes of it, the
    # analysis completes, and any method that cannot rank is listed with a reason.
    matrix = np.array([[1.0, 5.0, 2.0], [1.0, 5.0, 2.0], [3.0, 5.0, 1.0]])
    result = method_agreement(matrix, ["max", "max", "min"], [0.4, 0.2, 0.4], reversal_methods=[])
    assert len(result.ranks.columns) + len(result.failures) == len(result.methods)
    assert (
        result.ranks.at["A1", result.ranks.columns[0]]
        == result.ranks.at["A2", result.ranks.columns[0]]
    )
    assert (result.failures["message"].str.len() > 0).all()


def test_bad_input_fails_every_method_and_raises_the_located_error() -> None:
    matrix = MATRIX.copy()
    matrix[1, 2] = np.nan
    with pytest.raises(InputError) as info:
        method_agreement(matrix, OBJECTIVES, WEIGHTS, alternatives=NAMES, reversal_methods=[])
    assert info.value.problems[0].field == "C3"


def test_unknown_method_is_refused() -> None:
    with pytest.raises(InputError) as info:
        method_agreement(MATRIX, OBJECTIVES, WEIGHTS, methods=["topsis", "nope"])
    assert info.value.problems[0].rule == "explain.unknown_method"
    assert info.value.problems[0].value == "nope"


def test_rank_reversal_check_is_reported() -> None:
    result = method_agreement(
        MATRIX, OBJECTIVES, WEIGHTS, alternatives=NAMES, methods=["topsis", "wsm"], seed=1
    )
    assert list(result.rank_reversal["method"]) == ["topsis"]
    row = result.rank_reversal.iloc[0]
    assert "rule" not in result.rank_reversal.columns  # the check itself ran
    direct = ranksrev.rank_reversal_check(
        MATRIX, OBJECTIVES, WEIGHTS, method="topsis", alternatives=NAMES, seed=1
    )
    assert bool(row["passed"]) == direct.passed
    assert row["best"] == ", ".join(direct.best)
    assert row["best_kept_rate"] == pytest.approx(direct.best_kept_rate)
    assert len(result.reversal_changes) == len(direct.changes)
    assert set(result.reversal_changes["method"]) <= {"topsis"}
    two = method_agreement(
        MATRIX, OBJECTIVES, WEIGHTS, methods=["topsis"], reversal_methods=["topsis", "wsm"]
    )
    assert list(two.rank_reversal["method"]) == ["topsis", "wsm"]


def test_a_failing_rank_reversal_check_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("nope")

    monkeypatch.setattr(ranksrev, "rank_reversal_check", broken)
    result = method_agreement(MATRIX, OBJECTIVES, WEIGHTS, methods=["topsis", "wsm"])
    row = result.rank_reversal.iloc[0]
    assert row["rule"] == "explain.method_failed" and "RuntimeError" in row["message"]


# --------------------------------------------------------------------------- charts


def test_agreement_charts_build_in_both_languages() -> None:
    result = method_agreement(
        MATRIX,
        OBJECTIVES,
        WEIGHTS,
        alternatives=NAMES,
        methods=["topsis", "wsm", "vikor"],
        reversal_methods=[],
    )
    labels = {"alpha": "Alpha ERP"}
    bump = charts.agreement_ranks_chart(result, labels=labels, lang="fr").to_dict()
    text = json.dumps(bump, ensure_ascii=False)
    assert "Rang de chaque éditeur" in text and "Alpha ERP" in text and "Consensus" in text
    frame = charts.agreement_frame(result, labels, "en")
    assert len(frame) == 4 * len(NAMES)
    for kind, word in (("spearman", "Spearman"), ("kendall", "Kendall")):
        heat = charts.agreement_heatmap(result, kind=kind, lang="en").to_dict()
        assert word in json.dumps(heat)
    heat_fr = json.dumps(charts.agreement_heatmap(result, lang="fr").to_dict(), ensure_ascii=False)
    assert "1,00" in heat_fr  # diagonal, French decimal comma


def test_method_names_follow_the_language() -> None:
    from erp_select.sensitivity.agreement import method_agreement

    matrix = [[3.0, 1.0], [2.0, 2.0], [1.0, 3.0]]
    fr = method_agreement(matrix, ["max", "max"], [0.6, 0.4], methods=["wsm", "topsis"], lang="fr")
    en = method_agreement(matrix, ["max", "max"], [0.6, 0.4], methods=["wsm", "topsis"], lang="en")
    assert fr.methods.at["wsm", "name"] == "Somme pondérée (WSM)"
    assert en.methods.at["wsm", "name"] == "Weighted sum (WSM)"
