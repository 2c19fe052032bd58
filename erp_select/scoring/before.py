"""The project as it was before its scored demo rounds: every fact they set put back."""

from __future__ import annotations

from erp_select.model import Project


def before_demos(project: Project) -> Project | None:
    """``project`` with the facts its adopted demo rounds set put back as they were (a fact
    the vendor did not have is removed again), newest round first; ``None`` without any.

    Everything else (weights, other facts, later edits) stays as it is now, so comparing
    the two isolates what the demonstrations changed.
    """
    if not project.demo_rounds:
        return None
    facts = {v.id: dict(v.facts) for v in project.vendors}
    for rnd in reversed(project.demo_rounds):
        for change in rnd.changes:
            held = facts.get(change.vendor)
            if held is None:
                continue
            if change.previous is None:
                held.pop(change.fact, None)
            else:
                held[change.fact] = change.previous
    # Copies of validated parts (facts already read): nothing new needs validating.
    vendors = [v.model_copy(update={"facts": facts[v.id]}) for v in project.vendors]
    return project.model_copy(update={"vendors": vendors, "demo_rounds": []})
