"""Tests for erp_select.engine.registry: published examples, scikit-criteria cross-checks,
invariants, degenerate and bad inputs."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest
import skcriteria as skc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats
from skcriteria.agg.copras import COPRAS
from skcriteria.agg.edas import EDAS
from skcriteria.agg.electre import ELECTRE2
from skcriteria.agg.moora import RatioMOORA
from skcriteria.agg.simple import WeightedProductModel, WeightedSumModel
from skcriteria.agg.spotis import SPOTIS
from skcriteria.agg.topsis import TOPSIS
from skcriteria.agg.vikor import VIKOR
from skcriteria.agg.waspas import WASPAS
from skcriteria.pipelines import mkpipe
from skcriteria.preprocessing.invert_objectives import (
    BenefitCostInverter,
    MinMaxInverter,
    NegateMinimize,
)
from skcriteria.preprocessing.scalers import SumScaler, VectorScaler

from erp_select.engine import Note, RankResult, method_info, methods, rank
from erp_select.errors import InputError
from erp_select.i18n import t

ALL = [info.key for info in methods()]
#: Methods whose score is monotone in every criterion, so a dominated vendor never ranks
#: above its dominator. ELECTRE II is left out: an outranking method gives no such
#: guarantee (its ranks come from kernels of a graph built with thresholds).
DOMINANCE_SAFE = ["topsis", "wsm", "wpm", "vikor", "spotis", "moora", "waspas", "copras", "edas"]


def _problem(rule: str, exc: pytest.ExceptionInfo[InputError]) -> Any:
    rules = [p.rule for p in exc.value.problems]
    assert rule in rules, rules
    return exc.value.problems[rules.index(rule)]


# =============================================================================== registry


def test_at_least_ten_methods_with_bilingual_descriptions() -> None:
    infos = methods()
    assert len(infos) >= 10
    assert infos[0].key == "topsis"
    assert {"topsis", "wsm", "wpm", "vikor", "spotis", "moora", "waspas", "copras", "edas"} <= {
        i.key for i in infos
    }
    assert any(i.key.startswith("electre") for i in infos)
    for info in infos:
        assert set(info.description) == {"fr", "en"}
        assert all(len(text) > 60 for text in info.description.values())
        assert info.normalisation
        # the description states how cost criteria are handled
        assert "cost" in info.description["en"].lower()
        assert "coût" in info.description["fr"].lower()
    assert method_info("vikor").higher_is_better is False
    assert method_info("TOPSIS").key == "topsis"
    assert method_info("electre2").batchable is False


def test_unknown_method_is_a_located_input_error() -> None:
    with pytest.raises(InputError) as exc:
        method_info("promethee-42")
    problem = _problem("engine.unknown_method", exc)
    assert problem.value == "promethee-42"
    assert "topsis" in exc.value.render("en")
    with pytest.raises(InputError):
        rank([[1, 2], [3, 4]], ["max", "max"], [1, 1], method="nope")


# =============================================================================== golden


def test_topsis_tzeng_huang_2011_example() -> None:
    """Tzeng, G.-H. & Huang, J.-J. (2011), *Multiple Attribute Decision Making: Methods and
    Applications*, CRC Press, TOPSIS chapter worked example (3 benefit criteria, vector
    normalisation): relative closeness 0.5037, 0.6581, 0.7482, 0.3340."""
    matrix = [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]]
    res = rank(matrix, ["max"] * 3, [0.3, 0.4, 0.3], "topsis")
    np.testing.assert_allclose(res.scores, [0.5037, 0.6581, 0.7482, 0.3340], atol=6e-5)
    assert res.ranks.tolist() == [3, 2, 1, 4]
    assert res.higher_is_better


def test_topsis_cost_criterion_against_published_ideal_points() -> None:
    """Meyer, P. & Bigaret, S., R package *MCDA*, documented TOPSIS example (cars Corsa,
    Clio, Fiesta; purchase price is a cost criterion). The documentation lists the
    weighted-normalised positive ideal (0.179573776, 0.171636015, 0.159499658, 0.087302767)
    and negative ideal (0.212610118, 0.124958799, 0.131352659, 0.085797547): the price ideal
    is the *lowest* price, as classic TOPSIS (Hwang & Yoon 1981) requires."""
    table = np.array(
        [[5490, 51.4, 8.5, 285], [6500, 70.6, 7, 288], [6489, 54.3, 7.5, 290]], dtype=float
    )
    weights = np.array([0.35, 0.25, 0.25, 0.15])
    pis = np.array([0.179573776, 0.171636015, 0.159499658, 0.087302767])
    nis = np.array([0.212610118, 0.124958799, 0.131352659, 0.085797547])
    res = rank(table, ["min", "max", "max", "max"], weights, "topsis")
    weighted = table / np.sqrt((table**2).sum(axis=0)) * weights
    d_plus = np.sqrt(((weighted - pis) ** 2).sum(axis=1))
    d_minus = np.sqrt(((weighted - nis) ** 2).sum(axis=1))
    np.testing.assert_allclose(res.intermediate["ideal_distance"], d_plus, atol=1e-8)
    np.testing.assert_allclose(res.intermediate["anti_ideal_distance"], d_minus, atol=1e-8)
    np.testing.assert_allclose(res.scores, d_minus / (d_plus + d_minus), atol=1e-7)


def test_vikor_opricovic_tzeng_2004_example() -> None:
    """Opricovic, S. & Tzeng, G.-H. (2004), "Compromise solution by MCDM methods: a
    comparative analysis of VIKOR and TOPSIS", EJOR 156(2), 445-455, numerical example:
    risk (min) and altitude (max), equal weights → S = (0.5, 0.375, 0.5),
    R = (0.5, 0.25, 0.5), Q = (1, 0, 1); A2 is the compromise solution."""
    matrix = [[1, 3000], [2, 3750], [5, 4500]]
    res = rank(matrix, ["min", "max"], [0.5, 0.5], "vikor")
    np.testing.assert_allclose(res.intermediate["S"], [0.5, 0.375, 0.5], atol=1e-12)
    np.testing.assert_allclose(res.intermediate["R"], [0.5, 0.25, 0.5], atol=1e-12)
    np.testing.assert_allclose(res.scores, [1.0, 0.0, 1.0], atol=1e-12)
    assert res.ranks.tolist() == [2, 1, 2]  # A1 and A3 tie: competition ranking 1, 2, 2
    assert res.higher_is_better is False


# Opricovic, S. & Tzeng, G.-H. (2007), "Extended VIKOR method in comparison with outranking
# methods", EJOR 178(2), 514-529: six hydro-power alternatives, eight criteria, four weight
# sets W1..W4, published S, R, Q to three decimals.
_HYDRO = np.array(
    [
        [4184.3, 2914.0, 407.2, 251.0, 195, 244, 15, 2.41],
        [5211.9, 3630.0, 501.7, 308.3, 282, 346, 21, 1.41],
        [5021.3, 3920.5, 504.0, 278.6, 12, 56, 3, 4.42],
        [5566.1, 3957.9, 559.5, 335.3, 167, 268, 16, 3.36],
        [5060.5, 3293.5, 514.1, 284.2, 69, 90, 7, 4.04],
        [4317.9, 2925.9, 432.8, 239.3, 12, 55, 3, 4.36],
    ]
)
_HYDRO_OBJ = ["max", "min", "max", "max", "min", "min", "min", "max"]
_HYDRO_CASES = {
    "W1": (
        [1, 1, 1, 1, 1, 1, 1, 1],
        [0.692, 0.7, 0.29, 0.423, 0.28, 0.346],
        [0.125, 0.125, 0.121, 0.125, 0.067, 0.125],
        [0.991, 1.0, 0.473, 0.670, 0.0, 0.578],
        [5, 6, 2, 4, 1, 3],
    ),
    "W2": (
        [2, 2, 2, 2, 1, 1, 1, 1],
        [0.701, 0.6, 0.386, 0.365, 0.317, 0.459],
        [0.167, 0.114, 0.161, 0.167, 0.089, 0.167],
        [1.0, 0.533, 0.552, 0.563, 0.0, 0.686],
        [6, 2, 3, 4, 1, 5],
    ),
    "W3": (
        [1, 1, 1, 1, 2, 2, 2, 2],
        [0.683, 0.8, 0.193, 0.48, 0.243, 0.232],
        [0.113, 0.167, 0.08, 0.122, 0.044, 0.083],
        [0.684, 1.0, 0.147, 0.554, 0.041, 0.191],
        [5, 6, 2, 4, 1, 3],
    ),
    "W4": (
        [1, 1, 1, 1, 3.2, 3.2, 3.2, 3.2],
        [0.678, 0.857, 0.138, 0.513, 0.222, 0.167],
        [0.129, 0.190, 0.057, 0.139, 0.042, 0.060],
        [0.668, 1.0, 0.051, 0.588, 0.058, 0.078],
        [5, 6, 1, 4, 2, 3],
    ),
}


@pytest.mark.parametrize("case", sorted(_HYDRO_CASES))
def test_vikor_opricovic_tzeng_2007_hydro_example(case: str) -> None:
    weights, s, r, q, ranks = _HYDRO_CASES[case]
    res = rank(_HYDRO, _HYDRO_OBJ, weights, "vikor")
    np.testing.assert_allclose(res.intermediate["S"], s, atol=1e-3)
    np.testing.assert_allclose(res.intermediate["R"], r, atol=1e-3)
    np.testing.assert_allclose(res.scores, q, atol=1e-3)
    assert res.ranks.tolist() == ranks


@pytest.mark.parametrize("case", sorted(_HYDRO_CASES))
def test_weighted_sum_matches_published_vikor_group_utility(case: str) -> None:
    """Our WSM rescales each criterion min-max onto [0, 1] with cost reversed, and VIKOR's
    group utility is S = Σ w·(best − x)/(best − worst) with the same weights (sum 1), so
    WSM = 1 − S exactly. The S column published by Opricovic & Tzeng (2007), EJOR 178,
    therefore gives the weighted sum of the hydro example to three decimals."""
    weights, s, _, _, _ = _HYDRO_CASES[case]
    res = rank(_HYDRO, _HYDRO_OBJ, weights, "wsm")
    np.testing.assert_allclose(res.scores, 1.0 - np.asarray(s), atol=1e-3)
    assert res.ranks.tolist() == stats.rankdata(s, method="min").astype(int).tolist()


# Chakraborty, S., Zavadskas, E. K. & Antucheviciene, J. (2015), "Applications of WASPAS
# method as a multi-criteria decision-making tool", Economic Computation and Economic
# Cybernetics Studies and Research 49(1), 5-22, Example 2: linear ratio normalisation
# (min/x for cost, x/max for benefit), published joint scores for λ = 0 (WPM) and 0.5.
_WASPAS_MATRIX = [
    [581818, 54.49, 3, 5500],
    [595454, 49.73, 3, 4500],
    [586060, 51.24, 3, 5000],
    [522727, 45.71, 3, 5800],
    [561818, 52.66, 3, 5200],
    [543030, 74.46, 4, 5600],
    [522727, 75.42, 4, 5800],
    [486970, 62.62, 4, 5600],
    [509394, 65.87, 4, 6400],
    [513333, 70.67, 4, 6000],
]
_WASPAS_OBJ = ["min", "min", "min", "max"]
_WASPAS_W = [0.467, 0.160, 0.095, 0.278]


def test_waspas_chakraborty_2015_example_2() -> None:
    res = rank(_WASPAS_MATRIX, _WASPAS_OBJ, _WASPAS_W, "waspas")
    expected = [0.8584, 0.8169, 0.8419, 0.9417, 0.8638, 0.8278, 0.8503, 0.8949, 0.9027, 0.8740]
    np.testing.assert_allclose(res.scores, expected, atol=1e-4)
    assert res.ranks.tolist() == [6, 10, 8, 1, 5, 9, 7, 3, 2, 4]


def test_wpm_chakraborty_2015_example_2_lambda_zero() -> None:
    res = rank(_WASPAS_MATRIX, _WASPAS_OBJ, _WASPAS_W, "wpm")
    expected = [0.8578, 0.8144, 0.8408, 0.9413, 0.8632, 0.8241, 0.8454, 0.8915, 0.8987, 0.8697]
    np.testing.assert_allclose(res.scores, expected, atol=1e-4)
    assert res.ranks.tolist() == [6, 10, 8, 1, 5, 9, 7, 3, 2, 4]


def test_copras_uysal_inan_2022_example() -> None:
    """Uysal, Ö. & İnan, T. (2022), "Performance evaluation of research assistants by
    COPRAS method", International Journal of Social Science and Economic Research: sum
    normalisation, equal weights, one cost criterion; utility degrees
    100, 78.8501, 63.3837, 98.6506, 86.8878 %."""
    matrix = [
        [3.57, 4.00, 4.00, 83.75, 3, 9, 1],
        [3.07, 3.95, 4.00, 83.00, 3, 1, 3],
        [3.23, 3.54, 3.46, 66.00, 4, 0, 2],
        [3.42, 3.96, 4.00, 70.00, 5, 5, 7],
        [2.56, 3.37, 3.79, 82.00, 4, 4, 5],
    ]
    objectives = ["max", "max", "max", "max", "min", "max", "max"]
    res = rank(matrix, objectives, [1] * 7, "copras")
    np.testing.assert_allclose(res.scores, [100.0, 78.8501, 63.3837, 98.6506, 86.8878], atol=1e-3)
    assert res.ranks.tolist() == [1, 4, 5, 2, 3]
    assert not any(n.key == "engine.note.shifted" for n in res.notes)  # a benefit 0 is fine


# =============================================================================== cross-check


def _direct(method: str, matrix: np.ndarray, objectives: list[int], weights: np.ndarray) -> Any:
    """Run the documented pipeline straight through scikit-criteria."""
    dm = skc.mkdm(matrix=matrix, objectives=objectives, weights=weights)
    pipes = {
        "topsis": lambda: mkpipe(VectorScaler(target="matrix"), NegateMinimize(), TOPSIS()),
        "wsm": lambda: mkpipe(MinMaxInverter(), WeightedSumModel()),
        "wpm": lambda: mkpipe(BenefitCostInverter(), WeightedProductModel()),
        "waspas": lambda: mkpipe(BenefitCostInverter(), WASPAS()),
        "vikor": lambda: VIKOR(use_compromise_set=False),
        "spotis": lambda: SPOTIS(),
        "moora": lambda: mkpipe(VectorScaler(target="matrix"), RatioMOORA()),
        "copras": lambda: mkpipe(SumScaler(target="matrix"), COPRAS()),
        "edas": lambda: EDAS(),
        "electre2": lambda: mkpipe(MinMaxInverter(), ELECTRE2()),
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = pipes[method]().evaluate(dm)
    extra = result.e_
    if method == "topsis":
        score = extra.similarity
    elif method == "vikor":
        score = extra.q_k
    elif method == "wpm":
        score = np.power(10.0, extra.score)
    else:
        score = extra.score
    return np.asarray(score, dtype=float), np.asarray(result.rank_)


@pytest.mark.parametrize("method", ALL)
@pytest.mark.parametrize("seed", range(4))
def test_every_method_matches_a_direct_scikit_criteria_pipeline(method: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    m, n = int(rng.integers(3, 9)), int(rng.integers(2, 6))
    matrix = rng.uniform(1.0, 100.0, size=(m, n))
    signs = [1] * n
    signs[int(rng.integers(n))] = -1  # COPRAS needs a cost criterion; all need one tested
    weights = rng.dirichlet(np.ones(n))
    expected, skc_rank = _direct(method, matrix, signs, weights)
    res = rank(matrix, signs, weights * 3.0, method)
    np.testing.assert_allclose(res.scores, expected, rtol=1e-10, atol=1e-12)
    oriented = expected if method_info(method).higher_is_better else -expected
    competition = stats.rankdata(-oriented, method="min").astype(int)
    assert res.ranks.tolist() == competition.tolist()
    if len(np.unique(expected)) == m:  # no tie: scikit-criteria's dense ranks are ours
        assert res.ranks.tolist() == skc_rank.tolist()


# =============================================================================== properties

_values = st.one_of(st.integers(0, 6).map(float), st.floats(-50, 100, allow_nan=False))


@st.composite
def _problems(draw: st.DrawFn) -> tuple[np.ndarray, list[str], np.ndarray]:
    m = draw(st.integers(2, 6))
    n = draw(st.integers(1, 4))
    rows = draw(st.lists(st.lists(_values, min_size=n, max_size=n), min_size=m, max_size=m))
    objectives = draw(st.lists(st.sampled_from(["max", "min"]), min_size=n, max_size=n))
    weights = draw(
        st.lists(st.floats(0.0, 10.0, allow_nan=False), min_size=n, max_size=n).filter(
            lambda w: sum(w) > 1e-3
        )
    )
    return np.array(rows, dtype=float), objectives, np.array(weights)


_settings = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_settings
@given(problem=_problems(), method=st.sampled_from(ALL), data=st.data())
def test_permuting_vendors_permutes_the_result(
    problem: tuple[np.ndarray, list[str], np.ndarray], method: str, data: st.DataObject
) -> None:
    matrix, objectives, weights = problem
    perm = np.array(data.draw(st.permutations(range(len(matrix)))))
    base = rank(matrix, objectives, weights, method)
    moved = rank(matrix[perm], objectives, weights, method)
    np.testing.assert_allclose(moved.scores, base.scores[perm], rtol=1e-9, atol=1e-12)
    assert moved.ranks.tolist() == base.ranks[perm].tolist()


@_settings
@given(problem=_problems(), method=st.sampled_from(ALL))
def test_scaling_all_weights_changes_nothing(
    problem: tuple[np.ndarray, list[str], np.ndarray], method: str
) -> None:
    matrix, objectives, weights = problem
    base = rank(matrix, objectives, weights, method)
    scaled = rank(matrix, objectives, 7.0 * weights, method)
    np.testing.assert_allclose(scaled.scores, base.scores, rtol=1e-9, atol=1e-12)
    assert scaled.ranks.tolist() == base.ranks.tolist()


@_settings
@given(
    problem=_problems(),
    method=st.sampled_from(DOMINANCE_SAFE),
    data=st.data(),
)
def test_a_dominated_vendor_never_ranks_above_its_dominator(
    problem: tuple[np.ndarray, list[str], np.ndarray], method: str, data: st.DataObject
) -> None:
    matrix, objectives, weights = problem
    n = matrix.shape[1]
    signs = np.where(np.array(objectives) == "max", 1.0, -1.0)
    gaps = np.array(data.draw(st.lists(st.floats(0, 20), min_size=n, max_size=n)))
    gaps[data.draw(st.integers(0, n - 1))] += 1.0  # strictly worse somewhere
    dominated = matrix[0] - signs * gaps  # worse or equal on every criterion
    table = np.vstack([matrix, dominated])
    res = rank(table, objectives, weights, method)
    assert res.ranks[-1] >= res.ranks[0]


# =============================================================================== degenerate


@pytest.mark.parametrize("method", ALL)
def test_one_vendor_ranks_first_with_a_note(method: str) -> None:
    res = rank([[3.0, 0.0, -2.0]], ["max", "min", "max"], [1, 1, 1], method)
    assert res.ranks.tolist() == [1]
    assert np.isfinite(res.scores).all()
    assert [n.key for n in res.notes] == ["engine.note.single_alternative"]


@pytest.mark.parametrize("method", ALL)
def test_two_identical_vendors_tie(method: str) -> None:
    res = rank([[3.0, 10.0], [3.0, 10.0]], ["max", "min"], [0.4, 0.6], method)
    assert res.ranks.tolist() == [1, 1]
    assert res.scores[0] == res.scores[1]
    assert "engine.note.no_discrimination" in [n.key for n in res.notes]


@pytest.mark.parametrize("method", ALL)
def test_identical_pair_among_others_shares_a_rank(method: str) -> None:
    matrix = [[5.0, 2.0, 7.0], [5.0, 2.0, 7.0], [1.0, 9.0, 2.0], [3.0, 5.0, 4.0]]
    res = rank(matrix, ["max", "min", "max"], [0.5, 0.3, 0.2], method)
    assert res.ranks[0] == res.ranks[1]
    assert res.ranks[0] < res.ranks[2]  # the pair dominates vendor 3
    tie_notes = [n for n in res.notes if n.key == "engine.note.tie"]
    assert any(set(n.params["alternatives"]) >= {"A1", "A2"} for n in tie_notes)  # type: ignore[arg-type]


@pytest.mark.parametrize("method", [m for m in ALL if m not in ("wpm", "waspas", "copras")])
def test_constant_column_contributes_nothing_and_is_named(method: str) -> None:
    # a column of zeros: no range, no norm (MOORA keeps constant columns, but not this one)
    rng = np.random.default_rng(7)
    base = rng.uniform(1, 10, size=(5, 3))
    with_constant = np.column_stack([base[:, :1], np.zeros(5), base[:, 1:]])  # zero norm
    res = rank(with_constant, ["max", "max", "min", "max"], [0.3, 0.2, 0.3, 0.2], method)
    ref = rank(base, ["max", "min", "max"], [0.3, 0.3, 0.2], method)
    np.testing.assert_allclose(res.scores, ref.scores, rtol=1e-12)
    note = next(n for n in res.notes if n.key == "engine.note.constant_criteria")
    assert note.params["criteria"] == ["C2"]
    assert "C2" in note.render("en") and "C2" in note.render("fr")


@pytest.mark.parametrize("method", ["wpm", "waspas", "copras"])
def test_ratio_methods_keep_a_column_of_zeros_with_ratio_one(method: str) -> None:
    # any positive constant gives every vendor the same ratio (1) or share (1/m); a column
    # of zeros, shifted to any positive constant, gives the same
    rng = np.random.default_rng(7)
    base = rng.uniform(1, 10, size=(5, 3))
    zeros = np.column_stack([base[:, :1], np.zeros(5), base[:, 1:]])
    threes = np.column_stack([base[:, :1], np.full(5, 3.0), base[:, 1:]])
    objectives, weights = ["max", "min", "min", "max"], [0.3, 0.2, 0.3, 0.2]
    res = rank(zeros, objectives, weights, method)
    np.testing.assert_allclose(res.scores, rank(threes, objectives, weights, method).scores)
    note = next(n for n in res.notes if n.key == "maths.note.constant_kept")
    assert note.params["criteria"] == ["C2"]
    assert "C2" in note.render("fr") and "« C2 »" in note.render("fr")
    assert not any(n.key == "engine.note.shifted" for n in res.notes)


@pytest.mark.parametrize("method", ALL)
def test_zero_weights_drop_the_criterion_with_a_note(method: str) -> None:
    rng = np.random.default_rng(3)
    matrix = rng.uniform(1, 10, size=(6, 4))
    res = rank(matrix, ["max", "min", "max", "min"], [0.5, 0.0, 0.5, 0.0], method)
    ref = rank(matrix[:, [0, 2]], ["max", "max"], [0.5, 0.5], method)
    assert np.isfinite(res.scores).all()  # VIKOR gives NaN with zero weights elsewhere
    np.testing.assert_allclose(res.scores, ref.scores, rtol=1e-12)
    note = next(n for n in res.notes if n.key == "engine.note.zero_weight")
    assert note.params["criteria"] == ["C2", "C4"]


@pytest.mark.parametrize("method", ALL)
def test_all_weighted_criteria_constant_means_everyone_ties(method: str) -> None:
    res = rank([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]], ["max", "min"], [0.0, 1.0], method)
    assert res.ranks.tolist() == [1, 1, 1]
    keys = [n.key for n in res.notes]
    assert "engine.note.no_discrimination" in keys and "engine.note.zero_weight" in keys


@pytest.mark.parametrize("method", ALL)
def test_a_zero_cost_does_not_divide_by_zero(method: str) -> None:
    # a free (open-source) licence: cost 0; cheaper is better, so the order is A1, A2, A3
    res = rank([[0.0], [100.0], [200.0]], ["min"], [1.0], method)
    assert np.isfinite(res.scores).all()
    assert res.ranks.tolist() == [1, 2, 3]


@pytest.mark.parametrize("method", ["wpm", "waspas", "copras"])
def test_ratio_methods_shift_non_positive_values_and_say_so(method: str) -> None:
    res = rank([[0.0, 3.0], [100.0, -1.0], [200.0, 5.0]], ["min", "max"], [0.5, 0.5], method)
    note = next(n for n in res.notes if n.key == "engine.note.shifted")
    shifted = note.params["criteria"]
    assert "C1" in shifted  # type: ignore[operator]
    assert np.isfinite(res.scores).all()


def test_wpm_shift_maps_worst_to_half_the_best() -> None:
    # x − min + range: costs (0, 10) → (10, 20); ratios min/x = (1, 0.5)
    res = rank([[0.0], [10.0]], ["min"], [1.0], "wpm")
    np.testing.assert_allclose(res.scores, [1.0, 0.5])


def test_library_warnings_become_notes(monkeypatch: pytest.MonkeyPatch) -> None:
    from erp_select.engine import _skc

    original = _skc.RUNNERS["wsm"]

    def noisy(*args: Any) -> Any:
        warnings.warn("something odd in the library", UserWarning, stacklevel=1)
        return original(*args)

    monkeypatch.setitem(_skc.RUNNERS, "wsm", noisy)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing may escape as a printed warning
        res = rank([[1.0, 2.0], [2.0, 1.0], [3.0, 3.0]], ["max", "max"], [1, 1], "wsm")
    note = next(n for n in res.notes if n.key == "engine.note.library_warning")
    assert "something odd" in note.render("en")


def test_vikor_compromise_set_is_reported() -> None:
    # Opricovic & Tzeng (2007) W3: the compromise set is A3, A5, A6 (no acceptable advantage)
    weights = _HYDRO_CASES["W3"][0]
    res = rank(_HYDRO, _HYDRO_OBJ, weights, "vikor", alternatives=[f"H{i}" for i in range(1, 7)])
    note = next(n for n in res.notes if n.key == "engine.note.vikor_compromise_set")
    assert note.params["alternatives"] == ["H3", "H5", "H6"]
    assert res.intermediate["compromise_set"].tolist() == [False, False, True, False, True, True]
    assert "H5" in note.render("fr") and "non" in note.render("fr")


def test_to_frame_and_names() -> None:
    res = rank(
        [[1, 2], [3, 1]],
        ["max", "min"],
        [1, 1],
        alternatives=["odoo", "sage"],
        criteria=["fit", "tco"],
    )
    frame = res.to_frame()
    assert list(frame.index) == ["odoo", "sage"]
    assert list(frame.columns) == ["score", "rank", "ideal_distance", "anti_ideal_distance"]
    assert res.criteria == ["fit", "tco"]
    assert isinstance(res, RankResult)
    assert res.scores.dtype == np.float64 and res.ranks.dtype == np.int64


def test_accepted_objective_spellings() -> None:
    matrix = [[1, 5], [2, 3], [4, 4]]
    ref = rank(matrix, ["max", "min"], [1, 1])
    for spelling in (["benefit", "cost"], [1, -1], ["MAX", " Min "], np.array([1, -1])):
        assert rank(matrix, spelling, [1, 1]).scores.tolist() == ref.scores.tolist()


def test_default_names_and_dataframe_names() -> None:
    import pandas as pd

    res = rank([[1, 2], [2, 1]], ["max", "max"], [1, 2])
    assert res.alternatives == ["A1", "A2"] and res.criteria == ["C1", "C2"]
    frame = pd.DataFrame([[1, 2], [2, 1]], index=["x", "y"], columns=["p", "q"])
    named = rank(frame, ["max", "max"], [1, 2])
    assert named.alternatives == ["x", "y"] and named.criteria == ["p", "q"]


# =============================================================================== bad input


@pytest.mark.parametrize(
    ("weights", "rule", "field", "value"),
    [
        ([0, 0, 0], "engine.weights_all_zero", "weights", None),
        ([0.5, -0.1, 0.6], "engine.weight_negative", "C2", -0.1),
        ([0.5, float("nan"), 0.6], "engine.weight_not_finite", "C2", "nan"),
        ([0.5, 0.2, float("inf")], "engine.weight_not_finite", "C3", "inf"),
        (["0.5", "heavy", 1], "engine.weight_not_numeric", "C1", "0.5"),
        ([0.5, 0.5], "engine.weights_length", None, 2),
        ([0.5, None, 0.2], "engine.weight_not_numeric", "C2", "None"),
    ],
)
def test_bad_weights_are_located(
    weights: list[Any], rule: str, field: str | None, value: Any
) -> None:
    with pytest.raises(InputError) as exc:
        rank([[1, 2, 3], [3, 2, 1]], ["max", "min", "max"], weights)
    problem = _problem(rule, exc)
    assert problem.field == field
    assert problem.value == value
    for lang in ("en", "fr"):
        text = exc.value.render(lang)
        assert "errors." not in text and "engine." not in text


@pytest.mark.parametrize(
    ("matrix", "rule", "row", "field"),
    [
        ([[1, 2], [float("nan"), 1]], "engine.not_finite", 2, "C1"),
        ([[1, float("inf")], [2, 1]], "engine.not_finite", 1, "C2"),
        ([[1, "n/a"], [2, 1]], "engine.not_numeric", 1, "C2"),
        ([[1, None], [2, 1]], "engine.not_numeric", 1, "C2"),
        ([[1, True], [2, 1]], "engine.not_numeric", 1, "C2"),
    ],
)
def test_bad_cells_are_located(matrix: list[list[Any]], rule: str, row: int, field: str) -> None:
    with pytest.raises(InputError) as exc:
        rank(matrix, ["max", "max"], [1, 1], alternatives=["odoo", "sage"])
    problem = _problem(rule, exc)
    assert (problem.row, problem.field) == (row, field)
    assert problem.params["alternative"] == ["odoo", "sage"][row - 1]
    assert "« " in exc.value.render("fr") or "valeur" in exc.value.render("fr")


@pytest.mark.parametrize("matrix", [[], [[]], [1, 2, 3], [[[1, 2]]]])
def test_bad_shapes_are_rejected(matrix: Any) -> None:
    with pytest.raises(InputError) as exc:
        rank(matrix, ["max"], [1])
    _problem("engine.matrix_shape", exc)


def test_bad_objectives_are_located() -> None:
    with pytest.raises(InputError) as exc:
        rank([[1, 2], [2, 1]], ["max", "lower"], [1, 1])
    problem = _problem("engine.bad_objective", exc)
    assert (problem.field, problem.value) == ("C2", "lower")
    with pytest.raises(InputError) as exc:
        rank([[1, 2], [2, 1]], ["max"], [1, 1])
    _problem("engine.objectives_length", exc)
    with pytest.raises(InputError) as exc:
        rank([[1, 2], [2, 1]], ["max", 2], [1, 1])
    _problem("engine.bad_objective", exc)


def test_bad_names_are_rejected() -> None:
    with pytest.raises(InputError) as exc:
        rank([[1, 2], [2, 1]], ["max", "max"], [1, 1], alternatives=["a"])
    _problem("engine.names_length", exc)
    with pytest.raises(InputError) as exc:
        rank([[1, 2], [2, 1]], ["max", "max"], [1, 1], criteria=["x", "x"])
    _problem("engine.duplicate_name", exc)


def test_every_note_and_rule_is_translated() -> None:
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "erp_select" / "engine"
    source = "\n".join(p.read_text(encoding="utf-8") for p in root.glob("*.py"))
    keys = set(re.findall(r'"(engine\.(?:note\.)?[a-z_0-9]+)"', source))
    assert len(keys) > 20
    for key in keys:
        lookup = key if key.startswith("engine.note.") else f"errors.{key}"
        for lang in ("en", "fr"):
            assert t(lookup, lang) != lookup, (lookup, lang)
    assert Note("engine.note.tie", {"alternatives": ["a", "b"], "rank": 1}).render("fr") == (
        "Ex aequo : « a », « b » ont le même score et partagent le rang 1."
    )


# ------------------------------------------------------------------ bilingual names


def test_every_method_has_a_french_and_an_english_name() -> None:
    from erp_select.engine import methods

    for info in methods():
        assert info.title("en") == info.name  # the English name stays in ``name``
        assert info.title("fr") and info.title("en")
        assert set(info.label) == {"fr", "en"}
    wsm = next(i for i in methods() if i.key == "wsm")
    assert wsm.title("fr") == "Somme pondérée (WSM)"
    assert wsm.title("en") == "Weighted sum (WSM)"
    assert wsm.name == "Weighted sum (WSM)"


def test_note_render_shows_labels_for_ids() -> None:
    from erp_select.engine import Note

    note = Note("engine.note.tie", {"alternatives": ["erp-a", "erp-b"], "rank": 2})
    plain = note.render("fr")
    assert "« erp-a »" in plain
    shown = note.render("fr", {"erp-a": "ERP Alpha", "erp-b": "ERP Bêta"})
    assert "« ERP Alpha »" in shown and "« ERP Bêta »" in shown and "erp-a" not in shown
    assert "“ERP Alpha”" in note.render("en", {"erp-a": "ERP Alpha"})
    shifted = Note("engine.note.shifted", {"criteria": ["c1"], "method": "wpm"})
    assert shifted.render("fr", {"c1": "Prix"}).startswith("Produit pondéré (WPM) exige")
    assert "« Prix »" in shifted.render("fr", {"c1": "Prix"})
    assert shifted.render("en").startswith("Weighted product (WPM) needs")


# =============================================================================== constant criteria
# A criterion with the same value for every vendor (issue 13, part 6). Where the method's
# formula is defined with it, it is kept: dropping it and renormalising the other weights
# changes COPRAS's and WASPAS's results. Golden values below are computed with plain numpy
# straight from the published formulas, not from the engine.
_CONST_X = np.array([[9.0, 4.0, 2.0], [9.0, 9.0, 6.0], [9.0, 8.0, 7.0]])
_CONST_OBJ = ["min", "min", "max"]
_CONST_SIGNS = np.array([-1, -1, 1])
_CONST_W = np.array([4.0, 4.0, 3.0])


def _copras_by_hand(x: np.ndarray, signs: np.ndarray, w: np.ndarray) -> np.ndarray:
    """COPRAS, Zavadskas & Kaklauskas (1996), as restated by Zavadskas et al. (2008):
    d_ij = q_j x_ij / Σ_i x_ij (q = weights summing to 1); S+_i = Σ_{benefit j} d_ij,
    S−_i = Σ_{cost j} d_ij; Q_i = S+_i + (S−_min Σ_i S−_i) / (S−_i Σ_i (S−_min / S−_i));
    utility degree N_i = 100 Q_i / Q_max."""
    q = w / w.sum()
    d = q * x / x.sum(axis=0)
    s_plus = d[:, signs > 0].sum(axis=1)
    s_minus = d[:, signs < 0].sum(axis=1)
    low = s_minus.min()
    big_q = s_plus + low * s_minus.sum() / (s_minus * (low / s_minus).sum())
    return 100.0 * big_q / big_q.max()


def _ratios_by_hand(x: np.ndarray, signs: np.ndarray) -> np.ndarray:
    """Linear max normalisation of WSM/WPM/WASPAS: x / max for a benefit, min / x for a cost."""
    return np.where(signs > 0, x / x.max(axis=0), x.min(axis=0) / x)


def _waspas_by_hand(x: np.ndarray, signs: np.ndarray, w: np.ndarray, lam: float = 0.5):
    """WASPAS, Zavadskas et al. (2012): Q_i = λ Σ_j q_j r_ij + (1 − λ) Π_j r_ij^q_j."""
    q = w / w.sum()
    r = _ratios_by_hand(x, signs)
    return lam * (q * r).sum(axis=1) + (1.0 - lam) * np.prod(r**q, axis=1)


def _moora_by_hand(x: np.ndarray, signs: np.ndarray, w: np.ndarray) -> np.ndarray:
    """MOORA ratio system, Brauers & Zavadskas (2006): x* = x / sqrt(Σ_i x²), then
    y_i = Σ_{benefit} q_j x*_ij − Σ_{cost} q_j x*_ij."""
    q = w / w.sum()
    return (q * signs * x / np.sqrt((x**2).sum(axis=0))).sum(axis=1)


def _competition(scores: np.ndarray) -> list[int]:
    return stats.rankdata(-scores, method="min").astype(int).tolist()


def test_copras_keeps_a_constant_criterion_as_published() -> None:
    expected = _copras_by_hand(_CONST_X, _CONST_SIGNS, _CONST_W)
    res = rank(_CONST_X, _CONST_OBJ, _CONST_W, "copras")
    np.testing.assert_allclose(res.scores, expected, rtol=0, atol=1e-9)
    assert res.ranks.tolist() == _competition(expected) == [2, 3, 1]
    assert np.allclose(res.intermediate["S_minus"].min(), 4 / 11 * 9 / 27 + 4 / 11 * 4 / 21)
    kept = next(n for n in res.notes if n.key == "maths.note.constant_kept")
    assert kept.params["criteria"] == ["C1"]
    assert "C1" in kept.render("fr") and "C1" in kept.render("en")
    assert not any(n.key == "engine.note.constant_criteria" for n in res.notes)


def test_waspas_keeps_a_constant_criterion_as_published() -> None:
    expected = _waspas_by_hand(_CONST_X, _CONST_SIGNS, _CONST_W)
    res = rank(_CONST_X, _CONST_OBJ, _CONST_W, "waspas")
    np.testing.assert_allclose(res.scores, expected, rtol=0, atol=1e-9)
    assert res.ranks.tolist() == _competition(expected)
    r = _ratios_by_hand(_CONST_X, _CONST_SIGNS)
    q = _CONST_W / _CONST_W.sum()
    np.testing.assert_allclose(res.intermediate["wsm_score"], (q * r).sum(axis=1), atol=1e-9)
    np.testing.assert_allclose(res.intermediate["wpm_score"], np.prod(r**q, axis=1), atol=1e-9)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("method", ["copras", "waspas", "wpm", "moora"])
def test_methods_defined_with_constant_criteria_keep_them(method: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    m, n = int(rng.integers(3, 7)), int(rng.integers(2, 5))
    x = rng.uniform(1.0, 20.0, (m, n))
    x[:, int(rng.integers(n))] = float(rng.uniform(1.0, 20.0))  # one constant column
    signs = rng.choice([-1, 1], n)
    signs[0] = -1  # COPRAS's full formula needs a cost criterion
    w = rng.uniform(0.1, 1.0, n)
    by_hand = {
        "copras": lambda: _copras_by_hand(x, signs, w),
        "waspas": lambda: _waspas_by_hand(x, signs, w),
        "wpm": lambda: _waspas_by_hand(x, signs, w, lam=0.0),
        "moora": lambda: _moora_by_hand(x, signs, w),
    }[method]()
    res = rank(x, signs, w, method)
    np.testing.assert_allclose(res.scores, by_hand, rtol=0, atol=1e-9)
    assert res.ranks.tolist() == _competition(by_hand)


@pytest.mark.parametrize("method", ["topsis", "vikor", "edas", "electre2", "wsm", "spotis"])
def test_methods_that_leave_constant_criteria_out_keep_the_ranking(method: str) -> None:
    # Left out, and the other weights renormalised: TOPSIS, VIKOR, EDAS and ELECTRE II give
    # the very scores they give with the column (it adds nothing to any distance,
    # concordance comparison or average gap); WSM and SPOTIS are not defined with a zero
    # range, and their scores are those of the remaining criteria.
    rng = np.random.default_rng(11)
    x = rng.uniform(1.0, 20.0, (6, 3))
    with_constant = np.column_stack([x, np.full(6, 7.0)])
    res = rank(with_constant, ["max", "min", "max", "min"], [0.3, 0.2, 0.1, 0.4], method)
    ref = rank(x, ["max", "min", "max"], [0.3, 0.2, 0.1], method)
    assert res.ranks.tolist() == ref.ranks.tolist()
    np.testing.assert_allclose(res.scores, ref.scores, rtol=1e-12)
    assert any(n.key == "engine.note.constant_criteria" for n in res.notes)


@pytest.mark.parametrize("method", ALL)
def test_every_description_says_what_is_done_with_a_constant_criterion(method: str) -> None:
    info = method_info(method)
    assert "same value for every vendor" in info.description["en"]
    assert "même valeur pour tous les fournisseurs" in info.description["fr"]


# =============================================================================== ELECTRE II
# What the description says, written independently with numpy: after min–max rescaling
# (cost reversed), a outranks b iff C(a, b) > C(b, a) and D(a, b) <= 0.65, where C(a, b) is
# the weight of the criteria where a is at least as good and D(a, b) the largest lead of b
# over a; the direct order takes out in turn the vendors no remaining vendor outranks, the
# inverse order those that outrank no remaining vendor; score = mean of the two positions.


def _electre2_as_described(x: np.ndarray, signs: np.ndarray, w: np.ndarray) -> np.ndarray:
    lo, hi = x.min(axis=0), x.max(axis=0)
    v = np.where(signs > 0, x - lo, hi - x) / (hi - lo)
    q = w / w.sum()
    m = len(v)
    conc = np.array([[q[v[a] >= v[b]].sum() for b in range(m)] for a in range(m)])
    disc = np.array([[np.max(np.maximum(v[b] - v[a], 0.0)) for b in range(m)] for a in range(m)])
    outranks = (conc > conc.T) & (disc <= 0.65)
    np.fill_diagonal(outranks, False)

    def positions(rel: np.ndarray) -> np.ndarray:
        pos = np.zeros(m, dtype=int)
        left = list(range(m))
        step = 1
        while left:
            free = [a for a in left if not any(rel[b, a] for b in left)]
            if not free:
                free = left
            for a in free:
                pos[a] = step
            left = [a for a in left if a not in free]
            step += 1
        return pos

    direct = positions(outranks)
    inverse = positions(outranks.T)
    inverse = inverse.max() + 1 - inverse
    return (direct + inverse) / 2.0


@pytest.mark.parametrize("seed", range(25))
def test_electre2_ranks_as_its_description_says(seed: int) -> None:
    rng = np.random.default_rng(seed)
    m, n = int(rng.integers(3, 8)), int(rng.integers(2, 6))
    x = rng.integers(0, 6, (m, n)).astype(float) + rng.uniform(0, 1, n)  # ties within columns
    x[:, 0] = np.arange(m)  # at least one criterion discriminates
    signs = rng.choice([-1, 1], n)
    w = rng.uniform(0.05, 1.0, n)
    res = rank(x, signs, w, "electre2")
    constant = x.max(axis=0) == x.min(axis=0)
    expected = _electre2_as_described(x[:, ~constant], signs[~constant], w[~constant])
    np.testing.assert_allclose(res.scores, expected, atol=1e-12)


def test_electre2_description_states_which_thresholds_matter() -> None:
    info = method_info("electre2")
    assert "0.65" in info.description["en"] and "change no ranking" in info.description["en"]
    assert "0,65" in info.description["fr"] and "ne changent" in info.description["fr"]
    assert "0.65" not in info.description["fr"] and "0.35" not in info.description["fr"]
