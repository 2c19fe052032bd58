"""Write the report's tables as an XLSX workbook: typed cells, headers in the reader's language."""

from __future__ import annotations

import datetime as dt
import io
import math
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from erp_select.evaluate.adjustments import MARK, cell_note
from erp_select.explain.cost_terms import rate_text
from erp_select.i18n import t
from erp_select.report import adjusted
from erp_select.report.compute import ReportInputs, finite
from erp_select.report.content import ReportContent
from erp_select.report.risk_sheet import risk_sheet_rows
from erp_select.report.safe import Marked, neutralise
from erp_select.report.sections.scoring import before_after_sheet
from erp_select.report.sections.tco_table import line_name
from erp_select.words import Words


def _sheet_rows(inputs: ReportInputs, content: ReportContent) -> dict[str, list[list[Any]]]:
    lang = content.lang
    project = inputs.project
    analysis = inputs.analysis
    perf = analysis.performance
    names = {v.id: v.name for v in project.vendors}
    labels = {c.id: c.label.get(lang) for c in project.criteria.walk()}

    def col(key: str, **params: Any) -> str:
        return t(f"report.col.{key}", lang, **params)

    about: list[list[Any]] = [
        [col("key"), col("value")],
        [t("report.meta.date", lang), inputs.day],
        [t("report.meta.version", lang), f"erp-select {inputs.version}"],
        [t("report.fingerprint", lang), inputs.fingerprint],
        [t("report.meta.method", lang), content.method["name"]],
        [t("report.meta.samples", lang), inputs.samples],
        [t("report.meta.seed", lang), inputs.seed],
        [t("report.meta.as_of", lang), project.as_of or ""],
        [t("report.company.name", lang), project.company.name],
        [t("report.company.users", lang), project.company.erp_users],
        [t("report.company.horizon", lang), project.company.horizon_years],
        [t("report.company.budget", lang), project.company.budget],
        *[[t("cells.warnings", lang), w] for w in content.warnings],
    ]
    inputs_rows: list[list[Any]] = [
        [
            col("vendor_id"),
            col("vendor"),
            col("fact"),
            col("value"),
            col("low"),
            col("high"),
            col("count"),
            col("unit"),
            col("source"),
            col("date"),
            col("evidence"),
        ]
    ]
    words = Words(lang, project.criteria)
    for v in project.vendors:
        for fid, fact in v.facts.items():
            # Numbers stay number cells; yes/no, levels and lists are written in words.
            value: Any = fact.number if fact.number is not None else words.value(fid, fact.value)
            inputs_rows.append(
                [
                    v.id,
                    v.name,
                    words.fact(fid),
                    value,
                    # a level's bounds are levels: in words too
                    words.value(fid, fact.low) if isinstance(fact.low, str) else fact.low,
                    words.value(fid, fact.high) if isinstance(fact.high, str) else fact.high,
                    fact.count,
                    words.unit(fact.unit) if fact.unit else None,
                    fact.source,
                    fact.date,
                    words.evidence(fact.evidence) if fact.evidence else None,
                ]
            )
    values: list[list[Any]] = [
        [col("vendor_id"), col("vendor"), *[labels[c] for c in perf.criteria]]
    ]
    all_cells = perf.cells()
    width = len(perf.criteria)
    for k, vid in enumerate(perf.vendors):
        line: list[Any] = [vid, names[vid]]
        for cell in all_cells[k * width : (k + 1) * width]:
            criterion_id = cell.criterion_id
            if cell.adjusted:
                note = cell_note(cell, names[vid], labels[criterion_id], lang)
                line.append(Marked(cell.used, note))
            else:
                line.append(cell.used)
        values.append(line)
    global_w = project.criteria.global_weights()
    weights: list[list[Any]] = [
        [col("criterion"), col("parent"), col("local"), col("global"), col("direction")]
    ]
    for c in project.criteria.walk():
        parent = project.criteria.parent_of(c.id)
        siblings = project.criteria.local_weights(parent.id if parent else None)
        weights.append(
            [
                labels[c.id],
                labels[parent.id] if parent else "",
                siblings[c.id],
                global_w.get(c.id),
                t(f"report.direction.{c.direction}", lang) if c.is_leaf else "",
            ]
        )
    ranking: list[list[Any]] = [
        [
            col("rank"),
            col("vendor_id"),
            col("vendor"),
            col("score"),
            col("tco", years=content.meta["horizon"]),
            col("low"),
            col("high"),
            col("first_share"),
            col("efficient"),
            t("analysis.vfm.score", lang),
            t("cells.col.used", lang),
            t("cells.col.notes", lang),
            t("cells.col.evidence", lang),
        ]
    ]
    for r in content.ranking:
        ranking.append(
            [
                r["rank"],
                r["id"],
                r["name"],
                r["score"],
                r["tco"],
                r["tco_low"],
                r["tco_high"],
                r["first_share"] if finite(r["first_share"]) else None,
                r["efficient_text"],
                r["benefit"] if finite(r["benefit"]) else None,
                Marked(r["tco_ranked"], "\n".join(r["notes"]))
                if r["tco_marked"]
                else r["tco_ranked"],
                "\n".join(r["notes"]),
                r["tco_levels"],
            ]
        )
    screening: list[list[Any]] = [[col("vendor_id"), col("vendor"), col("status"), col("reasons")]]
    for row in content.screening:
        status = t(
            "report.status.near_miss" if row["near_miss"] else "report.status.excluded", lang
        )
        screening.append([row["id"], row["name"], status, "\n".join(row["reasons"])])
    sensitivity: list[list[Any]] = []
    if inputs.smaa is not None:
        table = inputs.smaa.acceptability
        ranks = [int(r) for r in table.columns]
        sensitivity.append(
            [
                col("vendor_id"),
                col("vendor"),
                *[col("rank_n", n=r) for r in ranks],
                col("confidence"),
            ]
        )
        for vid in table.index:
            conf = float(inputs.smaa.confidence[vid])
            sensitivity.append(
                [
                    vid,
                    names.get(vid, vid),
                    *[float(table.loc[vid].iloc[i]) for i in range(len(ranks))],
                    conf if math.isfinite(conf) else None,
                ]
            )
        sensitivity.append([])
    if inputs.stability is not None:
        k = int(inputs.stability["k"].iloc[0]) if len(inputs.stability) else 3
        sensitivity.append(
            [
                col("criterion"),
                col("current"),
                col("winner_interval") + " — " + col("low"),
                col("winner_interval") + " — " + col("high"),
                col("topk_interval", k=k) + " — " + col("low"),
                col("topk_interval", k=k) + " — " + col("high"),
            ]
        )
        for crit, interval in inputs.stability.iterrows():
            sensitivity.append(
                [
                    labels.get(str(crit), str(crit)),
                    float(interval["current_weight"]),
                    float(interval["winner_low"]),
                    float(interval["winner_high"]),
                    float(interval["topk_low"]),
                    float(interval["topk_high"]),
                ]
            )
    years = range(1, project.company.horizon_years + 1)
    costs: list[list[Any]] = [
        [col("vendor_id"), col("vendor"), col("component"), col("low"), col("likely"), col("high")]
        + [t("tco.year", lang, n=k) for k in years]
    ]
    for vid in perf.vendors:
        b = perf.tco[vid]
        for name in b.shown():
            est = b.components[name]
            costs.append(
                [vid, names[vid], line_name(name, lang), est.low, est.likely, est.high]
                + [y[name].likely for y in b.years]
            )
        costs.append(
            [vid, names[vid], col("total"), b.nominal.low, b.nominal.likely, b.nominal.high]
            + [sum(e.likely for e in y.values()) for y in b.years]
        )
        if b.present is not None and b.discount_rate is not None:
            present = t("tco.present", lang, rate=rate_text(b.discount_rate, lang))
            low, likely, high = b.present.low, b.present.likely, b.present.high
            costs.append([vid, names[vid], present, low, likely, high])
    sheet = "report.sheet."
    sheets = {
        t(sheet + "about", lang): about,
        t(sheet + "ranking", lang): ranking,
        t(sheet + "inputs", lang): inputs_rows,
        t(sheet + "values", lang): values,
        t(sheet + "weights", lang): weights,
        t(sheet + "screening", lang): screening,
        t(sheet + "sensitivity", lang): sensitivity,
        t(sheet + "costs", lang): costs,
        t("cells.sheet", lang): adjusted.sheet_rows(inputs, lang),
        **before_after_sheet(content.scoring, lang),
    }
    if any(v.risks for v in project.vendors):
        sheets[t("offers.sheet.risks", lang)] = risk_sheet_rows(inputs, lang)
    return sheets


_PERCENT_SHEETS = ("weights", "sensitivity")
_PERCENT_COLUMNS = ("first_share",)


def _number_format(value: float) -> str:
    """A readable format for a number cell: whole numbers grouped, others to three decimals."""
    return "#,##0" if float(value).is_integer() else "#,##0.0##"


def render_xlsx(inputs: ReportInputs, content: ReportContent) -> bytes:
    """Write the report's tables as an XLSX workbook.

    Numbers are number cells, dates date cells, and every text is a text cell
    (``data_type="s"``) passed through :func:`neutralise`, so no cell is a formula.

    Returns
    -------
    bytes
        The workbook.
    """
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="E8EEF5")
    lang = content.lang
    percent_titles = {t(f"report.sheet.{k}", lang) for k in _PERCENT_SHEETS}
    # A share column (SMAA's first-rank share) is a percentage on any sheet.
    percent_headers = {t(f"report.col.{k}", lang) for k in _PERCENT_COLUMNS}
    for title, rows in _sheet_rows(inputs, content).items():
        ws = wb.create_sheet(title=title[:31])
        header_row = True
        percent_cols: set[int] = set()
        widths: dict[int, int] = {}
        for r, row in enumerate(rows, start=1):
            if not row:
                header_row = True
                continue
            if header_row:
                percent_cols = {c for c, v in enumerate(row, start=1) if v in percent_headers}
            for c, value in enumerate(row, start=1):
                cell = ws.cell(row=r, column=c)
                if value is None:
                    continue
                if isinstance(value, Marked):
                    cell.value = float(value.value)
                    cell.number_format = f'#,##0.00" {MARK}"'
                    if value.note:
                        cell.comment = Comment(value.note[:2000], "erp-select")
                elif isinstance(value, bool):
                    cell.value = t("report.yes" if value else "report.no", lang)
                    cell.data_type = "s"
                elif isinstance(value, int | float):
                    cell.value = float(value) if isinstance(value, float) else int(value)
                    percent = title in percent_titles or c in percent_cols
                    if isinstance(value, float) and percent and not header_row:
                        cell.number_format = "0.0%"
                    elif not header_row:
                        # Thousands grouped, at most three decimals: the spreadsheet shows them
                        # in its reader's convention (91 000, 0,587); the cell keeps the value.
                        cell.number_format = _number_format(value)
                elif isinstance(value, dt.date):
                    cell.value = value
                    cell.number_format = "yyyy-mm-dd"
                else:
                    text = neutralise(str(value))
                    cell.value = text
                    cell.data_type = "s"  # never a formula, never an error code
                    if "\n" in text:
                        cell.alignment = Alignment(wrap_text=True, vertical="top")
                if header_row:
                    cell.font = header_font
                    cell.fill = header_fill
                widths[c] = max(widths.get(c, 8), min(60, len(str(value)) + 2))
            header_row = False
        for c, width in widths.items():
            ws.column_dimensions[get_column_letter(c)].width = width
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
