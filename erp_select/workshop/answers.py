"""What participants answer in a round: the answer schemas, read and checked against the round."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import Field, TypeAdapter, ValidationError

from erp_select.errors import InputError, Problem
from erp_select.model.common import Slug, Strict
from erp_select.model.criteria import CriteriaTree
from erp_select.model.judgments import AhpJudgment, Comparison, DirectJudgment, Judgment, Points
from erp_select.scoring.cards import MAX_COMMENT, DemoAnswer, DemoScore
from erp_select.scoring.consensus import Card
from erp_select.store import Person, RoundInfo, StoredAnswer
from erp_select.weights import weigh_judgment
from erp_select.workshop.refusals import refuse


class PointsAnswer(Strict):
    """Weights by points: points per criterion of the round (any positive total)."""

    kind: Literal["points"] = "points"
    points: dict[Slug, Points] = Field(min_length=1)


class AhpAnswer(Strict):
    """Weights by AHP: pairwise comparisons of the round's criteria (pairs may be missing)."""

    kind: Literal["ahp"] = "ahp"
    comparisons: list[Comparison] = Field(min_length=1)


Answer = Annotated[PointsAnswer | AhpAnswer | DemoAnswer, Field(discriminator="kind")]
AnyAnswer = PointsAnswer | AhpAnswer | DemoAnswer
_ANSWER: TypeAdapter[AnyAnswer] = TypeAdapter(Answer)


def parse_answer(payload: str) -> AnyAnswer:
    """Read a stored answer (JSON); raise ``ValueError`` when it does not validate."""
    return _ANSWER.validate_json(payload)


def stored_answer(payload: str) -> AnyAnswer | None:
    """A stored answer, or ``None`` when it no longer validates (stored before today's
    bounds): it is then treated as not submitted, never as an error for the whole round."""
    try:
        return parse_answer(payload)
    except ValueError:  # pydantic's ValidationError, or JSON that does not parse
        return None


def as_judgment(answer: AnyAnswer, participant: str, node: str | None, at: dt.datetime) -> Judgment:
    """The judgment a weights answer makes on ``node`` (demo answers are not judgments)."""
    if isinstance(answer, PointsAnswer):
        return DirectJudgment(participant=participant, node=node, points=answer.points, created=at)
    if isinstance(answer, AhpAnswer):
        return AhpJudgment(
            participant=participant, node=node, comparisons=answer.comparisons, created=at
        )
    raise TypeError("demo answers are not judgments")  # pragma: no cover - callers check


def check_answer(rnd: RoundInfo, answer: Any, participant: str, tree: CriteriaTree) -> AnyAnswer:
    """Read ``answer`` (a model or its dict) and check it against round ``rnd``.

    Raises
    ------
    InputError
        A value out of range, not finite or too long, an answer of another kind, a
        criterion or vendor the round does not ask about, or weights that do not weigh.
    """
    try:
        if isinstance(answer, PointsAnswer | AhpAnswer | DemoAnswer):
            parsed: AnyAnswer = answer
        else:
            parsed = _ANSWER.validate_python(answer)
    except ValidationError as exc:
        err = exc.errors()[0]
        refuse(
            "bad_answer",
            field=".".join(str(p) for p in err["loc"]) or "answer",
            value=err.get("input") if not isinstance(err.get("input"), dict) else None,
            reason=err["msg"],
        )
    if parsed.kind != rnd.kind:
        refuse("wrong_answer_kind", field="kind", value=parsed.kind, expected=rnd.kind)
    criteria = rnd.criteria
    if isinstance(parsed, PointsAnswer):
        missing = [c for c in criteria if c not in parsed.points]
        extra = [c for c in parsed.points if c not in criteria]
        if extra:
            refuse("unknown_criterion", field="points", value=extra[0])
        if missing:
            refuse("missing_criterion", field="points", value=missing[0])
        if sum(parsed.points.values()) <= 0:
            refuse("no_points", field="points")
        weigh_judgment(
            tree,
            DirectJudgment(participant=participant, node=rnd.node, points=parsed.points),
        )
    elif isinstance(parsed, AhpAnswer):
        for c in parsed.comparisons:
            for cid in (c.a, c.b):
                if cid not in criteria:
                    refuse("unknown_criterion", field=f"{c.a} / {c.b}", value=cid)
        try:
            judgment = AhpJudgment(
                participant=participant, node=rnd.node, comparisons=parsed.comparisons
            )
        except ValidationError as exc:
            refuse("bad_answer", field="comparisons", reason=exc.errors()[0]["msg"])
        # The weights package refuses, e.g., comparisons that leave a criterion unconnected.
        weigh_judgment(tree, judgment)
    else:
        vendors = rnd.vendors
        for s in parsed.scores:
            if s.vendor not in vendors:
                refuse("unknown_vendor", field="vendor", value=s.vendor)
            if s.criterion not in criteria:
                refuse("unknown_criterion", field="criterion", value=s.criterion)
            if s.scenario is not None:
                _check_scenario(rnd, s.scenario, s.criterion)
    return parsed


def _check_scenario(rnd: RoundInfo, scenario_id: str, criterion: str) -> None:
    """Refuse a scenario the round does not score, or a criterion it does not score in it."""
    scenario = rnd.scenario(scenario_id)
    rule = "unknown_scenario" if scenario is None else "scenario_criterion"
    if scenario is None or criterion not in scenario.criteria:
        where = f"{scenario_id} / {criterion}"
        raise InputError([Problem(rule=f"agreed.{rule}", field=where, value=scenario_id)])


@dataclass(frozen=True)
class Given:
    """A seat's stored answer that still holds, read: what the round's figures count."""

    person: Person
    answer: AnyAnswer
    version: int
    updated_at: dt.datetime


def holding(stored: Iterable[StoredAnswer]) -> list[Given]:
    """The stored answers that still hold, read, in the order given.

    An answer stored before today's bounds (e.g. 1e308 points) or that no longer weighs
    (the tree changed) is set aside, so one participant can never break the round for
    the others: it counts as not submitted.
    """
    out: list[Given] = []
    for s in stored:
        answer = stored_answer(s.payload)
        if answer is not None:
            out.append(Given(s.person, answer, s.version, s.updated_at))
    return out


def cards_of(given: Iterable[Given]) -> list[Card]:
    """The scorecards among the answers given, with their seats."""
    return [(g.person.seq, g.answer) for g in given if isinstance(g.answer, DemoAnswer)]


__all__ = ["MAX_COMMENT", "DemoAnswer", "DemoScore", "cards_of"]
