"""The company and its scope, the must-have rules, and the vendors they exclude."""

from __future__ import annotations

from erp_select.i18n import fmt_money, fmt_number, t
from erp_select.report.compute import ReportInputs
from erp_select.report.content import ScreeningRow
from erp_select.screen import explain_failure
from erp_select.words import Words


def company_rows(inputs: ReportInputs, lang: str) -> list[tuple[str, str]]:
    """The company profile as label–value pairs, every value in words."""
    project = inputs.project
    company = project.company
    words = Words(lang, project.criteria)
    return [
        (t("report.company.name", lang), company.name or "—"),
        (t("report.company.sector", lang), words.sector(company.sector)),
        (
            t("report.company.size", lang),
            words.level("company_sizes", company.size) if company.size else "—",
        ),
        (t("report.company.users", lang), fmt_number(company.erp_users, lang, 0)),
        (t("report.company.horizon", lang), t("report.years", lang, n=company.horizon_years)),
        (
            t("report.company.budget", lang),
            fmt_money(company.budget, lang) if company.budget is not None else "—",
        ),
        (t("report.company.vendors", lang), str(len(project.vendors))),
    ]


def screening(inputs: ReportInputs, lang: str) -> list[ScreeningRow]:
    """Each excluded vendor with the reason of every rule it fails."""
    screening = inputs.analysis.screening
    near = set(screening.near_misses())
    rows: list[ScreeningRow] = []
    for vid in screening.excluded:
        vendor = inputs.project.vendor(vid)
        rows.append(
            {
                "id": vid,
                "name": vendor.name,
                "near_miss": vid in near,
                "reasons": [
                    explain_failure(o, lang, inputs.project.criteria)
                    for o in screening.failures(vid)
                ],
            }
        )
    return rows
