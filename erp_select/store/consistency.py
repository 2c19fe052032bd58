"""AHP answers of a round that contradict themselves, for the facilitator to keep or leave out."""

from __future__ import annotations

from dataclasses import dataclass

from erp_select.model.judgments import AhpJudgment
from erp_select.store.db import Store
from erp_select.store.live import _submissions
from erp_select.store.projects import _load
from erp_select.store.workshops import AhpAnswer, _answer_from_json, _facilitator, _round
from erp_select.weights import AhpReport, weigh_judgment


@dataclass(frozen=True)
class InconsistentAnswer:
    """One participant's AHP answer whose consistency ratio is above the acceptance bar.

    Attributes
    ----------
    seq
        The participant's pseudonym number (pass it to ``adopt_round(exclude=...)``).
    name
        The participant's real name (the facilitator alone sees this).
    cr, threshold
        The answer's consistency ratio and the bar it exceeds (Saaty: 0.10).
    worst
        The pair ``(a, b)`` that hurts consistency most: the judgment to revisit first.
    """

    seq: int
    name: str
    cr: float
    threshold: float
    worst: tuple[str, str] | None


def inconsistent_answers(
    store: Store, facilitator_token: str, number: int
) -> list[InconsistentAnswer]:
    """Return the AHP answers of round ``number`` that are not consistent (facilitator only).

    Returns
    -------
    list of InconsistentAnswer
        By participant number; empty for points and demo rounds.
    """
    with store.read() as session:
        ws = _facilitator(session, store.settings.secret_key, facilitator_token)
        rnd = _round(session, ws.id, number)
        if rnd.kind != "ahp":
            return []
        project = _load(session, ws.project_id, ws.base_revision).project
        subs = _submissions(session, rnd)
    out: list[InconsistentAnswer] = []
    for person, sub in subs:
        answer = _answer_from_json(sub.payload)
        if not isinstance(answer, AhpAnswer):  # pragma: no cover - the round's kind is checked
            continue
        judgment = AhpJudgment(
            participant=f"#{person.seq}", node=rnd.node, comparisons=answer.comparisons
        )
        report = weigh_judgment(project.criteria, judgment).report
        if not isinstance(report, AhpReport) or report.consistent:
            continue
        worst = (report.worst[0].a, report.worst[0].b) if report.worst else None
        out.append(
            InconsistentAnswer(
                seq=person.seq,
                name=person.name,
                cr=float(report.cr),
                threshold=float(report.threshold),
                worst=worst,
            )
        )
    return out
