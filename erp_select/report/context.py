"""Assemble the report's content in one language from its sections (``report/sections/``)."""

from __future__ import annotations

import dataclasses

from erp_select.analysis.parts import labels
from erp_select.explain.cost_terms import terms_text
from erp_select.i18n import normalise_lang, t
from erp_select.report import adjusted
from erp_select.report.compute import ReportInputs
from erp_select.report.content import SHORTLIST_SIZE, SMAA_TABLE_RANKS, ReportContent
from erp_select.report.formats import AppendixScope
from erp_select.report.memo import build_memo
from erp_select.report.sections import (
    appendix,
    company,
    contract,
    criteria,
    ranking,
    references,
    scoring,
    sensitivity,
    summary,
)
from erp_select.report.sections import method as method_notes
from erp_select.screen import describe_rule, screening_warnings

__all__ = [
    "SHORTLIST_SIZE",
    "SMAA_TABLE_RANKS",
    "ReportContent",
    "build_content",
    "sheets_in_scope",
]


def build_content(inputs: ReportInputs, lang: str | None, *, board: bool = False) -> ReportContent:
    """Format every section of the report in ``lang``.

    Parameters
    ----------
    inputs : ReportInputs
        From :func:`erp_select.report.compute.compute`.
    lang : str, optional
        ``"fr"`` or ``"en"``.
    board : bool
        Format only what the board PDF prints (:mod:`erp_select.report.board`): the sheets
        of the shortlist and the near misses, and no year-by-year cost table.

    Returns
    -------
    ReportContent
        Plain strings and rows; templates and writers escape them for their format.
    """
    code = normalise_lang(lang)
    project = inputs.project
    names = labels(project, code)
    costs = ranking.costs(inputs, code, years=not board)
    notes = (
        [n.render(code, names) for n in inputs.analysis.result.notes]
        if inputs.analysis.result
        else []
    )
    method = method_notes.method(inputs, code)
    rows = ranking.ranking(inputs, code)
    return ReportContent(
        lang=code,
        title=project.name or t("report.title", code),
        meta=method_notes.meta(inputs, code, method["name"]),
        summary=summary.summary(inputs, code, names),
        company=company.company_rows(inputs, code),
        must_haves=[describe_rule(r, code, project.criteria) for r in project.company.must_haves],
        criteria=criteria.criteria_rows(inputs, code),
        weighting=criteria.weighting(inputs, code, names),
        screening=company.screening(inputs, code),
        ranking=rows,
        findings=summary.findings(inputs, code, names),
        notes=notes,
        costs=costs,
        sensitivity=sensitivity.sensitivity(inputs, code, names),
        agreement=sensitivity.agreement(inputs, code, names),
        vendors=appendix.vendor_appendix(inputs, code, costs, only_in_scope=board),
        method=method,
        skipped={section: s.lines(code) for section, s in inputs.skipped.items()},
        claims=summary.claims(inputs, names),
        references=references.reference_lines(project, code),
        screening_warnings=screening_warnings(
            inputs.analysis.screening,
            code,
            project.criteria,
            alternatives=bool(inputs.analysis.alternatives),
        ),
        adjusted=adjusted.notes(inputs, code),
        adjusted_intro=adjusted.intro(code),
        warnings=adjusted.warnings(inputs, code),
        memo=build_memo(inputs, code),
        contract=contract.contract_section(inputs, code, SHORTLIST_SIZE),
        scoring=scoring.scoring_section(inputs, code),
        cost_terms=terms_text(project.company.costs, code, project.company),
        leaders_note=ranking.leaders_note(inputs, rows, code),
    )


def sheets_in_scope(content: ReportContent, scope: AppendixScope) -> ReportContent:
    """``content`` with the vendor sheets of ``scope`` and the sentence saying which they are.

    ``"shortlist"`` keeps the sheets of the shortlist and the near misses (the PDF's
    default); ``"all"`` keeps every vendor's.
    """
    total = content.summary["assessed"]  # every vendor, even when only some were formatted
    # offers and vendor × integrator pairs have a sheet each: say options, not vendors
    words = "sheets" if total == content.summary["vendors"] else "offers.report"
    if scope == "all":
        return dataclasses.replace(
            content, sheets_scope=t(f"{words}.scope_all", content.lang, total=total)
        )
    kept = [v for v in content.vendors if v["in_scope"]]
    sentence = t(f"{words}.scope_shortlist", content.lang, n=len(kept), total=total)
    return dataclasses.replace(content, vendors=kept, sheets_scope=sentence)
