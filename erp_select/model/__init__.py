"""Typed values of the domain (pydantic): criteria, vendors, rules, company, project."""

from erp_select.model.common import Strict, Text
from erp_select.model.criteria import (
    BooleanValue,
    ChecklistItem,
    ChecklistValue,
    CriteriaTree,
    Criterion,
    Direction,
    FactValue,
    LinearValue,
    PiecewiseValue,
    ReviewsValue,
    ScaleValue,
    TcoValue,
    ValueFunction,
)
from erp_select.model.project import SCHEMA_VERSION, CompanyProfile, Project
from erp_select.model.rules import BudgetRule, CriterionRule, FactRule, Rule, SectorRule
from erp_select.model.vendor import Fact, VendorProfile

__all__ = [
    "SCHEMA_VERSION",
    "BooleanValue",
    "BudgetRule",
    "ChecklistItem",
    "ChecklistValue",
    "CompanyProfile",
    "CriteriaTree",
    "Criterion",
    "CriterionRule",
    "Direction",
    "Fact",
    "FactRule",
    "FactValue",
    "LinearValue",
    "PiecewiseValue",
    "Project",
    "ReviewsValue",
    "Rule",
    "ScaleValue",
    "SectorRule",
    "Strict",
    "TcoValue",
    "Text",
    "ValueFunction",
    "VendorProfile",
]
