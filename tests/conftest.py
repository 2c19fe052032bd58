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
#: file or ``file::test`` under tests/: ``make test`` runs them, ``make check`` does not.
SLOW_TESTS = frozenset(
    {
        "i18n/test_every_word.py::test_every_report_format",
        "report/test_drawing.py",
        "report/test_report.py::test_pdf_is_the_same_with_or_without_worker_processes",
        "report/test_report.py::test_pdf_pages_render_to_png",
        "report/test_report.py::test_pdf_renderer_fetches_only_memory_and_data_uris",
        "report/test_scale.py",
        "report/test_workers.py",
        "store/test_live.py::test_two_app_processes_serve_one_workshop",
        "test_api.py::test_every_api_function_accepts_the_spellings_rank_accepts",
        "test_cli.py::test_report_pdf_from_the_command_line",
    }
)


def _lane_markers(parts: tuple[str, ...], name: str) -> list[str]:
    """The markers a test gets from its place: its folder, and the two tables above."""
    file = "/".join(parts)
    markers = [FOLDER_MARKERS[parts[0]]] if len(parts) > 1 and parts[0] in FOLDER_MARKERS else []
    for marker, table in (("app", APP_TESTS), ("slow", SLOW_TESTS)):
        if file in table or f"{file}::{name}" in table:
            markers.append(marker)
    return markers


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test by its folder and the tables above, and the store tests that run on
    PostgreSQL."""
    for item in items:
        parts = item.path.resolve().relative_to(TESTS).parts
        name = getattr(item, "originalname", item.name)
        for marker in _lane_markers(parts, name):
            item.add_marker(marker)
        callspec = getattr(item, "callspec", None)
        params = callspec.params if callspec is not None else {}
        on_postgres = "postgresql" in (params.get("db_url"), params.get("migrated_url"))
        if on_postgres or "pg_server" in getattr(item, "fixturenames", ()):
            item.add_marker("postgres")
