"""Judgments as data: JSON round-trip (alone and inside a project) and refused records."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pydantic import TypeAdapter, ValidationError

from erp_select.model import Project
from erp_select.model.judgments import (
    AhpJudgment,
    Comparison,
    DirectJudgment,
    Judgment,
    RankJudgment,
    SwingJudgment,
)

WHEN = dt.datetime(2026, 3, 2, 9, 30, 15, 123456, tzinfo=dt.UTC)
ADAPTER: TypeAdapter[Judgment] = TypeAdapter(Judgment)

SAMPLES: list[Judgment] = [
    DirectJudgment(
        participant="Directrice générale", points={"fit": 45.5, "price": 54.5}, created=WHEN
    ),
    AhpJudgment(
        participant="DSI",
        node="fit",
        comparisons=[
            Comparison(a="sector", b="custom", value=1 / 9),
            Comparison(a="custom", b="api", value=1 / 3),
            Comparison(a="sector", b="api", value=9),
        ],
        created=WHEN,
    ),
    RankJudgment(
        participant="DAF",
        ranks={"fit": 1, "price": 1, "risk": 3},
        variant="reciprocal",
        created=WHEN,
    ),
    SwingJudgment(
        participant="RSSI", node="security", swings={"mfa": 100, "backup": 33.3}, created=WHEN
    ),
]


@pytest.mark.parametrize("judgment", SAMPLES, ids=lambda j: j.method)
def test_json_round_trip_is_lossless(judgment: Judgment) -> None:
    text = json.dumps(ADAPTER.dump_python(judgment, mode="json"))
    back = ADAPTER.validate_python(json.loads(text))
    assert back == judgment
    assert type(back) is type(judgment)
    assert back.created == WHEN


def test_one_third_survives_json_exactly() -> None:
    j = SAMPLES[1]
    assert isinstance(j, AhpJudgment)
    back = AhpJudgment.model_validate(json.loads(j.model_dump_json()))
    assert back.comparisons[1].value == 1 / 3
    assert back.comparisons[0].value == 1 / 9


def test_judgments_round_trip_inside_a_project() -> None:
    project = Project.model_validate(
        {
            "company": {"sector": "manufacturing", "erp_users": 25},
            "criteria": {
                "criteria": [
                    {
                        "id": "fit",
                        "label": {"fr": "Adéquation", "en": "Fit"},
                        "value": {"kind": "linear", "fact": "fit", "worst": 0, "best": 1},
                    }
                ]
            },
            "vendors": [{"id": "v1", "name": "V1", "licence_model": "subscription"}],
            "judgments": [ADAPTER.dump_python(j, mode="json") for j in SAMPLES],
        }
    )
    assert project.judgments == SAMPLES
    again = Project.model_validate(json.loads(json.dumps(project.model_dump(mode="json"))))
    assert again == project
    assert [j.method for j in again.judgments] == ["direct", "ahp", "rank", "swing"]


def test_created_defaults_to_now_in_utc() -> None:
    j = DirectJudgment(participant="p", points={"a": 1})
    assert j.created.tzinfo is not None
    assert j.node is None


@pytest.mark.parametrize(
    "data",
    [
        {"method": "ahp", "participant": "p", "comparisons": [{"a": "x", "b": "y", "value": 10}]},
        {"method": "ahp", "participant": "p", "comparisons": [{"a": "x", "b": "y", "value": 0.1}]},
        {"method": "ahp", "participant": "p", "comparisons": [{"a": "x", "b": "x", "value": 2}]},
        {
            "method": "ahp",
            "participant": "p",
            "comparisons": [{"a": "x", "b": "y", "value": 2}, {"a": "y", "b": "x", "value": 0.5}],
        },
        {
            "method": "ahp",
            "participant": "p",
            "comparisons": [{"a": "x", "b": "y", "value": "nan"}],
        },
        {"method": "direct", "participant": "p", "points": {"a": -1}},
        {"method": "direct", "participant": "p", "points": {"a": "inf"}},
        {"method": "direct", "participant": "", "points": {"a": 1}},
        {"method": "direct", "participant": "p", "points": {}},
        {"method": "direct", "participant": "p", "points": {"a": 1}, "extra": 1},
        {"method": "rank", "participant": "p", "ranks": {"a": 0}},
        {"method": "rank", "participant": "p", "ranks": {"a": 1}, "variant": "borda"},
        {"method": "swing", "participant": "p", "swings": {"a": 80}},
        {"method": "swing", "participant": "p", "swings": {"a": 100, "b": 101}},
        {"method": "vote", "participant": "p"},
        {"method": "direct", "participant": "p", "points": {"Not A Slug": 1}},
    ],
)
def test_bad_records_are_refused(data: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        ADAPTER.validate_python(data)


def test_judgments_are_frozen() -> None:
    j = SAMPLES[0]
    with pytest.raises(ValidationError):
        j.participant = "x"  # type: ignore[misc]
