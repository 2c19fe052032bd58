"""Shared factories for tests: small vendors, criteria trees and projects built in code."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from erp_select.model import (
    Answer,
    CompanyProfile,
    CriteriaTree,
    Fact,
    Project,
    Requirement,
    VendorProfile,
)


def text(en: str, fr: str | None = None) -> dict[str, str]:
    """A bilingual label."""
    return {"en": en, "fr": fr or en}


def make_vendor(
    vendor_id: str = "v1", answers: dict[str, Answer] | None = None, **facts: Any
) -> VendorProfile:
    """A vendor whose facts are given as keyword arguments (dots written as ``__``).

    A fact given as a dict is passed whole (``{"value": 3, "low": 2}``); ``answers`` are
    its answers to the requirements questionnaire.
    """
    data = {}
    for key, value in facts.items():
        fact_id = key.replace("__", ".")
        data[fact_id] = Fact.model_validate(value if isinstance(value, dict) else {"value": value})
    return VendorProfile(
        id=vendor_id,
        name=vendor_id.upper(),
        licence_model="subscription",
        deployment=["cloud"],
        sectors=["manufacturing"],
        facts=data,
        answers=answers or {},
    )


def small_tree() -> CriteriaTree:
    """Two families: quality (a linear score, a checklist) and price (TCO)."""
    return CriteriaTree.model_validate(
        {
            "criteria": [
                {
                    "id": "quality",
                    "label": text("Quality", "Qualité"),
                    "weight": 60,
                    "children": [
                        {
                            "id": "coverage",
                            "label": text("Coverage", "Couverture"),
                            "weight": 2,
                            "value": {
                                "kind": "linear",
                                "fact": "fit.coverage",
                                "worst": 40,
                                "best": 90,
                            },
                        },
                        {
                            "id": "controls",
                            "label": text("Controls", "Contrôles"),
                            "weight": 1,
                            "value": {
                                "kind": "checklist",
                                "items": [
                                    {"fact": "sec.mfa", "weight": 2},
                                    {"fact": "sec.logs", "weight": 1},
                                    {"fact": "sec.certs", "item": "iso27001", "weight": 1},
                                ],
                            },
                        },
                    ],
                },
                {
                    "id": "price",
                    "label": text("Price", "Prix"),
                    "weight": 40,
                    "children": [
                        {
                            "id": "tco",
                            "label": text("TCO", "CTP"),
                            "value": {"kind": "tco", "low_price_ratio": 0.5},
                        }
                    ],
                },
            ]
        }
    )


def make_project(
    vendors: list[VendorProfile],
    criteria: CriteriaTree | None = None,
    requirements: list[Requirement] | None = None,
    as_of: dt.date | None = None,
    **company: Any,
) -> Project:
    """A project (default tree :func:`small_tree`) with a company of 10 users over 5 years."""
    profile = {"sector": "manufacturing", "erp_users": 10, "horizon_years": 5, **company}
    return Project(
        company=CompanyProfile.model_validate(profile),
        criteria=criteria or small_tree(),
        vendors=vendors,
        requirements=requirements or [],
        as_of=as_of,
    )


@pytest.fixture
def tree() -> CriteriaTree:
    """The small two-family tree."""
    return small_tree()


def make_requirement(
    req_id: str,
    priority: str = "should",
    process: str = "finance",
    en: str | None = None,
    fr: str | None = None,
    locked: bool = False,
) -> Requirement:
    """A requirement with a bilingual text (defaults derived from the id)."""
    return Requirement.model_validate(
        {
            "id": req_id,
            "process": process,
            "priority": priority,
            "locked": locked,
            "text": {"en": en or f"Requirement {req_id}", "fr": fr or f"Exigence {req_id}"},
        }
    )


def make_answer(
    kind: str, days: float | None = None, evidence: str | None = "claim", comment: str = ""
) -> Answer:
    """A vendor's answer to one requirement."""
    return Answer.model_validate(
        {"answer": kind, "effort_days": days, "evidence": evidence, "comment": comment}
    )


def requirements_tree(evidence: dict[str, float] | None = None, **spec: Any) -> CriteriaTree:
    """Two leaves: requirement fit (kind ``requirements``, options from ``spec``) and TCO."""
    data: dict[str, Any] = {
        "criteria": [
            {
                "id": "fit",
                "label": text("Fit", "Adéquation"),
                "weight": 1,
                "value": {"kind": "requirements", **spec},
            },
            {
                "id": "tco",
                "label": text("TCO", "CTP"),
                "weight": 1,
                "value": {"kind": "tco"},
            },
        ]
    }
    if evidence is not None:
        data["evidence"] = evidence
    return CriteriaTree.model_validate(data)


# The lanes (docs/development.md): each test folder that needs more than Python carries a
# marker, so ``make check`` deselects them with ``-m`` and no test is marked by hand.
TESTS = Path(__file__).resolve().parent
#: Marker by first folder under tests/: AppTest runs, a real browser or proxy, a wheel.
FOLDER_MARKERS = {"app": "app", "e2e": "browser", "deploy": "browser", "package": "package"}


#: AppTest runs outside tests/app/, by file or ``file::test`` under tests/.
APP_TESTS = frozenset(
    {
        "i18n/test_every_word.py::test_every_page_of_the_example_project",
        "i18n/test_every_word.py::test_every_page_after_a_workshop",
    }
)
#: The slowest tests (whole reports in every format, worker processes, big SMAA runs), by
#: file, ``file::test`` or ``file::test[case]`` under tests/: ``make test`` runs them,
#: ``make check`` does not.
SLOW_TESTS = frozenset(
    {
        "i18n/test_every_word.py::test_every_report_format",
        "i18n/test_every_word.py::test_every_demo_script_format",
        # property round trips through every file format (hypothesis, seconds per format)
        "io/test_cells.py::test_list_cells_round_trip",
        "io/test_criteria_files.py::test_any_tree_round_trips_exactly",
        "io/test_vendor_files.py::test_any_vendors_round_trip_exactly",
        "io/test_vendor_files.py::test_bundled_demo_vendors_load_identically_in_every_format",
        # whole reports of the demo project (PDF, HTML) and their sections on the demo
        "report/test_adjusted.py::test_html_marks_the_cell_and_gives_the_reason",
        "report/test_claims_section.py",
        "report/test_drawing.py",
        "report/test_isolate.py::test_every_text_export_isolates_the_override[html]",
        "report/test_memo.py::test_demo_memo_is_two_pages_and_opens_the_pdf_report",
        "report/test_memo.py::test_memo_from_the_command_line",
        "report/test_memo.py::test_memo_pdf_is_two_pages_of_plain_words",
        "report/test_memo.py::test_toss_up_memo_pdf_names_both_vendors",
        "report/test_report.py::test_a_project_without_reference_date_takes_the_reports",
        "report/test_report.py::test_french_and_english_number_formats",
        "report/test_report.py::test_html_escapes_hostile_vendor_names",
        "report/test_report.py::test_html_has_no_script_and_no_external_url",
        "report/test_report.py::test_html_is_self_contained_with_charts",
        "report/test_report.py::test_pdf_has_repeated_table_headers_and_fonts",
        "report/test_report.py::test_pdf_is_the_same_with_or_without_worker_processes",
        "report/test_report.py::test_pdf_pages_render_to_png",
        "report/test_report.py::test_pdf_renderer_fetches_only_memory_and_data_uris",
        "report/test_report.py::test_pdf_text_has_winner_weights_fingerprint",
        "report/test_report.py::test_report_when_no_vendor_passes",
        "report/test_report.py::test_report_with_a_single_ranked_vendor",
        "report/test_report.py::test_smaa_run_by_a_worker_equals_smaa_run_here",
        "report/test_report_words.py::test_appendix_names_facts_and_values_in_french",
        "report/test_report_words.py::test_html_has_no_raw_key",
        "report/test_scale.py",
        "report/test_workers.py",
        # rankings swept over the weights for every method, and checked against each rank
        "sensitivity/test_agreement.py::test_rank_reversal_check_is_reported",
        "sensitivity/test_curves.py::test_curves_chart_draws_the_leader_highest_on_the_ranking_bars_scale",
        "sensitivity/test_curves.py::test_permuting_rows_with_ties_gives_the_same_crossovers",
        # fifty threads, two processes on one workshop
        "store/test_live.py::test_fifty_simultaneous_ahp_submissions",
        "store/test_live.py::test_fifty_simultaneous_points_submissions",
        "store/test_live.py::test_two_app_processes_serve_one_workshop",
        # the full analysis suite of the demo project, the command line in a subprocess
        "test_api.py::test_analyse_project_is_the_reports_suite",
        "test_api.py::test_every_api_function_accepts_the_spellings_rank_accepts",
        "test_cli.py::test_console_script_runs_without_traceback",
        "test_cli.py::test_rank_isolates_a_bidi_override_in_a_vendor_name",
        "test_cli.py::test_report_lang_after_the_command_as_documented",
        "test_cli.py::test_report_pdf_from_the_command_line",
        "test_cli.py::test_report_takes_the_suites_samples_and_seed",
    }
)


def _lane_markers(parts: tuple[str, ...], name: str, case: str) -> list[str]:
    """The markers a test gets from its place: its folder, and the two tables above (by
    file, ``file::test`` or, for one case of a parametrized test, ``file::test[case]``)."""
    file = "/".join(parts)
    markers = [FOLDER_MARKERS[parts[0]]] if len(parts) > 1 and parts[0] in FOLDER_MARKERS else []
    for marker, table in (("app", APP_TESTS), ("slow", SLOW_TESTS)):
        if {file, f"{file}::{name}", f"{file}::{case}"} & table:
            markers.append(marker)
    return markers


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test by its folder and the tables above, and the store tests that run on
    PostgreSQL."""
    for item in items:
        parts = item.path.resolve().relative_to(TESTS).parts
        name = getattr(item, "originalname", item.name)
        for marker in _lane_markers(parts, name, item.name):
            item.add_marker(marker)
        callspec = getattr(item, "callspec", None)
        params = callspec.params if callspec is not None else {}
        on_postgres = "postgresql" in (params.get("db_url"), params.get("migrated_url"))
        if on_postgres or "pg_server" in getattr(item, "fixturenames", ()):
            item.add_marker("postgres")
