"""Why a value used for ranking differs from the raw fact: typed adjustments and their words.

Every cell of the performance table keeps the figure its facts give (``raw``, ``None`` when
a fact is missing), the figure the ranking uses, and the list of :class:`Adjustment` that
lead from one to the other (a missing value filled by the criterion's rule, a suspiciously
low price penalised, customisation days from the questionnaire added to the TCO) or that
widen its range for the simulations (the evidence level). :func:`describe` turns one
adjustment into a sentence, :func:`cell_text` and :func:`cell_note` write a cell and its
footnote: every surface (app, report, CLI) uses these, so a figure and its reason read the
same everywhere.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from erp_select.i18n import fmt_money, fmt_number, fmt_percent, normalise_lang, t
from erp_select.model.common import Text
from erp_select.model.fact_names import fact_name

#: The mark put after a figure whose value used for ranking differs from the raw fact.
MARK = "†"

AdjustmentCode = Literal["missing", "low_price", "customisation", "evidence"]
#: How a missing value was filled: the bottom of a 0–100 score, the worst value observed,
#: missing checklist items counted absent, no vendor having it, the median of the vendors
#: that have it, the middle of the scale, the reviews' prior mean, missing checklist items
#: counted as the majority of the vendors that state them.
Basis = Literal["scale", "observed", "absent", "none", "median", "middle", "prior", "items"]

_MONEY_UNITS = frozenset({"eur", "€", "euro", "euros"})
#: Pseudo-facts named in sentences by a catalogue word rather than an id.
_WORDS = {"answers": "cells.word.answers", "reviews": "cells.word.reviews"}


@dataclass(frozen=True)
class Adjustment:
    """One reason why a cell's ranked value (or its range) differs from the raw fact.

    ``code`` says which rule applied; ``before`` is the value before it (``None`` when the
    fact is missing), ``after`` the value once it applies; ``params`` hold the numbers and
    words the sentence needs (see :func:`describe`).
    """

    code: AdjustmentCode
    after: float
    before: float | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def changes_value(self) -> bool:
        """True when the ranked value changes (an evidence range only widens the range)."""
        return self.code != "evidence"


@dataclass(frozen=True)
class Cell:
    """One vendor × criterion cell: the raw figure, the figure ranked, and why they differ."""

    vendor_id: str
    criterion_id: str
    unit: str | None
    raw: float | None
    used: float
    low: float
    high: float
    adjustments: tuple[Adjustment, ...] = ()

    @property
    def imputed(self) -> bool:
        """True when a missing value was filled by the criterion's rule."""
        return any(a.code == "missing" for a in self.adjustments)

    @property
    def adjusted(self) -> bool:
        """True when the ranked value is not the raw figure (the cell carries the mark)."""
        return marks(self.adjustments)

    @property
    def excluded(self) -> bool:
        """True when the criterion's rule excludes the vendor for this missing value."""
        return excludes(self.adjustments)


def marks(adjustments: tuple[Adjustment, ...]) -> bool:
    """True when a cell with these adjustments is ranked on another figure than its raw one."""
    return any(a.changes_value for a in adjustments)


def excludes(adjustments: tuple[Adjustment, ...]) -> bool:
    """True when these adjustments say the criterion's rule excludes the vendor for a
    missing value."""
    return any(a.code == "missing" and a.params.get("rule") == "exclude" for a in adjustments)


def value_text(value: float, unit: str | None, lang: str | None) -> str:
    """A criterion value with its unit: money as money, other numbers with their unit."""
    if not math.isfinite(value):
        return "—"
    if unit and unit.strip().lower() in _MONEY_UNITS:
        return fmt_money(value, lang)
    digits = 0 if float(value).is_integer() or abs(value) >= 1000 else 1
    if 0 < abs(value) < 10 and not float(value).is_integer():
        digits = 2
    text = fmt_number(value, lang, digits)
    if unit and unit.strip() == "%":
        return f"{text} %" if normalise_lang(lang) == "fr" else f"{text}%"
    if unit and unit.startswith("/"):
        return f"{text}{unit}" if normalise_lang(lang) == "en" else f"{text} {unit}"
    return f"{text} {unit}" if unit else text


def _facts(facts: Iterable[str], lang: str | None, label: object = None) -> str:
    # A fact the vocabulary does not know reads as the criterion's label (``label``).
    fallback = label if isinstance(label, Text) else None
    names = (t(_WORDS[f], lang) if f in _WORDS else fact_name(f, lang, fallback) for f in facts)
    return ", ".join(dict.fromkeys(names))


def describe(adjustment: Adjustment, lang: str | None = None, unit: str | None = None) -> str:
    """The sentence that says why ``adjustment`` applies, in ``lang``.

    Parameters
    ----------
    adjustment : Adjustment
        The adjustment.
    lang : str, optional
        ``"fr"`` or ``"en"``.
    unit : str, optional
        The criterion's unit (``"€"`` writes amounts as money).

    Returns
    -------
    str
        One clause, without the vendor or criterion name (see :func:`cell_note`).
    """
    p = adjustment.params
    after = value_text(adjustment.after, unit, lang)
    match adjustment.code:
        case "missing":
            rule = str(p.get("rule", "worst"))
            basis = str(p.get("basis", "scale"))
            key = "cells.missing.exclude" if rule == "exclude" else f"cells.missing.{rule}_{basis}"
            facts = _facts(p.get("facts", ()), lang, p.get("label"))
            return t(key, lang, facts=facts, value=after)
        case "low_price":
            return t(
                "cells.low_price",
                lang,
                share=fmt_percent(float(p["share"]), lang),
                median=value_text(float(p["median"]), unit, lang),
                ratio=fmt_percent(float(p["ratio"]), lang),
                penalty=fmt_percent(float(p["penalty"]), lang),
                value=after,
            )
        case "customisation":
            quote = p.get("quote")
            key = "cells.customisation" if quote is not None else "cells.customisation_no_quote"
            return t(
                key,
                lang,
                days=fmt_number(float(p["days"]), lang, 1),
                amount=fmt_money(float(p["amount"]), lang),
                quote=fmt_money(float(quote), lang) if quote is not None else "",
                value=after,
            )
        case "evidence":
            levels = _levels(p.get("levels", ()), lang)
            return t(
                "cells.evidence",
                lang,
                low=value_text(float(p["low"]), unit, lang),
                high=value_text(float(p["high"]), unit, lang),
                levels=levels,
            )
    raise ValueError(adjustment.code)  # pragma: no cover


def cell_text(cell: Cell, lang: str | None = None) -> str:
    """The cell as every table writes it: ``raw → used †`` when they differ, else the value.

    A missing raw figure is written ``—``.
    """
    used = value_text(cell.used, cell.unit, lang)
    if not cell.adjusted:
        return used
    raw = "—" if cell.raw is None else value_text(cell.raw, cell.unit, lang)
    return f"{raw} → {used} {MARK}"


def reasons(cell: Cell, lang: str | None = None) -> str:
    """Why the ranked value differs from the raw one (empty when it does not)."""
    return t("cells.sep", lang).join(
        describe(a, lang, cell.unit) for a in cell.adjustments if a.changes_value
    )


def cell_note(cell: Cell, vendor: str, criterion: str, lang: str | None = None) -> str:
    """The footnote of a marked cell: who, which criterion, both figures and the reasons."""
    used = value_text(cell.used, cell.unit, lang)
    if cell.raw is None:
        return t(
            "cells.note_missing",
            lang,
            mark=MARK,
            vendor=vendor,
            criterion=criterion,
            used=used,
            reasons=reasons(cell, lang),
        )
    return t(
        "cells.note",
        lang,
        mark=MARK,
        vendor=vendor,
        criterion=criterion,
        raw=value_text(cell.raw, cell.unit, lang),
        used=used,
        reasons=reasons(cell, lang),
    )


def _levels(levels: Iterable[tuple[str, float]], lang: str | None) -> str:
    return t("cells.sep", lang).join(
        t(
            "cells.level_width",
            lang,
            level=t(f"cells.level.{level}", lang),
            width=fmt_percent(float(width), lang),
        )
        for level, width in levels
    )


def levels_text(cell: Cell, lang: str | None = None) -> str:
    """The evidence levels that widen the cell's range, with their widths, or ``""``."""
    return t("cells.sep", lang).join(
        _levels(a.params.get("levels", ()), lang) for a in cell.adjustments if a.code == "evidence"
    )


def notes(
    cells: Sequence[Cell], vendors: Mapping[str, str], criteria: Mapping[str, str], lang: str | None
) -> list[str]:
    """The footnotes of every marked cell of ``cells``, in their order."""
    return [
        cell_note(
            c,
            vendors.get(c.vendor_id, c.vendor_id),
            criteria.get(c.criterion_id, c.criterion_id),
            lang,
        )
        for c in cells
        if c.adjusted
    ]


def no_data_warning(criterion: str, lang: str | None = None) -> str:
    """The warning for a criterion that no ranked vendor has a value for."""
    return t("cells.no_data", lang, criterion=criterion)


__all__ = [
    "MARK",
    "Adjustment",
    "AdjustmentCode",
    "Basis",
    "Cell",
    "cell_note",
    "cell_text",
    "describe",
    "levels_text",
    "no_data_warning",
    "notes",
    "reasons",
    "value_text",
]
