"""The offline scorecard workbook: a scale sheet, one sheet per evaluator, data validation."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from erp_select.i18n import t
from erp_select.io.xlsx import xml_escape
from erp_select.model import Project
from erp_select.scoring.facts import scorable
from erp_select.scoring.scale import (
    CONFIDENCES,
    HIGH,
    LEVELS,
    LOW,
    anchor_described,
    confidence_word,
    not_shown_meaning,
)
from erp_select.workshop.rounds import script_scenarios

#: The columns of an evaluator's sheet, in order (their headers are catalogue words). The
#: scenario's title and id are the demo script's, as its own scoring grid prints them.
COLUMNS = (
    "vendor",
    "criterion",
    "score",
    "not_shown",
    "confidence",
    "comment",
    "vid",
    "cid",
    "scenario",
    "sid",
)
#: The columns of a sheet exported before scenarios were scored (still read).
OLD_COLUMNS = COLUMNS[:8]
#: Where a column's header words come from when not ``evalteam.sheet.col.<column>``: the
#: demo script's grid, so both workbooks name a scenario alike.
_SHARED = {"scenario": "demoscripts.sheet.scenario", "sid": "demoscripts.sheet.scenario_id"}
#: The columns of the consensus sheet.
CONSENSUS_COLUMNS = ("vendor", "criterion", "agreed", "note", "vid", "cid")
#: Excel's bound on a sheet name, and the characters it refuses in one.
MAX_SHEET_NAME = 31
_BAD_SHEET_CHARS = set("[]:*?/\\")


@dataclass(frozen=True)
class Layout:
    """What a workbook's sheets are called and what its words are, in one language."""

    lang: str

    def header(self, column: str) -> str:
        return t(_SHARED.get(column, f"evalteam.sheet.col.{column}"), self.lang)

    @property
    def scale_sheet(self) -> str:
        return t("evalteam.sheet.scale", self.lang)

    @property
    def consensus_sheet(self) -> str:
        return t("evalteam.sheet.consensus", self.lang)

    @property
    def yes(self) -> str:
        return t("evalteam.sheet.yes_word", self.lang)


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name for an evaluator (Excel's characters and length)."""
    base = "".join("_" if ch in _BAD_SHEET_CHARS else ch for ch in name).strip("' ")
    base = (base or "?")[:MAX_SHEET_NAME]
    out, n = base, 2
    while out.lower() in taken:
        suffix = f" ({n})"
        out, n = base[: MAX_SHEET_NAME - len(suffix)] + suffix, n + 1
    taken.add(out.lower())
    return out


def _scale_sheet(wb: Workbook, lay: Layout) -> None:
    ws = wb.active
    assert ws is not None
    ws.title = lay.scale_sheet
    ws.append([t("evalteam.sheet.how", lay.lang)])
    ws.append([])
    ws.append([t("evalteam.sheet.level", lay.lang), t("evalteam.sheet.meaning", lay.lang)])
    for level in reversed(LEVELS):
        ws.append([level, anchor_described(level, lay.lang)])
    ws.append([lay.yes, not_shown_meaning(lay.lang)])
    ws.append([])
    ws.append([t("evalteam.confidence.title", lay.lang)])
    for c in CONFIDENCES:
        ws.append([confidence_word(c, lay.lang)])
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 90
    ws["A1"].font = Font(bold=True)


def _card_sheet(
    wb: Workbook, title: str, rows: Sequence[Sequence[object]], columns: Sequence[str], lay: Layout
) -> None:
    ws = wb.create_sheet(title)
    ws.append([lay.header(c) for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "C2"
    for row in rows:
        ws.append([xml_escape(v) if isinstance(v, str) else v for v in row])
    last = max(2, len(rows) + 1)
    for i, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = 40 if column == "comment" else 18
    for cell in ws[get_column_letter(columns.index("comment") + 1 if "comment" in columns else 1)]:
        cell.alignment = Alignment(wrap_text=True)
    _validate(ws, columns, last, lay)


def _validate(ws: Worksheet, columns: Sequence[str], last: int, lay: Layout) -> None:
    words = ",".join(confidence_word(c, lay.lang) for c in CONFIDENCES)
    scale = {"operator": "between", "formula1": str(LOW), "formula2": str(HIGH)}
    rules: dict[str, dict[str, str]] = {
        "score": {"type": "whole", **scale},
        "agreed": {"type": "decimal", **scale},
        "not_shown": {"type": "list", "formula1": f'"{lay.yes}"'},
        "confidence": {"type": "list", "formula1": f'"{words}"'},
    }
    checks: list[DataValidation] = []
    for name, rule in rules.items():
        if name in columns:
            letter = get_column_letter(columns.index(name) + 1)
            checks.append(DataValidation(allow_blank=True, **rule))  # type: ignore[arg-type]
            checks[-1].add(f"{letter}2:{letter}{last}")
    for dv in checks:
        dv.error = t("evalteam.sheet.invalid", lay.lang)
        dv.showErrorMessage = True
        ws.add_data_validation(dv)


def export_scorecards(
    project: Project,
    evaluators: Sequence[str],
    lang: str,
    *,
    criteria: Sequence[str] | None = None,
    vendors: Sequence[str] | None = None,
) -> bytes:
    """The scorecard workbook: the scale written out, one sheet per evaluator (vendor ×
    criterion rows to score, per scenario of the project's demo script where the
    criterion is shown in one, with the script's scenario ids), and a consensus sheet the
    facilitator may fill."""
    lay = Layout(lang)
    chosen = scorable(project, criteria)
    vendor_ids = list(vendors) if vendors is not None else [v.id for v in project.vendors]
    pairs = [(project.vendor(v), project.criteria.node(c)) for v in vendor_ids for c in chosen]
    wb = Workbook()
    _scale_sheet(wb, lay)
    taken = {lay.scale_sheet.lower(), lay.consensus_sheet.lower()}
    scenarios = script_scenarios(project, chosen, lang)
    covered = {c for s in scenarios for c in s.criteria}
    rows: list[tuple[object, ...]] = []
    for vid in vendor_ids:
        v = project.vendor(vid)
        for s in scenarios:
            for cid in s.criteria:
                label = project.criteria.node(cid).label.get(lang)
                rows.append((v.name, label, None, None, None, None, v.id, cid, s.title, s.id))
        for cid in chosen:
            if cid not in covered:
                label = project.criteria.node(cid).label.get(lang)
                rows.append((v.name, label, None, None, None, None, v.id, cid, None, None))
    for name in evaluators:
        _card_sheet(wb, sheet_name(name, taken), rows, COLUMNS, lay)
    agreed = [(v.name, c.label.get(lang), None, None, v.id, c.id) for v, c in pairs]
    _card_sheet(wb, lay.consensus_sheet, agreed, CONSENSUS_COLUMNS, lay)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
