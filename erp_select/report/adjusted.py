"""The report's words for values ranked differently from their facts, and unusable criteria."""

from __future__ import annotations

from typing import Any

from erp_select.evaluate.adjustments import (
    MARK,
    Cell,
    cell_note,
    cell_text,
    levels_text,
    no_data_warning,
    value_text,
)
from erp_select.i18n import fmt_money, t
from erp_select.model import Criterion
from erp_select.report.compute import ReportInputs
from erp_select.report.content import Tco


def _maps(inputs: ReportInputs, lang: str) -> tuple[dict[str, str], dict[str, str]]:
    vendors = {v.id: v.name for v in inputs.project.vendors}
    criteria = {c.id: c.label.get(lang) for c in inputs.project.criteria.walk()}
    return vendors, criteria


def report_order(inputs: ReportInputs) -> list[str]:
    """The ranked vendors best first, then the others in project order."""
    return inputs.order + [v.id for v in inputs.project.vendors if v.id not in inputs.order]


def marked_cells(inputs: ReportInputs) -> list[Cell]:
    """Every marked cell of the report's vendors, in :func:`report_order`."""
    return inputs.analysis.marked(report_order(inputs))


def notes(inputs: ReportInputs, lang: str) -> list[str]:
    """The footnote of every marked cell (ranked vendors first)."""
    vendors, criteria = _maps(inputs, lang)
    return [
        cell_note(c, vendors.get(c.vendor_id, c.vendor_id), criteria.get(c.criterion_id, ""), lang)
        for c in marked_cells(inputs)
    ]


def vendor_notes(inputs: ReportInputs, vendor_id: str, lang: str) -> list[str]:
    """The footnotes of one vendor's marked cells."""
    vendors, criteria = _maps(inputs, lang)
    return [
        cell_note(c, vendors.get(c.vendor_id, c.vendor_id), criteria.get(c.criterion_id, ""), lang)
        for c in inputs.analysis.marked([vendor_id])
    ]


def warnings(inputs: ReportInputs, lang: str) -> list[str]:
    """One warning per criterion that no kept vendor has a value for."""
    _, criteria = _maps(inputs, lang)
    return [no_data_warning(criteria.get(c, c), lang) for c in inputs.analysis.no_data()]


def _range(low: float, high: float, lang: str) -> str:
    """``low – high``; a range whose ends read the same is said to be none."""
    low_text, high_text = fmt_money(low, lang), fmt_money(high, lang)
    if low_text == high_text:
        return t("report.range_none", lang)
    return t("report.range", lang, low=low_text, high=high_text)


def tco_fields(inputs: ReportInputs, vendor_id: str, lang: str) -> Tco:
    """The TCO as every table writes it: text (marked), ranked value, evidence levels.

    Keys ``tco_text`` (``raw → used †`` when they differ), ``tco_range`` (the range the
    simulations use; the total's low – high when no cell was adjusted), ``tco_ranked``
    (the value the ranking uses), ``tco_levels`` (why the range) and ``tco_marked``.
    """
    cell = inputs.analysis.tco_cell(vendor_id)
    total = inputs.analysis.performance.tco[vendor_id].total
    if cell is None:
        return {
            "tco_text": fmt_money(total.likely, lang),
            "tco_range": _range(total.low, total.high, lang),
            "tco_ranked": total.likely,
            "tco_levels": "",
            "tco_marked": False,
        }
    return {
        "tco_text": cell_text(cell, lang),
        # The range the simulations draw from (a penalised cost has none).
        "tco_range": _range(cell.low, cell.high, lang),
        "tco_ranked": cell.used,
        "tco_levels": levels_text(cell, lang),
        "tco_marked": cell.adjusted,
    }


def sheet_rows(inputs: ReportInputs, lang: str) -> list[list[Any]]:
    """The workbook's sheet of marked cells: ids, names, both figures, range, reason."""
    vendors, criteria = _maps(inputs, lang)
    rows: list[list[Any]] = [
        [
            t("report.col.vendor_id", lang),
            t("report.col.vendor", lang),
            t("report.col.criterion", lang),
            t("cells.col.raw", lang),
            t("cells.col.used", lang),
            t("report.col.low", lang),
            t("report.col.high", lang),
            t("cells.col.reason", lang),
        ]
    ]
    for c in marked_cells(inputs):
        name = vendors.get(c.vendor_id, c.vendor_id)
        label = criteria.get(c.criterion_id, c.criterion_id)
        rows.append(
            [
                c.vendor_id,
                name,
                label,
                c.raw,
                c.used,
                c.low,
                c.high,
                cell_note(c, name, label, lang),
            ]
        )
    return rows


def rule_text(criterion: Criterion, lang: str) -> str:
    """What a missing value means on a leaf, saying when it is the default rule."""
    rule = t(f"cells.rule.{criterion.missing_rule}", lang)
    key = "cells.rule_default" if criterion.missing is None else "cells.rule_text"
    return t(key, lang, rule=rule)


def intro(lang: str) -> str:
    """The sentence that explains the mark."""
    return t("cells.intro", lang, mark=MARK)


__all__ = [
    "MARK",
    "intro",
    "marked_cells",
    "notes",
    "report_order",
    "rule_text",
    "sheet_rows",
    "tco_fields",
    "value_text",
    "vendor_notes",
    "warnings",
]
