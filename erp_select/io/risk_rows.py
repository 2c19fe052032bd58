"""A vendor's risk register as rows of the long vendor table: ``risks.<n>.<part>``.

One row per part of a risk: ``risks.1.description``, ``risks.1.likelihood``,
``risks.1.impact``, ``risks.1.mitigation``, ``risks.1.owner``; ``n`` (from 1) groups the
parts of one risk and orders the register; only the ``value`` cell is used. Likelihood and
impact are whole numbers from 1 to 5: a text such as ``trois`` or a decimal is refused by
the model, located at its row.
"""

from __future__ import annotations

import re
from typing import Any

from erp_select.io.cells import cell_text, number_cell
from erp_select.model import VendorProfile

RISK_PREFIX = "risks."
PARTS = ("description", "likelihood", "impact", "mitigation", "owner")
NUMBER_PARTS = ("likelihood", "impact")
_NAME = re.compile(r"^risks\.([1-9][0-9]{0,2})\.([a-z_]+)$")


def risk_name(index: int, part: str) -> str:
    """The ``field`` cell of one part of the ``index``-th risk (counted from 1)."""
    return f"{RISK_PREFIX}{index}.{part}"


def parse_name(name: str) -> tuple[int, str] | None:
    """The risk number and part a ``field`` cell names, or ``None`` when it is malformed."""
    found = _NAME.match(name)
    if found is None or found.group(2) not in PARTS:
        return None
    return int(found.group(1)), found.group(2)


def read_cell(part: str, raw: Any, decimal_comma: bool) -> Any:
    """The model input of one part: a whole number for likelihood and impact, else text.

    A number cell of a whole value becomes an ``int``; anything else is passed on as
    written, for the model to refuse with the user's own text.
    """
    if part in NUMBER_PARTS:
        value = number_cell(raw, decimal_comma)
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value
    return cell_text(raw)


def risk_rows(vendor: VendorProfile) -> list[tuple[str, str | int]]:
    """The rows a vendor's risk register writes: (field, value), empty parts left out."""
    rows: list[tuple[str, str | int]] = []
    for n, risk in enumerate(vendor.risks, start=1):
        for part in PARTS:
            value = getattr(risk, part)
            if value is not None:
                rows.append((risk_name(n, part), value))
    return rows


def model_risks(parts: dict[int, dict[str, Any]]) -> tuple[list[dict[str, Any]], list[int]]:
    """The model input of the register, ordered by risk number, and each entry's number."""
    numbers = sorted(parts)
    return [parts[n] for n in numbers], numbers
