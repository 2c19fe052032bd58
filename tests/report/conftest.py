"""Shared fixtures of the report tests: the demo project and a hostile copy, computed once."""

from __future__ import annotations

import datetime as dt

import pytest

from erp_select.model import Project
from erp_select.report.compute import ReportInputs, compute
from erp_select.report.demo import demo_project

#: Few SMAA samples: the tests check the documents, not the statistics.
SAMPLES = 400
DATE = dt.date(2026, 5, 6)

#: Vendor names an attacker (or a careless import) could put in a catalogue.
HOSTILE_NAMES = {
    "ferronde": "<script>alert(1)</script>",
    "velocitra": '"><img src=x onerror=alert(1)>',
    "opencadre": "=cmd|' /C calc'!A0",
    "gestalune": "# Title | with `ticks`\nand a second line",
    "halvardis": "@SUM(1+1)*cmd|' /C calc'!A0",
    "ardoisine": "-2+3",
    "chantelys": "+33 1 23 45 67 89",
    "kestrelys": "\tTabbed | pipe \\ backslash",
}


def hostile(project: Project) -> Project:
    """The project with hostile vendor names (ids, facts and numbers unchanged)."""
    vendors = [
        v.model_copy(update={"name": HOSTILE_NAMES.get(v.id, v.name)}) for v in project.vendors
    ]
    return project.model_copy(update={"vendors": vendors})


@pytest.fixture(scope="session")
def demo() -> Project:
    return demo_project()


@pytest.fixture(scope="session")
def demo_inputs(demo: Project) -> ReportInputs:
    return compute(demo, sensitivity_samples=SAMPLES, generated=DATE)


@pytest.fixture(scope="session")
def hostile_inputs(demo: Project) -> ReportInputs:
    return compute(hostile(demo), sensitivity_samples=SAMPLES, generated=DATE)
