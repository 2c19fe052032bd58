"""The example each visitor opens is the demo project, a copy of its own."""

from __future__ import annotations

from erp_select.app import start
from erp_select.report.demo import demo_project


def test_every_visitor_gets_the_demo_project_as_its_own_copy() -> None:
    first, second = start.example(), start.example()
    built = demo_project()
    assert first == built
    assert first.model_dump_json() == built.model_dump_json()
    assert first is not second
    assert first.vendors is not second.vendors
