"""The workbook's risk sheet: every ranked alternative's risk register, one risk a row."""

from __future__ import annotations

from typing import Any

from erp_select.i18n import t
from erp_select.report.compute import ReportInputs

PARTS = ("description", "likelihood", "impact", "score", "mitigation", "owner")


def risk_sheet_rows(inputs: ReportInputs, lang: str) -> list[list[Any]]:
    """Header then one row per risk: vendor id and name, the risk, numbers as numbers.

    A vendor paired with an integrator carries the integrator's risks after its own.
    """
    header = [t("report.col.vendor_id", lang), t("report.col.vendor", lang)]
    rows: list[list[Any]] = [header + [t(f"contract.risk.col.{p}", lang) for p in PARTS]]
    for vendor in inputs.project.vendors:
        for risk in vendor.risks:
            rows.append(
                [
                    vendor.id,
                    vendor.name,
                    risk.description,
                    risk.likelihood,
                    risk.impact,
                    risk.score,
                    risk.mitigation or "",
                    risk.owner or "",
                ]
            )
    return rows
