"""Group judgments: geometric-mean aggregation, weight averaging, dispersion."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from erp_select.errors import InputError
from erp_select.model import CriteriaTree
from erp_select.model.judgments import AhpJudgment, Comparison, DirectJudgment, RankJudgment
from erp_select.weights import (
    SAATY_SCALE,
    aggregate_matrices,
    aggregate_vectors,
    dispersion,
    group_level,
    group_tree,
)


def leaf(cid: str) -> dict[str, object]:
    return {
        "id": cid,
        "label": {"fr": cid, "en": cid},
        "value": {"kind": "linear", "fact": cid, "worst": 0, "best": 1},
    }


def tree() -> CriteriaTree:
    return CriteriaTree.model_validate(
        {
            "criteria": [
                {
                    "id": "fit",
                    "label": {"fr": "fit", "en": "fit"},
                    "children": [leaf("sector"), leaf("custom"), leaf("api")],
                },
                leaf("price"),
                leaf("risk"),
            ]
        }
    )


def ahp_judgment(who: str, w: list[float], node: str | None = None) -> AhpJudgment:
    """A fully consistent AHP judgment over the children of ``node``, from weights ``w``."""
    ids = ["sector", "custom", "api"] if node == "fit" else ["fit", "price", "risk"]
    comps = [
        Comparison(a=ids[i], b=ids[j], value=w[i] / w[j]) for i in range(3) for j in range(i + 1, 3)
    ]
    return AhpJudgment(participant=who, node=node, comparisons=comps)


# --- aggregation of matrices ----------------------------------------------------------


def test_geometric_mean_by_hand() -> None:
    a = np.array([[1, 2], [1 / 2, 1]])
    b = np.array([[1, 8], [1 / 8, 1]])
    g = aggregate_matrices([a, b])
    assert g[0, 1] == pytest.approx(4.0)  # sqrt(2 × 8)
    assert g[1, 0] == pytest.approx(0.25)
    weighted = aggregate_matrices([a, b], [3, 1])
    assert weighted[0, 1] == pytest.approx(2**1.5)  # exp((3 ln 2 + ln 8) / 4)


def test_unanswered_pairs_use_those_who_answered() -> None:
    a = np.array([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]])
    b = np.array([[1, 8, np.nan], [1 / 8, 1, 3], [np.nan, 1 / 3, 1]])
    g = aggregate_matrices([a, b])
    assert g[0, 2] == pytest.approx(4.0)  # only a answered
    assert g[1, 2] == pytest.approx(math.sqrt(6))
    nobody = aggregate_matrices([b, b])
    assert math.isnan(nobody[0, 2]) and math.isnan(nobody[2, 0])


matrix_case = st.integers(2, 6).flatmap(
    lambda n: st.tuples(
        st.just(n),
        st.lists(
            st.lists(
                st.one_of(st.sampled_from(SAATY_SCALE), st.none()),
                min_size=n * (n - 1) // 2,
                max_size=n * (n - 1) // 2,
            ),
            min_size=1,
            max_size=5,
        ),
        st.lists(st.floats(0.0, 5.0), min_size=5, max_size=5),
    )
)


@settings(max_examples=60, deadline=None)
@given(matrix_case)
def test_group_geometric_mean_keeps_reciprocity(
    case: tuple[int, list[list[float | None]], list[float]],
) -> None:
    n, uppers, raw_weights = case
    mats = []
    for upper in uppers:
        a = np.ones((n, n))
        k = 0
        for i in range(n):
            for j in range(i + 1, n):
                v = upper[k]
                a[i, j], a[j, i] = (np.nan, np.nan) if v is None else (v, 1 / v)
                k += 1
        mats.append(a)
    lam = raw_weights[: len(mats)]
    if sum(lam) <= 0:
        lam = [1.0] * len(mats)
    g = aggregate_matrices(mats, lam)
    answered = ~np.isnan(g)
    assert np.array_equal(answered, answered.T)
    np.testing.assert_allclose((g * g.T)[answered], 1.0, rtol=1e-12)
    assert np.all(g[answered] >= 1 / 9 - 1e-12) and np.all(g[answered] <= 9 + 1e-12)
    assert np.all(np.diag(g) == 1.0)


def test_bad_matrices_for_aggregation() -> None:
    with pytest.raises(InputError) as exc:
        aggregate_matrices([np.ones((2, 2)), np.ones((3, 3))])
    assert [p.rule for p in exc.value.problems] == ["weights.shape_mismatch"]
    with pytest.raises(InputError) as exc:
        aggregate_matrices([np.array([[1, -2], [-0.5, 1]])])
    assert [p.rule for p in exc.value.problems] == ["weights.not_positive_matrix"]
    with pytest.raises(InputError) as exc:
        aggregate_matrices([np.ones((2, 2))], [1, 2])
    assert [p.rule for p in exc.value.problems] == ["weights.participants_mismatch"]
    with pytest.raises(InputError) as exc:
        aggregate_matrices([np.ones((2, 2))], [0])
    assert [p.rule for p in exc.value.problems] == ["weights.zero_sum"]
    with pytest.raises(InputError):
        aggregate_matrices([])


# --- aggregation of weight vectors ----------------------------------------------------


def test_vector_means_by_hand() -> None:
    vs = [[0.5, 0.5], [0.9, 0.1]]
    np.testing.assert_allclose(aggregate_vectors(vs), [0.7, 0.3])
    np.testing.assert_allclose(aggregate_vectors(vs, [3, 1]), [0.6, 0.4])
    # sqrt(0.45) : sqrt(0.05) = 3 : 1.
    np.testing.assert_allclose(aggregate_vectors(vs, how="geometric"), [0.75, 0.25])
    # Unnormalised inputs are normalised first.
    np.testing.assert_allclose(aggregate_vectors([[1, 1], [9, 1]]), [0.7, 0.3])


def test_bad_vectors() -> None:
    with pytest.raises(InputError) as exc:
        aggregate_vectors([[1, 0], [0, 1]], how="geometric")
    assert exc.value.problems[0].rule == "weights.zero_sum"
    with pytest.raises(InputError) as exc:
        aggregate_vectors([[1, -1]])
    assert exc.value.problems[0].rule == "weights.negative"
    with pytest.raises(InputError) as exc:
        aggregate_vectors([[1, 2], [1, 2, 3]])
    assert exc.value.problems[0].rule == "weights.shape_mismatch"
    with pytest.raises(InputError) as exc:
        aggregate_vectors([[1, 2]], how="median")  # type: ignore[arg-type]
    assert exc.value.problems[0].rule == "weights.unknown_aggregation"


# --- dispersion -----------------------------------------------------------------------


def test_dispersion_by_hand() -> None:
    d = dispersion(
        {"ana": [0.6, 0.4], "bob": [0.1, 0.9], "cyd": [0.5, 0.5]}, [0.4, 0.6], ["fit", "cost"]
    )
    row = d.table.loc["fit"]
    assert row["group"] == pytest.approx(0.4)
    assert row["mean"] == pytest.approx(0.4)
    assert row["std"] == pytest.approx(math.sqrt((0.04 + 0.09 + 0.01) / 3))
    assert (row["min"], row["min_participant"]) == (0.1, "bob")
    assert (row["max"], row["max_participant"]) == (0.6, "ana")
    assert row["spread"] == pytest.approx(0.5)
    assert d.distances["ana"] == pytest.approx(math.sqrt(0.08))
    assert d.distances["bob"] == pytest.approx(math.sqrt(0.18))
    assert d.distances["cyd"] == pytest.approx(math.sqrt(0.02))
    assert list(d.distances.index) == ["bob", "ana", "cyd"]
    assert d.farthest == "bob"


# --- group levels ---------------------------------------------------------------------


def test_group_of_consistent_ahp_judgments_is_the_geometric_mean_of_their_weights() -> None:
    # Each consistent matrix is w_i / w_j; their geometric mean is sqrt(u_i v_i)/sqrt(u_j v_j),
    # so the group priorities are proportional to sqrt(u × v).
    u, v = [0.6, 0.3, 0.1], [0.2, 0.2, 0.6]
    level = group_level(tree(), [ahp_judgment("ana", u), ahp_judgment("bob", v)])
    expected = np.sqrt(np.multiply(u, v))
    expected /= expected.sum()
    assert level.how == "matrix"
    np.testing.assert_allclose(list(level.weights.values()), expected, rtol=1e-10)
    assert level.ahp is not None and level.ahp.cr == pytest.approx(0.0, abs=1e-10)
    assert level.individual["ana"].weights == pytest.approx(dict(zip(level.ids, u, strict=True)))
    assert list(level.dispersion.distances.index) in (["ana", "bob"], ["bob", "ana"])


def test_weighted_participants() -> None:
    u, v = [0.6, 0.3, 0.1], [0.2, 0.2, 0.6]
    level = group_level(
        tree(), [ahp_judgment("ana", u), ahp_judgment("bob", v)], {"ana": 3, "bob": 1}
    )
    expected = np.power(u, 0.75) * np.power(v, 0.25)
    np.testing.assert_allclose(list(level.weights.values()), expected / expected.sum())


def test_mixed_methods_are_averaged() -> None:
    judgments = [
        DirectJudgment(participant="ana", points={"fit": 50, "price": 30, "risk": 20}),
        RankJudgment(
            participant="bob", ranks={"fit": 2, "price": 1, "risk": 3}, variant="rank_sum"
        ),
    ]
    level = group_level(tree(), judgments)
    assert level.how == "arithmetic"
    # bob: rank sum n = 3 → price 1/2, fit 1/3, risk 1/6.
    assert level.weights["fit"] == pytest.approx((0.5 + 1 / 3) / 2)
    assert level.weights["price"] == pytest.approx((0.3 + 0.5) / 2)
    geo = group_level(tree(), judgments, how="geometric")
    raw = np.sqrt(np.array([0.5 * 1 / 3, 0.3 * 0.5, 0.2 * 1 / 6]))
    np.testing.assert_allclose(list(geo.weights.values()), raw / raw.sum())


def test_group_tree_merges_node_by_node() -> None:
    judgments = [
        ahp_judgment("ana", [0.5, 0.3, 0.2]),
        ahp_judgment("bob", [0.5, 0.3, 0.2]),
        ahp_judgment("ana", [0.7, 0.2, 0.1], node="fit"),
    ]
    new, levels = group_tree(tree(), judgments)
    assert [lv.node for lv in levels] == [None, "fit"]
    g = new.global_weights()
    assert g["sector"] == pytest.approx(0.5 * 0.7)
    assert g["risk"] == pytest.approx(0.2)


def test_group_level_refusals() -> None:
    t = tree()
    a = ahp_judgment("ana", [0.5, 0.3, 0.2])
    with pytest.raises(InputError) as exc:
        group_level(t, [a, ahp_judgment("bob", [0.5, 0.3, 0.2], node="fit")])
    assert [p.rule for p in exc.value.problems] == ["weights.mixed_nodes"]
    with pytest.raises(InputError) as exc:
        group_level(t, [a, a])
    assert [p.rule for p in exc.value.problems] == ["weights.duplicate_participant"]
    with pytest.raises(InputError) as exc:
        group_level(t, [a, ahp_judgment("bob", [0.5, 0.3, 0.2])], {"ana": 1})
    assert [(p.rule, p.field) for p in exc.value.problems] == [
        ("weights.participant_weight_missing", "bob")
    ]
    with pytest.raises(InputError) as exc:
        group_level(
            t,
            [a, DirectJudgment(participant="bob", points={"fit": 1, "price": 1, "risk": 1})],
            how="matrix",
        )
    assert [(p.rule, p.field) for p in exc.value.problems] == [("weights.matrix_needs_ahp", "bob")]
    with pytest.raises(InputError) as exc:
        group_level(t, [])
    assert [p.rule for p in exc.value.problems] == ["weights.empty"]


# --- each participant's ranking next to the group's --------------------------------
