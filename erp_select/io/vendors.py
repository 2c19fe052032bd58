"""Vendor profiles in and out of YAML, JSON, CSV and XLSX files (one file, many, or a folder).

YAML/JSON: one vendor per file, a list of vendors, or a mapping ``vendors: [...]``; a fact
may be written short (``fit.sector_coverage: 82`` means ``{value: 82}``).

Tables (CSV, XLSX sheet ``vendors``) are "long": one row per fact with the columns
``vendor_id, field, value, low, high, count, unit, source, date, evidence``. Profile fields
(``name``, ``product``, ``demo``, ``description.fr``, ``description.en``, ``editions``,
``deployment``, ``licence_model``, ``company_sizes``, ``sectors``, ``vertical``) are rows
too, typed by the model, lists joined with ``|``; only their ``value`` cell is used. A fact
whose id is one of those names (or starts with ``facts.``) is written ``facts.<id>``. A
fact's value is typed by the rules of ``erp_select.io.cells``. Dates are ``YYYY-MM-DD``
(``DD/MM/YYYY`` is read too) or, in XLSX, date cells.

Answers to the requirements questionnaire are rows ``answers.<requirement id>``: ``value``
is the kind of answer, with the optional columns ``effort_days`` and ``comment`` (written
only when there are answers) and ``evidence`` (empty = the model's default, ``none`` = not
stated). A fact whose id starts with ``answers.`` is written ``facts.<id>`` too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

from pydantic import ValidationError

from erp_select.errors import InputError, Problem
from erp_select.i18n import normalise_lang
from erp_select.io.cells import (
    cell_text,
    decode_free,
    encode_free,
    encode_free_text,
    encode_text,
    format_list,
    format_number,
    number_cell,
    parse_bool,
    parse_date,
    parse_list,
    trim,
)
from erp_select.io.documents import Document, dump_json, dump_yaml, parse_document, plain
from erp_select.io.facts import (
    check_document_facts,
    check_unit,
    read_bound,
    read_value,
    unknown_fact,
)
from erp_select.io.problems import NO_VALUE, Path, Where, validation_problems
from erp_select.io.sources import Format, check_size, decode_text, format_of, read_file
from erp_select.io.tables import Table, read_csv, read_xlsx, write_csv, write_xlsx
from erp_select.model import Fact, VendorProfile
from erp_select.model.facts import Vocabulary, vocabulary

COLUMNS = (
    "vendor_id",
    "field",
    "value",
    "low",
    "high",
    "count",
    "unit",
    "source",
    "date",
    "evidence",
    "effort_days",
    "comment",
)
#: Columns written only when some vendor has answers to the requirements questionnaire.
ANSWER_COLUMNS = ("effort_days", "comment")
REQUIRED = ("vendor_id", "field", "value")
SHEET = "vendors"
FACT_PREFIX = "facts."
ANSWER_PREFIX = "answers."
NO_EVIDENCE = "none"
FILE_SUFFIXES = (".yaml", ".yml", ".json", ".csv", ".xlsx")

_TEXT_FIELDS = ("name", "product", "description.fr", "description.en", "licence_model", "format")
_BOOL_FIELDS = ("demo", "vertical")
_LIST_FIELDS = ("editions", "deployment", "company_sizes", "sectors")
PROFILE_FIELDS = frozenset((*_TEXT_FIELDS, *_BOOL_FIELDS, *_LIST_FIELDS, "version"))
_FACT_COLUMNS = ("low", "high", "count", "unit", "source", "date", "evidence")
_ANSWER_COLUMNS = {
    "value": "answer",
    "effort_days": "effort_days",
    "comment": "comment",
    "evidence": "evidence",
}
_COLUMN_OF_ANSWER = {v: k for k, v in _ANSWER_COLUMNS.items()}


@dataclass
class _Parsed:
    """Vendors read from one file and where each one's id is, for cross-file checks."""

    vendors: list[VendorProfile]
    rows: list[int | None] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def short_facts(vendor: Any) -> Any:
    """Expand short facts (``fact: 82``) into full ones (``fact: {value: 82}``)."""
    if not isinstance(vendor, dict) or not isinstance(vendor.get("facts"), dict):
        return vendor
    facts = {k: v if isinstance(v, dict) else {"value": v} for k, v in vendor["facts"].items()}
    return {**vendor, "facts": facts}


def load_vendors(path_or_paths: str | FilePath | Iterable[str | FilePath]) -> list[VendorProfile]:
    """Load vendor profiles from a file, several files, or a folder of vendor files.

    The same as :func:`load_vendors_checked` without its warnings.
    """
    return load_vendors_checked(path_or_paths)[0]


def load_vendors_checked(
    path_or_paths: str | FilePath | Iterable[str | FilePath],
) -> tuple[list[VendorProfile], list[Problem]]:
    """Load vendor profiles from a file, several files, or a folder of vendor files.

    A folder contributes its ``.yaml``, ``.yml``, ``.json``, ``.csv`` and ``.xlsx`` files in
    name order (not its sub-folders). Loading is all or nothing: every problem of every
    file is reported, and nothing is returned when there is one.

    Every fact is read by the fact vocabulary (:mod:`erp_select.io.facts`): a value that
    does not fit its fact's type, unit or range is a problem; a fact id the vocabulary does
    not know is a warning.

    Returns
    -------
    tuple[list[VendorProfile], list[Problem]]
        The vendors in file order, and the warnings (located, like problems).

    Raises
    ------
    InputError
        With every problem found, including a vendor id used in two places.
    """
    items = [path_or_paths] if isinstance(path_or_paths, str | FilePath) else list(path_or_paths)
    files: list[FilePath] = []
    problems: list[Problem] = []
    for item in items:
        p = FilePath(item)
        if p.is_dir():
            found = sorted(
                f for f in p.iterdir() if f.is_file() and f.suffix.lower() in FILE_SUFFIXES
            )
            if not found:
                problems.append(Problem(rule="io.no_vendor_files", source=p.name or str(p)))
            files.extend(found)
        else:
            files.append(p)
    parsed: list[tuple[str, _Parsed]] = []
    for f in files:
        try:
            parsed.append((f.name, _read(read_file(f), f.name, format_of(f.name))))
        except InputError as exc:
            problems.extend(exc.problems)
    vendors, duplicates = _merge(parsed)
    if problems or duplicates:
        raise InputError(problems + duplicates)
    return vendors, [w for _, result in parsed for w in result.warnings]


def read_vendors_bytes(data: bytes, filename: str) -> list[VendorProfile]:
    """Read vendor profiles from uploaded bytes; the format comes from ``filename``.

    Raises
    ------
    InputError
        With every problem of the file; nothing is returned when there is one.
    """
    fmt = format_of(filename)
    check_size(len(data), filename)
    vendors, duplicates = _merge([(filename, _read(data, filename, fmt))])
    if duplicates:
        raise InputError(duplicates)
    return vendors


def _merge(parsed: Sequence[tuple[str, _Parsed]]) -> tuple[list[VendorProfile], list[Problem]]:
    first: dict[str, str] = {}
    vendors: list[VendorProfile] = []
    problems: list[Problem] = []
    for source, result in parsed:
        for vendor, row in zip(result.vendors, result.rows, strict=True):
            if vendor.id in first:
                problems.append(
                    Problem(
                        rule="io.duplicate_vendor",
                        source=source,
                        row=row,
                        field="id",
                        value=vendor.id,
                        params={"first": first[vendor.id]},
                    )
                )
                continue
            first[vendor.id] = source
            vendors.append(vendor)
    return vendors, problems


def _read(data: bytes, source: str, fmt: Format) -> _Parsed:
    vocab = vocabulary()
    if fmt in ("yaml", "json"):
        parsed = _from_document(parse_document(decode_text(data), fmt, source), vocab)
    elif fmt == "csv":
        table = read_csv(data, source, COLUMNS, REQUIRED)
        parsed = _from_table(table, vocab, table.decimal_comma)
    else:
        table = read_xlsx(data, source, SHEET, COLUMNS, REQUIRED)
        parsed = _from_table(table, vocab, None)
    if not parsed.vendors:  # a header-only table, "vendors: []": say so, never "0 vendors"
        raise InputError([Problem(rule="hostile.no_vendor", source=source)])
    return parsed


def _from_document(doc: Document, vocab: Vocabulary) -> _Parsed:
    data = doc.data
    items: list[tuple[Path, Any]]
    problems: list[Problem] = []
    if isinstance(data, list):
        items = [((i,), v) for i, v in enumerate(data)]
    elif isinstance(data, dict) and "vendors" in data and "id" not in data:
        for key in data:
            if key not in ("vendors", "format"):
                where = doc.locate((key,))
                problems.append(
                    Problem(
                        rule="io.pydantic.extra_forbidden",
                        source=doc.source,
                        row=where.row,
                        field=key,
                    )
                )
        if data.get("format", "erp-select.vendors") != "erp-select.vendors":
            where = doc.locate(("format",))
            problems.append(
                Problem(
                    rule="io.pydantic.literal_error",
                    source=doc.source,
                    row=where.row,
                    field="format",
                    value=data.get("format"),
                    params={"expected": "'erp-select.vendors'"},
                )
            )
        listed = data["vendors"]
        if not isinstance(listed, list):
            where = doc.locate(("vendors",))
            raise InputError(
                [
                    *problems,
                    Problem(
                        rule="io.pydantic.list_type",
                        source=doc.source,
                        row=where.row,
                        field="vendors",
                    ),
                ]
            )
        items = [(("vendors", i), v) for i, v in enumerate(listed)]
    elif isinstance(data, dict):
        items = [((), data)]
    else:
        raise InputError([Problem(rule="io.not_vendors", source=doc.source, row=1)])
    result = _Parsed(vendors=[])
    for prefix, item in items:
        expanded, refused, warned = check_document_facts(short_facts(item), vocab, doc, prefix)
        problems += refused
        result.warnings += warned
        try:
            vendor = VendorProfile.model_validate(expanded)
        except ValidationError as exc:
            problems += validation_problems(
                exc, expanded, source=doc.source, locate=doc.locate, prefix=prefix
            )
            continue
        result.vendors.append(vendor)
        result.rows.append(doc.locate((*prefix, "id")).row)
    if problems:
        raise InputError(problems)
    return result


class _VendorRows:
    """The rows of one vendor in a long table, and the model input built from them."""

    def __init__(self, vendor_id: str, first_row: int) -> None:
        self.vendor_id = vendor_id
        self.first_row = first_row
        self.data: dict[str, Any] = {"id": vendor_id}
        self.facts: dict[str, dict[str, Any]] = {}
        self.answers: dict[str, dict[str, Any]] = {}
        self.rows: dict[str, int] = {}
        self.raw: dict[str, dict[str, Any]] = {}

    def model_input(self) -> dict[str, Any]:
        data = {**self.data, "facts": self.facts}
        if self.answers:
            data["answers"] = self.answers
        return data

    def locate(self, path: Path) -> Where:
        if path[:1] == ("answers",) and len(path) >= 2 and isinstance(path[1], str):
            key = f"{ANSWER_PREFIX}{path[1]}"
            row = self.rows.get(key, self.first_row)
            rest = path[2:]
            if rest == ("[key]",):
                return Where(row=row, field="field", value=path[1])
            if rest and isinstance(rest[0], str) and rest[0] in _COLUMN_OF_ANSWER:
                column = _COLUMN_OF_ANSWER[rest[0]]
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
            if rest and isinstance(rest[0], str) and rest[0] in ("value", *_FACT_COLUMNS):
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


def _profile_value(name: str, raw: Any) -> Any:
    if name in _BOOL_FIELDS:
        if isinstance(raw, bool) or raw is None:
            return raw
        text = cell_text(raw)
        flag = parse_bool(text) if text is not None else None
        return text if flag is None else flag
    if name in _LIST_FIELDS:
        text = "" if raw is None else trim(str(raw))
        return parse_list(text[1:] if text.startswith("'") else text)
    if name == "version":
        return number_cell(raw, False)
    return cell_text(raw)


def _from_table(table: Table, vocab: Vocabulary, decimal_comma: bool | None) -> _Parsed:
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
        if name.startswith(ANSWER_PREFIX):
            for column in ("low", "high", "count", "unit", "source", "date"):
                if cell_text(cells[column]) is not None:
                    problem("io.column_not_used", row.number, column, cell_text(cells[column]))
            group.answers[name.removeprefix(ANSWER_PREFIX)] = _answer(cells, table.decimal_comma)
            continue
        if name in PROFILE_FIELDS:
            for column in (*_FACT_COLUMNS, *ANSWER_COLUMNS):
                if cell_text(cells[column]) is not None:
                    problem("io.column_not_used", row.number, column, cell_text(cells[column]))
            value = _profile_value(name, cells["value"])
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
        for column in ("unit", "source", "evidence"):
            text = cell_text(cells[column])
            if text is not None:
                fact[column] = text
        date = _date_cell(cells["date"])
        if date is not None:
            if isinstance(date, dt.date):
                fact["date"] = date
            else:
                problem("io.bad_date", row.number, "date", date)
        group.facts[fact_id] = fact

    result = _Parsed(vendors=[], warnings=warnings)
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


def _date_cell(raw: Any) -> dt.date | dt.datetime | str | None:
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


def _profile_rows(vendor: VendorProfile) -> list[tuple[str, Any]]:
    rows: list[tuple[str, Any]] = [("name", vendor.name)]
    if vendor.product is not None:
        rows.append(("product", vendor.product))
    rows.append(("demo", vendor.demo))
    if vendor.description is not None:
        rows += [
            ("description.fr", vendor.description.fr),
            ("description.en", vendor.description.en),
        ]
    rows += [
        ("editions", list(vendor.editions)),
        ("deployment", list(vendor.deployment)),
        ("licence_model", vendor.licence_model),
        ("company_sizes", list(vendor.company_sizes)),
        ("sectors", list(vendor.sectors)),
        ("vertical", vendor.vertical),
    ]
    return rows


def _fact_name(fact_id: str) -> str:
    if fact_id in PROFILE_FIELDS or fact_id.startswith((FACT_PREFIX, ANSWER_PREFIX)):
        return FACT_PREFIX + fact_id
    return fact_id


def _csv_rows(vendors: Sequence[VendorProfile], decimal_comma: bool) -> list[list[str]]:
    def number(x: float | None) -> str:
        return "" if x is None else format_number(x, decimal_comma)

    answers = any(v.answers for v in vendors)
    out: list[list[str]] = []
    for v in vendors:
        vid = encode_text(v.id)
        for name, value in _profile_rows(v):
            if isinstance(value, bool):
                cell = "true" if value else "false"
            elif isinstance(value, list):
                cell = format_list(value, marker=False)
            else:
                cell = encode_text(value)
            out.append([vid, name, cell] + [""] * len(_FACT_COLUMNS))
        for fact_id, fact in v.facts.items():
            out.append(
                [
                    vid,
                    _fact_name(fact_id),
                    encode_free(fact.value, decimal_comma),
                    number(fact.low),
                    number(fact.high),
                    "" if fact.count is None else str(fact.count),
                    "" if fact.unit is None else encode_text(fact.unit),
                    "" if fact.source is None else encode_text(fact.source),
                    "" if fact.date is None else fact.date.isoformat(),
                    "" if fact.evidence is None else fact.evidence,
                ]
            )
        for req_id, a in v.answers.items():
            evidence = NO_EVIDENCE if a.evidence is None else a.evidence
            comment = encode_text(a.comment) if a.comment else ""
            out.append(
                [vid, ANSWER_PREFIX + req_id, encode_text(a.answer)]
                + [""] * 6
                + [evidence, number(a.effort_days), comment]
            )
    width = len(COLUMNS) if answers else len(COLUMNS) - len(ANSWER_COLUMNS)
    return [(r + [""] * len(COLUMNS))[:width] for r in out]


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, list):
        return format_list([str(v) for v in value], marker=True)
    return encode_free_text(str(value), False)


def _xlsx_rows(vendors: Sequence[VendorProfile]) -> list[list[Any]]:
    answers = any(v.answers for v in vendors)
    out: list[list[Any]] = []
    for v in vendors:
        vid = encode_text(v.id)
        for name, value in _profile_rows(v):
            if isinstance(value, list):
                cell: Any = format_list(value, marker=False) or None
            elif isinstance(value, str):
                cell = encode_text(value)
            else:
                cell = value
            out.append([vid, name, cell] + [None] * len(_FACT_COLUMNS))
        for fact_id, fact in v.facts.items():
            f: Fact = fact
            out.append(
                [
                    vid,
                    _fact_name(fact_id),
                    _xlsx_value(f.value),
                    f.low,
                    f.high,
                    f.count,
                    None if f.unit is None else encode_text(f.unit),
                    None if f.source is None else encode_text(f.source),
                    _xlsx_date(f.date),
                    f.evidence,
                ]
            )
        for req_id, a in v.answers.items():
            evidence = NO_EVIDENCE if a.evidence is None else a.evidence
            out.append(
                [vid, ANSWER_PREFIX + req_id, encode_text(a.answer)]
                + [None] * 6
                + [evidence, a.effort_days, encode_text(a.comment) if a.comment else None]
            )
    width = len(COLUMNS) if answers else len(COLUMNS) - len(ANSWER_COLUMNS)
    return [(r + [None] * len(COLUMNS))[:width] for r in out]


def _columns(vendors: Sequence[VendorProfile]) -> tuple[str, ...]:
    if any(v.answers for v in vendors):
        return COLUMNS
    return COLUMNS[: len(COLUMNS) - len(ANSWER_COLUMNS)]


# Spreadsheets count days from 1900 (with a phantom 29 February 1900): earlier dates are
# written as ISO text, which reads back the same.
_EXCEL_FIRST_DATE = dt.date(1900, 3, 1)


def _xlsx_date(date: dt.date | None) -> dt.date | str | None:
    if date is None or date >= _EXCEL_FIRST_DATE:
        return date
    return date.isoformat()


def dump_vendors(
    vendors: Sequence[VendorProfile], fmt: Format, *, lang: str | None = None
) -> bytes:
    """Write vendor profiles as ``yaml``, ``json``, ``csv`` or ``xlsx`` bytes.

    Parameters
    ----------
    vendors
        The profiles to write.
    fmt
        The format. YAML/JSON write one vendor as a single document and several as
        ``vendors: [...]``; tables use the long format of this module.
    lang
        For CSV only: ``"fr"`` writes ``;`` separators and decimal commas, any other
        language ``,`` and decimal points; default from ``ERP_SELECT_LANG``.

    Returns
    -------
    bytes
        The file's content; reading it back gives equal profiles.
    """
    if fmt in ("yaml", "json"):
        dumped = [plain(v) for v in vendors]
        data: Any = dumped[0] if len(dumped) == 1 else {"vendors": dumped}
        return dump_yaml(data) if fmt == "yaml" else dump_json(data)
    if fmt == "csv":
        decimal_comma = normalise_lang(lang) == "fr"
        rows = _csv_rows(vendors, decimal_comma)
        return write_csv(_columns(vendors), rows, decimal_comma)
    if fmt == "xlsx":
        return write_xlsx(SHEET, _columns(vendors), _xlsx_rows(vendors))
    raise ValueError(f"unknown format {fmt!r}")
