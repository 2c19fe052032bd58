"""Demo scorecards: aggregation, spread, outliers and agreed scores against hand-worked numbers."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest

from erp_select.errors import InputError
from erp_select.model import CriteriaTree, Project
from erp_select.scoring.consensus import agree, discuss_first, not_shown_only, score_cells
from erp_select.scoring.facts import fact_value
from erp_select.store import Person, RoundInfo
from erp_select.workshop.answers import DemoAnswer, Given, cards_of, parse_answer
from erp_select.workshop.demo_adoption import demo_project
from erp_select.workshop.results import demo_result
from tests.conftest import make_vendor
from tests.conftest import text as label

AT = dt.datetime(2026, 5, 4, 10, 0, tzinfo=dt.UTC)


def given(seq: int, *scores: dict[str, Any]) -> Given:
    answer = DemoAnswer.model_validate({"kind": "demo", "scores": list(scores)})
    return Given(Person(seq, seq, f"E{seq}"), answer, 1, AT)


def sc(vendor: str, criterion: str, score: int | None, **kw: Any) -> dict[str, Any]:
    if score is None:
        return {"vendor": vendor, "criterion": criterion, "not_shown": True, **kw}
    return {"vendor": vendor, "criterion": criterion, "score": score, **kw}


def rnd(status: str = "locked") -> RoundInfo:
    return RoundInfo(
        number=2,
        kind="demo",
        node=None,
        criteria=("usability", "config"),
        vendors=("alpha", "beta"),
        status=status,  # type: ignore[arg-type]
        opened_at=AT,
        locked_at=AT if status == "locked" else None,
        adopted_revision=None,
    )


THREE = [
    given(1, sc("alpha", "usability", 1), sc("alpha", "config", 3), sc("beta", "config", None)),
    given(2, sc("alpha", "usability", 4), sc("alpha", "config", 3), sc("beta", "config", None)),
    given(3, sc("alpha", "usability", 5), sc("alpha", "config", None), sc("beta", "usability", 2)),
]


def test_mean_spread_and_outliers_by_hand() -> None:
    cells = {(c.vendor_id, c.criterion_id): c for c in score_cells(*_axes(), cards_of(THREE))}
    u = cells[("alpha", "usability")]
    # Scores 1, 4, 5: mean 10/3, median 4; population variance
    # ((1 − 10/3)² + (4 − 10/3)² + (5 − 10/3)²) / 3 = (49/9 + 4/9 + 25/9) / 3 = 78/27.
    assert u.count == 3
    assert u.mean == pytest.approx(10 / 3)
    assert u.median == 4
    assert u.std == pytest.approx(math.sqrt(78 / 27))
    assert (u.low, u.high, u.spread) == (1, 5, 4)
    # |1 − 4| = 3 ≥ 2 levels: seat 1 is the outlier; |5 − 4| = 1 is not.
    assert u.outliers == (1,)


def test_not_shown_is_never_a_zero() -> None:
    cells = {(c.vendor_id, c.criterion_id): c for c in score_cells(*_axes(), cards_of(THREE))}
    config = cells[("alpha", "config")]
    # Seat 3 marked it not shown: the mean is (3 + 3) / 2, never (3 + 3 + 0) / 3.
    assert (config.count, config.mean, config.low, config.not_shown) == (2, 3.0, 3, 1)
    # Nobody showed beta's configuration: no cell, listed as not shown only.
    assert ("beta", "config") not in cells
    assert not_shown_only(*_axes(), cards_of(THREE)) == (("beta", "config"),)
    agreed = agree(score_cells(*_axes(), cards_of(THREE)), {})
    assert all(a.score >= 1 for a in agreed)


def test_scenarios_count_each_evaluator_once() -> None:
    one = given(
        1,
        sc("alpha", "config", 2, scenario="order-to-cash"),
        sc("alpha", "config", 4, scenario="closing"),
    )
    two = given(2, sc("alpha", "config", 5))
    (cell,) = score_cells(("alpha",), ("config",), cards_of([one, two]))
    # Seat 1 counts once, at (2 + 4) / 2 = 3; the cell mean is (3 + 5) / 2 = 4.
    assert (cell.count, cell.mean, cell.low, cell.high) == (2, 4.0, 3.0, 5.0)


def test_discuss_first_is_ordered_by_spread() -> None:
    people = [
        given(1, sc("alpha", "usability", 1), sc("alpha", "config", 2), sc("beta", "config", 3)),
        given(2, sc("alpha", "usability", 5), sc("alpha", "config", 4), sc("beta", "config", 4)),
    ]
    order = [
        (c.vendor_id, c.criterion_id)
        for c in discuss_first(score_cells(*_axes(), cards_of(people)))
    ]
    # Spreads 4, 2 and 1: the last stays off the list.
    assert order == [("alpha", "usability"), ("alpha", "config")]


def test_agreed_score_or_the_mean() -> None:
    cells = score_cells(*_axes(), cards_of(THREE))
    agreed = {
        (a.vendor_id, a.criterion_id): a
        for a in agree(cells, {("alpha", "usability"): (4, "vu en salle")})
    }
    u = agreed[("alpha", "usability")]
    assert (u.score, u.low, u.high, u.kept_mean, u.note) == (4.0, 1.0, 5.0, False, "vu en salle")
    c = agreed[("alpha", "config")]
    assert (c.score, c.kept_mean) == (3.0, True)


def test_old_stored_answers_still_read() -> None:
    old = '{"kind":"demo","scores":[{"comment":"ok","criterion":"fit","score":4,"vendor":"alpha"}]}'
    answer = parse_answer(old)
    assert isinstance(answer, DemoAnswer)
    assert answer.scores[0].score == 4 and answer.scores[0].not_shown is False


def test_a_score_and_not_shown_exclude_each_other() -> None:
    with pytest.raises(ValueError):
        DemoAnswer.model_validate(
            {"scores": [{"vendor": "a", "criterion": "b", "score": 3, "not_shown": True}]}
        )
    with pytest.raises(ValueError):
        DemoAnswer.model_validate({"scores": [{"vendor": "a", "criterion": "b"}]})
    with pytest.raises(ValueError):
        DemoAnswer.model_validate({"scores": [{"vendor": "a", "criterion": "b", "score": 0}]})


def test_an_evaluator_sees_no_group_figure_while_the_round_is_open() -> None:
    names = {1: "E1", 2: "E2", 3: "E3"}
    blind = demo_result(rnd("open"), THREE, names, see_inputs=False, me=2)
    assert blind.blind and blind.cells == () and blind.disagreements == ()
    assert {c.label for c in blind.comments} == {"E2"}
    after = demo_result(rnd("locked"), THREE, names, see_inputs=False, me=2)
    assert after.cells and all(c.scores == () and c.outliers == () for c in after.cells)
    facilitator = demo_result(rnd("open"), THREE, names, see_inputs=True, me=None)
    assert not facilitator.blind and len(facilitator.comments) == 9


def _axes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    r = rnd()
    return r.vendors, r.criteria


def project() -> Project:
    tree = CriteriaTree.model_validate(
        {
            "criteria": [
                {
                    "id": "usability",
                    "label": label("Usability"),
                    "value": {"kind": "linear", "fact": "ux.score", "worst": 0, "best": 10},
                },
                {
                    "id": "config",
                    "label": label("Configuration"),
                    "value": {
                        "kind": "scale",
                        "fact": "custom.configuration",
                        "levels": {"basic": 25, "standard": 60, "advanced": 100},
                    },
                },
                {
                    "id": "lead",
                    "label": label("Lead time"),
                    "value": {
                        "kind": "piecewise",
                        "fact": "impl.months",
                        "points": [[3, 100], [15, 0]],
                    },
                },
                {
                    "id": "api",
                    "label": label("API"),
                    "value": {"kind": "boolean", "fact": "custom.rest_api"},
                },
            ]
        }
    )
    return Project.model_validate(
        {
            "company": {"sector": "manufacturing", "erp_users": 10},
            "criteria": tree.model_dump(),
            "vendors": [
                make_vendor("alpha", ux__score={"value": 5, "unit": "points"}).model_dump(),
                make_vendor("beta").model_dump(),
            ],
        }
    )


def test_scores_map_onto_the_criterion_fact() -> None:
    tree = project().criteria
    # Linear 0 → 10: score 1 → 0 %, 3 → 50 % → 5, 5 → 100 % → 10.
    assert fact_value(tree.node("usability"), 3) == ("ux.score", 5.0)
    assert fact_value(tree.node("usability"), 4) == ("ux.score", 7.5)
    # Scale: score 4 → 75 %, nearest level « standard » (60) rather than « advanced » (100).
    assert fact_value(tree.node("config"), 4) == ("custom.configuration", "standard")
    # Decreasing piecewise (3 months → 100, 15 → 0): 75 % → 3 + 12 × 0,25 = 6 months.
    assert fact_value(tree.node("lead"), 4) == ("impl.months", pytest.approx(6.0))
    with pytest.raises(InputError) as err:
        fact_value(tree.node("api"), 3)
    assert err.value.problems[0].rule == "evalteam.cannot_take_demo"


def test_adopted_facts_carry_demo_evidence_source_and_spread() -> None:
    r = rnd()
    head = project()
    out, _ = demo_project(
        head, r, THREE, {1: "Ana", 2: "Bob", 3: "Céline"}, title="Démos", day=AT.date(), lang="fr"
    )
    fact = out.vendor("alpha").facts["ux.score"]
    # Mean 10/3 → (10/3 − 1) / 4 = 7/12 of the way from 0 to 10; low 1 → 0, high 5 → 10.
    assert fact.value == pytest.approx(70 / 12)
    assert (fact.low, fact.high, fact.evidence, fact.unit) == (0.0, 10.0, "demo", "points")
    assert fact.source is not None and "Ana, Bob, Céline" in fact.source and "tour 2" in fact.source
    assert "moyenne" in fact.source
    # Everyone agreed on configuration (3, 3): a level, no explicit range.
    level = out.vendor("alpha").facts["custom.configuration"]
    assert (level.value, level.low, level.high) == ("standard", None, None)
    # beta's usability (one score, 2): 25 % of 0–10.
    assert out.vendor("beta").facts["ux.score"].value == pytest.approx(2.5)
    # Nothing else moved.
    assert out.vendor("beta").facts.keys() == {"ux.score"}


def test_agreed_scores_off_the_scale_are_refused() -> None:
    for bad in (0, 6, math.nan, True):
        with pytest.raises(InputError) as err:
            demo_project(
                project(),
                rnd(),
                THREE,
                {1: "a", 2: "b", 3: "c"},
                title="x",
                day=AT.date(),
                decided={("alpha", "usability"): (bad, "")},
            )
        assert err.value.problems[0].rule == "evalteam.agreed_off_scale"
