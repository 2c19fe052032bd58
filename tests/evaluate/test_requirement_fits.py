"""Requirement fits of many vendors: one computation for those without answers, same fits."""

from __future__ import annotations

from erp_select.evaluate.requirements import requirement_fit, requirement_fits
from erp_select.report.demo import demo_project


def test_fits_of_a_list_are_each_vendors_own_fit() -> None:
    project = demo_project()
    answered = project.vendors[2:5]  # vendors that answer the questionnaire
    silent = [v.model_copy(update={"id": f"{v.id}-silent", "answers": {}}) for v in answered]
    vendors = [answered[0], *silent, *answered[1:]]
    widths = project.criteria.evidence
    fits = requirement_fits(project.requirements, vendors, None, widths)
    assert list(fits) == [v.id for v in vendors]
    for vendor in vendors:
        assert fits[vendor.id] == requirement_fit(project.requirements, vendor, None, widths)
    assert fits[silent[0].id].answered == 0 and fits[silent[0].id].vendor_id == silent[0].id
    assert fits[answered[0].id].answered > 0
