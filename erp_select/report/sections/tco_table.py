"""The TCO table: each line for each year with its range, then the horizon totals and the NPV."""

from __future__ import annotations

from typing import TypedDict

from erp_select.evaluate.tco import Estimate, TcoBreakdown
from erp_select.explain.cost_terms import rate_text
from erp_select.i18n import fmt_money, t


class TcoCell(TypedDict):
    """One amount: likely, and its ``low – high`` range (empty when there is none)."""

    likely: str
    range: str


class TcoLine(TypedDict):
    """One line of the table: its cost each year and over the horizon (low / likely / high)."""

    name: str
    years: list[TcoCell]
    low: str
    likely: str
    high: str


class TcoTable(TypedDict):
    """A vendor's TCO year by year: headers, lines, the total, and the net present value."""

    line_header: str
    years: list[str]
    horizon: str
    lines: list[TcoLine]
    total: TcoLine
    present: TcoLine | None


def line_name(line: str, lang: str) -> str:
    """A TCO line in words (``internal`` → ``Temps interne``)."""
    return t(f"tco.line.{line}", lang)


def _cell(est: Estimate, lang: str) -> TcoCell:
    ranged = est.low < est.likely or est.high > est.likely
    span = t("report.range", lang, low=fmt_money(est.low, lang), high=fmt_money(est.high, lang))
    return {"likely": fmt_money(est.likely, lang), "range": span if ranged else ""}


def _line(name: str, years: list[Estimate], total: Estimate, lang: str) -> TcoLine:
    return {
        "name": name,
        "years": [_cell(e, lang) for e in years],
        "low": fmt_money(total.low, lang),
        "likely": fmt_money(total.likely, lang),
        "high": fmt_money(total.high, lang),
    }


def tco_table(b: TcoBreakdown, lang: str) -> TcoTable:
    """The table of ``b``: shown lines × years, then horizon low / likely / high."""
    year_totals = [Estimate(0.0, 0.0, 0.0) for _ in b.years]
    for k, lines in enumerate(b.years):
        for est in lines.values():
            year_totals[k] = year_totals[k] + est
    present = None
    if b.present is not None and b.discount_rate is not None:
        name = t("tco.present", lang, rate=rate_text(b.discount_rate, lang))
        present = _line(name, [], b.present, lang)
    return {
        "line_header": t("tco.line_header", lang),
        "years": [t("tco.year", lang, n=k) for k in range(1, len(b.years) + 1)],
        "horizon": t("tco.horizon", lang, years=t("report.years", lang, n=b.horizon_years)),
        "lines": [
            _line(line_name(line, lang), [y[line] for y in b.years], b.components[line], lang)
            for line in b.shown()
        ],
        "total": _line(t("tco.total", lang), year_totals, b.nominal, lang),
        "present": present,
    }


__all__ = ["TcoCell", "TcoLine", "TcoTable", "line_name", "tco_table"]
