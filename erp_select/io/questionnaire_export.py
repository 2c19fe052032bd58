"""Write the vendor questionnaire: a protected XLSX with drop-down answers and instructions."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from erp_select.i18n import has_key, normalise_lang, t
from erp_select.io.cells import encode_text
from erp_select.io.questionnaire_sheet import (
    ANSWER_COLUMNS,
    INSTRUCTIONS_SHEET,
    KEYS,
    MAX_COMMENT,
    SHEET,
    WIDTHS,
    answer_label,
    column_headers,
)
from erp_select.model import (
    ANSWER_KINDS,
    Requirement,
    VendorProfile,
)

# ------------------------------------------------------------------------------- export


def export_questionnaire(
    requirements: Sequence[Requirement],
    vendor: VendorProfile | None = None,
    lang: str | None = None,
) -> bytes:
    """Write the questionnaire workbook a consultant sends to a vendor.

    Parameters
    ----------
    requirements : sequence of Requirement
        The project's requirements, in the order to show.
    vendor : VendorProfile, optional
        The vendor it is sent to: its name goes on the instructions sheet and its current
        answers pre-fill the answer columns.
    lang : str, optional
        ``fr`` or ``en`` (default: ``ERP_SELECT_LANG``, then English).

    Returns
    -------
    bytes
        The XLSX file. Requirement cells are protected (no password); the answer column
        has a drop-down list of the six answer kinds, the effort column accepts numbers
        ≥ 0, the comment column at most 2 000 characters.
    """
    code = normalise_lang(lang)
    headers = column_headers(code)
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook always has one sheet
    ws.title = SHEET
    ws.append([headers[k] for k in KEYS])
    header_fill = PatternFill("solid", fgColor="DDE5F0")
    answer_fill = PatternFill("solid", fgColor="FFF6D5")
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "B2"
    answers = vendor.answers if vendor is not None else {}
    for req in requirements:
        given = answers.get(req.id)
        row: list[Any] = [
            req.id,
            t(f"requirements.process.{req.process}", code)
            if _has_process(req.process)
            else req.process,
            encode_text(req.text.get(code)),
            t(f"requirements.priority.{req.priority}", code),
            t("requirements.yes" if req.locked else "requirements.no", code),
            answer_label(given.answer, code) if given else None,
            given.effort_days if given and given.effort_days is not None else None,
            encode_text(given.comment) if given and given.comment else None,
        ]
        ws.append(row)
    last = max(2, len(requirements) + 1)
    for index, key in enumerate(KEYS, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = WIDTHS[key]
        for r in range(2, last + 1):
            cell = ws.cell(row=r, column=index)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if key in ANSWER_COLUMNS:
                cell.protection = Protection(locked=False)
                cell.fill = answer_fill
    _validations(ws, code, last)
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.autoFilter = False
    ws.auto_filter.ref = f"A1:{get_column_letter(len(KEYS))}{last}"
    _instructions(wb, code, vendor, len(requirements))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _has_process(process: str) -> bool:
    return has_key(f"requirements.process.{process}")


def _validations(ws: Any, lang: str, last: int) -> None:
    col = {key: get_column_letter(i) for i, key in enumerate(KEYS, start=1)}
    labels = ",".join(answer_label(k, lang) for k in ANSWER_KINDS)
    answer = DataValidation(
        type="list",
        formula1=f'"{labels}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=t("requirements.questionnaire.answer_error_title", lang),
        error=t("requirements.questionnaire.answer_error", lang),
        promptTitle=t("requirements.column.answer", lang),
        prompt=t("requirements.questionnaire.answer_prompt", lang),
        showInputMessage=True,
    )
    effort = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=t("requirements.column.effort_days", lang),
        error=t("requirements.questionnaire.effort_error", lang),
    )
    comment = DataValidation(
        type="textLength",
        operator="lessThanOrEqual",
        formula1=str(MAX_COMMENT),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=t("requirements.column.comment", lang),
        error=t("requirements.questionnaire.comment_error", lang, limit=MAX_COMMENT),
    )
    for validation, key in ((answer, "answer"), (effort, "effort_days"), (comment, "comment")):
        ws.add_data_validation(validation)
        validation.add(f"{col[key]}2:{col[key]}{last}")


def _instructions(wb: Workbook, lang: str, vendor: VendorProfile | None, count: int) -> None:
    ws = wb.create_sheet(INSTRUCTIONS_SHEET)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 90
    ws.append([t("requirements.questionnaire.title", lang)])
    ws["A1"].font = Font(bold=True, size=14)
    if vendor is not None:
        ws.append([t("requirements.questionnaire.vendor", lang), encode_text(vendor.name)])
    ws.append([t("requirements.questionnaire.count", lang), count])
    ws.append([t("requirements.questionnaire.date", lang), dt.date.today().isoformat()])
    ws.append([])
    for n in range(1, 7):
        ws.append([f"{n}.", t(f"requirements.questionnaire.step{n}", lang, sheet=SHEET)])
    ws.append([])
    ws.append([t("requirements.questionnaire.legend", lang)])
    ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
    for kind in ANSWER_KINDS:
        ws.append([answer_label(kind, lang), t(f"requirements.answer_help.{kind}", lang)])
    ws.append([])
    ws.append([t("requirements.questionnaire.priorities", lang)])
    ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
    for priority in ("must", "should", "could", "wont"):
        ws.append(
            [
                t(f"requirements.priority.{priority}", lang),
                t(f"requirements.priority_help.{priority}", lang),
            ]
        )
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
