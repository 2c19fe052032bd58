"""Generate a project's demo script from the scenario catalogue, its requirements and must-haves."""

from __future__ import annotations

from fnmatch import fnmatchcase

from erp_select.demos.catalogue import CatalogueScenario, scenario_catalogue
from erp_select.i18n import normalise_lang
from erp_select.model import Project
from erp_select.model.demo_script import DemoScript, Scenario
from erp_select.model.requirements import Requirement
from erp_select.model.rules import FactRule

#: Priorities that earn a requirement a place in the demonstration.
SHOWN = frozenset({"must", "should"})


def _matches(item: CatalogueScenario, requirement: Requirement) -> bool:
    return any(fnmatchcase(requirement.id, pattern) for pattern in item.requirements)


def _must_have_facts(project: Project) -> set[str]:
    return {r.fact for r in project.company.must_haves if isinstance(r, FactRule)}


def _selected(item: CatalogueScenario, project: Project, facts: set[str]) -> bool:
    if set(item.facts) & facts:
        return True
    if not project.requirements:
        return not item.sectors or project.company.sector in item.sectors
    return any(r.priority in SHOWN and _matches(item, r) for r in project.requirements)


def _criteria(item: CatalogueScenario, project: Project, shows: bool) -> list[str]:
    wanted = set(item.criteria)
    chosen: list[str] = []
    for leaf in project.criteria.leaves():
        answers = leaf.value is not None and leaf.value.kind == "requirements"
        if leaf.id in wanted or (answers and shows):
            chosen.append(leaf.id)
    return chosen


def scenario_from(item: CatalogueScenario, project: Project, lang: str) -> Scenario:
    """The catalogue scenario ``item`` written for ``project`` in ``lang``."""
    code = normalise_lang(lang)
    shown = [r.id for r in project.requirements if r.priority != "wont" and _matches(item, r)]
    return Scenario(
        id=item.id,
        process=item.process,
        title=item.title.get(code),
        steps=item.steps.get(code),
        data=item.data.get(code),
        minutes=item.minutes,
        criteria=_criteria(item, project, bool(shown)),
        requirements=shown,
    )


def demo_script(project: Project, lang: str = "fr") -> DemoScript:
    """The demo script for ``project``: the catalogue's scenarios its requirements call for.

    A scenario is chosen when the project has one of its requirements as a must or a should
    (a could or a won't alone does not earn demonstration time), or when a must-have rule of
    the project names one of its facts. A project without requirements gets the scenarios
    of its sector and the general ones. Scenarios keep the catalogue's order (a day's flow:
    sales, purchasing, production, stock, finance, legal, reporting, security).
    """
    code = normalise_lang(lang)
    facts = _must_have_facts(project)
    scenarios = [
        scenario_from(item, project, code)
        for item in scenario_catalogue().scenarios
        if _selected(item, project, facts)
    ]
    return DemoScript(lang="fr" if code == "fr" else "en", scenarios=scenarios)


def catalogue_choices(lang: str) -> list[tuple[str, str]]:
    """(id, title) of every catalogue scenario, to add one by hand."""
    code = normalise_lang(lang)
    return [(item.id, item.title.get(code)) for item in scenario_catalogue().scenarios]


def add_from_catalogue(project: Project, script: DemoScript, scenario_id: str) -> DemoScript:
    """``script`` with the catalogue scenario ``scenario_id`` appended (``KeyError`` if unknown)."""
    for item in scenario_catalogue().scenarios:
        if item.id == scenario_id:
            added = scenario_from(item, project, script.lang)
            return script.model_copy(update={"scenarios": [*script.scenarios, added]})
    raise KeyError(scenario_id)


__all__ = ["add_from_catalogue", "catalogue_choices", "demo_script", "scenario_from"]
