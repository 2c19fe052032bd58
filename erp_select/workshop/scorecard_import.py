"""Reading filled scorecard workbooks back: every cell checked, located errors, all or nothing."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter
from pydantic import ValidationError

from erp_select.errors import InputError, Problem
from erp_select.io.cells import trim
from erp_select.io.sheet_tricks import FAR_ROW, far_cell
from erp_select.io.xlsx import check_archive, open_workbook, xml_unescape
from erp_select.model import Project
from erp_select.scoring.adopt import MAX_NOTE, scored_project
from erp_select.scoring.consensus import Agreed
from erp_select.scoring.facts import scorable
from erp_select.scoring.scale import CONFIDENCES, HIGH, LOW, confidence_word
from erp_select.store import Person, RoundInfo
from erp_select.workshop.answers import MAX_COMMENT, DemoAnswer, Given, cards_of
from erp_select.workshop.rounds import script_scenarios
from erp_select.workshop.scorecard_sheet import COLUMNS, CONSENSUS_COLUMNS, OLD_COLUMNS, Layout

LANGS = ("fr", "en")
#: Rows read at most from one sheet (a project has far fewer vendor × criterion pairs).
MAX_CARD_ROWS = 20_000


@dataclass
class Read:
    """What the workbooks hold once read: the evaluators' cards and the agreed scores."""

    cards: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    decided: dict[tuple[str, str], tuple[float, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _words(kind: str) -> dict[str, str]:
    """Each language's word for a yes or a confidence level → the stored value."""
    out: dict[str, str] = {}
    for lang in LANGS:
        if kind == "yes":
            out[Layout(lang).yes.casefold()] = "yes"
        else:
            out.update({confidence_word(c, lang).casefold(): c for c in CONFIDENCES})
    return out


class _Sheet:
    """One sheet being read: its place for messages and the cell checks."""

    def __init__(self, out: Read, source: str, columns: Sequence[str], lay: Layout) -> None:
        self.out, self.source, self.columns, self.lay = out, source, columns, lay

    def problem(
        self,
        rule: str,
        row: int,
        column: str | None,
        value: Any = None,
        domain: str = "evalteam",
        **p: Any,
    ) -> None:
        where = None
        if column is not None:
            letter = get_column_letter(self.columns.index(column) + 1)
            where = f"{letter} ({self.lay.header(column)})"
        self.out.problems.append(
            Problem(
                rule=f"{domain}.{rule}",
                source=self.source,
                row=row,
                field=where,
                value=value,
                params=p,
            )
        )

    def text(self, value: Any, row: int, column: str) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):
            return trim(xml_unescape(value)) or None
        self.problem("sheet_not_text", row, column, value)
        return None

    def number(self, value: Any, row: int, column: str, whole: bool) -> float | None:
        if value is None or (isinstance(value, str) and not trim(value)):
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem("sheet_not_a_score", row, column, value, low=LOW, high=HIGH)
            return None
        if (
            not math.isfinite(value)
            or not LOW <= value <= HIGH
            or (whole and not float(value).is_integer())
        ):
            self.problem("sheet_off_scale", row, column, value, low=LOW, high=HIGH)
            return None
        return float(value)


def _layout_of(header: Sequence[Any], columns: Sequence[str]) -> Layout | None:
    got = [trim(str(v)).casefold() if v is not None else "" for v in header[: len(columns)]]
    for lang in LANGS:
        lay = Layout(lang)
        if got == [lay.header(c).casefold() for c in columns]:
            return lay
    return None


def _rows(ws: Any, sheet: _Sheet, width: int) -> list[tuple[int, list[Any]]]:
    out: list[tuple[int, list[Any]]] = []
    for number, cells in enumerate(ws.iter_rows(min_row=2, max_col=width + 1), start=2):
        if number > MAX_CARD_ROWS:
            sheet.problem("sheet_too_long", number, None, limit=MAX_CARD_ROWS)
            break
        values: list[Any] = []
        for i, cell in enumerate(cells):
            kind = getattr(cell, "data_type", None)
            value = getattr(cell, "value", None)
            column = sheet.columns[i] if i < len(sheet.columns) else None
            if kind == "f" or (isinstance(value, str) and value.startswith("=")):
                sheet.problem("sheet_formula", number, column, str(value))
                value = None
            elif kind == "e":
                sheet.problem("sheet_error_cell", number, column, str(value))
                value = None
            elif column is None and value is not None and trim(str(value)):
                sheet.problem("sheet_outside", number, None, value)
            values.append(value)
        values += [None] * (width - len(values))
        if any(v is not None and trim(str(v)) for v in values[:width]):
            out.append((number, values[:width]))
    return out


def _card(
    project: Project, sheet: _Sheet, rows: list[tuple[int, list[Any]]]
) -> list[dict[str, Any]]:
    allowed = set(scorable(project, None))
    scenarios = {s.id: s for s in script_scenarios(project, sorted(allowed))}
    vendors = {v.id for v in project.vendors}
    yes, levels = _words("yes"), _words("confidence")
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str | None]] = set()
    for number, values in rows:
        cell = dict(zip(sheet.columns, values, strict=True))
        vid, cid = sheet.text(cell["vid"], number, "vid"), sheet.text(cell["cid"], number, "cid")
        sid = sheet.text(cell.get("sid"), number, "sid")
        if vid not in vendors:
            sheet.problem("sheet_unknown_vendor", number, "vid", vid)
            continue
        if cid not in allowed:
            sheet.problem("sheet_unknown_criterion", number, "cid", cid)
            continue
        if sid is not None and (sid not in scenarios or cid not in scenarios[sid].criteria):
            rule = "unknown_scenario" if sid not in scenarios else "scenario_criterion"
            sheet.problem(rule, number, "sid", sid, domain="agreed")
            continue
        if (vid, cid, sid) in seen:
            sheet.problem("sheet_twice", number, "cid", cid)
        seen.add((vid, cid, sid))
        score = sheet.number(cell["score"], number, "score", whole=True)
        shown_word = sheet.text(cell["not_shown"], number, "not_shown")
        hidden = shown_word is not None and shown_word.casefold() in yes
        if shown_word is not None and not hidden:
            sheet.problem(
                "sheet_not_shown_word", number, "not_shown", shown_word, yes=sheet.lay.yes
            )
        conf_word = sheet.text(cell["confidence"], number, "confidence")
        confidence = levels.get(conf_word.casefold()) if conf_word else None
        if conf_word and confidence is None:
            sheet.problem("sheet_confidence_word", number, "confidence", conf_word)
        comment = sheet.text(cell["comment"], number, "comment") or ""
        if len(comment) > MAX_COMMENT:
            sheet.problem("sheet_comment_long", number, "comment", max=MAX_COMMENT)
        if hidden and cell["score"] is not None:
            sheet.problem("sheet_score_and_not_shown", number, "score", cell["score"])
            continue
        if score is None and not hidden:
            continue  # not scored (yet): left out, never a zero
        item: dict[str, Any] = {"vendor": vid, "criterion": cid, "comment": comment}
        if sid is not None:
            item["scenario"] = sid
        item.update({"not_shown": True} if hidden else {"score": int(score or 0)})
        if confidence:
            item["confidence"] = confidence
        out.append(item)
    return out


def _consensus(out: Read, sheet: _Sheet, rows: list[tuple[int, list[Any]]]) -> None:
    for number, values in rows:
        cell = dict(zip(CONSENSUS_COLUMNS, values, strict=True))
        vid, cid = sheet.text(cell["vid"], number, "vid"), sheet.text(cell["cid"], number, "cid")
        agreed = sheet.number(cell["agreed"], number, "agreed", whole=False)
        note = sheet.text(cell["note"], number, "note") or ""
        if len(note) > MAX_NOTE:
            sheet.problem("sheet_comment_long", number, "note", max=MAX_NOTE)
        if agreed is not None and vid and cid:
            out.decided[(vid, cid)] = (agreed, note)


def read_scorecards(project: Project, files: Sequence[tuple[str, bytes]]) -> Read:
    """Read every evaluator's sheet and the consensus sheet of the workbooks ``files``
    (``(name, bytes)``); problems are collected, never raised here."""
    out = Read()
    scale_names = {Layout(lang).scale_sheet.casefold() for lang in LANGS}
    consensus_names = {Layout(lang).consensus_sheet.casefold() for lang in LANGS}
    for name, data in files:
        try:
            check_archive(data, name)
            wb = open_workbook(data, name, data_only=False)
        except InputError as exc:
            out.problems.extend(exc.problems)
            continue
        try:
            for title in wb.sheetnames:
                ws = wb[title]
                key = title.casefold()
                if key in scale_names:
                    continue
                source = f"{name} › {title}"
                if getattr(ws, "sheet_state", "visible") != "visible":
                    out.problems.append(
                        Problem(rule="hostile.xlsx_hidden_sheet", source=name, value=title)
                    )
                    continue
                stray = far_cell(
                    data, getattr(ws, "_worksheet_path", ""), len(COLUMNS) + 1, FAR_ROW
                )
                if stray is not None:
                    out.problems.append(
                        Problem(
                            rule="hostile.xlsx_far_cell",
                            source=source,
                            row=stray[0],
                            field=stray[1],
                            value=stray[2],
                            params={"limit": len(COLUMNS) + 1, "rows": FAR_ROW},
                        )
                    )
                    continue
                columns: tuple[str, ...] = CONSENSUS_COLUMNS if key in consensus_names else COLUMNS
                ws.reset_dimensions()
                header = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), ())
                lay = _layout_of(list(header), columns)
                if lay is None and columns is COLUMNS:
                    columns = OLD_COLUMNS  # a sheet exported before scenarios were scored
                    lay = _layout_of(list(header), columns)
                if lay is None:
                    expected = ", ".join(Layout("fr").header(c) for c in columns)
                    out.problems.append(
                        Problem(
                            rule="evalteam.sheet_header",
                            source=source,
                            row=1,
                            params={"expected": expected},
                        )
                    )
                    continue
                sheet = _Sheet(out, source, columns, lay)
                rows = _rows(ws, sheet, len(columns))
                if columns == CONSENSUS_COLUMNS:
                    _consensus(out, sheet, rows)
                    continue
                if title.casefold() in {k.casefold() for k in out.cards}:
                    out.problems.append(
                        Problem(rule="evalteam.sheet_evaluator_twice", source=source, value=title)
                    )
                    continue
                card = _card(project, sheet, rows)
                if card:
                    out.cards[title] = card
        finally:
            wb.close()
    return out


def import_scorecards(
    project: Project,
    files: Sequence[tuple[str, bytes]],
    *,
    lang: str | None = None,
    day: dt.date | None = None,
) -> tuple[Project, tuple[Agreed, ...]]:
    """The project with the scores of the filled workbooks adopted as demo facts.

    The agreed score of a vendor × criterion is the consensus sheet's where one is given,
    else the evaluators' mean. All or nothing: any problem in any file refuses the whole
    import, with every problem located (file › sheet, row, column, value, rule).
    """
    read = read_scorecards(project, files)
    if not read.problems and not read.cards:
        read.problems.append(
            Problem(rule="evalteam.sheet_nothing_scored", source=", ".join(n for n, _ in files))
        )
    if read.problems:
        raise InputError(read.problems)
    day = day or dt.datetime.now(dt.UTC).date()
    at = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    given: list[Given] = []
    for i, (name, card) in enumerate(read.cards.items(), start=1):
        try:
            answer = DemoAnswer.model_validate({"kind": "demo", "scores": card})
        except ValidationError as exc:
            where = ".".join(str(p) for p in exc.errors()[0]["loc"])
            raise InputError(
                [Problem(rule="evalteam.sheet_bad_card", source=name, field=where)]
            ) from None
        given.append(Given(Person(i, i, name), answer, 1, at))
    criteria = scorable(project, None)
    rnd = RoundInfo(
        number=0,
        kind="demo",
        node=None,
        criteria=tuple(criteria),
        vendors=tuple(v.id for v in project.vendors),
        status="locked",
        opened_at=at,
        locked_at=at,
        adopted_revision=None,
    )
    names = {g.person.seq: g.person.name for g in given}
    title = ", ".join(n for n, _ in files)
    return scored_project(
        project,
        rnd,
        cards_of(given),
        names,
        title=title,
        decided=read.decided,
        day=day,
        lang=lang,
        source="evalteam.source_offline",
    )
