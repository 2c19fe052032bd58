"""Read a filled vendor questionnaire back: every answer checked, every problem located."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import Any

from openpyxl import load_workbook

from erp_select.errors import InputError, Problem
from erp_select.i18n import t
from erp_select.io.cells import cell_text, parse_number
from erp_select.io.questionnaire_sheet import (
    KEYS,
    MAX_COMMENT,
    MAX_EFFORT_DAYS,
    SHEET,
    answer_label,
    answer_lookup,
    column_names,
    fold,
)
from erp_select.io.sources import check_size, format_of
from erp_select.io.tables import read_xlsx
from erp_select.model import (
    ANSWER_KINDS,
    Answer,
    AnswerKind,
    Requirement,
)

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
    names = column_names()
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
    check = _RowCheck(source, shown, known, answer_lookup())
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
            kind = self.lookup.get(fold(answer_text))
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
