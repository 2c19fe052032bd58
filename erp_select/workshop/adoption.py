"""Adopting a weights round: the group's (or edited) weights and their judgments as a revision."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence

from erp_select.i18n import t
from erp_select.model import Project
from erp_select.store import (
    AdoptionBasis,
    RevisionInfo,
    RoundInfo,
    Store,
    adoption_basis,
    check_adoption_note,
    record_adoption,
)
from erp_select.weights import apply_level_weights
from erp_select.weights.group import GroupHow
from erp_select.workshop.answers import Given, as_judgment, holding
from erp_select.workshop.live import labels
from erp_select.workshop.refusals import refuse
from erp_select.workshop.results import group_of


def adopted_project(
    head: Project,
    rnd: RoundInfo,
    given: Sequence[Given],
    names: Mapping[int, str],
    *,
    weights: Mapping[str, float] | None = None,
    how: GroupHow = "auto",
) -> Project:
    """``head`` with the round's node weighed by the group (or ``weights``) and judged by
    the answers given, recorded under ``names`` (seat number → name or pseudonym).

    The answers *replace* the judgments ``head`` held on that node: the project records
    exactly the judgments its weights come from.
    """
    level = group_of(head.criteria, rnd, given, how)
    chosen = dict(level.weights) if weights is None else dict(weights)
    for cid, v in chosen.items():
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
            refuse("bad_weights", field=cid, value=v)
    total = math.fsum(float(v) for v in chosen.values())
    if total <= 0:
        refuse("bad_weights", field="weights", value=total)
    # Keep the level's scale (e.g. points out of 100): only the ratios matter.
    try:
        scale = math.fsum(c.weight for c in head.criteria.siblings(rnd.node)) or 1.0
    except KeyError:
        refuse("unknown_criterion", field="node", value=rnd.node)
    tree = apply_level_weights(
        head.criteria, rnd.node, {c: float(v) * scale / total for c, v in chosen.items()}
    )
    record = [as_judgment(g.answer, names[g.person.seq], rnd.node, g.updated_at) for g in given]
    return Project.model_validate(
        {
            **head.model_dump(mode="json"),
            "criteria": tree.model_dump(mode="json"),
            "judgments": [
                *[j.model_dump(mode="json") for j in head.judgments if j.node != rnd.node],
                *[j.model_dump(mode="json") for j in record],
            ],
        }
    )


def adopt_round(
    store: Store,
    facilitator_token: str,
    number: int,
    *,
    weights: Mapping[str, float] | None = None,
    author: str | None = None,
    message: str | None = None,
    how: GroupHow = "auto",
    lang: str | None = None,
    exclude: Collection[int] = (),
) -> RevisionInfo:
    """Adopt a weights round's group result (or edited weights) as a new project revision.

    The round's node gets the group's local weights (or ``weights``, as edited by the
    facilitator), computed from the answers of the participants not excluded. Those
    answers replace the judgments ``Project.judgments`` held on that node (under the
    pseudonyms when names are hidden). Every answer stays in the workshop's records; the
    round is locked. The revision is written only if nobody saved the project meanwhile.

    Parameters
    ----------
    weights
        Edited local weights of every criterion of the round (any positive scale);
        ``None`` adopts the group result as computed.
    author
        Recorded as the revision's author (default: the facilitator's name).
    message
        The revision note (default: names the workshop and round, in ``lang``).
    how
        Aggregation passed to :func:`erp_select.weights.group_level`.
    exclude
        Pseudonym numbers (``seq``) of participants whose answer is left out, e.g. an AHP
        answer too inconsistent to count (see
        :func:`erp_select.workshop.consistency.inconsistent_answers`).

    Returns
    -------
    RevisionInfo
        The new revision.

    Raises
    ------
    InputError
        ``store.no_submissions`` when no answer is left to adopt; ``store.stale_revision``
        when the project was saved while the result was computed.
    """
    check_adoption_note(author, message)
    basis = adoption_basis(store, facilitator_token, number)
    left_out = {int(seq) for seq in exclude}
    given = [g for g in holding(basis.answers) if g.person.seq not in left_out]
    if not given:
        refuse("no_submissions", field="round", value=number)
    names = labels([g.person for g in given], not basis.hide_names, lang)
    project = adopted_project(
        basis.head.project, basis.round, given, names, weights=weights, how=how
    )
    note = t("workshop.adoption_note", lang, title=basis.title, n=number)
    chosen = note if message is None else message
    return record_round(store, facilitator_token, basis, project, author, chosen)


def record_round(
    store: Store,
    facilitator_token: str,
    basis: AdoptionBasis,
    project: Project,
    author: str | None,
    message: str,
) -> RevisionInfo:
    """Write ``project`` as the revision adopting ``basis``'s round, unless the project was
    saved since ``basis`` was read (``store.stale_revision``)."""
    return record_adoption(
        store,
        facilitator_token,
        basis.round.number,
        project,
        author=author,
        message=message,
        expected_head=basis.head.info.number,
    )
