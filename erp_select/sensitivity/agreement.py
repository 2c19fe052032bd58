"""Method agreement: rank the vendors under every registered method and measure how far they agree.

The **consensus ranking** is a Borda count with ties split: each method gives a vendor
one point for every vendor it ranks strictly below it and half a point for every vendor
tied with it, i.e. ``m − r̄`` where ``r̄`` is the vendor's *average* (fractional) rank
under that method. Points are summed over the methods that succeeded; ordering by Borda
points is therefore the same as ordering by mean fractional rank (``mean_rank``).
Vendors with equal points (within 1e-9) share the best rank ("competition" ranking
1, 1, 3 — the engine's tie rule); no further tie-break is applied.

Rank correlations between methods are Spearman's ρ and Kendall's τ-b (which corrects
for ties), both from :mod:`scipy.stats`, computed on the ranks; they are NaN when a
ranking is constant (every vendor tied) or there are fewer than two vendors.

A method that fails on the data (e.g. a degenerate matrix) is reported in ``failures``
and left out; the analysis only fails when every method does.
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from erp_select import engine
from erp_select.engine import RankResult
from erp_select.errors import InputError, Problem
from erp_select.i18n import t
from erp_select.model.problem import Problem as EngineProblem
from erp_select.model.problem import as_problem
from erp_select.sensitivity.blocks import small_algebra

_BORDA_TOL = 1e-9


@dataclass(frozen=True)
class AgreementResult:
    """Rankings under every method, how they correlate, the consensus and a reversal check.

    Attributes
    ----------
    ranks : DataFrame
        Index alternatives (input order), one int column per method that succeeded
        (1 = best, ties share the best rank).
    scores : DataFrame
        The native scores, same shape (mind each method's direction in ``methods``).
    spearman, kendall : DataFrame
        Method × method rank correlations (1 on the diagonal; NaN when undefined).
    consensus : DataFrame
        Index alternatives; columns ``borda`` (points), ``mean_rank`` (mean fractional
        rank), ``consensus_rank`` (int, 1 = best), ``first_places`` (number of methods
        ranking the vendor first), ``best_rank``, ``worst_rank``.
    failures : DataFrame
        One row per method that failed: ``method``, ``rule``, ``message``.
    rank_reversal : DataFrame
        One row per method checked for rank reversal (``erp_select.engine.ranksrev``):
        ``method`` plus the engine's plain fields (``passed``, ``best``,
        ``best_kept_rate``, ``transitive``, ``notes`` rendered in ``lang``, …), or
        ``rule``/``message`` when the check itself failed.
    reversal_changes : DataFrame
        The engine's per-mutation table of every check, with a ``method`` column.
    methods : DataFrame
        Index method keys (every method tried); ``name``, ``normalisation``,
        ``higher_is_better``, ``ok``.
    reference : str
        The project's method (the one checked for rank reversal by default).
    """

    ranks: pd.DataFrame
    scores: pd.DataFrame
    spearman: pd.DataFrame
    kendall: pd.DataFrame
    consensus: pd.DataFrame
    failures: pd.DataFrame
    rank_reversal: pd.DataFrame
    reversal_changes: pd.DataFrame
    methods: pd.DataFrame
    reference: str

    @property
    def unanimous(self) -> bool:
        """True when every method that succeeded puts the same vendor(s) first."""
        if self.ranks.empty:
            return False
        firsts = {frozenset(self.ranks.index[self.ranks[c] == 1]) for c in self.ranks.columns}
        return len(firsts) == 1


def fractional_ranks(ranks: np.ndarray) -> np.ndarray:
    """Turn competition ranks (1, 1, 3) into average ranks (1.5, 1.5, 3).

    Parameters
    ----------
    ranks : ndarray, shape (m,)
        Integer ranks, ties sharing the best rank.

    Returns
    -------
    ndarray, shape (m,)
        Float ranks where a group of ``k`` tied vendors at rank ``r`` gets ``r + (k−1)/2``.
    """
    r = np.asarray(ranks)
    counts = (r[:, None] == r[None, :]).sum(axis=1)
    return np.asarray(r + (counts - 1) / 2.0, dtype=float)


def competition_ranks(points: np.ndarray, tol: float = _BORDA_TOL) -> np.ndarray:
    """Rank by descending ``points``; values within ``tol`` share the best rank (1, 1, 3).

    Parameters
    ----------
    points : ndarray, shape (m,)
        Higher is better.
    tol : float
        Absolute tolerance for a tie.

    Returns
    -------
    ndarray of int64, shape (m,)
    """
    p = np.asarray(points, dtype=float)
    better = (p[None, :] > p[:, None] + tol).sum(axis=1)
    return np.asarray(better + 1, dtype=np.int64)


def consensus_ranking(ranks: pd.DataFrame) -> pd.DataFrame:
    """Borda consensus (ties split) of the rankings in the columns of ``ranks``.

    Parameters
    ----------
    ranks : DataFrame
        Index alternatives, one column of competition ranks per method.

    Returns
    -------
    DataFrame
        Columns ``borda``, ``mean_rank``, ``consensus_rank``, ``first_places``,
        ``best_rank``, ``worst_rank`` (see :class:`AgreementResult`).
    """
    m = len(ranks.index)
    if ranks.shape[1] == 0:
        frac = np.zeros((m, 0))
    else:
        frac = np.column_stack([fractional_ranks(ranks[c].to_numpy()) for c in ranks.columns])
    borda = (m - frac).sum(axis=1)
    mean_rank = frac.mean(axis=1) if frac.shape[1] else np.full(m, np.nan)
    values = ranks.to_numpy()
    return pd.DataFrame(
        {
            "borda": borda,
            "mean_rank": mean_rank,
            "consensus_rank": competition_ranks(borda),
            "first_places": (values == 1).sum(axis=1).astype(np.int64),
            "best_rank": values.min(axis=1) if values.shape[1] else np.zeros(m, np.int64),
            "worst_rank": values.max(axis=1) if values.shape[1] else np.zeros(m, np.int64),
        },
        index=ranks.index,
    )


def rank_correlations(ranks: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Spearman ρ and Kendall τ-b between every pair of columns of ``ranks``.

    Parameters
    ----------
    ranks : DataFrame
        One column of ranks per method.

    Returns
    -------
    (DataFrame, DataFrame)
        Symmetric method × method matrices of ρ and τ; NaN where undefined (a constant
        ranking, fewer than two vendors), except the diagonal of a defined ranking (1).
    """
    keys = list(ranks.columns)
    k = len(keys)
    rho = np.full((k, k), np.nan)
    tau = np.full((k, k), np.nan)
    for i in range(k):
        for j in range(i, k):
            x = ranks[keys[i]].to_numpy(dtype=float)
            y = ranks[keys[j]].to_numpy(dtype=float)
            if x.size < 2 or np.all(x == x[0]) or np.all(y == y[0]):
                continue
            if i == j:
                rho[i, i] = tau[i, i] = 1.0
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                r = float(stats.spearmanr(x, y).statistic)
                tt = float(stats.kendalltau(x, y).statistic)
            rho[i, j] = rho[j, i] = r
            tau[i, j] = tau[j, i] = tt
    index = pd.Index(keys, name="method")
    return (
        pd.DataFrame(rho, index=index, columns=keys),
        pd.DataFrame(tau, index=index, columns=keys),
    )


def _failure(key: str, exc: Exception, lang: str | None) -> dict[str, str]:
    if isinstance(exc, InputError) and exc.problems:
        return {"method": key, "rule": exc.problems[0].rule, "message": exc.render(lang)}
    return {
        "method": key,
        "rule": "explain.method_failed",
        "message": t("explain.method_failed", lang, method=key, error=type(exc).__name__),
    }


def _plain(value: Any, lang: str | None) -> Any:
    """Make one field of the engine's reversal result fit a table cell (None: leave out)."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, list | tuple):
        if all(isinstance(v, str) for v in value):
            return ", ".join(value)
        if all(hasattr(v, "render") for v in value):
            return " ".join(str(v.render(lang)) for v in value)
        return None
    if isinstance(value, pd.DataFrame | pd.Series | np.ndarray | dict):
        return None
    return value


def _reversal_row(key: str, check: Any, lang: str | None) -> dict[str, Any]:
    row: dict[str, Any] = {"method": key}
    if dataclasses.is_dataclass(check) and not isinstance(check, type):
        for f in dataclasses.fields(check):
            if f.name == "method":
                continue
            value = _plain(getattr(check, f.name), lang)
            if value is not None:
                row[f.name] = value
    return row


def _reversal_changes(key: str, check: Any) -> pd.DataFrame | None:
    changes = getattr(check, "changes", None)
    if not isinstance(changes, pd.DataFrame):
        return None
    return changes.assign(method=key)[["method", *changes.columns]]


@small_algebra
def method_agreement(
    matrix: EngineProblem | np.ndarray | Sequence[Sequence[float]],
    objectives: Sequence[Any] | None = None,
    weights: np.ndarray | Sequence[float] | None = None,
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
    methods: Sequence[str] | None = None,
    reference: str = "topsis",
    reversal_methods: Sequence[str] | None = None,
    seed: int = 0,
    lang: str | None = None,
) -> AgreementResult:
    """Rank the vendors under every method and compare the rankings.

    Parameters
    ----------
    matrix : Problem
        The checked problem; or the plain form ``matrix, objectives, weights`` with
        ``alternatives`` and ``criteria`` (checked once by ``Problem.of``).
    methods : sequence of str, optional
        Method keys to compare (default: every registered method).
    reference : str
        The project's method.
    reversal_methods : sequence of str, optional
        Methods to run the rank-reversal check on (default ``[reference]``; ``[]`` to skip).
    seed : int
        Seed of the rank-reversal check.
    lang : str, optional
        Language of the failure messages.

    Returns
    -------
    AgreementResult

    Raises
    ------
    InputError
        When the problem is bad, or every method fails.
    """
    registry = {info.key: info for info in engine.methods()}
    keys = list(methods) if methods is not None else list(registry)
    unknown = [k for k in keys if k not in registry]
    if unknown:
        raise InputError(
            [
                Problem(
                    rule="explain.unknown_method",
                    field="methods",
                    value=k,
                    params={"method": k, "known": ", ".join(registry)},
                )
                for k in unknown
            ]
        )

    stated = as_problem(matrix, objectives, weights, alternatives, criteria)
    results: dict[str, RankResult] = {}
    failures: list[dict[str, str]] = []
    first_error: InputError | None = None
    for key in keys:
        try:
            res = engine.rank(stated, method=key)
        except Exception as exc:  # a degenerate method is reported, never fatal
            if first_error is None and isinstance(exc, InputError):
                first_error = exc
            failures.append(_failure(key, exc, lang))
            continue
        scores = np.asarray(res.scores, dtype=float)
        if not np.all(np.isfinite(scores)):
            failures.append(
                {
                    "method": key,
                    "rule": "explain.method_non_finite",
                    "message": t("explain.method_non_finite", lang, method=key),
                }
            )
            continue
        results[key] = res
    if not results:
        if first_error is not None:
            raise first_error
        raise InputError([Problem(rule="explain.all_methods_failed", params={"n": len(keys)})])

    any_result = next(iter(results.values()))
    index = pd.Index([str(a) for a in any_result.alternatives], name="alternative")
    ranks = pd.DataFrame(
        {k: np.asarray(r.ranks, dtype=np.int64) for k, r in results.items()}, index=index
    )
    scores_df = pd.DataFrame(
        {k: np.asarray(r.scores, dtype=float) for k, r in results.items()}, index=index
    )
    spearman, kendall = rank_correlations(ranks)
    consensus = consensus_ranking(ranks)

    rows: list[dict[str, Any]] = []
    changes: list[pd.DataFrame] = []
    for key in reversal_methods if reversal_methods is not None else [reference]:
        try:
            # Imported here: the check is optional work with more of the library behind it.
            from erp_select.engine import ranksrev

            check = ranksrev.rank_reversal_check(stated, method=key, seed=seed)
        except Exception as exc:  # reported like a failing method
            rows.append(_failure(key, exc, lang))
            continue
        rows.append(_reversal_row(key, check, lang))
        frame = _reversal_changes(key, check)
        if frame is not None and not frame.empty:
            changes.append(frame)
    rank_reversal = pd.DataFrame(rows) if rows else pd.DataFrame(columns=["method"])
    reversal_changes = (
        pd.concat(changes, ignore_index=True) if changes else pd.DataFrame(columns=["method"])
    )

    info = pd.DataFrame(
        {
            "name": [registry[k].title(lang) for k in keys],
            "normalisation": [registry[k].normalisation for k in keys],
            "higher_is_better": [bool(registry[k].higher_is_better) for k in keys],
            "ok": [k in results for k in keys],
        },
        index=pd.Index(keys, name="method"),
    )
    return AgreementResult(
        ranks=ranks,
        scores=scores_df,
        spearman=spearman,
        kendall=kendall,
        consensus=consensus,
        failures=pd.DataFrame(failures, columns=["method", "rule", "message"]),
        rank_reversal=rank_reversal,
        reversal_changes=reversal_changes,
        methods=info,
        reference=reference,
    )
