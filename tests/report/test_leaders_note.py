"""A long list: the report says why SMAA-2's column has a dash past the ranking's leaders."""

from __future__ import annotations

import datetime as dt

import pytest

from erp_select.report import render_from
from erp_select.report.compute import ReportInputs, compute
from erp_select.report.context import build_content
from tests.conftest import make_project, make_vendor

DATE = dt.date(2026, 5, 6)


def _inputs(n: int) -> ReportInputs:
    vendors = [
        make_vendor(
            f"v{i:02d}",
            fit__coverage={"value": 95 - i, "source": "Questionnaire", "evidence": "claim"},
            sec__mfa=True,
            price__subscription_user_month=40 + i,
        )
        for i in range(n)
    ]
    return compute(make_project(vendors, as_of=DATE), sensitivity_samples=100, generated=DATE)


@pytest.fixture(scope="module")
def long_list() -> ReportInputs:
    return _inputs(35)


def test_a_long_list_says_why_its_last_vendors_have_a_dash(long_list: ReportInputs) -> None:
    fr = build_content(long_list, "fr")
    en = build_content(long_list, "en")
    # By hand: SMAA-2 runs on the first 30 of the 35 ranked vendors; the other 5 get a dash.
    assert [r["first_share_text"] for r in fr.ranking].count("—") == 5
    assert "30 premiers éditeurs" in fr.leaders_note and "35 classés" in fr.leaders_note
    assert "first 30 vendors" in en.leaders_note and "35 ranked" in en.leaders_note
    md = render_from(long_list, "md", "fr").decode("utf-8")
    assert "30 premiers éditeurs" in md


def test_the_sentence_is_in_the_html_report(
    long_list: ReportInputs, monkeypatch: pytest.MonkeyPatch
) -> None:
    from erp_select.report import charts

    # The sentence is the page's, not a chart's: the charts are left out to keep this fast.
    monkeypatch.setattr(charts, "build_charts", lambda *args, **kwargs: {})
    page = render_from(long_list, "html", "fr").decode("utf-8")
    assert page.count("30 premiers éditeurs du classement") >= 1


def test_a_short_list_has_no_such_sentence() -> None:
    content = build_content(_inputs(4), "fr")
    assert content.leaders_note == ""
    assert "—" not in [r["first_share_text"] for r in content.ranking]
