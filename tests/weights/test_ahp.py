"""AHP: published worked examples, consistency, worst judgments, completion, bad input."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from erp_select.errors import InputError
from erp_select.model.judgments import Comparison
from erp_select.weights import (
    RANDOM_INDEX,
    SAATY_SCALE,
    ahp,
    ahp_from_comparisons,
    comparisons_matrix,
    random_index,
    snap_to_scale,
)


def parse(rows: str) -> np.ndarray:
    """A matrix written as fractions, one row per line."""
    return np.array(
        [[float(Fraction(x)) for x in line.split()] for line in rows.strip().splitlines()]
    )


# Saaty, T.L. (1990). "How to make a decision: The Analytic Hierarchy Process".
# European Journal of Operational Research 48(1), 9–26 — the house-buying example:
# eight criteria (size of house, transportation, neighbourhood, age of house, yard space,
# modern facilities, general condition, financing). Published: priorities
# .173 .054 .188 .018 .031 .036 .167 .333, lambda_max = 9.669, C.I. = 0.238, C.R. = 0.169,
# i.e. ABOVE the 0.10 bar (an inconsistent matrix).
HOUSE = parse(
    """
    1   5   3   7   6   6   1/3 1/4
    1/5 1   1/3 5   3   3   1/5 1/7
    1/3 3   1   6   3   4   6   1/5
    1/7 1/5 1/6 1   1/3 1/4 1/7 1/8
    1/6 1/3 1/3 3   1   1/2 1/5 1/6
    1/6 1/3 1/4 4   2   1   1/5 1/6
    3   5   1/6 7   5   5   1   1/2
    4   7   5   8   6   6   2   1
    """
)
HOUSE_PRIORITIES = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]

# Saaty, T.L. (2008). "Decision making with the analytic hierarchy process".
# Int. J. Services Sciences 1(1), 83–98 — "Which drink is consumed more in the US?":
# coffee, wine, tea, beer, sodas, milk, water. Published derived scale
# .177 .019 .042 .116 .190 .129 .327 with C.R. = 0.022 (consistent).
DRINKS = parse(
    """
    1   9 5   2   1   1   1/2
    1/9 1 1/3 1/9 1/9 1/9 1/9
    1/5 3 1   1/3 1/4 1/3 1/9
    1/2 9 3   1   1/2 1   1/3
    1   9 4   2   1   2   1/2
    1   9 3   1   1/2 1   1/3
    2   9 9   3   2   3   1
    """
)
DRINKS_PRIORITIES = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]

# Saaty, T.L. (1980). The Analytic Hierarchy Process, McGraw-Hill (after Saaty & Khouja
# 1976) — relative wealth of nations: US, USSR, China, France, UK, Japan, W. Germany.
# Published: eigenvector .427 .230 .021 .052 .052 .123 .094, lambda_max = 7.61,
# C.I. = 0.10, C.R. = 0.08.
WEALTH = parse(
    """
    1   4   9 6   6   5   5
    1/4 1   7 5   5   3   4
    1/9 1/7 1 1/5 1/5 1/7 1/5
    1/6 1/5 5 1   1   1/3 1/3
    1/6 1/5 5 1   1   1/3 1/3
    1/5 1/3 7 3   3   1   2
    1/5 1/4 5 3   3   1/2 1
    """
)
WEALTH_PRIORITIES = [0.427, 0.230, 0.021, 0.052, 0.052, 0.123, 0.094]


def consistent(w: list[float]) -> np.ndarray:
    v = np.asarray(w, dtype=float)
    return np.outer(v, 1.0 / v)


def rules(excinfo: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [p.rule for p in excinfo.value.problems]


# --- published examples -------------------------------------------------------------


def test_saaty_1990_house_example_is_inconsistent() -> None:
    w, report = ahp(HOUSE)
    np.testing.assert_allclose(w, HOUSE_PRIORITIES, atol=5e-4)
    assert report.lambda_max == pytest.approx(9.669, abs=5e-4)
    assert report.ci == pytest.approx(0.238, abs=5e-4)
    assert report.cr == pytest.approx(0.169, abs=5e-4)
    assert report.ri == 1.41
    assert not report.consistent
    assert report.ri_table == "saaty1980"
    assert "Saaty" in report.ri_source


def test_saaty_2008_drinks_example_is_consistent() -> None:
    w, report = ahp(DRINKS)
    np.testing.assert_allclose(w, DRINKS_PRIORITIES, atol=5e-4)
    assert report.cr == pytest.approx(0.022, abs=5e-4)
    assert report.consistent


def test_saaty_1980_wealth_of_nations() -> None:
    w, report = ahp(WEALTH)
    np.testing.assert_allclose(w, WEALTH_PRIORITIES, atol=5e-4)
    assert report.lambda_max == pytest.approx(7.61, abs=5e-3)
    assert report.ci == pytest.approx(0.10, abs=5e-3)
    assert report.cr == pytest.approx(0.08, abs=5e-3)
    assert report.consistent


def test_priorities_agree_with_scipy_eigensolver() -> None:
    from scipy.linalg import eig

    values, vectors = eig(HOUSE)
    k = int(np.argmax(values.real))
    ref = np.abs(vectors[:, k].real)
    w, report = ahp(HOUSE)
    np.testing.assert_allclose(w, ref / ref.sum(), atol=1e-12)
    assert report.lambda_max == pytest.approx(values[k].real, abs=1e-10)


# --- random index tables --------------------------------------------------------------


def test_saaty_random_index_table() -> None:
    # Values quoted in the project's domain notes for n = 3…10, and RI = 0 for n = 1, 2.
    assert [random_index(n) for n in range(1, 11)] == [
        0.0,
        0.0,
        0.58,
        0.90,
        1.12,
        1.24,
        1.32,
        1.41,
        1.45,
        1.49,
    ]
    assert len(RANDOM_INDEX["saaty1980"]) == 15


def test_alonso_lamata_table() -> None:
    # Alonso & Lamata (2006), IJUFKS 14(4), Table of RI: n = 3 → 0.5247, n = 15 → 1.5838.
    assert random_index(3, "alonso_lamata2006") == 0.5247
    assert random_index(15, "alonso_lamata2006") == 1.5838
    _, report = ahp(HOUSE, ri_table="alonso_lamata2006")
    assert report.ri == 1.4057
    assert report.cr == pytest.approx(report.ci / 1.4057)


def test_one_and_two_criteria_have_zero_cr() -> None:
    w1, r1 = ahp([[1.0]])
    assert w1.tolist() == [1.0] and r1.cr == 0.0 and r1.ci == 0.0
    w2, r2 = ahp([[1, 3], [1 / 3, 1]])
    np.testing.assert_allclose(w2, [0.75, 0.25])
    assert r2.cr == 0.0 and r2.ri == 0.0 and r2.consistent


# --- worst judgments ------------------------------------------------------------------


def test_worst_judgment_is_the_perturbed_one() -> None:
    # A consistent matrix from w = (8, 4, 2, 1)/15 with a_14 changed from 8 to 1/2.
    a = consistent([8, 4, 2, 1])
    a[0, 3], a[3, 0] = 0.5, 2.0
    _, report = ahp(a, ["a", "b", "c", "d"])
    worst = report.worst[0]
    assert (worst.a, worst.b) == ("a", "d")
    assert worst.given == 0.5
    assert worst.implied == pytest.approx(report.weights["a"] / report.weights["d"], rel=1e-12)
    assert worst.suggested in SAATY_SCALE
    assert worst.error == max(x.error for x in report.worst)
    assert worst.cr_if_suggested < report.cr
    errors = [x.error for x in report.worst]
    assert errors == sorted(errors, reverse=True)


def test_restoring_the_suggested_value_makes_the_matrix_consistent() -> None:
    a = consistent([4, 2, 1])
    a[0, 2], a[2, 0] = 1 / 2, 2.0  # should be 4
    _, report = ahp(a)
    fixed = a.copy()
    w = report.worst[0]
    i, j = int(w.a[1:]) - 1, int(w.b[1:]) - 1
    fixed[i, j], fixed[j, i] = w.suggested, 1 / w.suggested
    assert ahp(fixed)[1].cr <= report.cr


def test_consistent_matrix_has_no_worst_judgment() -> None:
    _, report = ahp(consistent([5, 3, 2, 1]))
    assert report.worst == ()
    assert report.cr == pytest.approx(0.0, abs=1e-12)
    assert report.lambda_max == pytest.approx(4.0, abs=1e-12)


def test_snap_to_scale() -> None:
    assert snap_to_scale(1.04) == 1.0
    assert snap_to_scale(2.9) == 3.0
    assert snap_to_scale(0.26) == 0.25
    assert snap_to_scale(40.0) == 9.0
    assert snap_to_scale(0.001) == pytest.approx(1 / 9)


# --- completion of missing judgments --------------------------------------------------


def test_completion_by_hand_three_criteria() -> None:
    # a = 2 b and b = 3 c, a/c unanswered: by transitivity a = 6 c, so w = (6, 3, 1)/10.
    w, report = ahp_from_comparisons(["a", "b", "c"], [("a", "b", 2), ("b", "c", 3)])
    np.testing.assert_allclose(w, [0.6, 0.3, 0.1], atol=1e-12)
    assert report.missing == (("a", "c"),)
    assert report.completion == "harker1987"
    assert report.matrix[0, 2] == pytest.approx(6.0)
    assert report.matrix[2, 0] == pytest.approx(1 / 6)
    assert report.cr == pytest.approx(0.0, abs=1e-12)


def test_consistent_matrix_with_pairs_removed_is_recovered_exactly() -> None:
    truth = [0.35, 0.25, 0.2, 0.12, 0.08]
    full = consistent(truth)
    holed = full.copy()
    for i, j in [(0, 4), (1, 2), (1, 3), (2, 4)]:
        holed[i, j] = holed[j, i] = np.nan
    w, report = ahp(holed)
    np.testing.assert_allclose(w, truth, atol=1e-12)
    np.testing.assert_allclose(report.matrix, full, rtol=1e-10)
    assert len(report.missing) == 4
    assert report.cr == pytest.approx(0.0, abs=1e-10)


def test_harker_priorities_are_the_eigenvector_of_the_completed_matrix() -> None:
    holed = HOUSE.copy()
    for i, j in [(0, 7), (2, 6), (3, 5)]:
        holed[i, j] = holed[j, i] = np.nan
    w, report = ahp(holed)
    completed = report.matrix
    np.testing.assert_allclose(completed @ w, report.lambda_max * w, rtol=1e-9)
    np.testing.assert_allclose(completed * completed.T, 1.0, rtol=1e-12)


def test_disconnected_comparisons_are_refused_naming_the_groups() -> None:
    with pytest.raises(InputError) as exc:
        ahp_from_comparisons(["a", "b", "c", "d"], [("a", "b", 2), ("c", "d", 3)])
    (p,) = exc.value.problems
    assert p.rule == "weights.disconnected"
    assert p.params["groups"] == "a, b | c, d"
    assert p.field == "c, d"
    assert "c, d" in exc.value.render("fr")


def test_two_criteria_without_their_comparison_are_disconnected() -> None:
    with pytest.raises(InputError) as exc:
        ahp([[1, np.nan], [np.nan, 1]], ["x", "y"])
    assert rules(exc) == ["weights.disconnected"]


def test_comparison_records_are_accepted() -> None:
    w, _ = ahp_from_comparisons(["a", "b"], [Comparison(a="b", b="a", value=4)])
    np.testing.assert_allclose(w, [0.2, 0.8])


def test_nearly_reciprocal_entries_are_accepted_and_made_exact() -> None:
    a = np.array([[1, 3, 0.5], [0.333, 1, 0.2], [2, 5, 1]])
    _, report = ahp(a)
    np.testing.assert_allclose(report.matrix * report.matrix.T, 1.0, rtol=1e-12)


# --- bad input ------------------------------------------------------------------------


def test_non_reciprocal_pair_is_named() -> None:
    a = consistent([3, 2, 1])
    a[0, 1] = 4.0  # its reverse stays 2/3
    with pytest.raises(InputError) as exc:
        ahp(a, ["cost", "fit", "risk"])
    (p,) = exc.value.problems
    assert p.rule == "weights.not_reciprocal"
    assert p.field == "cost / fit"
    assert p.value == 4.0


def test_non_positive_value_is_refused() -> None:
    a = consistent([3, 2, 1])
    a[0, 2], a[2, 0] = -3.0, -1 / 3
    with pytest.raises(InputError) as exc:
        ahp(a, ["a", "b", "c"])
    assert set(rules(exc)) == {"weights.not_positive"}
    assert exc.value.problems[0].field == "a / c"


def test_value_off_the_scale_is_refused() -> None:
    a = consistent([12, 2, 1])  # a/c = 12 > 9
    with pytest.raises(InputError) as exc:
        ahp(a, ["a", "b", "c"])
    fields = {p.field for p in exc.value.problems}
    assert "a / c" in fields
    assert set(rules(exc)) == {"weights.scale_out_of_range"}


def test_diagonal_other_than_one_is_refused() -> None:
    a = consistent([2, 1])
    a[1, 1] = 2.0
    with pytest.raises(InputError) as exc:
        ahp(a, ["a", "b"])
    assert rules(exc) == ["weights.diagonal_not_one"]
    assert exc.value.problems[0].field == "b / b"


def test_pair_answered_one_way_only_is_refused() -> None:
    a = consistent([2, 1, 1])
    a[0, 2] = np.nan
    with pytest.raises(InputError) as exc:
        ahp(a, ["a", "b", "c"])
    assert rules(exc) == ["weights.half_missing"]
    assert exc.value.problems[0].field == "a / c"


@pytest.mark.parametrize(
    ("matrix", "rule"),
    [
        ([[1, 2, 3]], "weights.not_square"),
        ([], "weights.not_square"),
        ([[1, "x"], [1, 1]], "weights.not_a_matrix"),
        (np.ones((16, 16)), "weights.ahp_too_large"),
    ],
)
def test_malformed_matrices(matrix: object, rule: str) -> None:
    with pytest.raises(InputError) as exc:
        ahp(matrix)  # type: ignore[arg-type]
    assert rules(exc) == [rule]


def test_wrong_ids_and_table() -> None:
    with pytest.raises(InputError) as exc:
        ahp(np.ones((2, 2)), ["a"])
    assert rules(exc) == ["weights.ids_mismatch"]
    with pytest.raises(InputError) as exc:
        ahp(np.ones((2, 2)), ["a", "a"])
    assert rules(exc) == ["weights.duplicate_criterion"]
    with pytest.raises(InputError) as exc:
        ahp(np.ones((2, 2)), ri_table="nope")  # type: ignore[arg-type]
    assert rules(exc) == ["weights.unknown_ri_table"]


def test_bad_comparisons() -> None:
    with pytest.raises(InputError) as exc:
        comparisons_matrix(
            ["a", "b", "c"],
            [("a", "z", 2), ("a", "a", 1), ("a", "b", 2), ("b", "a", 3), ("b", "c", 10)],
        )
    got = [(p.rule, p.field) for p in exc.value.problems]
    assert got == [
        ("weights.unknown_in_pair", "a / z"),
        ("weights.self_comparison", "a / a"),
        ("weights.duplicate_pair", "b / a"),
        ("weights.scale_out_of_range", "b / c"),
    ]
    with pytest.raises(InputError) as exc:
        comparisons_matrix(["a", "b"], [("a", "b", 0.0)])
    assert rules(exc) == ["weights.not_positive"]


# --- properties -----------------------------------------------------------------------

positive = st.floats(min_value=0.05, max_value=1.0, allow_nan=False)


@settings(max_examples=40, deadline=None)
@given(st.lists(positive, min_size=2, max_size=9))
def test_consistent_matrices_give_back_their_weights(raw: list[float]) -> None:
    w = np.array(raw) / sum(raw)
    ratios = np.outer(w, 1 / w)
    if ratios.max() > 9:  # keep every judgment on Saaty's scale
        return
    got, report = ahp(ratios)
    np.testing.assert_allclose(got, w, rtol=1e-9)
    assert report.lambda_max == pytest.approx(len(w), abs=1e-9)
    assert report.cr == pytest.approx(0.0, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(
    st.integers(3, 7).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(
                st.sampled_from(SAATY_SCALE), min_size=n * (n - 1) // 2, max_size=n * (n - 1) // 2
            ),
            st.permutations(list(range(n))),
        )
    )
)
def test_random_reciprocal_matrices(case: tuple[int, list[float], list[int]]) -> None:
    n, upper, perm = case
    a = np.ones((n, n))
    k = 0
    for i in range(n):
        for j in range(i + 1, n):
            a[i, j], a[j, i] = upper[k], 1 / upper[k]
            k += 1
    w, report = ahp(a)
    assert w.sum() == pytest.approx(1.0)
    assert np.all(w > 0)
    assert report.lambda_max >= n - 1e-9  # Perron: lambda_max ≥ n for reciprocal matrices
    # Relabelling the criteria permutes the priorities and changes nothing else.
    p = np.array(perm)
    w2, report2 = ahp(a[np.ix_(p, p)])
    np.testing.assert_allclose(w2, w[p], atol=1e-10)
    assert report2.cr == pytest.approx(report.cr, abs=1e-10)
