"""Write the ranking as CSV and a Markdown summary, with hostile text defused."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from typing import Any

from erp_select.evaluate.adjustments import MARK
from erp_select.i18n import t
from erp_select.report.content import ReportContent
from erp_select.report.safe import md_escape, neutralise
from erp_select.report.sections.contract import markdown_lines


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
    robustness = content.summary["robustness"]
    if robustness:
        lines += [f"### {t('report.md.robustness', lang)}", "", md_escape(robustness), ""]
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
    if content.leaders_note:
        lines += [md_escape(content.leaders_note), ""]
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
    lines += markdown_lines(content.contract, lang, md_escape, lambda h, r: _md_table(h, r, set()))
    if content.screening:
        lines += [f"## {t('report.md.excluded', lang)}", ""]
        lines += [f"**{md_escape(w)}**\n" for w in content.screening_warnings]
        for row in content.screening:
            lines.append(f"- **{md_escape(row['name'])}**")
            for reason in row["reasons"]:
                lines.append(f"  - {md_escape(reason)}")
        lines.append("")
    return "\n".join(lines).encode("utf-8")
