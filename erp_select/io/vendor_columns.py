"""Read the long vendor table column by column: the fast way to read a long list (issue 20).

The result is the row reader's (:func:`erp_select.io.vendor_tables.from_table`), vendor for
vendor, and so are the refusals. A vendor is read here only when each of its rows is one of
the plain cases below, checked against the same rules:

* a profile field (``name``, ``sectors``…) typed by the row reader's own cell reading, with
  nothing in the fact and answer columns; the profile is then validated by the model;
* a fact the vocabulary knows, with nothing in the answer columns, whose value is a plain
  number (``60000``, ``99.5``; never ``4.125``, whose dot could group thousands, nor
  ``3,5``) within the fact's range, or any other value that the row reader's reading and
  the model accept; ``low``/``high`` plain numbers around the value (levels in order for a
  level fact: :mod:`erp_select.io.level_cells`), ``count`` a whole
  number, and ``unit``, ``source``, ``date``, ``evidence`` cells the row reader and the
  model accept.

Every distinct cell is read once (:mod:`erp_select.io.column_cells`) by the row reader's
functions and the model's own fields. Any other vendor (an answer, a risk, an offer or an
integrators row, an unknown fact, a refused cell, a repeated field…) and every row without a
vendor or a field are read by the row reader itself, which reports every problem exactly as
for the whole file.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from pydantic import ValidationError

from erp_select.io.cells import cell_text, decode_free
from erp_select.io.column_cells import Coded, objects
from erp_select.io.facts import check_unit, read_value
from erp_select.io.level_cells import REFUSED, level_bound, level_ranges_fit
from erp_select.io.risk_rows import RISK_PREFIX
from erp_select.io.table_columns import Columns
from erp_select.io.vendor_layout import (
    ANSWER_COLUMNS,
    ANSWER_PREFIX,
    FACT_COLUMNS,
    FACT_PREFIX,
    PROFILE_FIELDS,
)
from erp_select.io.vendor_tables import Parsed, date_cell, from_table, profile_value
from erp_select.model import VendorProfile
from erp_select.model.facts import FactSpec, Vocabulary
from erp_select.model.vendor import Fact

#: A cell the fast way refuses (its vendor is read by the row reader).
_NO = REFUSED
_OPTIONAL = ("low", "high", "count", "unit", "source", "date", "evidence")
#: The fact's fields in the order the columns are read (every field of the model).
_FIELDS = ("value", *_OPTIONAL)
assert set(_FIELDS) == set(Fact.model_fields), "a Fact field the table does not read"


def _model_field(name: str, value: Any) -> Any:
    """``value`` as the model stores it in the fact field ``name``; ``_NO`` when refused."""
    data = {"value": True, name: value} if name != "value" else {"value": value}
    try:
        return getattr(Fact.model_validate(data), name)
    except ValidationError:
        return _NO


def _text(name: str) -> Any:
    def read(raw: Any) -> Any:
        text = cell_text(raw)
        return None if text is None else _model_field(name, text)

    return read


def _date(raw: Any) -> Any:
    date = date_cell(raw)
    if date is None:
        return None
    if isinstance(date, dt.datetime) or not isinstance(date, dt.date):
        return _NO
    return _model_field("date", date)


def _count(raw: Any) -> Any:
    if type(raw) is str and raw.isascii() and raw.isdigit() and len(raw) <= 15:
        return int(raw)
    if type(raw) is int and raw >= 0:
        return raw
    return None if cell_text(raw) is None else _NO


def _other_value(spec: FactSpec, table_comma: bool, decimal_comma: bool | None, raw: Any) -> Any:
    """A non-numeric fact's cell read as the row reader and the model read it."""
    value = decode_free(raw, table_comma)
    if spec.numeric or value is None:
        return _NO
    read = read_value(spec, value, decimal_comma=decimal_comma)
    return _NO if read.issue is not None else _model_field("value", read.value)


def _in_range(spec: FactSpec, numbers: np.ndarray) -> np.ndarray:
    """Where ``numbers`` are finite, in the spec's range and whole when they must be."""
    ok: np.ndarray = np.isfinite(numbers)
    with np.errstate(invalid="ignore"):
        if spec.integer:
            ok &= numbers == np.floor(numbers)
        if spec.min is not None:
            ok &= numbers >= spec.min
        if spec.max is not None:
            ok &= numbers <= spec.max
    return ok


def _empty(coded: Coded) -> np.ndarray:
    """Where a column's cell is empty, as the row reader sees it (``cell_text`` is ``None``)."""
    return coded.test(lambda raw: cell_text(raw) is None, True)


#: The profile fields read here (offers' rows and a vendor's integrators are the row reader's).
_FAST_PROFILE = PROFILE_FIELDS - {"integrators"}


def _spec(name: str, vocab: Vocabulary) -> FactSpec | None:
    if name.startswith((ANSWER_PREFIX, RISK_PREFIX)) or name in PROFILE_FIELDS:
        return None
    return vocab.fact_spec(name.removeprefix(FACT_PREFIX))


class _Facts:
    """The fact cells of every row, read column by column; ``ok`` says which rows passed."""

    def __init__(
        self, coded: dict[str, Coded], cols: Columns, decimal_comma: bool | None, specs: list[Any]
    ) -> None:
        self.coded = coded
        n = len(cols.numbers)
        self.ok = np.ones(n, dtype=bool)
        self.values = np.empty(n, dtype=object)
        self.numbers = {c: self.coded[c].plain_numbers() for c in ("value", "low", "high")}
        self.empty = {c: _empty(self.coded[c]) for c in ("low", "high")}
        self.read = {c: self.coded[c].read(_text(c)) for c in ("unit", "source", "evidence")}
        self.read["date"] = self.coded["date"].read(_date)
        self.read["count"] = self.coded["count"].read(_count)
        self.specs = specs
        self.comma = (cols.decimal_comma, decimal_comma)
        #: The levels read in ``low``/``high`` of level facts (``None`` elsewhere).
        self.bounds = {c: np.full(n, None, dtype=object) for c in ("low", "high")}

    def take(self, code: int, rows: np.ndarray) -> None:
        """Read the rows ``rows`` of the fact whose field is ``code`` (by its spec)."""
        spec: FactSpec = self.specs[code]
        value = self.numbers["value"][rows]
        if spec.numeric:
            ok = _in_range(spec, value)
            self.values[rows] = value.tolist()
        else:
            cells = self.coded["value"]
            codes, inverse = np.unique(cells.codes[rows], return_inverse=True)
            found = objects(
                [_NO if c < 0 else _other_value(spec, *self.comma, cells.cells[c]) for c in codes]
            )
            read = found[inverse.reshape(-1)]
            ok = np.array([v is not _NO for v in read], dtype=bool)
            self.values[rows] = read
        if spec.type == "level":
            ok &= self._level_range(spec, rows)
        else:
            for column, outside in (("low", np.greater), ("high", np.less)):
                bound = self.numbers[column][rows]
                fits = _in_range(spec, bound) & spec.numeric
                with np.errstate(invalid="ignore"):
                    fits &= ~outside(bound, value)
                ok &= self.empty[column][rows] | fits
        self._rest(spec, rows, ok)

    def _level_range(self, spec: FactSpec, rows: np.ndarray) -> np.ndarray:
        """Where a level fact's rows have no range, or a range of its levels in order."""
        bounds = []
        for column in ("low", "high"):
            cells = self.coded[column]
            codes, inverse = np.unique(cells.codes[rows], return_inverse=True)
            read = [
                None if c < 0 else level_bound(spec, self.comma[1], cells.cells[c]) for c in codes
            ]
            self.bounds[column][rows] = objects(read)[inverse.reshape(-1)]
            bounds.append(self.bounds[column][rows])
        return level_ranges_fit(spec, self.values[rows], *bounds)

    def _rest(self, spec: FactSpec, rows: np.ndarray, ok: np.ndarray) -> None:
        """The unit (of a numeric fact) and the other columns of ``rows``."""
        if spec.numeric:
            unit = self.coded["unit"].test(
                lambda raw: check_unit(spec, cell_text(raw)) is None, True
            )
            ok &= unit[rows]
        for column in ("unit", "source", "evidence", "date", "count"):
            ok &= np.array([v is not _NO for v in self.read[column][rows]], dtype=bool)
        self.ok[rows] = ok

    def facts(self, rows: list[int]) -> list[Fact]:
        """The facts of ``rows`` (rows that passed), as ``model_validate`` would give them."""
        index = np.asarray(rows, dtype=np.int64)
        lists: list[list[Any]] = [self.values[index].tolist()]
        for column in _OPTIONAL:
            if column in ("low", "high"):
                numbers = self.numbers[column][index].tolist()
                empty = self.empty[column][index].tolist()
                levels = self.bounds[column][index].tolist()
                lists.append(
                    [
                        level if level is not None else None if e else x
                        for x, e, level in zip(numbers, empty, levels, strict=True)
                    ]
                )
            else:
                lists.append(self.read[column][index].tolist())
        # the fields each row sets, as a bit mask: one set per mask, copied per fact
        masks = np.zeros(len(rows), dtype=np.int64)
        for bit, items in enumerate(lists[1:]):
            masks |= np.array([x is not None for x in items], dtype=np.int64) << bit
        patterns = {
            mask: {"value", *(c for b, c in enumerate(_OPTIONAL) if mask >> b & 1)}
            for mask in set(masks.tolist())
        }
        new, put = Fact.__new__, object.__setattr__
        out: list[Fact] = []
        for mask, cells in zip(masks.tolist(), zip(*lists, strict=True), strict=True):
            fact = new(Fact)
            put(fact, "__dict__", dict(zip(_FIELDS, cells, strict=True)))
            put(fact, "__pydantic_fields_set__", patterns[mask].copy())
            put(fact, "__pydantic_extra__", None)
            put(fact, "__pydantic_private__", None)
            out.append(fact)
        return out


def _profile(coded: dict[str, Coded], names: list[str | None], rows: np.ndarray) -> np.ndarray:
    """Each profile row's value typed by the row reader (``_NO`` when a fact column is used)."""
    value = coded["value"]
    index = np.stack([coded["field"].codes[rows], value.codes[rows]], axis=1)
    keys, inverse = np.unique(index, axis=0, return_inverse=True)
    found = objects(
        [profile_value(str(names[k]), None if v < 0 else value.cells[v]) for k, v in keys.tolist()]
    )
    out = found[inverse.reshape(-1)]
    for column in (*FACT_COLUMNS, *ANSWER_COLUMNS):
        out[~_empty(coded[column])[rows]] = _NO
    return out


def from_columns(cols: Columns, vocab: Vocabulary, decimal_comma: bool | None) -> Parsed:
    """Vendors from a long table read column by column; the same as ``from_table``.

    Raises
    ------
    InputError
        With the problems the row reader finds in the whole table.
    """
    n = len(cols.numbers)
    coded = {name: Coded(cells, cols.typed) for name, cells in cols.cells.items()}
    ids = coded["vendor_id"].read(cell_text)
    fields = coded["field"]
    names: list[str | None] = [cell_text(c) for c in fields.cells]
    named = fields.read(cell_text)
    loose = np.array([v is None or f is None for v, f in zip(ids, named, strict=True)], bool)
    vendor_of = np.full(n, -1, dtype=np.int64)
    vendor_keys = Coded(ids[~loose].tolist(), typed=False)
    vendor_of[~loose] = vendor_keys.codes
    named_codes = Coded(named.tolist(), typed=False)
    field_of = named_codes.codes
    field_names: list[str] = list(named_codes.cells)
    count = len(vendor_keys.cells)
    slow = np.zeros(count, dtype=bool)
    kept = np.flatnonzero(~loose)
    pair = vendor_of[kept] * (len(field_names) + 1) + field_of[kept]
    _, first = np.unique(pair, return_index=True)
    repeated = np.ones(len(kept), dtype=bool)
    repeated[first] = False
    slow[vendor_of[kept[repeated]]] = True
    bad = {p.row for p in cols.problems if p.row is not None}
    if bad:
        hit = np.array([number in bad for number in cols.numbers], dtype=bool) & ~loose
        slow[vendor_of[hit]] = True
    specs = [_spec(name, vocab) for name in field_names]
    # A vendor's integrators make it several alternatives: the row reader reads it.
    is_profile = np.array([name in _FAST_PROFILE for name in field_names], dtype=bool)
    is_fact = np.array([spec is not None for spec in specs], dtype=bool)
    row_profile = np.zeros(n, dtype=bool)
    row_fact = np.zeros(n, dtype=bool)
    row_profile[kept] = is_profile[field_of[kept]]
    row_fact[kept] = is_fact[field_of[kept]]
    slow[vendor_of[kept[~(row_profile[kept] | row_fact[kept])]]] = True
    facts = _Facts(coded, cols, decimal_comma, specs)
    for code in np.flatnonzero(is_fact).tolist():
        facts.take(code, np.flatnonzero(row_fact & (field_of == code)))
    for column in ANSWER_COLUMNS:
        facts.ok &= _empty(coded[column])
    slow[vendor_of[row_fact & ~facts.ok]] = True
    profile_rows = np.flatnonzero(row_profile)
    profile = _profile(coded, names, profile_rows)
    no = np.array([v is _NO for v in profile], dtype=bool)
    slow[vendor_of[profile_rows[no]]] = True
    vendors = _Vendors(vendor_keys.cells, vendor_of.tolist(), field_of.tolist(), field_names)
    fast_rows = np.zeros(n, dtype=bool)
    fast_rows[kept] = ~slow[vendor_of[kept]]
    fact_rows = np.flatnonzero(fast_rows & row_fact).tolist()
    vendors.add_facts(fact_rows, facts.facts(fact_rows))
    keep = fast_rows[profile_rows]
    vendors.add_profile(profile_rows[keep].tolist(), profile[keep].tolist())
    firsts = np.unique(vendor_of[kept], return_index=True)[1]
    fast = vendors.profiles(kept[firsts].tolist(), slow)
    fast_rows[kept] = ~slow[vendor_of[kept]]  # less the profiles the model refused
    slow_rows = np.flatnonzero(~fast_rows).tolist()
    return _merge(cols, vocab, decimal_comma, fast, slow_rows)


class _Vendors:
    """The fast vendors' profiles and facts, gathered row by row in the file's order."""

    def __init__(
        self, ids: list[Any], vendor_of: list[int], field_of: list[int], names: list[str]
    ) -> None:
        self.data: list[dict[str, Any]] = [{"id": vendor_id} for vendor_id in ids]
        self.facts: list[dict[str, Fact]] = [{} for _ in ids]
        self.vendor_of = vendor_of
        self.field_of = field_of
        self.names = names

    def add_facts(self, rows: list[int], facts: list[Fact]) -> None:
        for i, fact in zip(rows, facts, strict=True):
            name = self.names[self.field_of[i]].removeprefix(FACT_PREFIX)
            self.facts[self.vendor_of[i]][name] = fact

    def add_profile(self, rows: list[int], values: list[Any]) -> None:
        for i, value in zip(rows, values, strict=True):
            name = self.names[self.field_of[i]]
            if value is None:
                continue
            data = self.data[self.vendor_of[i]]
            if name.startswith("description."):
                data.setdefault("description", {})[name.split(".", 1)[1]] = value
            else:
                data[name] = value

    def profiles(self, firsts: list[int], slow: np.ndarray) -> dict[int, VendorProfile]:
        """By first row, each fast vendor whose profile the model accepts (others: slow)."""
        out: dict[int, VendorProfile] = {}
        for code, first in enumerate(firsts):
            if slow[code]:
                continue
            try:
                profile = VendorProfile.model_validate({**self.data[code], "facts": {}})
            except ValidationError:
                slow[code] = True
                continue
            fields = {**profile.__dict__, "facts": self.facts[code]}
            out[first] = VendorProfile.model_construct(profile.model_fields_set, **fields)
        return out


def _merge(
    cols: Columns,
    vocab: Vocabulary,
    decimal_comma: bool | None,
    fast: dict[int, VendorProfile],
    slow_rows: list[int],
) -> Parsed:
    """The fast vendors and those the row reader reads, in the file's order."""
    if not slow_rows and not cols.problems:
        firsts = sorted(fast)
        return Parsed([fast[i] for i in firsts], [cols.numbers[i] for i in firsts])
    slow = from_table(cols.rows(slow_rows), vocab, decimal_comma)  # raises on any problem
    position = {cols.numbers[i]: i for i in slow_rows}
    found = [
        (position[row], v)
        for v, row in zip(slow.vendors, slow.rows, strict=True)
        if row is not None  # the row reader locates every vendor of a table
    ]
    found += list(fast.items())
    found.sort(key=lambda pair: pair[0])
    return Parsed(
        [v for _, v in found],
        [cols.numbers[i] for i, _ in found],
        warnings=slow.warnings,
    )
