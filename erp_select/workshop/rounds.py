"""What a round asks: the criteria (and vendors) of a new round, checked against the project."""

from __future__ import annotations

from collections.abc import Sequence

from erp_select.model import Project
from erp_select.scoring.facts import scorable
from erp_select.store import (
    ROUND_KINDS,
    RoundInfo,
    RoundKind,
    RoundScenario,
    Store,
    add_round,
    latest_project,
    open_workshop_base,
)
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


def script_scenarios(
    project: Project, criteria: Sequence[str], lang: str | None = None
) -> list[RoundScenario]:
    """The demo script's scenarios a demo round on ``criteria`` scores, in script order.

    The project's own script (as edited, with its ids and titles) or, when it has none,
    the one generated from its requirements in ``lang``; each scenario keeps the round's
    criteria among those it informs, and a scenario informing none of them is left out.
    """
    from erp_select.demos.script import demo_script  # the catalogue loads only when asked

    script = project.demo_script or demo_script(project, lang or "fr")
    wanted = set(criteria)
    out = []
    for s in script.scenarios:
        scored = tuple(c for c in s.criteria if c in wanted)
        if scored:
            out.append(RoundScenario(s.id, s.title, scored))
    return out


def open_round(
    store: Store,
    facilitator_token: str,
    kind: RoundKind,
    *,
    node: str | None = None,
    criteria: Sequence[str] | None = None,
    vendors: Sequence[str] | None = None,
    lang: str | None = None,
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
        A demo round also scores the scenarios of the project's demo script as last saved
        (:func:`script_scenarios`; ``lang`` is the language of a generated script).

    Returns
    -------
    RoundInfo
        The new round, numbered 1, 2, … within the workshop.
    """
    if kind not in ROUND_KINDS:
        refuse("bad_round_kind", field="kind", value=kind)
    project = open_workshop_base(store, facilitator_token).project
    items, vendor_ids = round_items(project, kind, node, criteria, vendors)
    scenarios: list[RoundScenario] = []
    if kind == "demo":
        latest = latest_project(store, facilitator_token).project
        scenarios = script_scenarios(latest, items, lang)
    return add_round(store, facilitator_token, kind, node, items, vendor_ids, scenarios)
