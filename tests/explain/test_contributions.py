"""Contributions by criterion (WSM, TOPSIS), head-to-head, value for money and their charts."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from erp_select.charts import contributions as charts
from erp_select.charts.head_to_head import head_to_head_chart
from erp_select.charts.value_for_money import value_for_money_chart
from erp_select.engine import rank
from erp_select.errors import InputError
from erp_select.explain.contributions import (
    TopsisContributions,
    WsmContributions,
    contributions,
    head_to_head,
    topsis_contributions,
    value_for_money,
    wsm_contributions,
)
from erp_select.i18n import fmt_money
from erp_select.i18n.catalogue import catalogue


def _random_problem(
    rng: np.random.Generator, m: int, n: int
) -> tuple[np.ndarray, list[str], np.ndarray]:
    matrix = rng.uniform(1.0, 100.0, size=(m, n))
    objectives = list(rng.choice(["max", "min"], size=n))
    weights = rng.dirichlet(np.ones(n))
    return matrix, objectives, weights


SHAPES = [(2, 2), (3, 5), (7, 4), (12, 9), (30, 12)]


# ------------------------------------------------------------------------------- WSM


@pytest.mark.parametrize(("m", "n"), SHAPES)
def test_wsm_parts_add_up_to_the_engine_score(m: int, n: int) -> None:
    rng = np.random.default_rng(1000 * m + n)
    for _ in range(5):
        matrix, objectives, weights = _random_problem(rng, m, n)
        c = wsm_contributions(matrix, objectives, weights)
        engine = rank(matrix, objectives, weights, method="wsm")
        np.testing.assert_allclose(c.parts.sum(axis=1).to_numpy(), engine.scores, atol=1e-9, rtol=0)
        np.testing.assert_array_equal(c.ranks.to_numpy(), engine.ranks)


def test_wsm_parts_are_weight_times_min_max_value() -> None:
    # Hand-made: C1 max (values 10, 20, 30), C2 min (values 5, 1, 3).
    # Min-max with cost reversed: C1 -> 0, .5, 1; C2 -> (5-x)/4 -> 0, 1, .5.
    matrix = [[10, 5], [20, 1], [30, 3]]
    c = wsm_contributions(matrix, ["max", "min"], [3, 1], alternatives=["a", "b", "c"])
    expected = np.array([[0.0, 0.0], [0.75 * 0.5, 0.25 * 1.0], [0.75 * 1.0, 0.25 * 0.5]])
    np.testing.assert_allclose(c.parts.to_numpy(), expected, atol=1e-12)
    np.testing.assert_allclose(c.scores.to_numpy(), [0.0, 0.625, 0.875], atol=1e-12)
    np.testing.assert_allclose(c.weights.to_numpy(), [0.75, 0.25])
    assert c.shares.loc["c"].sum() == pytest.approx(1.0)
    assert np.isnan(c.shares.loc["a"]).all()  # a score of 0 has no shares


def test_wsm_degenerate_constant_column_and_zero_weight_still_match_engine() -> None:
    matrix = np.array([[5.0, 1.0, 7.0], [5.0, 2.0, 3.0], [5.0, 4.0, 9.0]])
    for weights in ([0.5, 0.3, 0.2], [0.0, 0.6, 0.4]):
        c = wsm_contributions(matrix, ["max", "min", "max"], weights)
        engine = rank(matrix, ["max", "min", "max"], weights, method="wsm")
        np.testing.assert_allclose(c.parts.sum(axis=1).to_numpy(), engine.scores, atol=1e-9)
        assert (c.parts["C1"] == 0).all()  # a constant criterion cannot discriminate


@pytest.mark.parametrize("method", ["wsm", "topsis"])
def test_nothing_to_compare_matches_the_engine_neutral_result(method: str) -> None:
    # One vendor, or identical vendors: the engine gives every vendor its best score
    # (1 for both methods) and no distances; the decomposition follows.
    for matrix in ([[1.0, 2.0, 3.0]], [[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]]):
        c = contributions(matrix, ["max", "min", "max"], [1, 1, 2], method)
        engine = rank(matrix, ["max", "min", "max"], [1, 1, 2], method=method)
        assert c.neutral
        np.testing.assert_allclose(c.scores.to_numpy(), engine.scores)
        assert (c.ranks == 1).all()
        if isinstance(c, WsmContributions):
            np.testing.assert_allclose(c.parts.sum(axis=1).to_numpy(), engine.scores)
            np.testing.assert_allclose(c.parts.iloc[0].to_numpy(), [0.25, 0.25, 0.5])
        else:
            assert (c.d_plus == 0).all() and (c.d_minus == 0).all()


@pytest.mark.parametrize("method", ["wsm", "topsis"])
def test_dropped_criteria_get_no_weight_and_the_rest_is_renormalised(method: str) -> None:
    # C1 is constant, C3 has zero weight: the engine leaves both out; C2 carries it all.
    matrix = [[1.0, 2.0, 3.0], [1.0, 4.0, 5.0], [1.0, 3.0, 4.0]]
    c = contributions(matrix, ["max", "min", "max"], [1.0, 1.0, 0.0], method)
    assert c.dropped == ("C1", "C3")
    np.testing.assert_allclose(c.weights.to_numpy(), [0.0, 1.0, 0.0])
    assert (c.parts[["C1", "C3"]] == 0).all().all()
    if method == "wsm":
        np.testing.assert_allclose(c.scores.to_numpy(), [1.0, 0.0, 0.5])  # min-max of C2, reversed


# ---------------------------------------------------------------------------- TOPSIS


@pytest.mark.parametrize(("m", "n"), SHAPES)
def test_topsis_distances_reproduce_the_engine(m: int, n: int) -> None:
    rng = np.random.default_rng(7 * m + n)
    for _ in range(5):
        matrix, objectives, weights = _random_problem(rng, m, n)
        c = topsis_contributions(matrix, objectives, weights)
        engine = rank(matrix, objectives, weights, method="topsis")
        d_plus = np.sqrt(c.ideal_terms.sum(axis=1).to_numpy())
        d_minus = np.sqrt(c.anti_ideal_terms.sum(axis=1).to_numpy())
        np.testing.assert_allclose(d_plus, engine.intermediate["ideal_distance"], atol=1e-9)
        np.testing.assert_allclose(d_minus, engine.intermediate["anti_ideal_distance"], atol=1e-9)
        # and the closeness rebuilt from our distances is the engine's score
        np.testing.assert_allclose(d_minus / (d_plus + d_minus), engine.scores, atol=1e-9)
        np.testing.assert_allclose(
            c.parts.sum(axis=1).to_numpy(), d_minus**2 - d_plus**2, atol=1e-12
        )


def test_topsis_hand_computed_three_by_three() -> None:
    # Worked by hand (no library): columns chosen so that every norm is a round number.
    #   C1 (max) = 3, 4, 0   -> norm 5  -> r = .6, .8, 0
    #   C2 (min) = 0, 3, 4   -> norm 5  -> r = 0, .6, .8, negated -> 0, -.6, -.8
    #   C3 (max) = 6, 8, 0   -> norm 10 -> r = .6, .8, 0
    # weights .4, .4, .2 -> v = [.24, 0, .12], [.32, -.24, .16], [0, -.32, 0]
    # ideal v+ = [.32, 0, .16]; anti-ideal v- = [0, -.32, 0]
    matrix = np.array([[3.0, 0.0, 6.0], [4.0, 3.0, 8.0], [0.0, 4.0, 0.0]])
    c = topsis_contributions(matrix, ["max", "min", "max"], [0.4, 0.4, 0.2])
    ideal_terms = np.array(
        [
            [(0.24 - 0.32) ** 2, 0.0, (0.12 - 0.16) ** 2],  # .0064, 0, .0016
            [0.0, 0.24**2, 0.0],  # 0, .0576, 0
            [0.32**2, 0.32**2, 0.16**2],  # .1024, .1024, .0256
        ]
    )
    anti_terms = np.array(
        [
            [0.24**2, 0.32**2, 0.12**2],  # .0576, .1024, .0144
            [0.32**2, 0.08**2, 0.16**2],  # .1024, .0064, .0256
            [0.0, 0.0, 0.0],
        ]
    )
    np.testing.assert_allclose(c.ideal.to_numpy(), [0.32, 0.0, 0.16], atol=1e-12)
    np.testing.assert_allclose(c.anti_ideal.to_numpy(), [0.0, -0.32, 0.0], atol=1e-12)
    np.testing.assert_allclose(c.ideal_terms.to_numpy(), ideal_terms, atol=1e-12)
    np.testing.assert_allclose(c.anti_ideal_terms.to_numpy(), anti_terms, atol=1e-12)
    d_plus = np.sqrt([0.008, 0.0576, 0.2304])
    d_minus = np.sqrt([0.1744, 0.1344, 0.0])
    np.testing.assert_allclose(c.d_plus.to_numpy(), d_plus, atol=1e-12)
    np.testing.assert_allclose(c.d_minus.to_numpy(), d_minus, atol=1e-12)
    np.testing.assert_allclose(c.scores.to_numpy(), d_minus / (d_plus + d_minus), atol=1e-12)
    # shares: A1's D+² = .008 is 80 % C1 and 20 % C3
    np.testing.assert_allclose(c.ideal_shares.loc["A1"].to_numpy(), [0.8, 0.0, 0.2], atol=1e-12)
    # A3 sits on the anti-ideal: no D-² to share
    assert (c.anti_ideal_shares.loc["A3"] == 0).all()


# ---------------------------------------------------------------- vendor-order invariance

_values = st.floats(min_value=1.0, max_value=1000.0, allow_nan=False, allow_infinity=False)


@st.composite
def _problems(draw: st.DrawFn) -> tuple[np.ndarray, list[str], np.ndarray, list[int]]:
    m = draw(st.integers(2, 7))
    n = draw(st.integers(1, 5))
    matrix = np.array(
        draw(st.lists(st.lists(_values, min_size=n, max_size=n), min_size=m, max_size=m))
    )
    objectives = draw(st.lists(st.sampled_from(["max", "min"]), min_size=n, max_size=n))
    weights = np.array(draw(st.lists(st.floats(0.01, 1.0), min_size=n, max_size=n)))
    perm = draw(st.permutations(list(range(m))))
    return matrix, objectives, weights, perm


@settings(max_examples=40, deadline=None)
@given(_problems(), st.sampled_from(["wsm", "topsis"]))
def test_contributions_do_not_depend_on_vendor_order(
    problem: tuple[np.ndarray, list[str], np.ndarray, list[int]], method: str
) -> None:
    matrix, objectives, weights, perm = problem
    names = [f"v{i}" for i in range(len(matrix))]
    base = contributions(matrix, objectives, weights, method, alternatives=names)
    shuffled = contributions(
        matrix[perm], objectives, weights, method, alternatives=[names[i] for i in perm]
    )
    pd.testing.assert_frame_equal(
        shuffled.parts.loc[names], base.parts, check_exact=False, atol=1e-12, rtol=1e-9
    )
    pd.testing.assert_series_equal(
        shuffled.scores.loc[names], base.scores, check_exact=False, atol=1e-12, rtol=1e-9
    )


def test_unsupported_method_is_a_located_input_error() -> None:
    with pytest.raises(InputError) as info:
        contributions([[1, 2], [3, 4]], ["max", "max"], [0.5, 0.5], method="vikor")
    problem = info.value.problems[0]
    assert problem.rule == "explain.unsupported_method"
    assert problem.value == "vikor"


def test_bad_matrix_is_rejected_by_the_engine_not_a_traceback() -> None:
    with pytest.raises(InputError):
        contributions([[1, float("nan")], [3, 4]], ["max", "max"], [0.5, 0.5], method="wsm")
    with pytest.raises(InputError):
        contributions([[1, 2], [3, 4]], ["max", "max"], [0.0, 0.0], method="topsis")


# ----------------------------------------------------------------------- head-to-head


@pytest.mark.parametrize("method", ["wsm", "topsis"])
def test_head_to_head_difference_is_positive_where_a_is_better(method: str) -> None:
    rng = np.random.default_rng(42)
    for _ in range(20):
        matrix, objectives, weights = _random_problem(rng, 5, 6)
        c = contributions(matrix, objectives, weights, method)
        h = head_to_head(c, "A1", "A2")
        sign = np.where(np.array(objectives) == "max", 1.0, -1.0)
        better = (matrix[0] - matrix[1]) * sign  # > 0 where A1 is better
        table = h.table.loc[c.criteria]
        assert (table["difference"][better > 0] > 0).all()
        assert (table["difference"][better < 0] < 0).all()
        assert (table.loc[better > 0, "leader"] == "A1").all()
        # sorted: A1's largest lead first
        assert list(h.table["difference"]) == sorted(h.table["difference"], reverse=True)


def test_head_to_head_wsm_differences_add_up_to_the_score_gap() -> None:
    rng = np.random.default_rng(3)
    matrix, objectives, weights = _random_problem(rng, 4, 5)
    c = contributions(matrix, objectives, weights, "wsm")
    h = head_to_head(c, "A3", "A1")
    assert h.table["difference"].sum() == pytest.approx(h.score_a - h.score_b, abs=1e-12)


def _two_vendor_case() -> WsmContributions:
    # A beats B on price and fit (weights .5 and .3), B beats A on security (.2).
    matrix = [[100.0, 80.0, 2.0], [200.0, 60.0, 4.0], [150.0, 70.0, 3.0]]
    return wsm_contributions(
        matrix,
        ["min", "max", "max"],
        [0.5, 0.3, 0.2],
        alternatives=["a", "b", "c"],
        criteria=["price", "fit", "security"],
    )


def test_head_to_head_sentence_in_both_languages() -> None:
    labels = {
        "a": "Alpha",
        "b": "Beta",
        "price": "price",
        "fit": "sector fit",
        "security": "security",
    }
    h = head_to_head(_two_vendor_case(), "b", "a", labels=labels)
    assert h.winner == "a"
    assert list(h.table.index) == ["security", "fit", "price"]  # signed from b's side
    en = h.sentence("en")
    assert en.startswith("Alpha comes before Beta. Alpha leads on price and sector fit;")
    assert "Beta leads on security, which is not enough because" in en
    assert "0.800" in en  # Alpha's lead: .5 + .3 (normalised values 1 vs 0)
    fr = h.sentence("fr")
    assert fr.startswith("Alpha passe devant Beta. Alpha l’emporte sur price et sector fit ;")
    assert "ce qui ne suffit pas car" in fr
    assert "0,800" in fr  # French decimal comma


def test_head_to_head_tie_and_dominance_sentences() -> None:
    matrix = [[1.0, 2.0], [1.0, 2.0], [0.0, 1.0]]
    c = wsm_contributions(matrix, ["max", "max"], [0.5, 0.5], alternatives=["x", "y", "z"])
    tie = head_to_head(c, "x", "y")
    assert tie.winner is None
    assert (tie.table["difference"] == 0).all()
    assert "tied" in tie.sentence("en") and "égalité" in tie.sentence("fr")
    dom = head_to_head(c, "z", "x")
    assert dom.winner == "x"
    assert "trails on none" in dom.sentence("en")


def test_head_to_head_topsis_sentence_names_the_distances() -> None:
    matrix = np.array([[3.0, 0.0, 6.0], [4.0, 3.0, 8.0], [0.0, 4.0, 0.0]])
    c = topsis_contributions(matrix, ["max", "min", "max"], [0.4, 0.4, 0.2])
    assert isinstance(c, TopsisContributions)
    h = head_to_head(c, "A1", "A2")
    assert h.d_plus is not None
    assert h.d_plus == pytest.approx((np.sqrt(0.008), np.sqrt(0.0576)))
    text = h.sentence("en")
    assert "relative closeness" in text and h.winner is not None and text.startswith(h.winner)


def test_head_to_head_rejects_unknown_or_same_vendor() -> None:
    c = _two_vendor_case()
    with pytest.raises(InputError) as info:
        head_to_head(c, "a", "zzz")
    assert info.value.problems[0].rule == "explain.unknown_alternative"
    assert info.value.problems[0].value == "zzz"
    with pytest.raises(InputError) as info:
        head_to_head(c, "a", "a")
    assert info.value.problems[0].rule == "explain.same_alternative"


def test_long_lists_are_cut_with_a_count() -> None:
    rng = np.random.default_rng(5)
    matrix = np.sort(rng.uniform(1, 10, size=(2, 8)), axis=0)[::-1]  # A1 better everywhere
    c = wsm_contributions(matrix, ["max"] * 8, np.ones(8))
    text = head_to_head(c, "A1", "A2").sentence("en", top=3)
    assert "and 5 other criteria" in text


# -------------------------------------------------------------------- value for money


def test_pareto_frontier_on_a_hand_made_case() -> None:
    scores = [0.8, 0.6, 0.7, 0.5, 0.8, 0.9]
    costs = [100.0, 50.0, 120.0, 60.0, 100.0, 300.0]
    names = ["a", "b", "c", "d", "e", "f"]
    vfm = value_for_money(scores, costs, names)
    # a = e (identical, neither dominates); b cheapest; f best; c beaten by a/e; d by b
    assert vfm["efficient"].to_dict() == {
        "a": True,
        "b": True,
        "c": False,
        "d": False,
        "e": True,
        "f": True,
    }
    assert vfm.at["c", "dominated_by"] == "a, e"
    assert vfm.at["d", "dominated_by"] == "b"
    assert vfm.at["a", "dominated_by"] == ""


def test_pareto_with_lower_is_better_scores() -> None:
    # VIKOR-like: lower Q is better. x: Q .1 cost 200; y: Q .3 cost 100; z: Q .4 cost 150.
    vfm = value_for_money([0.1, 0.3, 0.4], [200, 100, 150], ["x", "y", "z"], higher_is_better=False)
    assert list(vfm["efficient"]) == [True, True, False]
    assert vfm.at["z", "dominated_by"] == "y"


def test_value_for_money_rejects_bad_costs() -> None:
    with pytest.raises(InputError) as info:
        value_for_money([0.1, 0.2], [100.0, -5.0], ["x", "y"])
    assert info.value.problems[0].rule == "explain.cost_invalid"
    assert info.value.problems[0].field == "y"
    with pytest.raises(InputError) as info:
        value_for_money([0.1, 0.2], [100.0, float("nan")])
    assert info.value.problems[0].rule == "explain.cost_invalid"
    with pytest.raises(InputError) as info:
        value_for_money([0.1, 0.2], [100.0])
    assert info.value.problems[0].rule == "explain.length_mismatch"


# ------------------------------------------------------------------------------ charts


def _spec(chart: object) -> dict[str, object]:
    spec = chart.to_dict()  # type: ignore[attr-defined]
    json.dumps(spec)  # serialisable
    return spec


@pytest.mark.parametrize("method", ["wsm", "topsis"])
def test_contribution_charts_are_translated(method: str) -> None:
    c = contributions(*_problem_for_charts(), method, criteria=["price", "fit", "security"])
    labels = {"price": "Prix", "fit": "Adéquation"}
    fr = _spec(charts.contributions_chart(c, labels=labels, lang="fr"))
    en = _spec(charts.contributions_chart(c, lang="en"))
    text_fr = json.dumps(fr, ensure_ascii=False)
    assert fr["config"]["locale"]["number"]["decimal"] == ","
    assert en["config"]["locale"]["number"]["decimal"] == "."
    assert "Éditeur" in text_fr and "Adéquation" in text_fr
    assert "Vendor" in json.dumps(en)
    assert "#E69F00" in text_fr  # Okabe–Ito first colour
    data = charts.contributions_frame(c, lang="fr")
    sides = 2 if method == "topsis" else 1
    assert len(data) == sides * 3 * 3
    if method == "wsm":
        totals = data.groupby("alternative")["part"].sum()
        np.testing.assert_allclose(totals.loc[c.alternatives].to_numpy(), c.scores.to_numpy())


def _problem_for_charts() -> tuple[list[list[float]], list[str], list[float]]:
    return (
        [[1200.5, 80.0, 2.0], [2000.0, 60.0, 4.0], [1500.0, 70.0, 3.0]],
        ["min", "max", "max"],
        [0.5, 0.3, 0.2],
    )


def test_head_to_head_and_value_for_money_charts() -> None:
    c = contributions(*_problem_for_charts(), "wsm")
    h = head_to_head(c, "A1", "A2", labels={"A1": "Alpha", "A2": "Beta"})
    spec = json.dumps(_spec(head_to_head_chart(h, lang="fr")), ensure_ascii=False)
    assert "Alpha face à Beta" in spec
    vfm = value_for_money(c.scores.to_numpy(), [120000.0, 95000.5, 180000.0], c.alternatives)
    spec = json.dumps(_spec(value_for_money_chart(vfm, lang="fr")), ensure_ascii=False)
    assert "Rapport qualité-prix" in spec
    assert fmt_money(95000.5, "fr") in spec  # tooltip amounts in the French format


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_problems_render_as_sentences_not_keys(lang: str) -> None:
    with pytest.raises(InputError) as info:
        value_for_money([0.1, 0.2], [100.0, -5.0], ["x", "y"])
    text = info.value.render(lang)
    assert "explain." not in text  # the catalogue has the sentence, not just the key
    assert ("coût" in text) if lang == "fr" else ("cost" in text)


def test_every_explain_message_exists_in_both_languages() -> None:
    en = {k for k in catalogue("en") if k.startswith("explain.")}
    fr = {k for k in catalogue("fr") if k.startswith("explain.")}
    assert en == fr
    for rule in (
        "unsupported_method",
        "unknown_alternative",
        "same_alternative",
        "length_mismatch",
        "cost_invalid",
        "score_invalid",
        "unknown_method",
        "method_failed",
        "method_non_finite",
        "all_methods_failed",
    ):
        assert f"explain.{rule}" in en
