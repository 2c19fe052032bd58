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
    data = project.model_dump(mode="json")
    vendors = {v["id"]: v for v in data["vendors"]}
    for rnd in reversed(project.demo_rounds):
        for change in rnd.changes:
            facts = vendors[change.vendor]["facts"] if change.vendor in vendors else None
            if facts is None:
                continue
            if change.previous is None:
                facts.pop(change.fact, None)
            else:
                facts[change.fact] = change.previous.model_dump(mode="json", exclude_none=True)
    data["demo_rounds"] = []
    return Project.model_validate(data)
