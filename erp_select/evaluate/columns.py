"""Evaluate one leaf over the whole vendor column: each distinct set of facts scored once.

A long list repeats itself: thousands of vendors state the same yes/no, the same level,
the same certifications, often the same evidence. A leaf scored by a value function
(fact, linear, piecewise, scale, yes/no, checklist) reads nothing but a few facts of the
vendor — their value, range and evidence level — so vendors whose read facts agree get
the same cell. :func:`leaf_column` groups the vendors by those facts, scores each group
once with the cell path itself (:func:`erp_select.evaluate.cells.leaf_value`, the one
truth), and spreads the groups' numbers over the column with NumPy. Anything else (TCO,
reviews, requirement answers, a leaf reading a profile field) returns ``None``: the caller
scores it cell by cell. :func:`tco_column` does the same for the TCO, which reads only the
vendor's pricing facts when no questionnaire answer prices the customisation.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from operator import itemgetter
from typing import Any

import numpy as np

from erp_select.evaluate import value_functions as vf
from erp_select.evaluate.cells import Context, leaf_value
from erp_select.evaluate.cells import gap as cell_gap
from erp_select.evaluate.evidence import Level, ordered
from erp_select.evaluate.missing import Gap
from erp_select.evaluate.tco import PRICING_FACTS, Estimate, TcoBreakdown, tco
from erp_select.model import (
    BooleanValue,
    ChecklistValue,
    CostTerms,
    Criterion,
    EvidenceWidths,
    Fact,
    FactValue,
    LinearValue,
    PiecewiseValue,
    ScaleValue,
    VendorProfile,
)

#: The fields of a fact that a value function reads (its number or label, its range and
#: its evidence level). A test holds this list against the fields :class:`Fact` has.
READ: tuple[str, ...] = ("value", "low", "high", "evidence")
#: Fields of a fact no value function reads (where it comes from, how it is written).
UNREAD: frozenset[str] = frozenset({"count", "unit", "source", "date"})
#: Names that may be read from the vendor's profile rather than its facts: such a leaf is
#: scored cell by cell.
PROFILE: frozenset[str] = frozenset(VendorProfile.model_fields)


@dataclass(frozen=True)
class Column:
    """One leaf's cells for every vendor: the cell path's objects, and the numbers as arrays.

    ``cells``, ``gaps`` and ``evidence`` are per vendor (shared between the vendors of a
    group); ``values``/``low``/``high`` are NaN where a vendor has no cell, ``raw`` NaN
    where its cell has a gap.
    """

    cells: list[vf.Valued | None]
    gaps: list[Gap | None]
    evidence: list[tuple[Level, ...]]
    values: np.ndarray
    low: np.ndarray
    high: np.ndarray
    raw: np.ndarray


def reads(leaf: Criterion) -> tuple[str, ...] | None:
    """The facts a leaf's value function reads, or ``None`` when it is not scored from
    facts alone (then it is scored cell by cell)."""
    spec = leaf.value
    names: tuple[str, ...]
    if isinstance(spec, FactValue | LinearValue | PiecewiseValue | ScaleValue | BooleanValue):
        names = (spec.fact,)
    elif isinstance(spec, ChecklistValue):
        names = tuple(item.fact for item in spec.items)
    else:
        return None
    return None if any(name in PROFILE for name in names) else names


def _atom(x: object) -> object:
    """A fact field as a key: its type kept (``True`` is not ``1``), lists as tuples, and
    the sign of a zero kept (``-0.0`` is not ``0.0``)."""
    if isinstance(x, list):
        return (list, tuple(_atom(y) for y in x))
    if isinstance(x, float) and x == 0.0:
        return (float, x, math.copysign(1.0, x))
    return (type(x), x)


Getter = Callable[[dict[str, Any]], tuple[Any, ...]]


def reader() -> Getter:
    """The fields :data:`READ` of a fact's ``__dict__``, as one tuple."""
    get = itemgetter(*READ)
    return (lambda d: (get(d),)) if len(READ) == 1 else get


def fact_key(fact: Fact | None, get: Getter | None = None) -> object:
    """What a value function reads of ``fact`` (``None`` when the vendor lacks it).

    The common case (no list, no zero, no ``False``) is the fields as they are with the
    value's type; any list or zero takes :func:`_atom` field by field.
    """
    if fact is None:
        return None
    fields = (get or reader())(fact.__dict__)
    if 0.0 in fields or list in map(type, fields):  # False == 0.0: it goes this way too
        return tuple(_atom(x) for x in fields)
    return (*map(type, fields), fields)


def leaf_column(leaf: Criterion, vendors: list[VendorProfile], ctx: Context) -> Column | None:
    """Every vendor's cell on ``leaf``, each distinct set of read facts scored once by the
    cell path; ``None`` when the leaf must be scored cell by cell (see :func:`reads`)."""
    names = reads(leaf)
    if names is None:
        return None
    groups: dict[object, int] = {}
    firsts: list[VendorProfile] = []
    codes = np.empty(len(vendors), dtype=np.intp)
    get = reader()
    one = names[0] if len(names) == 1 else None
    for i, vendor in enumerate(vendors):
        facts = vendor.facts
        if one is not None:
            key = fact_key(facts.get(one), get)
        else:
            key = tuple(fact_key(facts.get(name), get) for name in names)
        code = groups.get(key)
        if code is None:
            code = groups[key] = len(firsts)
            firsts.append(vendor)
        codes[i] = code
    scored = [leaf_value(leaf, vendor, ctx) for vendor in firsts]
    holes = [cell_gap(leaf, vendor, cell, ctx) for vendor, cell in zip(firsts, scored, strict=True)]
    levels = [ordered(cell.evidence) if cell is not None else () for cell in scored]
    nan = float("nan")
    numbers = np.array(
        [(nan, nan, nan) if c is None else (c.value, c.low, c.high) for c in scored], dtype=float
    ).reshape(len(firsts), 3)
    known = np.array([g is None for g in holes], dtype=bool)
    values, low, high = (numbers[codes, k] for k in range(3))
    rows = codes.tolist()
    return Column(
        cells=[scored[c] for c in rows],
        gaps=[holes[c] for c in rows],
        evidence=[levels[c] for c in rows],
        values=values,
        low=low,
        high=high,
        raw=np.where(known[codes], values, nan),
    )


def tco_column(
    vendors: list[VendorProfile],
    users: int,
    horizon_years: int,
    widths: EvidenceWidths,
    terms: CostTerms,
    customisations: list[tuple[Estimate, Estimate] | None],
) -> dict[str, TcoBreakdown]:
    """Every vendor's TCO (:func:`erp_select.evaluate.tco.tco`), each distinct set of
    pricing facts computed once among the vendors whose customisation is not priced by
    answers (``customisations[i]`` ``None``); each vendor gets its own breakdown (its id,
    its own line tables)."""
    done: dict[tuple[object, ...], TcoBreakdown] = {}
    out: dict[str, TcoBreakdown] = {}
    get = reader()
    for vendor, customisation in zip(vendors, customisations, strict=True):
        if customisation is not None:  # priced by the vendor's answers: its own TCO
            out[vendor.id] = tco(
                vendor,
                users,
                horizon_years,
                widths=widths,
                customisation=customisation,
                terms=terms,
            )
            continue
        facts = vendor.facts
        key = tuple(fact_key(facts.get(name), get) for name in PRICING_FACTS)
        first = done.get(key)
        if first is None:
            first = done[key] = tco(vendor, users, horizon_years, widths=widths, terms=terms)
            out[vendor.id] = first
            continue
        out[vendor.id] = replace(
            first,
            vendor_id=vendor.id,
            components=dict(first.components),
            years=tuple(dict(year) for year in first.years),
        )
    return out
