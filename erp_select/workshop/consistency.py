"""AHP answers of a round that contradict themselves, for the facilitator to keep or leave out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from erp_select.model.criteria import CriteriaTree
from erp_select.model.judgments import AhpJudgment
from erp_select.store import RoundInfo, Store, round_snapshot
from erp_select.store.guard import denied
from erp_select.weights import AhpReport, weigh_judgment
from erp_select.workshop.answers import AhpAnswer, Given, holding


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


def inconsistent(
    tree: CriteriaTree, rnd: RoundInfo, given: Sequence[Given]
) -> list[InconsistentAnswer]:
    """The AHP answers among ``given`` whose consistency ratio is above the bar."""
    out: list[InconsistentAnswer] = []
    for g in given:
        answer = g.answer
        if not isinstance(answer, AhpAnswer):  # pragma: no cover - the round's kind is checked
            continue
        judgment = AhpJudgment(
            participant=f"#{g.person.seq}", node=rnd.node, comparisons=answer.comparisons
        )
        report = weigh_judgment(tree, judgment).report
        if not isinstance(report, AhpReport) or report.consistent:
            continue
        worst = (report.worst[0].a, report.worst[0].b) if report.worst else None
        out.append(
            InconsistentAnswer(
                seq=g.person.seq,
                name=g.person.name,
                cr=float(report.cr),
                threshold=float(report.threshold),
                worst=worst,
            )
        )
    return out


def inconsistent_answers(
    store: Store, facilitator_token: str, number: int
) -> list[InconsistentAnswer]:
    """Return the AHP answers of round ``number`` that are not consistent (facilitator only).

    Returns
    -------
    list of InconsistentAnswer
        By participant number; empty for points and demo rounds.
    """
    snap = round_snapshot(store, facilitator_token, number)
    if snap.role != "facilitator":
        raise denied()
    if snap.round.kind != "ahp":
        return []
    return inconsistent(snap.project.criteria, snap.round, holding(snap.answers))
