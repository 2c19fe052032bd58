"""Contract, vendor viability and risk register: the report section and its Markdown."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypedDict

from erp_select.explain.contract import CONTRACT_FACTS, VIABILITY_FACTS, checklist, risk_rows
from erp_select.i18n import t
from erp_select.report.compute import ReportInputs
from erp_select.words import Words


class MatrixRow(TypedDict):
    """One clause or fact, and each shortlisted vendor's value in words."""

    label: str
    cells: list[str]


class RegisterRow(TypedDict):
    """One risk of one vendor, in words."""

    vendor: str
    description: str
    likelihood: str
    impact: str
    score: str
    mitigation: str
    owner: str


class ContractSection(TypedDict):
    """The section: the shortlist's contract and viability tables, and every risk."""

    vendors: list[str]
    contract: list[MatrixRow]
    viability: list[MatrixRow]
    risks: list[RegisterRow]


def contract_section(inputs: ReportInputs, lang: str, size: int) -> ContractSection | None:
    """The section in ``lang``; ``None`` when no vendor states a contract, viability or risk.

    The tables show the shortlist (the first ``size`` kept vendors in rank order); the
    register lists every vendor's risks, kept vendors in rank order first, then the excluded
    ones, each vendor's risks highest score first.
    """
    project = inputs.project
    words = Words(lang, project.criteria)
    order = list(inputs.analysis.order())
    shortlist = [project.vendor(v) for v in order[:size]]
    everyone = order + [v.id for v in project.vendors if v.id not in order]
    register: list[RegisterRow] = []
    for vid in everyone:
        vendor = project.vendor(vid)
        for r in risk_rows(vendor.risks, lang):
            register.append(
                RegisterRow(
                    vendor=vendor.name,
                    description=r["description"],
                    likelihood=r["likelihood"],
                    impact=r["impact"],
                    score=r["score"],
                    mitigation=r["mitigation"],
                    owner=r["owner"],
                )
            )
    section = ContractSection(
        vendors=[v.name for v in shortlist],
        contract=[
            MatrixRow(label=a, cells=b) for a, b in checklist(shortlist, CONTRACT_FACTS, words)
        ],
        viability=[
            MatrixRow(label=a, cells=b) for a, b in checklist(shortlist, VIABILITY_FACTS, words)
        ],
        risks=register,
    )
    if not (section["contract"] or section["viability"] or section["risks"]):
        return None
    return section


RISK_COLUMNS = ("vendor", "description", "likelihood", "impact", "score", "mitigation", "owner")


def register_cells(row: RegisterRow) -> list[str]:
    """A register row's cells in the order of :data:`RISK_COLUMNS`."""
    return [
        row["vendor"],
        row["description"],
        row["likelihood"],
        row["impact"],
        row["score"],
        row["mitigation"],
        row["owner"],
    ]


def markdown_lines(
    section: ContractSection | None,
    lang: str,
    escape: Callable[[str], str],
    table: Callable[[list[str], list[list[str]]], list[str]],
) -> list[str]:
    """The section in Markdown, with the report's own escaping and table writer."""
    if section is None:
        return []
    lines = [
        f"## {t('contract.report.title', lang)}",
        "",
        escape(t("contract.report.intro", lang)),
        "",
    ]
    head = [t("contract.report.item", lang), *section["vendors"]]
    for key, rows in (("contract", section["contract"]), ("viability", section["viability"])):
        if rows:
            lines += [f"### {t(f'contract.report.{key}', lang)}", ""]
            lines += table(head, [[r["label"], *r["cells"]] for r in rows])
            lines.append("")
    lines += [f"### {t('contract.report.risks', lang)}", ""]
    if section["risks"]:
        cols = [t(f"contract.risk.col.{c}", lang) for c in RISK_COLUMNS]
        lines += table(cols, [register_cells(r) for r in section["risks"]])
    else:
        lines.append(escape(t("contract.report.risks_none", lang)))
    lines.append("")
    return lines
