"""Write vendor profiles as YAML, JSON, CSV or XLSX (the long table for CSV and XLSX)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from erp_select.i18n import normalise_lang
from erp_select.io.cells import (
    encode_free,
    encode_free_text,
    encode_text,
    format_list,
    format_number,
)
from erp_select.io.documents import dump_json, dump_yaml, plain
from erp_select.io.offer_rows import OFFER_PREFIX, offer_facts, offer_rows
from erp_select.io.risk_rows import RISK_PREFIX, risk_rows
from erp_select.io.sources import Format
from erp_select.io.tables import write_csv, write_xlsx
from erp_select.io.vendor_layout import (
    ANSWER_COLUMNS,
    ANSWER_PREFIX,
    COLUMNS,
    FACT_COLUMNS,
    FACT_PREFIX,
    NO_EVIDENCE,
    PROFILE_FIELDS,
    SHEET,
)
from erp_select.model import Fact, VendorProfile


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
    if vendor.integrators:
        rows.append(("integrators", list(vendor.integrators)))
    return rows


def _fact_rows(vendor: VendorProfile) -> list[tuple[str, Fact]]:
    """The vendor's facts then its offers' facts, as (field, fact) rows."""
    own = [(_fact_name(fact_id), fact) for fact_id, fact in vendor.facts.items()]
    return own + offer_facts(vendor)


def _fact_name(fact_id: str) -> str:
    prefixes = (FACT_PREFIX, ANSWER_PREFIX, RISK_PREFIX, OFFER_PREFIX)
    if fact_id in PROFILE_FIELDS or fact_id.startswith(prefixes):
        return FACT_PREFIX + fact_id
    return fact_id


def _csv_rows(vendors: Sequence[VendorProfile], decimal_comma: bool) -> list[list[str]]:
    def number(x: float | str | None) -> str:
        if isinstance(x, str):
            return encode_text(x)  # a level fact's bound
        return "" if x is None else format_number(x, decimal_comma)

    answers = any(v.answers for v in vendors)
    out: list[list[str]] = []
    for v in vendors:
        vid = encode_text(v.id)
        for name, value in _profile_rows(v) + offer_rows(v):
            if isinstance(value, bool):
                cell = "true" if value else "false"
            elif isinstance(value, list):
                cell = format_list(value, marker=False)
            else:
                cell = encode_text(value)
            out.append([vid, name, cell] + [""] * len(FACT_COLUMNS))
        for name, fact in _fact_rows(v):
            out.append(
                [
                    vid,
                    name,
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
        for name, value in risk_rows(v):
            cell = str(value) if isinstance(value, int) else encode_text(value)
            out.append([vid, name, cell])
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
        for name, value in _profile_rows(v) + offer_rows(v):
            if isinstance(value, list):
                cell: Any = format_list(value, marker=False) or None
            elif isinstance(value, str):
                cell = encode_text(value)
            else:
                cell = value
            out.append([vid, name, cell] + [None] * len(FACT_COLUMNS))
        for name, f in _fact_rows(v):
            out.append(
                [
                    vid,
                    name,
                    _xlsx_value(f.value),
                    encode_text(f.low) if isinstance(f.low, str) else f.low,
                    encode_text(f.high) if isinstance(f.high, str) else f.high,
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
        for name, value in risk_rows(v):
            out.append([vid, name, value if isinstance(value, int) else encode_text(value)])
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
