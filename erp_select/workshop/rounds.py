"""What a round asks: the criteria (and vendors) of a new round, checked against the project."""

from __future__ import annotations

from collections.abc import Sequence

from erp_select.model import Project
from erp_select.scoring.facts import scorable
from erp_select.store import ROUND_KINDS, RoundInfo, RoundKind, Store, add_round, open_workshop_base
from erp_select.workshop.refusals import refuse


def round_items(
    project: Project,
    kind: RoundKind,
    node: str | None,
    criteria: Sequence[str] | None,
    vendors: Sequence[str] | None,
) -> tuple[list[str], list[str]]:
    """The criteria and vendors a round of ``kind`` asks about, or a located refusal.

    A weights round asks every child of ``node`` (``criteria``, if given, must name
    exactly them); a demo round scores the given criteria and vendors (by default every vendor and
    every leaf a demo score can be written into).
    """
    tree = project.criteria
    known = set(tree.ids())
    if node is not None and node not in known:
        refuse("unknown_criterion", field="node", value=node)
    if kind in ("points", "ahp"):
        try:
            siblings = [c.id for c in tree.siblings(node)]
        except KeyError:
            refuse("unknown_criterion", field="node", value=node)
        if not siblings:
            refuse("node_without_children", field="node", value=node)
        if criteria is not None and sorted(criteria) != sorted(siblings):
            refuse(
                "weights_round_criteria",
                field="criteria",
                value=", ".join(criteria),
                expected=", ".join(siblings),
            )
        if len(siblings) < 2:
            refuse("node_without_children", field="node", value=node)
        return siblings, []
    # By default, the leaves a demo score can be written into (see demo_adoption).
    chosen = list(criteria) if criteria is not None else scorable(project, None)
    for cid in chosen:
        if cid not in known:
            refuse("unknown_criterion", field="criteria", value=cid)
    vendor_ids = [v.id for v in project.vendors]
    chosen_vendors = list(vendors) if vendors is not None else vendor_ids
    for vid in chosen_vendors:
        if vid not in vendor_ids:
            refuse("unknown_vendor", field="vendors", value=vid)
    if not chosen or not chosen_vendors:
        refuse("empty_round", field="criteria")
    if len(set(chosen)) != len(chosen) or len(set(chosen_vendors)) != len(chosen_vendors):
        refuse("duplicate_item", field="criteria")
    return chosen, chosen_vendors


def open_round(
    store: Store,
    facilitator_token: str,
    kind: RoundKind,
    *,
    node: str | None = None,
    criteria: Sequence[str] | None = None,
    vendors: Sequence[str] | None = None,
) -> RoundInfo:
    """Open a new round of questions.

    Parameters
    ----------
    kind
        ``points`` (weights by points), ``ahp`` (weights by pairwise comparison) or
        ``demo`` (scores 1–5 with comments).
    node
        Weight rounds: the parent criterion whose children are weighed (``None`` = the
        top level). Every child is asked; ``criteria``, if given, must name exactly them.
    criteria, vendors
        Demo rounds: the criteria and vendors to score (all leaves and vendors by default).

    Returns
    -------
    RoundInfo
        The new round, numbered 1, 2, … within the workshop.
    """
    if kind not in ROUND_KINDS:
        refuse("bad_round_kind", field="kind", value=kind)
    project = open_workshop_base(store, facilitator_token).project
    items, vendor_ids = round_items(project, kind, node, criteria, vendors)
    return add_round(store, facilitator_token, kind, node, items, vendor_ids)
