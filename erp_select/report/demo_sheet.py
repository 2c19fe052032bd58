"""The demo script's scoring grid for evaluators: one XLSX row per vendor × scenario × criterion."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from erp_select.i18n import t
from erp_select.model import Project
from erp_select.model.demo_script import DemoScript
from erp_select.report.demo_script import SCALE, scale_words
from erp_select.report.safe import neutralise
from erp_select.words import Words

__all__ = ["GRID_COLUMNS", "demo_sheet_xlsx"]

#: Keys of the grid's columns (``demoscripts.sheet.<key>``), in order.
GRID_COLUMNS = (
    "vendor",
    "scenario_id",
    "scenario",
    "criterion_id",
    "criterion",
    "score",
    "not_shown",
    "comment",
)
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="E8EEF5")


def _text(ws: Worksheet, row: int, column: int, value: str) -> None:
    cell = ws.cell(row=row, column=column)
    cell.value = neutralise(value)
    cell.data_type = "s"  # never a formula


def _header(ws: Worksheet, row: int, labels: list[str]) -> None:
    for c, label in enumerate(labels, start=1):
        _text(ws, row, c, label)
        ws.cell(row=row, column=c).font = _HEADER_FONT
        ws.cell(row=row, column=c).fill = _HEADER_FILL


def _grid(ws: Worksheet, project: Project, script: DemoScript, vendors: list[str]) -> int:
    lang = script.lang
    words = Words(lang, project.criteria)
    _text(ws, 1, 1, t("demoscripts.sheet.project", lang))
    _text(ws, 1, 2, project.company.name or project.name or "")
    _text(ws, 2, 1, t("demoscripts.sheet.evaluator", lang))
    _header(ws, 4, [t(f"demoscripts.sheet.{key}", lang) for key in GRID_COLUMNS])
    row = 5
    for vendor_id in vendors:
        name = project.vendor(vendor_id).name
        for s in script.scenarios:
            pairs = [(c, words.criterion(c)) for c in s.criteria] or [
                ("", t("demoscripts.sheet.general", lang))
            ]
            for criterion_id, label in pairs:
                for c, value in enumerate((name, s.id, s.title, criterion_id, label), start=1):
                    _text(ws, row, c, value)
                row += 1
    return row - 1


def demo_sheet_xlsx(project: Project, script: DemoScript, vendors: list[str]) -> bytes:
    """The scoring grid of ``script`` for ``vendors`` (ids, in order), with its scale.

    Sheet one: the project, a cell for the evaluator's name, then one row per vendor ×
    scenario × scored criterion (a scenario without criteria gets one "overall" row) with
    empty cells for the score (a whole number on the anchored scale, checked by the
    spreadsheet), "not shown" and a comment. Sheet two: the scale, each level in words.
    Every text cell is written as text (no formula).
    """
    lang = script.lang
    wb = Workbook()
    grid = wb.active
    assert grid is not None  # a new workbook has its sheet
    grid.title = t("demoscripts.sheet.grid", lang)[:31]
    last = _grid(grid, project, script, vendors)
    score = GRID_COLUMNS.index("score") + 1
    if last >= 5:
        check = DataValidation(
            type="whole", operator="between", formula1=SCALE[0], formula2=SCALE[-1]
        )
        check.error = t("demoscripts.scale.help", lang)
        grid.add_data_validation(check)
        check.add(f"{get_column_letter(score)}5:{get_column_letter(score)}{last}")
    for c, width in enumerate((22, 26, 44, 24, 36, 12, 12, 50), start=1):
        grid.column_dimensions[get_column_letter(c)].width = width
    grid.freeze_panes = "A5"
    scale = wb.create_sheet(t("demoscripts.sheet.scale", lang)[:31])
    _header(scale, 1, [t("demoscripts.sheet.level", lang), t("demoscripts.sheet.meaning", lang)])
    for r, (level, meaning) in enumerate(scale_words(lang), start=2):
        _text(scale, r, 1, level)
        _text(scale, r, 2, meaning)
        scale.cell(row=r, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    scale.column_dimensions["A"].width = 16
    scale.column_dimensions["B"].width = 80
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
