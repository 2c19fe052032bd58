"""A level fact's ``low``/``high`` cells read the fast way, as the row reader reads them."""

from __future__ import annotations

from typing import Any

import numpy as np
from pydantic import ValidationError

from erp_select.io.cells import cell_text
from erp_select.io.facts import read_bound
from erp_select.model.facts import FactSpec, check_level_range
from erp_select.model.vendor import Fact

#: A cell the fast way refuses (its vendor is left to the row reader, which says why).
REFUSED = object()


def level_bound(spec: FactSpec, decimal_comma: bool | None, raw: Any) -> Any:
    """A level fact's bound cell as the model stores it; ``None`` when empty, ``REFUSED``
    when the row reader or the model would refuse it."""
    text = cell_text(raw)
    if text is None:
        return None
    read = read_bound(spec, text if isinstance(raw, str) else raw, decimal_comma=decimal_comma)
    if read.issue is not None:
        return REFUSED
    try:
        return Fact.model_validate({"value": read.value, "low": read.value, "high": read.value}).low
    except ValidationError:
        return REFUSED


def level_ranges_fit(
    spec: FactSpec, values: np.ndarray, lows: np.ndarray, highs: np.ndarray
) -> np.ndarray:
    """Where a row has no range, or both bounds read and in the levels' order."""
    return np.array(
        [
            (low is None and high is None)
            or (
                low is not REFUSED
                and high is not REFUSED
                and check_level_range(spec, value, low, high) is None
            )
            for value, low, high in zip(values.tolist(), lows.tolist(), highs.tolist(), strict=True)
        ],
        dtype=bool,
    )
