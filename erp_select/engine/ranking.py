"""Rank vendors with a registered MCDA method and return plain numbers, ranks and notes.

Conventions shared by every method (``rank()`` here and ``erp_select.engine.batch``):

* **Inputs.** ``matrix`` holds raw performance values (m alternatives × n criteria),
  ``objectives`` says "max" or "min" per criterion (1/−1 and "benefit"/"cost" also
  accepted), ``weights`` are non-negative finite numbers with a positive sum; they are
  normalised to sum 1. Anything else raises ``InputError`` with a located ``Problem``.
* **Ties.** Two scores tie when they differ by at most 1e-12 times the largest score
  magnitude of the run. Tied alternatives share the best rank of their group and the next
  rank is skipped ("competition" ranking: 1, 1, 3). Rank 1 is always the best, whatever
  the direction of the method's score (``higher_is_better``).
* **Zero weights and constant criteria, with a note.** A criterion with zero weight is
  dropped (VIKOR would otherwise divide by zero). A criterion whose value is the same for
  every alternative (spread ≤ 1e-12 of its magnitude) is kept where the method's formula is
  defined with it (``Method.keeps_constant``: WPM and WASPAS give it the ratio 1,
  COPRAS the share 1/m, MOORA ±1/√m unless it is all zeros), since dropping it and
  renormalising would change their results; the other methods drop it (no range to rescale
  in WSM, VIKOR and SPOTIS; no effect at all in TOPSIS, EDAS and ELECTRE II). The remaining
  weights are renormalised to sum 1. Each method's description says which it does.
* **Nothing left to compare.** With a single alternative, or when no weighted criterion
  discriminates (e.g. identical alternatives), every alternative gets rank 1 and the
  method's best attainable score (``neutral`` below), with a note.
* **Positivity.** Ratio-scale methods (WPM, WASPAS: strictly positive values; COPRAS: cost
  values strictly positive, benefit values non-negative; EDAS: non-negative values) shift an
  offending criterion by ``x − min + (max − min)`` (its worst value becomes half its best),
  with a note. So a zero cost never divides by zero.
* **Library warnings** raised by scikit-criteria are captured and returned as notes.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from erp_select.engine._core import (
    FloatArray,
    IntArray,
    apply_shift,
    competition_ranks,
    constant_columns,
    kept_constant_columns,
    set_kept_constants,
    shift_columns,
    unit_scale,
)
from erp_select.engine.methods import Method
from erp_select.engine.methods._base import Outcome
from erp_select.engine.registry import method_spec
from erp_select.engine.result import Note, RankResult
from erp_select.errors import InputError
from erp_select.errors import Problem as Finding
from erp_select.model.problem import Problem, as_problem

__all__ = ["rank", "rank_with"]

#: Scores a cleaned table (values, signs, weights, names); ``None``: use scikit-criteria.
Runner = Callable[[FloatArray, IntArray, FloatArray, list[str], list[str]], Outcome | None]


def _neutral(spec: Method, problem: Problem, notes: list[Note]) -> RankResult:
    m = len(problem.alternatives)
    return RankResult(
        method=spec.key,
        alternatives=list(problem.alternatives),
        criteria=list(problem.criteria),
        scores=np.full(m, spec.neutral_score, dtype=np.float64),
        ranks=np.ones(m, dtype=np.int64),
        higher_is_better=spec.higher_is_better,
        intermediate={},
        notes=notes,
        normalised=_normalised(spec, problem),
        weights=problem.weights.copy(),
        neutral=True,
    )


def _normalised(spec: Method, problem: Problem) -> FloatArray | None:
    """The method's normalised matrix of the whole table (None for a method without one)."""
    return None if spec.normalise is None else spec.normalise(problem.values, problem.signs)


def _failed(spec: Method, exc: Exception) -> InputError:
    """A method that cannot rank these values: a located error instead of a traceback."""
    return InputError(
        [
            Finding(
                rule="engine.method_failed",
                field="method",
                value=spec.key,
                params={"method": spec.name, "message": str(exc)[:200]},
            )
        ]
    )


def _tie_notes(alternatives: Sequence[str], ranks: IntArray) -> list[Note]:
    notes: list[Note] = []
    for value in np.unique(ranks):
        members = [a for a, r in zip(alternatives, ranks, strict=True) if r == value]
        if len(members) > 1:
            notes.append(Note("engine.note.tie", {"alternatives": members, "rank": int(value)}))
    return notes


def rank(
    matrix: Problem | Any,
    objectives: Any = None,
    weights: Any = None,
    method: str = "topsis",
    alternatives: Sequence[Any] | None = None,
    criteria: Sequence[Any] | None = None,
) -> RankResult:
    """Rank the alternatives of a performance table with one MCDA method.

    Parameters
    ----------
    matrix : Problem
        The checked problem (pass ``method`` by name). The plain form kept for existing
        callers, ``rank(matrix, objectives, weights, method, alternatives, criteria)``,
        builds it with :meth:`Problem.of`.
    method : str, default "topsis"
        A key of ``methods()``.

    Returns
    -------
    RankResult
        Scores in the method's own direction, ranks (1 = best, ties share the best rank),
        per-alternative intermediate values and notes about the run.

    Raises
    ------
    InputError
        Unknown method, wrong shapes, non-numeric/NaN/infinite values, negative or all-zero
        weights, unknown objective labels; each problem names the criterion and value.
    """
    return rank_with(
        method_spec(method), as_problem(matrix, objectives, weights, alternatives, criteria)
    )


def rank_with(spec: Method, problem: Problem, runner: Runner | None = None) -> RankResult:
    """:func:`rank` of a checked ``problem``; ``runner`` scores the cleaned table.

    Everything but the scores and intermediates of the cleaned table (zero weights,
    constant columns, positivity shifts, notes, ties, the normalised matrix) is this
    function's, whichever runner is given; the default runner is the method's
    scikit-criteria one. A runner may return ``None`` to hand the table to that default.
    """
    m = problem.m
    notes: list[Note] = []
    if m == 1:
        return _neutral(spec, problem, [Note("engine.note.single_alternative")])

    weighted = problem.weights > 0
    zero = [c for c, keep in zip(problem.criteria, weighted, strict=True) if not keep]
    if zero:
        notes.append(Note("engine.note.zero_weight", {"criteria": zero}))
    constant = constant_columns(problem.values) & weighted
    held = kept_constant_columns(spec.keeps_constant, spec.shift, problem.values) & weighted
    dropped = constant & ~held
    if dropped.any():
        names = [c for c, flag in zip(problem.criteria, dropped, strict=True) if flag]
        notes.append(Note("engine.note.constant_criteria", {"criteria": names}))
    if held.any():
        names = [c for c, flag in zip(problem.criteria, held, strict=True) if flag]
        notes.append(Note("maths.note.constant_kept", {"criteria": names, "method": spec.key}))
    if not (weighted & ~constant).any():
        notes.append(Note("engine.note.no_discrimination"))
        return _neutral(spec, problem, notes)

    keep = weighted & ~dropped
    x = set_kept_constants(unit_scale(problem.values[:, keep]), held[keep], spec.shift)
    signs = problem.signs[keep]
    w = problem.weights[keep] / problem.weights[keep].sum()
    kept = [c for c, flag in zip(problem.criteria, keep, strict=True) if flag]
    shifted = shift_columns(x, signs, spec.shift)
    if shifted.any():
        x = apply_shift(x, shifted)
        names = [c for c, flag in zip(kept, shifted, strict=True) if flag]
        notes.append(Note("engine.note.shifted", {"criteria": names, "method": spec.key}))

    names = list(problem.alternatives)
    outcome = None if runner is None else runner(x, signs, w, names, kept)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if outcome is None:
            from erp_select.engine import _skc

            try:
                with np.errstate(all="ignore"):
                    outcome = _skc.RUNNERS[spec.key](x, signs, w, names, kept)
            except (ArithmeticError, ValueError, TypeError, IndexError, KeyError) as exc:
                raise _failed(spec, exc) from None
    scores, intermediate, extra = outcome
    scores = np.asarray(scores, dtype=np.float64)
    if not np.isfinite(scores).all():
        raise _failed(spec, ValueError("non-finite score"))
    notes.extend(Note(key, params) for key, params in extra)
    seen: set[str] = set()
    for item in caught:
        text = str(item.message)
        if text not in seen and not issubclass(item.category, DeprecationWarning):
            seen.add(text)
            notes.append(Note("engine.note.library_warning", {"message": text}))

    ranks = competition_ranks(scores, spec.higher_is_better)
    notes.extend(_tie_notes(problem.alternatives, ranks))
    used = np.zeros(problem.n)
    used[keep] = w
    return RankResult(
        method=spec.key,
        alternatives=list(problem.alternatives),
        criteria=list(problem.criteria),
        scores=scores,
        ranks=ranks,
        higher_is_better=spec.higher_is_better,
        intermediate=intermediate,
        notes=notes,
        normalised=_normalised(spec, problem),
        weights=used,
    )
