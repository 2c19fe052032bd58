"""A long list: ranked whole, its sensitivity analyses on the leading vendors only."""

from __future__ import annotations

import datetime as dt

import pytest

from erp_select.analysis import parts
from erp_select.analysis.settings import AnalysisSettings
from erp_select.analysis.suite import run_analysis
from erp_select.report.demo import demo_project

SETTINGS = AnalysisSettings(samples=200, reference_date=dt.date(2026, 5, 6))


def test_sensitivity_follows_the_top_of_a_long_list(monkeypatch: pytest.MonkeyPatch) -> None:
    base = demo_project()
    company = base.company.model_copy(update={"must_haves": [], "budget": None})
    project = base.model_copy(update={"company": company})
    monkeypatch.setattr(parts, "PROBE_VENDORS", 4)  # the same rule as 30 of 10 000
    suite = run_analysis(project, SETTINGS)
    order = suite.analysis.order()
    # Ranked whole, by alternative: 14 vendors, of which Halvardis, Chantelys and Kestrelys
    # have two offers and Maillonet, Praxelia and Quaivia two integrators: 8 + 6 × 2 = 20.
    assert len(order) == 20 == len(project.expanded().vendors) > 4
    assert suite.smaa is not None and suite.stability is not None
    assert set(suite.smaa.acceptability.index) == set(order[:4])
    assert list(suite.smaa.acceptability.columns) == [1, 2, 3, 4]
    assert suite.curves is not None
    # the shortlist keeps the input order of the vendors, so ties resolve as in the ranking
    kept = [v for v in suite.analysis.ranked.vendors if v in set(order[:4])]
    assert list(suite.smaa.acceptability.index) == kept


def test_a_short_list_is_probed_whole() -> None:
    prep = parts.prepare(demo_project(), SETTINGS)
    assert prep.probe is prep.problem
