"""Check a method's ranking for rank reversal with scikit-criteria's ranksrev tools.

Two tests from scikit-criteria (``skcriteria.ranksrev``), both run on the engine's own
pipeline (same normalisation, notes and tie rule as ``rank()``):

* **Invariance** (``RankInvariantChecker``, Wang & Triantaphyllou's test criterion 1):
  each non-best vendor is made slightly worse (never worse than the next vendor in the
  ranking) ``repeat`` times; the best vendor should stay first.
* **Transitivity** (``RankTransitivityChecker``, test criteria 2 and 3): every pair of
  vendors is ranked on its own; the pairwise preferences should have no cycle, and the
  ranking rebuilt from them should equal the full ranking.

The check passes when the best vendor survived every mutation, the pairwise preferences
are transitive and they rebuild the full ranking. Nothing from scikit-criteria leaves this
module: the result holds plain values and a pandas DataFrame.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from erp_select.engine.ranking import rank
from erp_select.engine.registry import method_spec
from erp_select.engine.result import Note
from erp_select.errors import InputError
from erp_select.errors import Problem as Finding
from erp_select.model.problem import Problem, as_problem

__all__ = ["RankReversalResult", "rank_reversal_check"]


@dataclass(frozen=True, eq=False)
class RankReversalResult:
    """Outcome of ``rank_reversal_check`` (plain values only).

    Attributes
    ----------
    method : str
        Method key.
    passed : bool
        True when ``best_kept_rate`` is 1, ``transitive`` and ``pairwise_consistent``.
    best : list of str
        Vendors ranked first on the original data.
    mutations : int
        Number of worsened copies of the problem that were ranked.
    best_kept_rate : float
        Share of mutations after which the original best vendor is still first (1 = stable).
    mean_best_displacement : float
        Average number of places the original best vendor lost over the mutations.
    order_kept_rate : float
        Share of mutations that left the relative order of the untouched vendors unchanged.
    transitive : bool
        No cycle among the pairwise preferences.
    transitivity_break_rate : float
        Share of vendor triples that form a cycle (0 = none).
    pairwise_consistent : bool
        The ranking rebuilt from the pairwise preferences orders every pair that the full
        ranking separates the same way (pairs tied in the full ranking are not judged).
    changes : pandas.DataFrame
        One row per mutation: ``mutated`` vendor, ``iteration``, ``best_kept``,
        ``order_kept``, ``new_best`` (vendors first after the mutation).
    notes : list of Note
        Why a test was skipped, or which vendors changed places.
    """

    method: str
    passed: bool
    best: list[str]
    mutations: int
    best_kept_rate: float
    mean_best_displacement: float
    order_kept_rate: float
    transitive: bool
    transitivity_break_rate: float
    pairwise_consistent: bool
    changes: pd.DataFrame
    notes: list[Note] = field(default_factory=list)


def _dense(ranks: np.ndarray) -> np.ndarray:
    """Competition ranks (1, 1, 3) → dense ranks (1, 1, 2), which scikit-criteria expects."""
    _, inverse = np.unique(ranks, return_inverse=True)
    dense: np.ndarray = (inverse + 1).astype(np.int64)
    return dense


def _build_checkers(method: str, repeat: int, seed: int) -> tuple[Any, Any]:
    """Return scikit-criteria's two checkers wrapped around the engine's ``rank()``."""
    from skcriteria.agg import RankResult as SkcRankResult
    from skcriteria.ranksrev import RankInvariantChecker, RankTransitivityChecker
    from skcriteria.ranksrev.rank_invariant_check import mutate_dm

    class EngineDecisionMaker:
        """Adapter giving ``rank()`` the ``evaluate(dm)`` interface the checkers call."""

        def evaluate(self, dm: Any) -> Any:
            result = rank(
                dm.matrix.to_numpy(dtype=np.float64),
                [int(v) for v in dm.iobjectives.to_numpy()],
                dm.weights.to_numpy(dtype=np.float64),
                method=method,
                alternatives=[str(a) for a in dm.alternatives],
                criteria=[str(c) for c in dm.criteria],
            )
            return SkcRankResult(
                method=method,
                alternatives=np.asarray(result.alternatives),
                values=_dense(result.ranks),
                extra={},
            )

    class SafeInvariantChecker(RankInvariantChecker):  # type: ignore[misc]
        """Skip a mutation that cannot worsen a vendor (it equals its successor).

        scikit-criteria draws noise until one component is non-zero, which never ends
        when every bound is zero (identical vendors); such a vendor is left as it is.
        """

        def _mutate_dm(
            self, *, dm: Any, mutate: Any, alternative_max_abs_noise: Any, random: Any
        ) -> Any:
            current = dm.matrix.loc[mutate].astype(float).abs()
            bound = alternative_max_abs_noise.clip(upper=current).fillna(0.0)
            if not np.any(bound.to_numpy(dtype=np.float64) > 0):
                return dm, pd.Series(0.0, index=bound.index)
            return mutate_dm(
                dm=dm,
                mutate=mutate,
                alternative_max_abs_noise=alternative_max_abs_noise,
                random=random,
            )

    dmaker = EngineDecisionMaker()
    invariant = SafeInvariantChecker(dmaker, repeat=repeat, random_state=seed)
    transitivity = RankTransitivityChecker(dmaker, n_jobs=1)
    return invariant, transitivity


def rank_reversal_check(
    matrix: Problem | Any,
    objectives: Any = None,
    weights: Any = None,
    method: str = "topsis",
    alternatives: Sequence[Any] | None = None,
    seed: int = 0,
    criteria: Sequence[Any] | None = None,
    repeat: int = 3,
) -> RankReversalResult:
    """Test whether a method's ranking of these vendors is prone to rank reversal.

    Parameters
    ----------
    matrix, method
        As for ``rank()`` (also the plain form ``matrix, objectives, weights``, with
        ``alternatives`` and ``criteria``).
    seed : int, default 0
        Seed of the random worsening (the check is reproducible).
    repeat : int, default 3
        How many times each non-best vendor is worsened.

    Returns
    -------
    RankReversalResult

    Raises
    ------
    InputError
        Bad inputs, as for ``rank()``, or ``repeat`` below 1.
    """
    spec = method_spec(method)
    if isinstance(repeat, bool) or not isinstance(repeat, int | np.integer) or repeat < 1:
        raise InputError(
            [Finding(rule="engine.rank_reversal_repeat", field="repeat", value=repeat)]
        )
    problem = as_problem(matrix, objectives, weights, alternatives, criteria)
    reference = rank(problem, method=spec.key)
    best = [a for a, r in zip(reference.alternatives, reference.ranks, strict=True) if r == 1]
    empty = pd.DataFrame(columns=["mutated", "iteration", "best_kept", "order_kept", "new_best"])
    if len(problem.alternatives) < 3:
        return RankReversalResult(
            method=spec.key,
            passed=True,
            best=best,
            mutations=0,
            best_kept_rate=1.0,
            mean_best_displacement=0.0,
            order_kept_rate=1.0,
            transitive=True,
            transitivity_break_rate=0.0,
            pairwise_consistent=True,
            changes=empty,
            notes=[Note("engine.note.reversal_too_few", {"count": len(problem.alternatives)})],
        )

    import skcriteria as skc

    dm = skc.mkdm(
        matrix=problem.values,
        objectives=[int(s) for s in problem.signs],
        weights=problem.weights,
        alternatives=list(problem.alternatives),
        criteria=list(problem.criteria),
    )
    invariant, transitivity = _build_checkers(spec.key, int(repeat), seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"):
            mutated = invariant.evaluate(dm)
            pairwise = transitivity.evaluate(dm)

    ref_ranks = dict(zip(reference.alternatives, _dense(reference.ranks), strict=True))
    rows: list[dict[str, Any]] = []
    displacement: list[int] = []
    for _, result in list(mutated.named_ranks.items())[1:]:
        info = result.extra_["rank_inv_check"]
        who = str(info["mutated"])
        ranks = dict(zip((str(a) for a in result.alternatives), result.values, strict=True))
        others = [a for a in problem.alternatives if a != who]
        order_kept = all(
            np.sign(ref_ranks[a] - ref_ranks[b]) == np.sign(ranks[a] - ranks[b])
            for i, a in enumerate(others)
            for b in others[i + 1 :]
        )
        rows.append(
            {
                "mutated": who,
                "iteration": int(info["iteration"]),
                "best_kept": all(ranks[b] == 1 for b in best),
                "order_kept": bool(order_kept),
                "new_best": [a for a in problem.alternatives if ranks[a] == 1],
            }
        )
        displacement.append(int(min(ranks[b] for b in best)) - 1)
    changes = pd.DataFrame(rows, columns=empty.columns) if rows else empty
    count = len(rows)
    best_kept_rate = float(changes["best_kept"].mean()) if count else 1.0
    order_kept_rate = float(changes["order_kept"].mean()) if count else 1.0
    transitive = bool(pairwise.extra_["test_criterion_2"])
    # Test criterion 3, read as scikit-criteria does but without penalising pairs that the
    # full ranking ties: a two-vendor tie becomes an arbitrary edge in the library's graph.
    rebuilt = list(pairwise.named_ranks.values())[1]
    rebuilt_ranks = dict(zip((str(a) for a in rebuilt.alternatives), rebuilt.values, strict=True))
    names = list(problem.alternatives)
    consistent = transitive and all(
        np.sign(ref_ranks[a] - ref_ranks[b]) == np.sign(rebuilt_ranks[a] - rebuilt_ranks[b])
        for i, a in enumerate(names)
        for b in names[i + 1 :]
        if ref_ranks[a] != ref_ranks[b]
    )
    notes: list[Note] = []
    for row in rows:
        if not row["best_kept"]:
            notes.append(
                Note(
                    "engine.note.reversal_best_changed",
                    {"mutated": row["mutated"], "best": best, "new_best": row["new_best"]},
                )
            )
    if not transitive:
        notes.append(Note("engine.note.reversal_cycle"))
    return RankReversalResult(
        method=spec.key,
        passed=bool(best_kept_rate == 1.0 and transitive and consistent),
        best=best,
        mutations=count,
        best_kept_rate=best_kept_rate,
        mean_best_displacement=float(np.mean(displacement)) if displacement else 0.0,
        order_kept_rate=order_kept_rate,
        transitive=transitive,
        transitivity_break_rate=float(pairwise.extra_["transitivity_break_rate"]),
        pairwise_consistent=consistent,
        changes=changes,
        notes=notes,
    )
