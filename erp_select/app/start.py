"""Ways to start a project: the demo catalogue, a sector preset, uploaded files, a project file."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from erp_select import catalogue
from erp_select.app.state import validate_project
from erp_select.model import CriteriaTree, Project, VendorProfile
from erp_select.report.demo import demo_project


@dataclass(frozen=True)
class CompanyForm:
    """What the company-profile form holds (plain values, validated by the model later)."""

    name: str
    sector: str
    erp_users: int
    horizon_years: int
    budget: float | None
    costs: dict[str, Any] = field(default_factory=dict)

    def data(self, must_haves: list[Any] | None = None) -> dict[str, Any]:
        """The company profile as plain data for :class:`erp_select.model.CompanyProfile`."""
        return {
            "name": self.name,
            "sector": self.sector,
            "erp_users": self.erp_users,
            "horizon_years": self.horizon_years,
            "budget": self.budget,
            "must_haves": list(must_haves or []),
            **({"costs": self.costs} if self.costs else {}),
        }


def preset_tree(sector: str | None, tree: CriteriaTree | None = None) -> CriteriaTree:
    """Return ``tree`` (default: the bundled one) with the sector's preset weights, if any.

    Raises
    ------
    KeyError
        When the preset names a criterion the tree does not have.
    """
    base = tree or catalogue.default_criteria()
    preset = catalogue.presets().get(sector or "")
    return base if preset is None else base.with_weights(preset.weights)


def build(
    company: CompanyForm,
    criteria: CriteriaTree,
    vendors: list[VendorProfile],
    *,
    source: str,
    name: str = "",
) -> Project:
    """Assemble and validate a new project from a company profile, criteria and vendors.

    Raises
    ------
    InputError
        When the pieces do not make a valid project (e.g. no vendor, a duplicate id).
    """
    data = {
        "name": name or company.name,
        "company": company.data(),
        "criteria": criteria.model_dump(mode="json"),
        "vendors": [v.model_dump(mode="json") for v in vendors],
    }
    return validate_project(data, source)


def demo(company: CompanyForm, *, use_preset: bool, source: str) -> Project:
    """Return a project on the bundled criteria and fictitious demo vendors.

    With ``use_preset`` the sector's preset weights replace the default ones.
    """
    tree = preset_tree(company.sector) if use_preset else catalogue.default_criteria()
    return build(company, tree, catalogue.demo_vendors(), source=source)


def example() -> Project:
    """Return the example project (the one saved as ``examples/demo-project.json``).

    A fictitious metalworking SME with its workshop's judgments (four participants), four
    must-haves and a budget, on the bundled criteria and demo vendors: every page has
    something to show, from the screening reasons to the group's agreement.

    Built once per server (the same on every call), read back for each visitor: every
    session gets its own validated copy, in less than half the time of building it.
    """
    return Project.model_validate_json(_example_json())


@cache
def _example_json() -> str:
    return demo_project().model_dump_json()


@cache
def _example_company() -> str:
    return demo_project().company.name


def is_example(project: Project) -> bool:
    """True for the example project, or a copy the visitor is trying things on.

    It is the example while it keeps the example's fictitious company and only fictitious
    (demo) vendors; renaming the company or adding a vendor of one's own makes it theirs.
    """
    return is_example_company(project.company.name) and all(v.demo for v in project.vendors)


def is_example_company(name: str) -> bool:
    """True for the example's fictitious company name."""
    return name.strip() == _example_company()


def blank_form() -> CompanyForm:
    """An empty company profile: what a project of one's own starts from."""
    return CompanyForm(
        name="", sector=catalogue.sectors()[0].id, erp_users=50, horizon_years=5, budget=None
    )
