"""Weights on the criteria tree: level by level, from judgments, and refused inputs."""

from __future__ import annotations

import datetime as dt

import pytest

from erp_select.errors import InputError
from erp_select.model import CriteriaTree
from erp_select.model.judgments import (
    AhpJudgment,
    Comparison,
    DirectJudgment,
    RankJudgment,
    SwingJudgment,
)
from erp_select.weights import apply_judgments, apply_level_weights, weigh_judgment

WHEN = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


def leaf(cid: str) -> dict[str, object]:
    return {
        "id": cid,
        "label": {"fr": cid, "en": cid},
        "value": {"kind": "linear", "fact": cid, "worst": 0, "best": 1},
    }


def node(cid: str, *children: dict[str, object]) -> dict[str, object]:
    return {"id": cid, "label": {"fr": cid, "en": cid}, "children": list(children)}


def tree() -> CriteriaTree:
    return CriteriaTree.model_validate(
        {
            "criteria": [
                node("fit", leaf("sector"), leaf("custom")),
                node("security", leaf("mfa"), leaf("backup"), leaf("certs")),
                leaf("price"),
            ]
        }
    )


def rules(excinfo: pytest.ExceptionInfo[InputError]) -> list[tuple[str, str | None]]:
    return [(p.rule, p.field) for p in excinfo.value.problems]


def test_level_weights_multiply_into_global_weights() -> None:
    t = apply_level_weights(tree(), None, {"fit": 5, "security": 3, "price": 2})
    t = apply_level_weights(t, "fit", {"sector": 3, "custom": 1})
    g = t.global_weights()
    # fit 0.5 × sector 0.75; security 0.3 × 1/3 each; price 0.2.
    assert g["sector"] == pytest.approx(0.375)
    assert g["custom"] == pytest.approx(0.125)
    assert g["mfa"] == pytest.approx(0.1)
    assert g["price"] == pytest.approx(0.2)
    assert sum(g.values()) == pytest.approx(1.0)


def test_one_judgment_per_node_any_method() -> None:
    judgments = [
        DirectJudgment(participant="dg", points={"fit": 50, "security": 30, "price": 20}),
        AhpJudgment(
            participant="dsi",
            node="fit",
            comparisons=[Comparison(a="sector", b="custom", value=3)],
        ),
        RankJudgment(
            participant="rssi", node="security", ranks={"mfa": 1, "backup": 2, "certs": 2}
        ),
    ]
    new, levels = apply_judgments(tree(), judgments)
    g = new.global_weights()
    assert g["sector"] == pytest.approx(0.5 * 0.75)
    assert g["custom"] == pytest.approx(0.5 * 0.25)
    # ROC n = 3: 11/18, 5/18, 2/18; backup and certs tie → 7/36 each.
    assert g["mfa"] == pytest.approx(0.3 * 11 / 18)
    assert g["backup"] == pytest.approx(0.3 * 7 / 36)
    assert g["certs"] == pytest.approx(0.3 * 7 / 36)
    assert g["price"] == pytest.approx(0.2)
    assert [lv.method for lv in levels] == ["direct", "ahp", "rank"]
    assert levels[1].participant == "dsi"


def test_swing_on_a_sub_level() -> None:
    level = weigh_judgment(
        tree(),
        SwingJudgment(
            participant="p", node="security", swings={"mfa": 100, "backup": 50, "certs": 50}
        ),
    )
    assert level.weights == pytest.approx({"mfa": 0.5, "backup": 0.25, "certs": 0.25})
    assert list(level.weights) == ["mfa", "backup", "certs"]


def test_unjudged_nodes_keep_their_weights() -> None:
    base = apply_level_weights(tree(), "security", {"mfa": 2, "backup": 1, "certs": 1})
    new, _ = apply_judgments(
        base, [DirectJudgment(participant="p", points={"fit": 1, "security": 1, "price": 2})]
    )
    assert new.local_weights("security") == pytest.approx(
        {"mfa": 0.5, "backup": 0.25, "certs": 0.25}
    )


def test_ahp_judgment_level_reports_consistency() -> None:
    j = AhpJudgment(
        participant="p",
        node="security",
        comparisons=[
            Comparison(a="mfa", b="backup", value=2),
            Comparison(a="backup", b="certs", value=2),
            Comparison(a="mfa", b="certs", value=4),
        ],
        created=WHEN,
    )
    level = weigh_judgment(tree(), j)
    assert level.weights == pytest.approx({"mfa": 4 / 7, "backup": 2 / 7, "certs": 1 / 7})
    assert level.report.cr == pytest.approx(0.0, abs=1e-12)  # type: ignore[union-attr]


# --- refused inputs: nothing changes ------------------------------------------------


def test_unknown_node() -> None:
    with pytest.raises(InputError) as exc:
        apply_level_weights(tree(), "nope", {"a": 1})
    assert rules(exc) == [("weights.unknown_node", "node")]


def test_leaf_as_node() -> None:
    with pytest.raises(InputError) as exc:
        apply_level_weights(tree(), "price", {"a": 1})
    assert rules(exc) == [("weights.leaf_node", "node")]


def test_unknown_criterion_and_criterion_of_another_level() -> None:
    with pytest.raises(InputError) as exc:
        apply_level_weights(tree(), "fit", {"sector": 1, "custom": 1, "mfa": 1, "ghost": 1})
    assert rules(exc) == [
        ("weights.wrong_level", "mfa"),
        ("weights.unknown_criterion", "ghost"),
    ]
    assert exc.value.problems[0].params["expected"] == "sector, custom"


def test_missing_child() -> None:
    with pytest.raises(InputError) as exc:
        apply_level_weights(tree(), None, {"fit": 1, "price": 1})
    assert rules(exc) == [("weights.missing_criterion", "security")]


def test_level_summing_to_zero() -> None:
    with pytest.raises(InputError) as exc:
        apply_level_weights(tree(), "fit", {"sector": 0, "custom": 0})
    assert rules(exc) == [("weights.zero_sum", "fit")]


def test_negative_weight() -> None:
    with pytest.raises(InputError) as exc:
        apply_level_weights(tree(), "fit", {"sector": -1, "custom": 2})
    assert rules(exc) == [("weights.negative", "sector")]


def test_two_judgments_on_one_node_and_nothing_applied() -> None:
    original = tree()
    with pytest.raises(InputError) as exc:
        apply_judgments(
            original,
            [
                DirectJudgment(participant="a", node="fit", points={"sector": 1, "custom": 1}),
                DirectJudgment(participant="b", node="fit", points={"sector": 2, "custom": 1}),
            ],
        )
    assert rules(exc) == [("weights.duplicate_node", "node")]
    assert original == tree()


def test_a_bad_judgment_names_its_participant_and_changes_nothing() -> None:
    original = tree()
    with pytest.raises(InputError) as exc:
        apply_judgments(
            original,
            [
                DirectJudgment(participant="a", points={"fit": 1, "security": 1, "price": 1}),
                AhpJudgment(
                    participant="Claire",
                    node="security",
                    comparisons=[Comparison(a="mfa", b="sector", value=3)],
                ),
            ],
        )
    p = exc.value.problems[0]
    assert (p.rule, p.field, p.source) == ("weights.wrong_level", "sector", "Claire")
    assert "Claire" in exc.value.render("fr")
    assert original.global_weights() == tree().global_weights()


def test_ahp_judgment_leaving_a_child_out_is_disconnected() -> None:
    j = AhpJudgment(
        participant="p", node="security", comparisons=[Comparison(a="mfa", b="backup", value=2)]
    )
    with pytest.raises(InputError) as exc:
        weigh_judgment(tree(), j)
    (p,) = exc.value.problems
    assert p.rule == "weights.disconnected"
    assert p.field == "certs"
