"""Store a returned questionnaire's answers on a vendor: one rule for the CLI and the app."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from erp_select.model import Answer, Project


def merge_answers(
    old: Mapping[str, Answer], imported: Mapping[str, Answer], requirement_ids: Sequence[str]
) -> dict[str, Answer]:
    """The vendor's answers after a questionnaire came back.

    The questionnaire answers every requirement of the project: its answers replace the
    old ones for those ids (a row left empty removes the old answer), and answers to ids
    the project does not list are kept. An answer that did not change (same kind, effort
    and comment) keeps the evidence level it had, so a demo-checked answer stays checked.

    Parameters
    ----------
    old : mapping
        The vendor's answers before, by requirement id.
    imported : mapping
        The questionnaire's answers (from
        :func:`erp_select.io.questionnaire.import_questionnaire`).
    requirement_ids : sequence of str
        The project's requirement ids (the questionnaire's rows).

    Returns
    -------
    dict
        The answers to store, by requirement id.
    """
    ids = set(requirement_ids)
    out = {k: v for k, v in old.items() if k not in ids}
    for key, new in imported.items():
        before = old.get(key)
        same = before is not None and (
            (before.answer, before.effort_days, before.comment)
            == (new.answer, new.effort_days, new.comment)
        )
        out[key] = before if same and before is not None else new
    return out


def vendors_with_answers(
    project: Project, vendor_id: str, imported: Mapping[str, Answer]
) -> list[dict[str, Any]]:
    """Every vendor of ``project`` as plain data, ``vendor_id``'s answers merged.

    The caller validates the new project from these (the CLI directly, the app through
    its form boundary), so both store the same project from the same questionnaire.
    """
    ids = [r.id for r in project.requirements]
    out = []
    for v in project.vendors:
        if v.id == vendor_id:
            v = v.model_copy(update={"answers": merge_answers(v.answers, imported, ids)})
        out.append(v.model_dump(mode="json"))
    return out
