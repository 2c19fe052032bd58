"""What one ranking method is made of: its settings, scikit-criteria runner and batch kernel."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from erp_select.engine._core import BoolArray, FloatArray, IntArray, ShiftRule
from erp_select.i18n import LANGS, t

#: What a runner returns: scores (m,), per-alternative intermediates, notes as (key, params).
Outcome = tuple[FloatArray, dict[str, np.ndarray], list[tuple[str, dict[str, object]]]]
#: Runs the method through scikit-criteria on a cleaned table (values, signs, weights, names).
Runner = Callable[[FloatArray, IntArray, FloatArray, list[str], list[str]], Outcome]
#: Normalised tables of a batch of (S or 1, m, n) matrices, by name.
Prepared = dict[str, FloatArray]
#: Builds the normalised tables from (matrices, signs, used columns (S, n)).
PrepFn = Callable[[FloatArray, IntArray, BoolArray], Prepared]
#: Scores every sample (S, m) from the prepared tables and the weights (S, n).
ScoreFn = Callable[[Prepared, FloatArray], FloatArray]
#: The method's normalised matrix (m, n) of a raw table, every criterion included.
NormaliseFn = Callable[[FloatArray, IntArray], FloatArray]


@dataclass(frozen=True)
class Method:
    """One ranking method; its name and description live in the ``methods`` catalogue.

    ``keeps_constant`` is True when the method's formula is defined with a criterion that
    has the same value for every vendor (ratio, share or vector normalisation): such a
    criterion is kept. ``prepare``/``score`` are the closed-form batch kernel (None: the
    batch scorer loops over ``rank()``); ``normalise`` gives the normalised matrix that
    travels in the result (None when the method has none to show).
    """

    key: str
    normalisation: str
    higher_is_better: bool
    neutral_score: float
    shift: ShiftRule
    run: Runner
    keeps_constant: bool = False
    prepare: PrepFn | None = None
    score: ScoreFn | None = None
    normalise: NormaliseFn | None = None

    @property
    def batchable(self) -> bool:
        """Whether the batch scorer has a closed form for this method."""
        return self.prepare is not None and self.score is not None

    @property
    def name(self) -> str:
        """The method's English name."""
        return t(f"methods.{self.key}.name", "en")

    def texts(self, field: str) -> dict[str, str]:
        """The catalogue text ``methods.<key>.<field>`` in every language."""
        return {lang: t(f"methods.{self.key}.{field}", lang) for lang in LANGS}
