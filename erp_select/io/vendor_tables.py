"""Read the long vendor table (CSV, XLSX): one row per fact, profile field or answer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from erp_select.errors import InputError, Problem
from erp_select.io.cells import (
    cell_text,
    decode_free,
    number_cell,
    parse_bool,
    parse_date,
    parse_list,
    trim,
)
from erp_select.io.facts import (
    check_unit,
    range_issue,
    read_bound,
    read_value,
    unknown_fact,
)
from erp_select.io.offer_rows import (
    OFFER_FIELDS,
    OFFER_PREFIX,
    locate_offer,
    offer_value,
    offers_input,
    parse_offer_name,
    put_offer_part,
)
from erp_select.io.problems import NO_VALUE, Path, Where, validation_problems
from erp_select.io.risk_rows import RISK_PREFIX, model_risks, parse_name, read_cell, risk_name
from erp_select.io.tables import Table
from erp_select.io.vendor_layout import (
    ANSWER_COLUMNS,
    ANSWER_PREFIX,
    BOOL_FIELDS,
    COLUMN_OF_ANSWER,
    FACT_COLUMNS,
    FACT_PREFIX,
    LIST_FIELDS,
    NO_EVIDENCE,
    PROFILE_FIELDS,
)
from erp_select.model import VendorProfile
from erp_select.model.facts import Vocabulary


@dataclass
class Parsed:
    """Vendors read from one file and where each one's id is, for cross-file checks."""

    vendors: list[VendorProfile]
    rows: list[int | None] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


class _VendorRows:
    """The rows of one vendor in a long table, and the model input built from them."""

    def __init__(self, vendor_id: str, first_row: int) -> None:
        self.vendor_id = vendor_id
        self.first_row = first_row
        self.data: dict[str, Any] = {"id": vendor_id}
        self.facts: dict[str, dict[str, Any]] = {}
        self.answers: dict[str, dict[str, Any]] = {}
        self.risks: dict[int, dict[str, Any]] = {}
        self.risk_numbers: list[int] = []
        self.offers: dict[str, dict[str, Any]] = {}
        self.rows: dict[str, int] = {}
        self.raw: dict[str, dict[str, Any]] = {}

    def model_input(self) -> dict[str, Any]:
        data = {**self.data, "facts": self.facts}
        if self.answers:
            data["answers"] = self.answers
        if self.risks:
            data["risks"], self.risk_numbers = model_risks(self.risks)
        if self.offers:
            data["offers"] = offers_input(self.offers)
        return data

    def locate(self, path: Path) -> Where:
        if path[:1] == ("offers",):
            found = locate_offer(path, list(self.offers), self.rows, self.raw)
            if found is not None:
                return found
        if path[:1] == ("risks",) and len(path) >= 2 and isinstance(path[1], int):
            if path[1] >= len(self.risk_numbers):
                return Where(row=self.first_row, field="field")
            n = self.risk_numbers[path[1]]
            part = path[2] if len(path) >= 3 and isinstance(path[2], str) else "description"
            key = risk_name(n, part)
            if key not in self.rows:  # a missing part: the risk's first row
                first = min(r for k, r in self.rows.items() if k.startswith(risk_name(n, "")))
                return Where(row=first, field="field", value=key)
            text = cell_text(self.raw[key].get("value"))
            return Where(
                row=self.rows[key], field="value", value=NO_VALUE if text is None else text
            )
        if path[:1] == ("answers",) and len(path) >= 2 and isinstance(path[1], str):
            key = f"{ANSWER_PREFIX}{path[1]}"
            row = self.rows.get(key, self.first_row)
            rest = path[2:]
            if rest == ("[key]",):
                return Where(row=row, field="field", value=path[1])
            if rest and isinstance(rest[0], str) and rest[0] in COLUMN_OF_ANSWER:
                column = COLUMN_OF_ANSWER[rest[0]]
                text = cell_text(self.raw.get(key, {}).get(column))
                return Where(row=row, field=column, value=NO_VALUE if text is None else text)
            return Where(row=row, field=None)
        if path[:1] == ("facts",) and len(path) >= 2 and isinstance(path[1], str):
            fact_id = path[1]
            key = f"{FACT_PREFIX}{fact_id}" if f"{FACT_PREFIX}{fact_id}" in self.rows else fact_id
            row = self.rows.get(key, self.first_row)
            rest = path[2:]
            if rest == ("[key]",):
                return Where(row=row, field="field", value=fact_id)
            if rest and isinstance(rest[0], str) and rest[0] in ("value", *FACT_COLUMNS):
                column = rest[0]
                if len(rest) == 1:
                    text = cell_text(self.raw.get(key, {}).get(column))
                    return Where(row=row, field=column, value=NO_VALUE if text is None else text)
                return Where(row=row, field=".".join(str(p) for p in rest))
            return Where(row=row, field=None)
        if path[:1] == ("description",) and len(path) >= 2:
            key = f"description.{path[1]}"
            if key in self.rows:
                return Where(row=self.rows[key], field="value")
            return Where(row=self.first_row, field=key)
        if path[:1] == ("id",):
            return Where(row=self.first_row, field="vendor_id", value=self.vendor_id)
        name = str(path[0]) if path else None
        if name is not None and name in self.rows:
            if len(path) == 1:
                text = cell_text(self.raw[name].get("value"))
                return Where(
                    row=self.rows[name], field="value", value=NO_VALUE if text is None else text
                )
            return Where(row=self.rows[name], field="value")
        return Where(row=self.first_row, field=".".join(str(p) for p in path) or None)


def profile_value(name: str, raw: Any) -> Any:
    """A profile field's cell typed for the model (yes/no, list, version, text)."""
    if name in BOOL_FIELDS:
        if isinstance(raw, bool) or raw is None:
            return raw
        text = cell_text(raw)
        flag = parse_bool(text) if text is not None else None
        return text if flag is None else flag
    if name in LIST_FIELDS:
        text = "" if raw is None else trim(str(raw))
        return parse_list(text[1:] if text.startswith("'") else text)
    if name == "version":
        return number_cell(raw, False)
    return cell_text(raw)


def from_table(table: Table, vocab: Vocabulary, decimal_comma: bool | None) -> Parsed:
    """Vendors from a long table; ``decimal_comma`` is the table's convention for fact
    numbers written as text (``None``: none, as in XLSX text cells)."""
    problems = list(table.problems)
    warnings: list[Problem] = []
    bad_rows = table.bad_rows()
    groups: dict[str, _VendorRows] = {}

    def problem(rule: str, row: int, column: str | None, value: Any = None, **params: Any) -> None:
        problems.append(
            Problem(
                rule=rule, source=table.source, row=row, field=column, value=value, params=params
            )
        )
        bad_rows.add(row)

    for row in table.rows:
        cells = row.cells
        vendor_id = cell_text(cells["vendor_id"])
        name = cell_text(cells["field"])
        if vendor_id is None:
            problem("io.missing_vendor_id", row.number, "vendor_id")
            continue
        if name is None:
            problem("io.missing_field", row.number, "field")
            continue
        group = groups.setdefault(vendor_id, _VendorRows(vendor_id, row.number))
        if name in group.rows:
            problem("io.duplicate_field", row.number, "field", name, first=group.rows[name])
            continue
        group.rows[name] = row.number
        group.raw[name] = cells
        target = group.facts
        if name.startswith(OFFER_PREFIX):
            offer = parse_offer_name(name)
            if offer is None:
                problem("offers.bad_field", row.number, "field", name)
                continue
            parts = group.offers.setdefault(offer[0], {})
            if offer[1] in OFFER_FIELDS:
                for column in (*FACT_COLUMNS, *ANSWER_COLUMNS):
                    if cell_text(cells[column]) is not None:
                        problem("io.column_not_used", row.number, column, cell_text(cells[column]))
                put_offer_part(parts, offer[1], offer_value(offer[1], cells["value"]))
                continue
            target = parts.setdefault("facts", {})
            name = offer[1]
        if name.startswith(ANSWER_PREFIX):
            for column in ("low", "high", "count", "unit", "source", "date"):
                if cell_text(cells[column]) is not None:
                    problem("io.column_not_used", row.number, column, cell_text(cells[column]))
            group.answers[name.removeprefix(ANSWER_PREFIX)] = _answer(cells, table.decimal_comma)
            continue
        if name.startswith(RISK_PREFIX):
            for column in (*FACT_COLUMNS, *ANSWER_COLUMNS):
                if cell_text(cells[column]) is not None:
                    problem("io.column_not_used", row.number, column, cell_text(cells[column]))
            parsed = parse_name(name)
            if parsed is None:
                problem("contract.risk.bad_field", row.number, "field", name)
                continue
            number, part = parsed
            value = read_cell(part, cells["value"], table.decimal_comma)
            if value is not None:
                group.risks.setdefault(number, {})[part] = value
            else:
                group.risks.setdefault(number, {})
            continue
        if name in PROFILE_FIELDS:
            for column in (*FACT_COLUMNS, *ANSWER_COLUMNS):
                if cell_text(cells[column]) is not None:
                    problem("io.column_not_used", row.number, column, cell_text(cells[column]))
            value = profile_value(name, cells["value"])
            if name.startswith("description."):
                if value is not None:
                    group.data.setdefault("description", {})[name.split(".", 1)[1]] = value
            elif value is not None:
                group.data[name] = value
            continue
        for column in ANSWER_COLUMNS:
            if cell_text(cells[column]) is not None:
                problem("io.column_not_used", row.number, column, cell_text(cells[column]))
        fact_id = name.removeprefix(FACT_PREFIX) if name.startswith(FACT_PREFIX) else name
        fact: dict[str, Any] = {}
        spec = vocab.fact_spec(fact_id)
        if spec is None:
            key, params = unknown_fact(fact_id, vocab)
            warnings.append(Problem(key, table.source, row.number, "field", name, params))
        value = decode_free(cells["value"], table.decimal_comma)
        if spec is not None and spec.numeric and isinstance(cells["value"], str):
            value = cell_text(cells["value"])  # the text as written, read by the vocabulary
        elif spec is not None and spec.numeric and isinstance(cells["value"], dt.date):
            value = cells["value"]  # an XLSX date cell: refused as a date, not as text
        unit_issue = check_unit(spec, cell_text(cells["unit"])) if spec else None
        if unit_issue is not None:
            shown = cell_text(cells["unit"])
            problem(unit_issue.key, row.number, "unit", shown, **unit_issue.params)
            continue
        if value is not None and spec is not None:
            read = read_value(spec, value, decimal_comma=decimal_comma)
            if read.issue is not None:
                shown = cell_text(cells["value"])
                problem(read.issue.key, row.number, "value", shown, **read.issue.params)
                continue
            value = read.value
        if value is not None:
            fact["value"] = value
        refused = False
        for column in ("low", "high", "count"):
            number = number_cell(cells[column], table.decimal_comma)
            raw = cells[column]
            if column != "count" and spec is not None and cell_text(raw) is not None:
                bound = read_bound(
                    spec,
                    cell_text(raw) if isinstance(raw, str) else raw,
                    decimal_comma=decimal_comma,
                )
                if bound.issue is not None:
                    shown = cell_text(raw)
                    problem(bound.issue.key, row.number, column, shown, **bound.issue.params)
                    refused = True
                    continue
                number = bound.value
            if number is not None:
                fact[column] = number
        if refused:
            continue
        # a range cell refused by the table (a formula without a value) is said once
        issue = range_issue(spec, fact) if spec and row.number not in bad_rows else None
        if issue is not None:
            column = issue.params["at"]
            problem(issue.key, row.number, column, cell_text(cells[column]), **issue.params)
            continue
        for column in ("unit", "source", "evidence"):
            text = cell_text(cells[column])
            if text is not None:
                fact[column] = text
        date = date_cell(cells["date"])
        if date is not None:
            if isinstance(date, dt.date):
                fact["date"] = date
            else:
                problem("io.bad_date", row.number, "date", date)
        target[fact_id] = fact

    result = Parsed(vendors=[], warnings=warnings)
    for group in groups.values():
        data = group.model_input()
        try:
            vendor = VendorProfile.model_validate(data)
        except ValidationError as exc:
            found = validation_problems(exc, data, source=table.source, locate=group.locate)
            problems += [p for p in found if p.row is None or p.row not in bad_rows]
            continue
        result.vendors.append(vendor)
        result.rows.append(group.first_row)
    if problems:
        raise InputError(problems)
    return result


def _answer(cells: dict[str, Any], decimal_comma: bool) -> dict[str, Any]:
    answer: dict[str, Any] = {}
    kind = cell_text(cells["value"])
    if kind is not None:
        answer["answer"] = kind
    effort = number_cell(cells["effort_days"], decimal_comma)
    if effort is not None:
        answer["effort_days"] = effort
    comment = cell_text(cells["comment"])
    if comment is not None:
        answer["comment"] = comment
    evidence = cell_text(cells["evidence"])
    if evidence is not None:
        answer["evidence"] = None if evidence.lower() == NO_EVIDENCE else evidence
    return answer


def date_cell(raw: Any) -> dt.date | dt.datetime | str | None:
    """A date column: date cells pass (a time of day is left for the model to refuse),
    ``YYYY-MM-DD``/``DD/MM/YYYY`` text is parsed; anything else is returned as text."""
    if raw is None:
        return None
    if isinstance(raw, dt.datetime):
        return raw.date() if raw.time() == dt.time(0) else raw
    if isinstance(raw, dt.date):
        return raw
    text = cell_text(raw)
    if text is None:
        return None
    return parse_date(text) or text
