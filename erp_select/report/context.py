"""Assemble the report's content in one language from its sections (``report/sections/``)."""

from __future__ import annotations

from erp_select.analysis.parts import labels
from erp_select.explain.cost_terms import terms_text
from erp_select.i18n import normalise_lang, t
from erp_select.report import adjusted
from erp_select.report.compute import ReportInputs
from erp_select.report.content import SHORTLIST_SIZE, SMAA_TABLE_RANKS, ReportContent
from erp_select.report.sections import appendix, company, criteria, ranking, sensitivity, summary
from erp_select.report.sections import method as method_notes
from erp_select.screen import describe_rule, screening_warnings

__all__ = ["SHORTLIST_SIZE", "SMAA_TABLE_RANKS", "ReportContent", "build_content"]


def build_content(inputs: ReportInputs, lang: str | None) -> ReportContent:
    """Format every section of the report in ``lang``.

    Parameters
    ----------
    inputs : ReportInputs
        From :func:`erp_select.report.compute.compute`.
    lang : str, optional
        ``"fr"`` or ``"en"``.

    Returns
    -------
    ReportContent
        Plain strings and rows; templates and writers escape them for their format.
    """
    code = normalise_lang(lang)
    project = inputs.project
    names = labels(project, code)
    costs = ranking.costs(inputs, code)
    notes = (
        [n.render(code, names) for n in inputs.analysis.result.notes]
        if inputs.analysis.result
        else []
    )
    method = method_notes.method(inputs, code)
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
        ranking=ranking.ranking(inputs, code),
        findings=summary.findings(inputs, code, names),
        notes=notes,
        costs=costs,
        sensitivity=sensitivity.sensitivity(inputs, code, names),
        agreement=sensitivity.agreement(inputs, code, names),
        vendors=appendix.vendor_appendix(inputs, code, costs),
        method=method,
        skipped={section: s.lines(code) for section, s in inputs.skipped.items()},
        claims=summary.claims(inputs, names),
        screening_warnings=screening_warnings(inputs.analysis.screening, code, project.criteria),
        adjusted=adjusted.notes(inputs, code),
        adjusted_intro=adjusted.intro(code),
        warnings=adjusted.warnings(inputs, code),
        cost_terms=terms_text(project.company.costs, code, project.company),
    )
