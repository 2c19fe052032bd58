"""Requirements files and the vendor questionnaire (XLSX out, validated answers back in).

The questionnaire workbook has two sheets. ``questionnaire`` holds one row per
requirement with the columns id, process, requirement, priority, locked (filled by
erp-select, protected) and answer, effort (days), comment (filled by the vendor; the answer
cell offers a drop-down list). ``instructions`` explains how to fill it in. Headers and
labels are in French or English; the import accepts either language, the answer kinds'
keys (``partner_addon``…) and labels written without accents.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import unicodedata
from collections.abc import Sequence
from pathlib import Path as FilePath
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from pydantic import ValidationError

from erp_select.bundled import folder
from erp_select.errors import InputError, Problem
from erp_select.i18n import LANGS, has_key, normalise_lang, t
from erp_select.io.cells import cell_text, encode_text, parse_number
from erp_select.io.documents import parse_document
from erp_select.io.problems import validation_problems
from erp_select.io.sources import check_size, decode_text, format_of, read_file
from erp_select.io.tables import read_xlsx
from erp_select.model import (
    ANSWER_KINDS,
    Answer,
    AnswerKind,
    Requirement,
    RequirementSet,
    VendorProfile,
)

#: The sheet with one row per requirement.
SHEET = "questionnaire"
#: The sheet explaining how to answer.
INSTRUCTIONS_SHEET = "instructions"
#: Column keys, in sheet order; the header shows their label in the chosen language.
KEYS = ("id", "process", "requirement", "priority", "locked", "answer", "effort_days", "comment")
#: Columns the vendor fills in.
ANSWER_COLUMNS = ("answer", "effort_days", "comment")
#: Largest effort accepted, in days (the model's bound).
MAX_EFFORT_DAYS = 100_000
#: Longest comment accepted.
MAX_COMMENT = 2000
#: Folder of the bundled sector templates (``<sector>.yaml``).
TEMPLATES_DIR = folder("criteria") / "requirements"

_WIDTHS = {"id": 14, "process": 20, "requirement": 70, "priority": 14, "locked": 11}
_WIDTHS.update({"answer": 26, "effort_days": 14, "comment": 50})


# ----------------------------------------------------------------------- requirements files


def read_requirements_bytes(data: bytes, filename: str) -> RequirementSet:
    """Read a requirements template (YAML or JSON) from bytes.

    Raises
    ------
    InputError
        With every problem located (line, field, value).
    """
    fmt = format_of(filename)
    check_size(len(data), filename)
    if fmt not in ("yaml", "json"):
        raise InputError([Problem(rule="io.unknown_format", source=filename, value=fmt)])
    doc = parse_document(decode_text(data), fmt, filename)
    try:
        return RequirementSet.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(
            validation_problems(exc, doc.data, source=filename, locate=doc.locate)
        ) from exc


def load_requirements(path: str | FilePath) -> RequirementSet:
    """Load a requirements template file (``criteria/requirements/<sector>.yaml``).

    Raises
    ------
    InputError
        When the file is missing, too large or invalid.
    """
    p = FilePath(path)
    return read_requirements_bytes(read_file(p), p.name)


def template_sectors() -> list[str]:
    """Return the sectors that have a bundled requirements template, sorted."""
    return sorted(p.stem for p in TEMPLATES_DIR.glob("*.yaml"))


def sector_template(sector: str) -> RequirementSet:
    """Return the bundled requirements template of ``sector``.

    Raises
    ------
    InputError
        Rule ``requirements.no_template`` when the sector has no template.
    """
    if sector not in template_sectors():
        raise InputError(
            [
                Problem(
                    rule="requirements.no_template",
                    value=sector,
                    params={"sectors": ", ".join(template_sectors())},
                )
            ]
        )
    return load_requirements(TEMPLATES_DIR / f"{sector}.yaml")


# ------------------------------------------------------------------------------- labels


def _fold(text: str) -> str:
    """Case-, accent-, apostrophe- and space-insensitive form of a label."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().replace("_", " ").replace("-", " ").split())


def answer_label(kind: AnswerKind, lang: str | None) -> str:
    """The label of an answer kind in ``lang`` (as shown in the drop-down list)."""
    return t(f"requirements.answer.{kind}", lang)


def _answer_lookup() -> dict[str, AnswerKind]:
    out: dict[str, AnswerKind] = {}
    for kind in ANSWER_KINDS:
        out[_fold(kind)] = kind
        for lang in LANGS:
            out[_fold(answer_label(kind, lang))] = kind
    out[_fold("customization")] = "customisation"
    out[_fold("add-on")] = "partner_addon"
    return out


def _headers(lang: str) -> dict[str, str]:
    return {key: t(f"requirements.column.{key}", lang) for key in KEYS}


def _column_names() -> dict[str, str]:
    """Header text (lower case, any language) → column key."""
    out: dict[str, str] = {}
    for lang in LANGS:
        for key, label in _headers(lang).items():
            out[label.strip().lower()] = key
    for key in KEYS:
        out[key] = key
    return out


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
    headers = _headers(code)
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
        ws.column_dimensions[letter].width = _WIDTHS[key]
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


# ------------------------------------------------------------------------------- import


def import_questionnaire(
    data: bytes, filename: str, requirements: Sequence[Requirement]
) -> dict[str, Answer]:
    """Read a filled questionnaire back into answers, checking every row.

    Rows are matched to ``requirements`` by id; a row whose answer cells are all empty is
    left unanswered. Every problem is reported with its sheet, row, column, value and
    rule, and nothing is returned when there is one (all or nothing):

    * ``requirements.unknown_id`` — the id is not a requirement of the project;
    * ``requirements.missing_id`` — an answered row without an id;
    * ``requirements.duplicate_row`` — a requirement answered on two rows;
    * ``requirements.unknown_answer`` — an answer that is none of the six kinds (French
      and English labels and the keys are accepted, ignoring case and accents);
    * ``requirements.missing_answer`` — an effort or comment without an answer;
    * ``requirements.effort_missing`` / ``effort_negative`` / ``effort_not_number`` — a
      customisation needs its effort in days, a number ≥ 0;
    * ``requirements.comment_too_long``;
    * ``requirements.not_xlsx`` — the file is not an ``.xlsx`` workbook;
    * ``requirements.missing_answer_column`` — the sheet has no answer column;
    * and the ``io.*`` problems of the workbook itself (not an XLSX file, formula without
      a saved value, error cells, size limits).

    Parameters
    ----------
    data : bytes
        The XLSX file.
    filename : str
        Its name, shown in messages.
    requirements : sequence of Requirement
        The project's requirements.

    Returns
    -------
    dict of str to Answer
        Answers by requirement id, in sheet order; their evidence is ``claim``.

    Raises
    ------
    InputError
        With every problem found.
    """
    check_size(len(data), filename)
    if format_of(filename) != "xlsx":
        raise InputError([Problem(rule="requirements.not_xlsx", source=filename)])
    names = _column_names()
    source = f"{filename} › {SHEET}"
    table = read_xlsx(data, source, SHEET, list(names), ("id",))
    shown = _header_labels(data, names)
    problems: list[Problem] = list(table.problems)
    if "answer" not in shown:
        raise InputError(
            [
                *problems,
                Problem(
                    rule="requirements.missing_answer_column",
                    source=source,
                    row=1,
                    params={"column": t("requirements.column.answer", "fr")},
                ),
            ]
        )
    known = {r.id: r for r in requirements}
    check = _RowCheck(source, shown, known, _answer_lookup())
    for row in table.rows:
        problems.extend(check.row(row.number, _by_key(row.cells, names)))
    if problems:
        raise InputError(problems)
    return check.answers


def _header_labels(data: bytes, names: dict[str, str]) -> dict[str, str]:
    """Column key → header text as written in the sheet (the first non-empty row).

    Called after :func:`read_xlsx` accepted the workbook, so its size is already checked.
    """
    wb = load_workbook(io.BytesIO(data), read_only=True)
    try:
        ws = wb[SHEET] if SHEET in wb.sheetnames else wb[wb.sheetnames[0]]
        for row in ws.iter_rows(values_only=True, max_col=len(names) + 64):
            texts = [str(v).strip() for v in row if v is not None and str(v).strip()]
            if texts:
                return {names[x.lower()]: x for x in texts if x.lower() in names}
    finally:
        wb.close()
    return {}


def _by_key(cells: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = dict.fromkeys(KEYS)
    for label, value in cells.items():
        key = names.get(label)
        if key is not None and value is not None:
            out[key] = value
    return out


class _RowCheck:
    """Checks questionnaire rows one by one, remembering ids already seen."""

    def __init__(
        self,
        source: str,
        shown: dict[str, str],
        known: dict[str, Requirement],
        lookup: dict[str, AnswerKind],
    ) -> None:
        self.source = source
        self.shown = shown
        self.known = known
        self.lookup = lookup
        # Row of each id seen: positive when that row carried an answer, negative if empty.
        self.first_row: dict[str, int] = {}
        self.answers: dict[str, Answer] = {}

    def row(self, number: int, cells: dict[str, Any]) -> list[Problem]:
        """Check one row; store its answer when it has no problem."""
        problems: list[Problem] = []

        def problem(rule: str, key: str, value: Any = None, **params: Any) -> None:
            problems.append(
                Problem(
                    rule=f"requirements.{rule}",
                    source=self.source,
                    row=number,
                    field=self.shown.get(key, key),
                    value=value,
                    params=params,
                )
            )

        req_id = cell_text(cells["id"])
        answer_text = cell_text(cells["answer"])
        effort_raw = cells["effort_days"]
        comment = cell_text(cells["comment"]) or ""
        filled = answer_text is not None or cell_text(effort_raw) is not None or bool(comment)
        if req_id is None:
            if filled:
                problem("missing_id", "id")
            return problems
        if req_id not in self.known:
            problem("unknown_id", "id", req_id)
            return problems
        if req_id in self.first_row:
            if filled or self.first_row[req_id] > 0:
                problem("duplicate_row", "id", req_id, first=abs(self.first_row[req_id]))
            return problems
        self.first_row[req_id] = number if filled else -number
        if not filled:
            return problems
        kind: AnswerKind | None = None
        if answer_text is None:
            problem("missing_answer", "answer")
        else:
            kind = self.lookup.get(_fold(answer_text))
            if kind is None:
                problem(
                    "unknown_answer",
                    "answer",
                    answer_text,
                    expected=", ".join(answer_label(k, "en") for k in ANSWER_KINDS),
                    expected_fr=", ".join(answer_label(k, "fr") for k in ANSWER_KINDS),
                )
        effort = _effort(effort_raw)
        if effort == "nan":
            problem("effort_not_number", "effort_days", cell_text(effort_raw))
        elif isinstance(effort, float) and effort < 0:
            problem("effort_negative", "effort_days", effort)
        elif isinstance(effort, float) and effort > MAX_EFFORT_DAYS:
            problem("effort_too_large", "effort_days", effort, limit=MAX_EFFORT_DAYS)
        elif kind == "customisation" and effort is None:
            problem("effort_missing", "effort_days")
        if len(comment) > MAX_COMMENT:
            problem("comment_too_long", "comment", comment[:40] + "…", limit=MAX_COMMENT)
        if problems or kind is None:
            return problems
        self.answers[req_id] = Answer(
            answer=kind,
            effort_days=effort if isinstance(effort, float) else None,
            comment=comment,
            evidence="claim",
        )
        return problems


def _effort(raw: Any) -> float | str | None:
    """The effort cell as a float, ``None`` when empty, ``"nan"`` when not a finite number."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return "nan"
    if isinstance(raw, int | float):
        value = float(raw)
        return value if math.isfinite(value) else "nan"
    text = cell_text(raw)
    if text is None:
        return None
    number = parse_number(text, decimal_comma=True)
    if number is None or not math.isfinite(number):
        return "nan"
    return number


__all__ = [
    "ANSWER_COLUMNS",
    "INSTRUCTIONS_SHEET",
    "KEYS",
    "SHEET",
    "TEMPLATES_DIR",
    "answer_label",
    "export_questionnaire",
    "import_questionnaire",
    "load_requirements",
    "read_requirements_bytes",
    "sector_template",
    "template_sectors",
]
