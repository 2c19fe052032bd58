"""What a ranking returns: scores, ranks, intermediate values, the normalised matrix, notes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from erp_select.engine._core import FloatArray, IntArray
from erp_select.engine.methods import METHODS
from erp_select.engine.registry import method_info
from erp_select.i18n import normalise_lang, t

__all__ = ["Note", "RankResult"]

_KEYS = frozenset(method.key for method in METHODS)


@dataclass(frozen=True)
class Note:
    """Something the user should know about a result (replaces printed library warnings)."""

    key: str
    params: dict[str, object] = field(default_factory=dict)

    def render(self, lang: str | None = None, labels: Mapping[str, str] | None = None) -> str:
        """Return the note as a sentence in ``lang`` (lists are joined with commas).

        Parameters
        ----------
        lang : str, optional
            ``"fr"`` or ``"en"``.
        labels : mapping of str to str, optional
            Display label by id: a parameter (or list item) that is a known id, such as a
            criterion id, is shown by its label. A ``method`` parameter holding a method
            key is shown by the method's name in ``lang``.

        Returns
        -------
        str
        """
        french = normalise_lang(lang) == "fr"
        names = labels or {}

        def shown_as(value: object) -> object:
            return names.get(value, value) if isinstance(value, str) else value

        shown: dict[str, object] = {}
        for name, value in self.params.items():
            if isinstance(value, list | tuple):
                shown[name] = ", ".join(
                    f"« {shown_as(v)} »" if french else f"“{shown_as(v)}”" for v in value
                )
            elif isinstance(value, bool):
                shown[name] = t(f"engine.word.{'yes' if value else 'no'}", lang)
            elif name == "method" and isinstance(value, str) and value in _KEYS:
                shown[name] = method_info(value).title(lang)
            else:
                shown[name] = shown_as(value)
        return t(self.key, lang, **shown)


@dataclass(frozen=True, eq=False)
class RankResult:
    """Scores, ranks (1 = best, competition ties) and intermediate values of one run.

    ``normalised`` is the method's normalised matrix (alternatives × criteria, every
    criterion, cost criteria already turned round), for the methods that have one to
    show (WSM: min–max value scores; TOPSIS: vector-normalised, costs negated), so an
    explanation never derives it again. ``weights`` are the weights the method used: sum
    1, zero on every criterion left out (zero weight, or constant where the method drops
    it); when nothing is left to compare (``neutral``: one vendor, or no weighted
    criterion discriminates, every vendor gets the method's best score), the stated
    weights.
    """

    method: str
    alternatives: list[str]
    criteria: list[str]
    scores: FloatArray
    ranks: IntArray
    higher_is_better: bool
    intermediate: dict[str, np.ndarray]
    notes: list[Note]
    normalised: FloatArray | None = None
    weights: FloatArray | None = None
    neutral: bool = False

    def to_frame(self) -> pd.DataFrame:
        """Return a table indexed by alternative: ``score``, ``rank`` then the intermediates.

        Returns
        -------
        pandas.DataFrame
            One row per alternative, in input order.
        """
        data: dict[str, Any] = {"score": self.scores, "rank": self.ranks}
        for name, values in self.intermediate.items():
            data[name] = values
        return pd.DataFrame(data, index=pd.Index(self.alternatives, name="alternative"))
