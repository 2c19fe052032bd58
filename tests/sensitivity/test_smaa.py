"""Tests of SMAA-2: exact acceptabilities by geometry, samplers, batch vs rank(), seeds."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import erp_select.sensitivity.smaa as smaa_module
from erp_select.charts.smaa import smaa_heatmap
from erp_select.engine import rank
from erp_select.engine.batch import ranks_from_scores, utilities
from erp_select.errors import InputError
from erp_select.sensitivity.blocks import block_rng
from erp_select.sensitivity.sampling import triangular_from_pairs
from erp_select.sensitivity.smaa import (
    _ranks,
    run_smaa,
    sample_around,
    sample_simplex,
    smaa,
    triangular_inverse,
)

# Two criteria, weighted sum, columns already on [0, 1] (the engine's WSM min–max scaling
# leaves them unchanged): with w = (t, 1 - t) and t ~ U(0, 1) (Dirichlet(1, 1)),
# A = t, B = 1 - t, C = 0.6. By hand:
#   A first for t > 0.6 (0.4), second for 0.5 < t < 0.6 (0.1), third for t < 0.5 (0.5);
#   B symmetric; C first for 0.4 < t < 0.6 (0.2), second otherwise (0.8).
TWO = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.6]])
TWO_EXACT = np.array([[0.4, 0.1, 0.5], [0.4, 0.1, 0.5], [0.2, 0.8, 0.0]])

# Three criteria: A = (1, 0, 0), B = (0, 1, 0), C = (0.4, 0.4, 1), weighted sum, so
# A = w1, B = w2, C = 0.4 (w1 + w2) + w3 = 0.4 + 0.6 w3. On the triangle (w1, w2) with
# w3 = 1 - w1 - w2 (area 1/2), A is first on the polygon w2 >= 0, w1 >= w2,
# 1.6 w1 + 0.6 w2 >= 1, w1 + w2 <= 1, whose vertices are computed below.
THREE = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.4, 0.4, 1.0]])


def shoelace(points: list[tuple[Fraction, Fraction]]) -> Fraction:
    total = Fraction(0)
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        total += x1 * y2 - x2 * y1
    return abs(total) / 2


def exact_three() -> Fraction:
    # vertices: L2 ∩ {w2 = 0}: w1 = 1/1.6; corner (1, 0); edge ∩ {w1 = w2}: (1/2, 1/2);
    # L2 ∩ {w1 = w2}: 2.2 w = 1
    polygon = [
        (Fraction(5, 8), Fraction(0)),
        (Fraction(1), Fraction(0)),
        (Fraction(1, 2), Fraction(1, 2)),
        (Fraction(5, 11), Fraction(5, 11)),
    ]
    return shoelace(polygon) / Fraction(1, 2)


def test_two_criteria_acceptability_is_exact() -> None:
    table = smaa(TWO, ["max", "max"], method="wsm", n=100_000, seed=3)
    assert table.to_numpy() == pytest.approx(TWO_EXACT, abs=0.01)
    assert list(table.columns) == [1, 2, 3]
    assert table.sum(axis=1).to_numpy() == pytest.approx(1.0)


def test_three_criteria_acceptability_is_the_polygon_area() -> None:
    p_a = float(exact_three())
    assert p_a == pytest.approx(19 / 88)
    table = smaa(THREE, ["max"] * 3, method="wsm", n=100_000, seed=5, alternatives=list("abc"))
    assert table.loc["a", 1] == pytest.approx(p_a, abs=0.006)
    assert table.loc["b", 1] == pytest.approx(p_a, abs=0.006)
    assert table.loc["c", 1] == pytest.approx(1 - 2 * p_a, abs=0.006)


def test_central_weights_and_confidence_match_the_closed_form() -> None:
    result = run_smaa(
        TWO, ["max", "max"], method="wsm", n=100_000, seed=1, alternatives=list("abc")
    )
    # C first for t in (0.4, 0.6): mean t = 0.5; A for t > 0.6: 0.8; B for t < 0.4: 0.2
    assert result.central_weights.loc["c"].to_numpy() == pytest.approx([0.5, 0.5], abs=0.005)
    assert result.central_weights.loc["a"].to_numpy() == pytest.approx([0.8, 0.2], abs=0.005)
    assert result.central_weights.loc["b"].to_numpy() == pytest.approx([0.2, 0.8], abs=0.005)
    # no value uncertainty: each vendor is first at its central weights
    assert result.confidence.to_numpy() == pytest.approx([1.0, 1.0, 1.0])
    assert result.n_confidence == 1 and result.uncertain_cells == 0
    assert result.weight_model == "uniform" and result.winner in {"a", "b"}  # 0.4 each


def test_uniform_sampler_has_beta_marginals() -> None:
    w = sample_simplex(np.random.default_rng(42), 20_000, 3)
    assert w.sum(axis=1) == pytest.approx(1.0)
    # marginal of one weight under Dirichlet(1, 1, 1) is Beta(1, 2)
    assert stats.kstest(w[:, 0], stats.beta(1, 2).cdf).pvalue > 0.01
    assert w[:, 1].mean() == pytest.approx(1 / 3, abs=0.01)
    assert w[:, 1].var() == pytest.approx(2 / 36, abs=0.003)
    # the naive sampler (normalised independent uniforms) fails the same test
    u = np.random.default_rng(42).random((20_000, 3))
    naive = u / u.sum(axis=1, keepdims=True)
    assert stats.kstest(naive[:, 0], stats.beta(1, 2).cdf).pvalue < 1e-6


def test_dirichlet_around_chosen_weights_has_the_stated_mean_and_spread() -> None:
    w = np.array([0.5, 0.3, 0.2, 0.0])
    out = sample_around(np.random.default_rng(0), w, 100.0, 50_000)
    assert out.mean(axis=0) == pytest.approx(w, abs=0.002)
    assert out.var(axis=0)[:3] == pytest.approx(w[:3] * (1 - w[:3]) / 101, rel=0.05)
    assert (out[:, 3] == 0).all()
    result = run_smaa(TWO, ["max", "max"], [1.0, 0.0], "wsm", n=100, concentration=5)
    assert result.acceptability.loc["A1", 1] == 1.0 and result.weight_model == "dirichlet"


def test_triangular_sampler_matches_scipy() -> None:
    u = np.random.default_rng(9).random(20_000)
    x = triangular_inverse(u, np.array(2.0), np.array(3.0), np.array(7.0))
    ref = stats.triang(c=(3 - 2) / (7 - 2), loc=2, scale=5)
    assert stats.kstest(x, ref.cdf).pvalue > 0.01
    assert x.min() >= 2 and x.max() <= 7


def test_triangular_from_pairs_matches_scipy_and_the_moments() -> None:
    # Triangular(2, 3, 7): mean (2 + 3 + 7)/3 = 4, variance (a² + b² + c² − ab − ac − bc)/18
    # = (4 + 9 + 49 − 6 − 14 − 21)/18 = 21/18
    uv = np.random.default_rng(9).random((2, 40_000))
    x = triangular_from_pairs(uv[0], uv[1], np.array(2.0), np.array(3.0), np.array(7.0))
    ref = stats.triang(c=(3 - 2) / (7 - 2), loc=2, scale=5)
    assert stats.kstest(x, ref.cdf).pvalue > 0.01
    assert x.min() >= 2 and x.max() <= 7
    assert x.mean() == pytest.approx(4.0, abs=4 * np.sqrt(21 / 18 / x.size))
    assert x.var() == pytest.approx(21 / 18, rel=0.03)


def test_two_uncertain_vendors_give_the_hand_worked_probability() -> None:
    # one criterion, A ~ Triangular(1, 2, 2) (density 2(a − 1)), B ~ Triangular(1, 1, 2)
    # (density 2(2 − b)); with a = 1 + s, b = 1 + t on [0, 1]:
    # P(A > B) = ∫₀¹ 2s ∫₀ˢ 2(1 − t) dt ds = ∫₀¹ 2s (2s − s²) ds = 4/3 − 1/2 = 5/6
    x = np.array([[2.0], [1.0]])
    low = np.array([[1.0], [1.0]])
    high = np.array([[2.0], [2.0]])
    result = run_smaa(x, ["max"], method="topsis", n=60_000, seed=3, low=low, high=high)
    assert result.uncertain_cells == 2
    error = 4 * np.sqrt(5 / 6 * 1 / 6 / 60_000)
    assert result.acceptability.loc["A1", 1] == pytest.approx(5 / 6, abs=error)
    assert result.acceptability.loc["A2", 1] == pytest.approx(1 / 6, abs=error)


def test_uncertain_values_agree_with_the_inverse_cdf_sampler() -> None:
    # the former implementation: one uniform per value through the inverse CDF, every
    # sample scored by the engine and ranked by its tie rule; same model, other draws
    rng = np.random.default_rng(21)
    x = rng.uniform(10, 20, (5, 3))
    low, high = x * 0.8, x * 1.3
    objectives = ["max", "min", "max"]
    n = 30_000
    new = run_smaa(x, objectives, n=n, seed=5, low=low, high=high, n_confidence=1)
    old_rng = np.random.default_rng(99)
    weights = sample_simplex(old_rng, n, 3)
    u = old_rng.random((n, 5, 3))
    mats = triangular_inverse(u, low[None], x[None], high[None])
    scores = utilities("topsis", mats, objectives, weights=weights)
    ranks = ranks_from_scores(scores)
    old = np.stack([(ranks == r).mean(axis=0) for r in range(1, 6)], axis=1)
    p = (new.acceptability.to_numpy() + old) / 2
    bound = 4 * np.sqrt(np.maximum(p * (1 - p), 1e-4) * 2 / n)
    assert (np.abs(new.acceptability.to_numpy() - old) <= bound).all()


def test_value_uncertainty_gives_the_exact_probability() -> None:
    # one criterion: B beats A = 5 when its value X ~ Triangular(4, 5, 7) exceeds 5,
    # P(X > 5) = (7 - 5)^2 / ((7 - 4)(7 - 5)) = 2/3
    x = np.array([[5.0], [5.0 + 0.0]])
    low = np.array([[np.nan], [4.0]])
    high = np.array([[np.nan], [7.0]])
    x[1, 0] = 5.0
    result = run_smaa(x, ["max"], method="topsis", n=60_000, seed=2, low=low, high=high)
    assert result.acceptability.loc["A2", 1] == pytest.approx(2 / 3, abs=0.01)
    assert result.uncertain_cells == 1
    assert 0.0 <= result.confidence.min() <= result.confidence.max() <= 1.0


def test_batch_counts_equal_a_loop_over_rank() -> None:
    rng = np.random.default_rng(4)
    x = rng.uniform(1, 10, (5, 3))
    obj = ["max", "min", "max"]
    n = 40
    table = smaa(x, obj, method="topsis", n=n, seed=11)
    w_rng, _, _ = np.random.default_rng(11).spawn(3)
    weights = sample_simplex(w_rng, n, 3)
    counts = np.zeros((5, 5))
    for w in weights:
        for i, r in enumerate(rank(x, obj, w).ranks):
            counts[i, r - 1] += 1
    assert table.to_numpy() == pytest.approx(counts / n)


def test_fast_ranks_equal_engine_ranks_with_and_without_ties() -> None:
    u = np.random.default_rng(0).random((500, 7))
    u[::5, 3] = u[::5, 1]  # exact ties
    u[1::7, 2] = u[1::7, 4] * (1 + 1e-13)  # ties under the engine's tolerance
    assert (_ranks(u) == ranks_from_scores(u)).all()


def test_seed_reproduces_and_the_number_of_threads_does_not_matter(monkeypatch) -> None:
    x = np.random.default_rng(0).uniform(1, 10, (6, 4))
    low, high = x * 0.9, x * 1.1
    low[0, 0] = np.nan
    # small blocks, so that 3000 samples make many blocks for the threads to share
    monkeypatch.setattr(smaa_module, "VALUE_BLOCK_CELLS", 24 * 7)
    monkeypatch.setattr(smaa_module, "MIN_BLOCK_SAMPLES", 1)
    monkeypatch.setattr(smaa_module, "TASK_SAMPLES", 100)
    kwargs = {"method": "topsis", "n": 3000, "seed": 7, "low": low, "high": high}
    first = run_smaa(x, ["max"] * 4, **kwargs, workers=1)
    again = run_smaa(x, ["max"] * 4, **kwargs, workers=1)
    assert first.acceptability.equals(again.acceptability)
    assert first.confidence.equals(again.confidence)
    for workers in (2, 3, 8):
        threaded = run_smaa(x, ["max"] * 4, **kwargs, workers=workers)
        assert threaded.acceptability.equals(first.acceptability)
        assert threaded.central_weights.equals(first.central_weights)
        assert threaded.confidence.equals(first.confidence)
    other = run_smaa(x, ["max"] * 4, **(kwargs | {"seed": 8}))
    assert not other.acceptability.equals(first.acceptability)


def test_uncertain_counts_equal_the_engine_on_the_same_draws(monkeypatch) -> None:
    # rebuild every block's tables from its stream, score each one with rank() and count
    rng = np.random.default_rng(3)
    x = rng.uniform(1, 10, (4, 3))
    low, high = x * 0.7, x * 1.2
    low[1, 2] = high[1, 2] = np.nan  # one certain value
    obj = ["max", "min", "max"]
    monkeypatch.setattr(smaa_module, "VALUE_BLOCK_CELLS", 12 * 3)
    monkeypatch.setattr(smaa_module, "MIN_BLOCK_SAMPLES", 1)
    monkeypatch.setattr(smaa_module, "TASK_SAMPLES", 7)
    n = 23
    result = run_smaa(x, obj, n=n, seed=4, low=low, high=high, n_confidence=1, workers=2)
    w_seq, v_seq, _ = np.random.SeedSequence(4).spawn(3)
    weights = sample_simplex(np.random.default_rng(w_seq), n, 3)
    counts = np.zeros((4, 4))
    # the uncertain cells vendor by vendor: (0,0) (0,1) (0,2) (1,0) (1,1) (2,0) …
    cells = [(i, j) for i in range(4) for j in range(3) if (i, j) != (1, 2)]
    for task, first in enumerate(range(0, n, 7)):  # tasks of 7 samples, blocks of 3 tables
        rng = block_rng(v_seq, task)
        for start in range(first, min(n, first + 7), 3):
            size = min(n, first + 7, start + 3) - start
            uv = rng.random((2, 11, size))
            for s in range(size):
                table = x.copy()
                for c, (i, j) in enumerate(cells):
                    table[i, j] = triangular_from_pairs(
                        uv[0, c, s], uv[1, c, s], low[i, j], x[i, j], high[i, j]
                    )
                for i, r in enumerate(rank(table, obj, weights[start + s]).ranks):
                    counts[i, r - 1] += 1
    assert result.acceptability.to_numpy() == pytest.approx(counts / n)


def test_degenerate_cases() -> None:
    one = smaa([[1.0, 2.0]], ["max", "max"], n=50)
    assert one.to_numpy().tolist() == [[1.0]]
    twins = smaa([[1.0, 2.0], [1.0, 2.0], [0.0, 0.0]], ["max", "max"], n=200)
    assert twins[1].tolist() == [1.0, 1.0, 0.0]
    never = run_smaa([[1.0, 2.0], [0.0, 0.0]], ["max", "max"], n=200)
    assert never.central_weights.loc["A2"].isna().all() and np.isnan(never.confidence["A2"])


@pytest.mark.parametrize(
    ("kwargs", "rule"),
    [
        ({"n": 0}, "sensitivity.bad_integer"),
        ({"seed": -1}, "sensitivity.bad_integer"),
        ({"weights": [0.5, 0.5], "concentration": 0.0}, "sensitivity.bad_concentration"),
        ({"low": np.zeros((2, 2))}, "sensitivity.range_shape"),
        ({"low": [[0.5, 0, 0], [0, 0, 0], [0, 0, 0]]}, "sensitivity.bad_range"),
        ({"high": [[2, 1, 1], [1, 1, 1], [1, 1, 0.1]]}, "sensitivity.bad_range"),
    ],
)
def test_bad_inputs(kwargs, rule) -> None:
    matrix = np.array([[0.0, 1.0, 1.0], [1.0, 0.0, 1.0], [1.0, 1.0, 0.5]])
    with pytest.raises(InputError) as err:
        run_smaa(matrix, ["max"] * 3, **kwargs)
    assert err.value.problems[0].rule == rule
    assert "sensitivity." not in err.value.render("en")


def test_bad_range_is_located() -> None:
    matrix = np.array([[1.0, 2.0], [3.0, 4.0]])
    high = np.array([[np.nan, np.nan], [np.nan, 3.5]])
    with pytest.raises(InputError) as err:
        run_smaa(matrix, ["max", "max"], low=matrix - 1, high=high, criteria=["p", "q"])
    problem = err.value.problems[0]
    assert (problem.row, problem.field, problem.value) == (2, "q", 4.0)


def test_heatmap_in_french() -> None:
    result = run_smaa(TWO, ["max", "max"], method="wsm", n=500, alternatives=list("abc"))
    spec = smaa_heatmap(result, lang="fr", labels={"a": "Alpha"}).to_dict()
    assert "Acceptabilité" in spec["title"]["text"]
    assert "500" in " ".join(spec["title"]["subtitle"])
    assert "Alpha" in str(spec["datasets"])


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), m=st.integers(2, 6), n=st.integers(1, 4))
def test_vendor_order_does_not_matter(seed: int, m: int, n: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.uniform(1.0, 10.0, (m, n))
    obj = ["max" if j % 2 == 0 else "min" for j in range(n)]
    names = [f"v{i}" for i in range(m)]
    perm = rng.permutation(m)
    table = smaa(x, obj, method="topsis", n=300, seed=seed, alternatives=names)
    shuffled = smaa(
        x[perm], obj, method="topsis", n=300, seed=seed, alternatives=[names[i] for i in perm]
    )
    assert shuffled.loc[names].to_numpy() == pytest.approx(table.to_numpy())
    assert table.sum(axis=1).to_numpy() == pytest.approx(1.0)
