"""The decision problem every analysis takes: names, objectives, weights, values, ranges."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from erp_select.model.problem_checks import FloatArray, IntArray, check_problem, check_ranges

#: The one vocabulary of objectives: more is better ("max") or less is better ("min").
Objective = Literal["max", "min"]


@dataclass(frozen=True, eq=False)
class Problem:
    """A checked decision problem (build it with :meth:`of`; it is never invalid).

    Attributes
    ----------
    values : ndarray, shape (m, n)
        Finite performance values, one row per alternative, one column per criterion.
    signs : ndarray of int, shape (n,)
        +1 where more is better ("max"), −1 where less is better ("min", a cost).
    weights : ndarray, shape (n,)
        Non-negative weights summing to 1.
    alternatives, criteria : tuple of str
        Distinct names.
    low, high : ndarray, shape (m, n), optional
        Bounds of each value (equal to it where the value is certain); None when the
        problem states no uncertainty.
    """

    values: FloatArray
    signs: IntArray
    weights: FloatArray
    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    low: FloatArray | None = None
    high: FloatArray | None = None

    @classmethod
    def of(
        cls,
        matrix: Any,
        objectives: Any,
        weights: Any,
        alternatives: Sequence[Any] | None = None,
        criteria: Sequence[Any] | None = None,
        low: Any = None,
        high: Any = None,
    ) -> Problem:
        """Check a problem stated with plain values and return it.

        Parameters
        ----------
        matrix : array-like, shape (m, n)
            Raw values; a pandas DataFrame also gives the names (index and columns).
        objectives : sequence of n items
            "max" or "min" per criterion; also accepted, in any case, "benefit"/"cost",
            "maximise"/"minimise" ("maximize"/"minimize"), "+"/"-" and 1/−1.
        weights : sequence of n numbers
            Non-negative, finite, with a positive sum; normalised to sum 1.
        alternatives, criteria : sequence of str, optional
            Names; "A1".."Am" and "C1".."Cn" by default.
        low, high : array-like, shape (m, n), optional
            Bounds of the values (NaN where a value is certain).

        Returns
        -------
        Problem

        Raises
        ------
        InputError
            Every problem found in the table, the objectives and the weights at once,
            each located by criterion (and row); then any value outside its bounds.
        """
        values, signs, w, alts, crits = check_problem(
            matrix, objectives, weights, alternatives, criteria
        )
        bounds = check_ranges(values, low, high, alts, crits)
        lo, hi = bounds if bounds is not None else (None, None)
        return cls(values, signs, w, tuple(alts), tuple(crits), lo, hi)

    @property
    def objectives(self) -> tuple[Objective, ...]:
        """``"max"`` or ``"min"`` per criterion."""
        return tuple("max" if sign > 0 else "min" for sign in self.signs)

    @property
    def m(self) -> int:
        """Number of alternatives."""
        return int(self.values.shape[0])

    @property
    def n(self) -> int:
        """Number of criteria."""
        return int(self.values.shape[1])


def as_problem(
    problem: Any,
    objectives: Any = None,
    weights: Any = None,
    alternatives: Sequence[Any] | None = None,
    criteria: Sequence[Any] | None = None,
    low: Any = None,
    high: Any = None,
) -> Problem:
    """Return ``problem`` itself when it is a :class:`Problem`, else check the plain form.

    The plain form (a matrix with its objectives, weights, names and bounds) is the one
    the public functions documented in ``docs/api.md`` keep accepting.
    """
    if isinstance(problem, Problem):
        given = (objectives, weights, alternatives, criteria, low, high)
        if any(item is not None for item in given):
            raise TypeError("pass either a Problem or the plain arguments, not both")
        return problem
    return Problem.of(problem, objectives, weights, alternatives, criteria, low, high)
