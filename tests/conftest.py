"""Shared factories for tests: small vendors, criteria trees and projects built in code."""

from __future__ import annotations

from typing import Any

import pytest

from erp_select.model import CompanyProfile, CriteriaTree, Fact, Project, VendorProfile


def text(en: str, fr: str | None = None) -> dict[str, str]:
    """A bilingual label."""
    return {"en": en, "fr": fr or en}


def make_vendor(vendor_id: str = "v1", **facts: Any) -> VendorProfile:
    """A vendor whose facts are given as keyword arguments (dots written as ``__``).

    A fact given as a dict is passed whole (``{"value": 3, "low": 2}``).
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


def make_project(vendors: list[VendorProfile], **company: Any) -> Project:
    """A project on :func:`small_tree` with a company of 10 users over 5 years."""
    profile = {"sector": "manufacturing", "erp_users": 10, "horizon_years": 5, **company}
    return Project(
        company=CompanyProfile.model_validate(profile), criteria=small_tree(), vendors=vendors
    )


@pytest.fixture
def tree() -> CriteriaTree:
    """The small two-family tree."""
    return small_tree()
