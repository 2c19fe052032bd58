"""Write the report's tables as XLSX (typed cells), CSV and Markdown, with hostile text defused."""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from erp_select.evaluate.adjustments import MARK, cell_note
from erp_select.i18n import t
from erp_select.report import adjusted
from erp_select.report.compute import ReportInputs, finite
from erp_select.report.context import ReportContent
from erp_select.words import Words

#: A spreadsheet runs a cell as a formula (or a DDE command) when it starts with these.
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
TEXT_PREFIX = "'"

# Characters XML 1.0 (hence XLSX) cannot hold.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")


def neutralise(text: str) -> str:
    """Return ``text`` safe for a spreadsheet cell.

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
    ``'``, so no spreadsheet reads it as a formula; characters XML cannot hold are dropped.
    A text that already starts with ``'`` is kept verbatim (no formula starts so, and the
    report is not read back: doubling it would print a name that is not the vendor's).
    """
    clean = _ILLEGAL_XML.sub("", text)
    if clean.startswith(DANGEROUS_START):
        return TEXT_PREFIX + clean
    return clean


@dataclass(frozen=True)
class Marked:
    """A number ranked differently from its facts: written with the mark and the reason."""

    value: float
    note: str


def md_escape(text: str) -> str:
    """Return ``text`` as one Markdown table cell: one line, every markup character escaped."""
    one_line = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", one_line)


# ---------------------------------------------------------------------------- XLSX


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
                    fact.low,
                    fact.high,
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
    costs: list[list[Any]] = [
        [col("vendor_id"), col("vendor"), col("component"), col("low"), col("likely"), col("high")]
    ]
    for vid in perf.vendors:
        b = perf.tco[vid]
        for name, est in b.components.items():
            costs.append(
                [vid, names[vid], t(f"report.tco.{name}", lang), est.low, est.likely, est.high]
            )
        costs.append([vid, names[vid], col("total"), b.total.low, b.total.likely, b.total.high])
    sheet = "report.sheet."
    return {
        t(sheet + "about", lang): about,
        t(sheet + "ranking", lang): ranking,
        t(sheet + "inputs", lang): inputs_rows,
        t(sheet + "values", lang): values,
        t(sheet + "weights", lang): weights,
        t(sheet + "screening", lang): screening,
        t(sheet + "sensitivity", lang): sensitivity,
        t(sheet + "costs", lang): costs,
        t("cells.sheet", lang): adjusted.sheet_rows(inputs, lang),
    }


_PERCENT_SHEETS = ("weights", "sensitivity")


def render_xlsx(inputs: ReportInputs, content: ReportContent) -> bytes:
    """Write the report's tables as an XLSX workbook.

    Numbers are number cells, dates date cells, and every text is a text cell
    (``data_type="s"``) passed through :func:`neutralise`, so no cell is a formula.

    Returns
    -------
    bytes
        The workbook.
    """
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="E8EEF5")
    lang = content.lang
    percent_titles = {t(f"report.sheet.{k}", lang) for k in _PERCENT_SHEETS}
    for title, rows in _sheet_rows(inputs, content).items():
        ws = wb.create_sheet(title=title[:31])
        header_row = True
        widths: dict[int, int] = {}
        for r, row in enumerate(rows, start=1):
            if not row:
                header_row = True
                continue
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
                    if isinstance(value, float) and title in percent_titles and not header_row:
                        cell.number_format = "0.0%"
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


# ---------------------------------------------------------------------------- CSV


def _csv_number(value: float | None, lang: str) -> str:
    if value is None or not math.isfinite(value):
        return ""
    text = repr(float(value)) if not float(value).is_integer() else str(int(value))
    return text.replace(".", ",") if lang == "fr" else text


def render_csv(content: ReportContent) -> bytes:
    """Write the ranking (then the excluded vendors) as CSV.

    French uses ``;`` and decimal commas, English ``,`` and decimal points; UTF-8 with a
    byte-order mark so that spreadsheets read the accents. Text cells are neutralised.

    Returns
    -------
    bytes
        The CSV file.
    """
    lang = content.lang
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if lang == "fr" else ",", lineterminator="\r\n")

    def col(key: str, **params: Any) -> str:
        return t(f"report.col.{key}", lang, **params)

    writer.writerow(
        [
            col("rank"),
            col("vendor_id"),
            col("vendor"),
            col("status"),
            col("score"),
            col("tco", years=content.meta["horizon"]),
            col("low"),
            col("high"),
            col("first_share"),
            t("cells.col.used", lang),
            t("cells.col.notes", lang),
            t("cells.col.evidence", lang),
        ]
    )
    for r in content.ranking:
        writer.writerow(
            [
                str(r["rank"]),
                neutralise(r["id"]),
                neutralise(r["name"]),
                neutralise(t("report.status.ranked", lang, rank=r["rank"])),
                _csv_number(r["score"], lang),
                _csv_number(r["tco"], lang),
                _csv_number(r["tco_low"], lang),
                _csv_number(r["tco_high"], lang),
                _csv_number(r["first_share"], lang),
                _csv_number(r["tco_ranked"], lang) + (f" {MARK}" if r["tco_marked"] else ""),
                neutralise(" ".join(r["notes"])),
                neutralise(r["tco_levels"]),
            ]
        )
    for row in content.screening:
        key = "report.status.near_miss" if row["near_miss"] else "report.status.excluded"
        writer.writerow(
            ["", neutralise(row["id"]), neutralise(row["name"]), neutralise(t(key, lang))]
            + [""] * 8
        )
    for warning in content.warnings:
        writer.writerow(
            ["", "", "", neutralise(t("cells.warnings", lang))]
            + [""] * 6
            + [neutralise(warning), ""]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# ---------------------------------------------------------------------------- Markdown


def _md_table(header: Sequence[str], rows: Iterable[Sequence[str]], right: set[int]) -> list[str]:
    out = ["| " + " | ".join(md_escape(h) for h in header) + " |"]
    out.append("|" + "|".join("---:" if i in right else "---" for i in range(len(header))) + "|")
    for row in rows:
        out.append("| " + " | ".join(md_escape(x) if x else " " for x in row) + " |")
    return out


def render_markdown(content: ReportContent) -> bytes:
    """Write a Markdown summary: shortlist, robustness, one table row per vendor, exclusions.

    Every text that comes from the inputs is escaped, so the tables stay valid whatever
    the vendor names contain (``|``, newlines, backticks, ``#``…).

    Returns
    -------
    bytes
        UTF-8 Markdown.
    """
    lang = content.lang

    def col(key: str, **params: Any) -> str:
        return t(f"report.col.{key}", lang, **params)

    lines = [f"# {md_escape(content.title)}", ""]
    meta = content.meta
    sep = "\u00a0:" if lang == "fr" else ":"
    lines += [
        f"- {t('report.meta.date', lang)}{sep} {meta['date']}",
        f"- {t('report.meta.method', lang)}{sep} {md_escape(meta['method'])}",
        f"- {t('report.meta.version', lang)}{sep} erp-select {meta['version']}",
        f"- {t('report.fingerprint', lang)}{sep} `{meta['fingerprint']}`",
        "",
        f"## {t('report.h.summary', lang)}",
        "",
        md_escape(content.summary["lead"]),
        "",
    ]
    if content.summary["shortlist"]:
        lines.append(f"### {t('report.md.shortlist', lang)}")
        lines.append("")
        for i, name in enumerate(content.summary["shortlist"], start=1):
            lines.append(f"{i}. {md_escape(name)}")
        lines.append("")
    if content.summary.get("robustness"):
        lines += [
            f"### {t('report.md.robustness', lang)}",
            "",
            md_escape(content.summary["robustness"]),
            "",
        ]
    lines += [f"## {t('report.md.vendors', lang)}", ""]
    rows: list[list[str]] = []
    for r in content.ranking:
        rows.append(
            [
                str(r["rank"]),
                r["name"],
                t("report.status.ranked", lang, rank=r["rank"]),
                r["score_text"],
                r["tco_text"],
                r["first_share_text"],
            ]
        )
    tco_of = {c["id"]: c["tco_text"] for c in content.costs}
    for row in content.screening:
        key = "report.status.near_miss" if row["near_miss"] else "report.status.excluded"
        rows.append(["", row["name"], t(key, lang), "", tco_of.get(row["id"], ""), ""])
    lines += _md_table(
        [
            col("rank"),
            col("vendor"),
            col("status"),
            col("score"),
            col("tco", years=content.meta["horizon"]),
            col("first_share"),
        ],
        rows,
        right={0, 3, 4, 5},
    )
    lines.append("")
    for warning in content.warnings:
        lines += [f"> {md_escape(warning)}", ""]
    if content.adjusted:
        lines += [
            f"## {md_escape(t('cells.title', lang))}",
            "",
            md_escape(content.adjusted_intro),
            "",
        ]
        lines += [f"- {md_escape(note)}" for note in content.adjusted]
        lines.append("")
    if content.screening:
        lines += [f"## {t('report.md.excluded', lang)}", ""]
        lines += [f"**{md_escape(w)}**\n" for w in content.screening_warnings]
        for row in content.screening:
            lines.append(f"- **{md_escape(row['name'])}**")
            for reason in row["reasons"]:
                lines.append(f"  - {md_escape(reason)}")
        lines.append("")
    return "\n".join(lines).encode("utf-8")


__all__ = [
    "md_escape",
    "neutralise",
    "render_csv",
    "render_markdown",
    "render_xlsx",
]
