"""One column of a long table as codes of its distinct cells, each cell read once.

A long list repeats most of its cells (units, dates, levels, yes/no, field names): a column
is factorised into the distinct cells and, per row, the code of its cell; a reading is done
once per distinct cell and spread back to the rows with NumPy. ``True``, ``1`` and ``1.0``
(XLSX cells) stay distinct cells.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np
import pandas as pd

#: A number that every reading takes the same way (no sign, exponent, space, comma, or dot
#: that could group thousands): ``60000``, ``99.5``. Any other number is read cell by cell.
PLAIN = r"(?:0|[1-9][0-9]*)(?:\.[0-9]+)?"
GROUPING_DOT = r"[1-9][0-9]{0,2}\.[0-9]{3}"


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cycle collector while many small objects are made (a long list's facts,
    cells, evaluation).

    They hold no cycles, but each allocation burst would start a collection that walks
    every object made so far: the work would grow with the square of the rows. The
    collector is paused for the whole process, for that while only.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def objects(items: Sequence[Any]) -> np.ndarray:
    """``items`` as a 1-D object array, each item one cell (lists and tuples kept whole)."""
    return np.fromiter(items, dtype=object, count=len(items))


def _key(raw: Any) -> Any:
    return raw if raw is None or type(raw) is str else (type(raw).__name__, raw)


class Coded:
    """A column as ``codes`` (one per row, -1 for an empty cell) of its distinct ``cells``.

    ``typed`` says the cells may be other than texts (XLSX): ``True``, ``1`` and ``1.0``
    then stay apart.
    """

    def __init__(self, values: Sequence[Any], typed: bool = True) -> None:
        array = objects(values)
        if not typed or all(v is None or type(v) is str for v in set(map(_key, values))):
            codes, uniques = pd.factorize(array)
            self.cells: list[Any] = list(uniques)
        else:  # typed XLSX cells: keep True, 1 and 1.0 apart
            codes, uniques = pd.factorize(objects([_key(v) for v in values]))
            self.cells = [k if k is None or type(k) is str else k[1] for k in uniques]
        self.codes: np.ndarray = np.asarray(codes, dtype=np.int64)

    def read(self, func: Callable[[Any], Any], empty: Any = None) -> np.ndarray:
        """``func`` of each row's cell (``empty`` for an empty cell), as an object array."""
        out = objects([*(func(c) for c in self.cells), empty])
        found: np.ndarray = out[self.codes]
        return found

    def test(self, func: Callable[[Any], bool], empty: bool) -> np.ndarray:
        """Whether ``func`` holds for each row's cell (``empty`` for an empty cell)."""
        out = np.empty(len(self.cells) + 1, dtype=bool)
        out[:-1] = [bool(func(c)) for c in self.cells]
        out[-1] = empty
        found: np.ndarray = out[self.codes]
        return found

    def plain_numbers(self) -> np.ndarray:
        """Each row's cell as a float when it is a plain number, NaN otherwise."""
        out = np.full(len(self.cells) + 1, np.nan)
        texts = [i for i, c in enumerate(self.cells) if type(c) is str]
        if texts:
            strings = pd.Series([self.cells[i] for i in texts], dtype="str")
            plain = strings.str.fullmatch(PLAIN).to_numpy(dtype=bool, na_value=False)
            grouped = strings.str.fullmatch(GROUPING_DOT).to_numpy(dtype=bool, na_value=False)
            plain = plain & ~grouped
            chosen = np.asarray(texts)[plain]
            # float() of each text: exactly rounded, as the row reader's numbers
            out[chosen] = objects([self.cells[i] for i in chosen]).astype(float)
        for i, cell in enumerate(self.cells):
            if type(cell) in (int, float) and math.isfinite(cell) and abs(cell) < 2**1023:
                out[i] = float(cell)
        numbers: np.ndarray = out[self.codes]
        return numbers
