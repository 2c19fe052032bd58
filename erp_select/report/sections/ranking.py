"""The ranking of the kept vendors, and every vendor's total cost of ownership."""

from __future__ import annotations

import math

from erp_select.evaluate.tco import ONE_OFF
from erp_select.i18n import fmt_money, fmt_percent, t
from erp_select.report.adjusted import tco_fields, vendor_notes
from erp_select.report.compute import ReportInputs, finite
from erp_select.report.content import CostRow, RankingRow
from erp_select.report.sections.common import num, score_text, status
from erp_select.report.sections.tco_table import line_name, tco_table


def ranking(inputs: ReportInputs, lang: str) -> list[RankingRow]:
    """The kept vendors in rank order: score, cost and its range, first places, efficiency."""
    analysis = inputs.analysis
    result = analysis.result
    rows: list[RankingRow] = []
    if result is None:
        return rows
    first = inputs.smaa.first_share if inputs.smaa is not None else None
    vfm = inputs.value_for_money
    index = {v: i for i, v in enumerate(result.alternatives)}
    for vid in analysis.order():
        i = index[vid]
        tco = analysis.performance.tco[vid].total
        # SMAA-2 covers the leading vendors of a long list only (analysis.parts.PROBE_VENDORS)
        share = float(first[vid]) if first is not None and vid in first.index else math.nan
        efficient = bool(vfm.at[vid, "efficient"]) if vfm is not None else None
        benefit = num(vfm.at[vid, "score"]) if vfm is not None else math.nan
        cost = tco_fields(inputs, vid, lang)
        # The cost as quoted (the TCO cell's raw figure); the ranked one is ``tco_ranked``.
        cell = analysis.tco_cell(vid)
        quoted = cell.raw if cell is not None and cell.raw is not None else tco.likely
        rows.append(
            {
                "id": vid,
                "name": inputs.project.vendor(vid).name,
                "rank": int(result.ranks[i]),
                "score": float(result.scores[i]),
                "score_text": score_text(float(result.scores[i]), lang),
                "tco": quoted,
                "tco_text": cost["tco_text"],
                "tco_range": cost["tco_range"],
                "tco_low": tco.low,
                "tco_high": tco.high,
                "first_share": share,
                "first_share_text": fmt_percent(share, lang) if finite(share) else "—",
                "efficient": efficient,
                "benefit": benefit,
                "efficient_text": (
                    "" if efficient is None else t("report.yes" if efficient else "report.no", lang)
                ),
                "tco_ranked": cost["tco_ranked"],
                "tco_levels": cost["tco_levels"],
                "tco_marked": cost["tco_marked"],
                "notes": vendor_notes(inputs, vid, lang),
            }
        )
    return rows


def leaders_note(inputs: ReportInputs, rows: list[RankingRow], lang: str) -> str:
    """Why some ranked vendors have no SMAA-2 share: the simulations cover the leaders only.

    Empty when every ranked vendor has its share, or when SMAA-2 did not run (its absence
    is said by the skipped section's own reason).
    """
    covered = sum(finite(r["first_share"]) for r in rows)
    if inputs.smaa is None or covered == len(rows):
        return ""
    return t("board.leaders_only", lang, count=covered, total=len(rows))


def costs(inputs: ReportInputs, lang: str, *, years: bool = True) -> list[CostRow]:
    """Every vendor's TCO (ranked first): one-off, recurring, first year, range, lines, years.

    ``years=False`` leaves out the year-by-year tables (``table`` is ``None``) and the cost
    lines (``components`` is empty): the board PDF prints neither, and they are most of
    this section's formatting time.
    """
    perf = inputs.analysis.performance
    statuses = status(inputs, lang)
    order = inputs.order + [v for v in perf.vendors if v not in inputs.order]
    rows: list[CostRow] = []
    for vid in order:
        b = perf.tco[vid]
        one_off = sum(b.components[c].likely for c in ONE_OFF)
        recurring = sum(b.components[c].likely for c in b.components if c not in ONE_OFF)
        cost = tco_fields(inputs, vid, lang)
        rows.append(
            {
                "id": vid,
                "name": inputs.project.vendor(vid).name,
                "status": statuses[vid],
                "kept": vid in inputs.kept,
                "one_off": fmt_money(one_off, lang),
                "recurring": fmt_money(recurring, lang),
                "first_year": fmt_money(b.first_year.likely, lang),
                "low": fmt_money(b.total.low, lang),
                "likely": fmt_money(b.total.likely, lang),
                "high": fmt_money(b.total.high, lang),
                "billed_users": b.billed_users,
                "tco_text": cost["tco_text"],
                "tco_range": cost["tco_range"],
                "tco_ranked": cost["tco_ranked"],
                "tco_levels": cost["tco_levels"],
                "tco_marked": cost["tco_marked"],
                "components": [
                    {
                        "name": line_name(c, lang),
                        "low": fmt_money(b.components[c].low, lang),
                        "likely": fmt_money(b.components[c].likely, lang),
                        "high": fmt_money(b.components[c].high, lang),
                    }
                    for c in (b.shown() if years else ())
                ],
                "table": tco_table(b, lang) if years else None,
            }
        )
    return rows
