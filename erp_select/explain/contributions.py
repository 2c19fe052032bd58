"""Explain a ranking: each criterion's share of each vendor's result, head-to-head, value for money.

Two methods decompose exactly:

* **Weighted sum** (``"wsm"``): the score is ``S_i = Σ_j w_j · r_ij`` with the engine's
  WSM normalisation ``r`` (see :func:`wsm_normalise`), so ``w_j · r_ij`` is criterion
  ``j``'s part of vendor ``i``'s score, and the parts add up to the engine's score.
* **TOPSIS** (``"topsis"``): with ``r_ij = x_ij / ‖x_·j‖`` (vector normalisation), cost
  criteria negated as the engine does, ``v_ij = w_j · r_ij``, ideal ``v_j⁺ = max_i v_ij``
  and anti-ideal ``v_j⁻ = min_i v_ij``, the squared distances split by criterion:
  ``D⁺² = Σ_j (v_ij − v_j⁺)²`` and ``D⁻² = Σ_j (v_ij − v_j⁻)²``. Each criterion's share of
  each squared distance is exact. The per-criterion "net" part used by the head-to-head
  is ``(v_ij − v_j⁻)² − (v_ij − v_j⁺)²`` (sums to ``D⁻² − D⁺²``): it grows as the vendor
  moves towards the ideal on that criterion.

Both decompositions are cross-checked against the engine's own result (score for WSM,
``ideal_distance`` / ``anti_ideal_distance`` for TOPSIS) every time they are computed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from erp_select.engine import RankResult, rank
from erp_select.errors import InputError, Problem
from erp_select.i18n import fmt_number, t

SUPPORTED_METHODS: tuple[str, ...] = ("wsm", "topsis")
"""Methods whose result this module decomposes by criterion."""

_CHECK_TOL = 1e-9
"""Largest disagreement with the engine tolerated (relative to the size of the numbers)."""

_TIE_TOL = 1e-12
"""Differences at most this large (relative) count as equal in the head-to-head."""

_COST_LABELS = {"min", "minimise", "minimize", "cost", "-"}

_CONSTANT_RTOL = 1e-12
"""A column whose spread is at most this fraction of its largest magnitude is constant.

Same rule as the engine (``erp_select.engine.registry`` docstring): such a criterion, or
one with zero weight, is left out and the remaining weights are renormalised to sum 1.
"""


# --------------------------------------------------------------------------- helpers


def _is_cost(objectives: Sequence[Any]) -> np.ndarray:
    """Return a boolean mask of the minimise (cost) criteria, from labels the engine accepts."""
    mask = []
    for o in objectives:
        if isinstance(o, str):
            mask.append(o.strip().lower() in _COST_LABELS)
        else:
            mask.append(float(o) == -1.0)
    return np.array(mask, dtype=bool)


def effective_weights(
    matrix: np.ndarray, weights: Sequence[float] | np.ndarray
) -> tuple[np.ndarray, np.ndarray, bool]:
    """Return the weights the engine actually uses, the dropped mask and the neutral flag.

    Parameters
    ----------
    matrix : ndarray, shape (m, n)
        Raw values.
    weights : array-like, shape (n,)
        Non-negative weights with a positive sum.

    Returns
    -------
    (ndarray, ndarray, bool)
        Weights summing to 1 with zero on every dropped criterion (zero weight or constant
        column); the boolean mask of dropped criteria; and True when nothing is left to
        compare (one vendor, or no weighted criterion discriminates), in which case the
        engine gives every vendor its best score and the plain normalised weights are
        returned.
    """
    x = np.asarray(matrix, dtype=float)
    w = np.asarray(weights, dtype=float)
    w = w / w.sum()
    spread = x.max(axis=0) - x.min(axis=0)
    constant = spread <= _CONSTANT_RTOL * np.abs(x).max(axis=0)
    keep = (w > 0) & ~constant
    if x.shape[0] < 2 or not keep.any():
        return w, np.zeros(w.shape, dtype=bool), True
    eff = np.where(keep, w, 0.0)
    return np.asarray(eff / eff.sum(), dtype=float), ~keep, False


def _check(name: str, ours: np.ndarray, engine: np.ndarray) -> float:
    """Return the largest relative deviation; raise if ours disagrees with the engine.

    A disagreement is a bug (our decomposition no longer mirrors the engine), never a user
    error, so it raises ``RuntimeError`` rather than showing a wrong explanation.
    """
    scale = max(1.0, float(np.max(np.abs(engine), initial=0.0)))
    deviation = float(np.max(np.abs(ours - engine), initial=0.0)) / scale
    if not np.isfinite(deviation) or deviation > 1e-6:
        raise RuntimeError(
            f"contributions: {name} disagrees with the engine (deviation {deviation:.3g})"
        )
    return deviation


# ----------------------------------------------------------------------- normalisation


def wsm_normalise(matrix: np.ndarray, objectives: Sequence[Any]) -> np.ndarray:
    """Normalise a raw matrix as the engine does for the weighted sum.

    Parameters
    ----------
    matrix : ndarray, shape (m, n)
        Raw performance values.
    objectives : sequence of str
        ``"max"``/``"min"`` (or ``1``/``-1``, ``"benefit"``/``"cost"``) per criterion.

    Returns
    -------
    ndarray, shape (m, n)
        Min-max onto [0, 1] per criterion, cost criteria inverted (``(max − x)/(max − min)``);
        a constant column (which cannot discriminate) becomes 0.
    """
    x = np.asarray(matrix, dtype=float)
    cost = _is_cost(objectives)
    lo = x.min(axis=0)
    hi = x.max(axis=0)
    span = hi - lo
    safe = np.where(span > 0, span, 1.0)
    r = np.where(cost, (hi - x) / safe, (x - lo) / safe)
    return np.asarray(np.where(span > 0, r, 0.0), dtype=float)


def topsis_normalise(matrix: np.ndarray, objectives: Sequence[Any]) -> np.ndarray:
    """Normalise a raw matrix as the engine does for TOPSIS.

    Parameters
    ----------
    matrix : ndarray, shape (m, n)
        Raw performance values.
    objectives : sequence of str
        ``"max"``/``"min"`` per criterion.

    Returns
    -------
    ndarray, shape (m, n)
        ``x_ij / ‖x_·j‖₂`` (vector normalisation), negated on cost criteria; a column of
        zeros (zero norm) becomes 0.
    """
    x = np.asarray(matrix, dtype=float)
    norm = np.sqrt((x * x).sum(axis=0))
    r = x / np.where(norm > 0, norm, 1.0)
    r = np.where(norm > 0, r, 0.0)
    return np.asarray(np.where(_is_cost(objectives), -r, r), dtype=float)


# ------------------------------------------------------------------------- results


class _ByVendorAndCriterion:
    """The vendor and criterion ids of a result whose ``values`` are vendors × criteria."""

    values: pd.DataFrame

    @property
    def alternatives(self) -> list[str]:
        """Vendor ids, in input order."""
        return [str(a) for a in self.values.index]

    @property
    def criteria(self) -> list[str]:
        """Criterion ids, in input order."""
        return [str(c) for c in self.values.columns]


@dataclass(frozen=True)
class WsmContributions(_ByVendorAndCriterion):
    """Exact decomposition of weighted-sum scores by criterion.

    Attributes
    ----------
    method : str
        ``"wsm"``.
    weights : Series
        The weights the engine used (sum 1; 0 on dropped criteria), index criteria.
    values : DataFrame
        Raw values, index alternatives, columns criteria.
    normalised : DataFrame
        ``r_ij`` as the engine normalises for WSM (0 worst … 1 best).
    parts : DataFrame
        ``w_j · r_ij``: each criterion's part of each vendor's score; rows sum to ``scores``.
    scores, ranks : Series
        The engine's scores and ranks (1 = best).
    deviation : float
        Largest relative gap between ``parts.sum(axis=1)`` and the engine's scores.
    dropped : tuple of str
        Criteria the engine left out (zero weight, or constant: cannot discriminate);
        their weight is 0 here and the others are renormalised, as in the engine.
    neutral : bool
        Nothing to compare (one vendor, or no criterion discriminates): every vendor gets
        the best score and ``r = 1``.
    """

    weights: pd.Series
    values: pd.DataFrame
    normalised: pd.DataFrame
    parts: pd.DataFrame
    scores: pd.Series
    ranks: pd.Series
    deviation: float
    dropped: tuple[str, ...] = ()
    neutral: bool = False
    method: str = "wsm"
    higher_is_better: bool = True

    @property
    def shares(self) -> pd.DataFrame:
        """Each criterion's fraction of each vendor's score (NaN when the score is 0)."""
        total = self.parts.sum(axis=1)
        return self.parts.div(total.where(total != 0), axis=0)


@dataclass(frozen=True)
class TopsisContributions(_ByVendorAndCriterion):
    """Exact decomposition of TOPSIS squared distances by criterion.

    Attributes
    ----------
    method : str
        ``"topsis"``.
    weights : Series
        The weights the engine used (sum 1; 0 on dropped criteria).
    values : DataFrame
        Raw values, index alternatives, columns criteria.
    normalised : DataFrame
        ``r_ij`` (vector normalised, negated on cost criteria).
    weighted : DataFrame
        ``v_ij = w_j · r_ij``.
    ideal, anti_ideal : Series
        ``v_j⁺`` and ``v_j⁻`` per criterion.
    ideal_terms, anti_ideal_terms : DataFrame
        ``(v_ij − v_j⁺)²`` and ``(v_ij − v_j⁻)²``; rows sum to ``D⁺²`` and ``D⁻²``.
    parts : DataFrame
        ``anti_ideal_terms − ideal_terms``; rows sum to ``D⁻² − D⁺²``.
    d_plus, d_minus : Series
        Distances to the ideal and anti-ideal (equal to the engine's to 1e-9).
    scores, ranks : Series
        The engine's relative closeness and ranks.
    deviation : float
        Largest relative gap between our distances and the engine's.
    dropped : tuple of str
        Criteria the engine left out (weight 0 here, the others renormalised).
    neutral : bool
        Nothing to compare: every distance is 0 and the closeness 1, as in the engine.
    """

    weights: pd.Series
    values: pd.DataFrame
    normalised: pd.DataFrame
    weighted: pd.DataFrame
    ideal: pd.Series
    anti_ideal: pd.Series
    ideal_terms: pd.DataFrame
    anti_ideal_terms: pd.DataFrame
    parts: pd.DataFrame
    d_plus: pd.Series
    d_minus: pd.Series
    scores: pd.Series
    ranks: pd.Series
    deviation: float
    dropped: tuple[str, ...] = ()
    neutral: bool = False
    method: str = "topsis"
    higher_is_better: bool = True

    @property
    def ideal_shares(self) -> pd.DataFrame:
        """Each criterion's fraction of ``D⁺²`` (0 for a vendor sitting on the ideal)."""
        total = self.ideal_terms.sum(axis=1)
        return self.ideal_terms.div(total.where(total > 0), axis=0).fillna(0.0)

    @property
    def anti_ideal_shares(self) -> pd.DataFrame:
        """Each criterion's fraction of ``D⁻²`` (0 for a vendor sitting on the anti-ideal)."""
        total = self.anti_ideal_terms.sum(axis=1)
        return self.anti_ideal_terms.div(total.where(total > 0), axis=0).fillna(0.0)


Contributions = WsmContributions | TopsisContributions


# ---------------------------------------------------------------------- computation


@dataclass(frozen=True)
class _Setup:
    alts: pd.Index
    crits: pd.Index
    weights: pd.Series
    values: pd.DataFrame
    dropped: tuple[str, ...]
    neutral: bool


def _setup(result: RankResult, matrix: np.ndarray, weights: np.ndarray) -> _Setup:
    alts = pd.Index([str(a) for a in result.alternatives], name="alternative")
    crits = pd.Index([str(c) for c in result.criteria], name="criterion")
    eff, dropped, neutral = effective_weights(matrix, weights)
    return _Setup(
        alts=alts,
        crits=crits,
        weights=pd.Series(eff, index=crits, name="weight"),
        values=pd.DataFrame(np.asarray(matrix, dtype=float), index=alts, columns=crits),
        dropped=tuple(str(c) for c, d in zip(crits, dropped, strict=True) if d),
        neutral=neutral,
    )


def wsm_contributions(
    matrix: np.ndarray | Sequence[Sequence[float]],
    objectives: Sequence[Any],
    weights: np.ndarray | Sequence[float],
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
) -> WsmContributions:
    """Split each vendor's weighted-sum score into one part per criterion.

    Parameters
    ----------
    matrix : array-like, shape (m, n)
        Raw values (vendors × leaf criteria).
    objectives : sequence
        ``"max"``/``"min"`` per criterion.
    weights : array-like, shape (n,)
        Global leaf weights (normalised to sum 1).
    alternatives, criteria : sequence of str, optional
        Ids; default as the engine names them.

    Returns
    -------
    WsmContributions
        Parts ``w_j · r_ij`` whose row sums equal ``rank(..., method="wsm").scores``.

    Raises
    ------
    InputError
        Bad input, as the engine rejects it.
    """
    result = rank(matrix, objectives, weights, "wsm", alternatives, criteria)
    x = np.asarray(matrix, dtype=float)
    su = _setup(result, x, np.asarray(weights, dtype=float))
    alts, crits = su.alts, su.crits
    # Nothing to compare: the engine gives every vendor the best score, i.e. r = 1 everywhere.
    r = np.ones_like(x) if su.neutral else wsm_normalise(x, objectives)
    parts = r * su.weights.to_numpy()
    deviation = _check("WSM score", parts.sum(axis=1), np.asarray(result.scores, dtype=float))
    return WsmContributions(
        weights=su.weights,
        values=su.values,
        dropped=su.dropped,
        neutral=su.neutral,
        normalised=pd.DataFrame(r, index=alts, columns=crits),
        parts=pd.DataFrame(parts, index=alts, columns=crits),
        scores=pd.Series(np.asarray(result.scores, dtype=float), index=alts, name="score"),
        ranks=pd.Series(np.asarray(result.ranks, dtype=np.int64), index=alts, name="rank"),
        deviation=deviation,
        higher_is_better=bool(result.higher_is_better),
    )


def topsis_contributions(
    matrix: np.ndarray | Sequence[Sequence[float]],
    objectives: Sequence[Any],
    weights: np.ndarray | Sequence[float],
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
) -> TopsisContributions:
    """Split each vendor's TOPSIS distances (squared) into one term per criterion.

    Parameters
    ----------
    matrix : array-like, shape (m, n)
        Raw values (vendors × leaf criteria).
    objectives : sequence
        ``"max"``/``"min"`` per criterion.
    weights : array-like, shape (n,)
        Global leaf weights (normalised to sum 1).
    alternatives, criteria : sequence of str, optional
        Ids; default as the engine names them.

    Returns
    -------
    TopsisContributions
        Terms whose row sums are ``D⁺²`` and ``D⁻²``; ``D⁺``/``D⁻`` equal the engine's
        ``intermediate["ideal_distance"]`` / ``["anti_ideal_distance"]``.

    Raises
    ------
    InputError
        Bad input, as the engine rejects it.
    """
    result = rank(matrix, objectives, weights, "topsis", alternatives, criteria)
    x = np.asarray(matrix, dtype=float)
    su = _setup(result, x, np.asarray(weights, dtype=float))
    alts, crits = su.alts, su.crits
    r = topsis_normalise(x, objectives)
    # Nothing to compare: every vendor sits on the ideal (and the anti-ideal), closeness 1.
    v = np.zeros_like(x) if su.neutral else r * su.weights.to_numpy()
    v_plus = v.max(axis=0)
    v_minus = v.min(axis=0)
    plus_terms = (v - v_plus) ** 2
    minus_terms = (v - v_minus) ** 2
    d_plus = np.sqrt(plus_terms.sum(axis=1))
    d_minus = np.sqrt(minus_terms.sum(axis=1))
    zeros = np.zeros(len(alts))
    engine_plus = np.asarray(result.intermediate.get("ideal_distance", zeros), dtype=float)
    engine_minus = np.asarray(result.intermediate.get("anti_ideal_distance", zeros), dtype=float)
    deviation = max(_check("D+", d_plus, engine_plus), _check("D-", d_minus, engine_minus))

    def frame(a: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(a, index=alts, columns=crits)

    return TopsisContributions(
        weights=su.weights,
        values=su.values,
        dropped=su.dropped,
        neutral=su.neutral,
        normalised=frame(r),
        weighted=frame(v),
        ideal=pd.Series(v_plus, index=crits, name="ideal"),
        anti_ideal=pd.Series(v_minus, index=crits, name="anti_ideal"),
        ideal_terms=frame(plus_terms),
        anti_ideal_terms=frame(minus_terms),
        parts=frame(minus_terms - plus_terms),
        d_plus=pd.Series(d_plus, index=alts, name="d_plus"),
        d_minus=pd.Series(d_minus, index=alts, name="d_minus"),
        scores=pd.Series(np.asarray(result.scores, dtype=float), index=alts, name="score"),
        ranks=pd.Series(np.asarray(result.ranks, dtype=np.int64), index=alts, name="rank"),
        deviation=deviation,
        higher_is_better=bool(result.higher_is_better),
    )


def contributions(
    matrix: np.ndarray | Sequence[Sequence[float]],
    objectives: Sequence[Any],
    weights: np.ndarray | Sequence[float],
    method: str = "topsis",
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
) -> Contributions:
    """Decompose the result of ``method`` (``"wsm"`` or ``"topsis"``) by criterion.

    Parameters
    ----------
    matrix, objectives, weights, alternatives, criteria
        As for :func:`erp_select.engine.rank`.
    method : str
        ``"wsm"`` or ``"topsis"`` (default).

    Returns
    -------
    WsmContributions or TopsisContributions

    Raises
    ------
    InputError
        ``explain.unsupported_method`` for another method, or bad input.
    """
    key = str(method).strip().lower()
    if key == "wsm":
        return wsm_contributions(matrix, objectives, weights, alternatives, criteria)
    if key == "topsis":
        return topsis_contributions(matrix, objectives, weights, alternatives, criteria)
    raise InputError(
        [
            Problem(
                rule="explain.unsupported_method",
                field="method",
                value=method,
                params={"method": method, "supported": ", ".join(SUPPORTED_METHODS)},
            )
        ]
    )


# ---------------------------------------------------------------------- head-to-head


@dataclass(frozen=True)
class HeadToHead:
    """Why one vendor comes before another, criterion by criterion.

    Attributes
    ----------
    a, b : str
        The two vendor ids, as asked (``difference`` is signed from ``a``'s side).
    method : str
        ``"wsm"`` or ``"topsis"``.
    table : DataFrame
        Index criteria, sorted by ``difference`` (largest lead of ``a`` first); columns
        ``label``, ``weight``, ``value_a``, ``value_b``, ``part_a``, ``part_b``,
        ``difference`` (= ``part_a − part_b``: positive where ``a`` is better) and
        ``leader`` (``a``, ``b`` or empty when equal).
    score_a, score_b : float
        The engine's scores.
    rank_a, rank_b : int
        The engine's ranks.
    winner : str or None
        The vendor ranked before the other; None on a tie.
    labels : dict
        Display labels by id (vendors and criteria), used by :meth:`sentence`.
    d_plus, d_minus : tuple of float, optional
        TOPSIS distances ``(a, b)``.
    """

    a: str
    b: str
    method: str
    table: pd.DataFrame
    score_a: float
    score_b: float
    rank_a: int
    rank_b: int
    winner: str | None
    labels: dict[str, str] = field(default_factory=dict)
    d_plus: tuple[float, float] | None = None
    d_minus: tuple[float, float] | None = None

    def _label(self, key: str) -> str:
        return self.labels.get(key, key)

    def sentence(self, lang: str | None = None, top: int = 3) -> str:
        """Return the plain-language explanation in ``lang`` (``"fr"`` or ``"en"``).

        Parameters
        ----------
        lang : str, optional
            Language code.
        top : int
            At most this many criteria are named on each side; the rest are counted.

        Returns
        -------
        str
            E.g. "A comes before B. A leads on X and Y; B leads on Z, which is not enough
            because …".
        """
        if self.winner is None:
            return t(
                "explain.h2h.tie",
                lang,
                a=self._label(self.a),
                b=self._label(self.b),
                score=fmt_number(self.score_a, lang, 3),
            )
        winner_is_a = self.winner == self.a
        loser = self.b if winner_is_a else self.a
        diff = self.table["difference"] if winner_is_a else -self.table["difference"]
        wins = diff[diff > 0].sort_values(ascending=False)
        losses = diff[diff < 0].sort_values()
        win_list = _join([self._label(str(c)) for c in wins.index], lang, top)
        loss_list = _join([self._label(str(c)) for c in losses.index], lang, top)
        names = {"winner": self._label(self.winner), "loser": self._label(loser)}
        because = self._because(winner_is_a, float(wins.sum()), float(-losses.sum()), lang)
        if len(wins) == 0:
            return t("explain.h2h.no_lead", lang, because=because, **names)
        if len(losses) == 0:
            return t("explain.h2h.dominates", lang, wins=win_list, because=because, **names)
        return t(
            "explain.h2h.leads",
            lang,
            wins=win_list,
            losses=loss_list,
            because=because,
            **names,
        )

    def _because(self, winner_is_a: bool, gain: float, loss: float, lang: str | None) -> str:
        sw, sl = (self.score_a, self.score_b) if winner_is_a else (self.score_b, self.score_a)
        names = {
            "winner": self._label(self.winner or self.a),
            "loser": self._label(self.b if winner_is_a else self.a),
        }
        if self.method == "topsis" and self.d_plus is not None and self.d_minus is not None:
            dp = self.d_plus if winner_is_a else self.d_plus[::-1]
            dm = self.d_minus if winner_is_a else self.d_minus[::-1]
            return t(
                "explain.h2h.because_topsis",
                lang,
                c_w=fmt_number(sw, lang, 3),
                c_l=fmt_number(sl, lang, 3),
                dp_w=fmt_number(dp[0], lang, 3),
                dp_l=fmt_number(dp[1], lang, 3),
                dm_w=fmt_number(dm[0], lang, 3),
                dm_l=fmt_number(dm[1], lang, 3),
                **names,
            )
        return t(
            "explain.h2h.because_wsm",
            lang,
            gain=fmt_number(gain, lang, 3),
            loss=fmt_number(loss, lang, 3),
            s_w=fmt_number(sw, lang, 3),
            s_l=fmt_number(sl, lang, 3),
            **names,
        )


def _join(items: list[str], lang: str | None, top: int) -> str:
    """Join names as a sentence list ("X, Y and Z"), naming at most ``top`` of them."""
    shown = items[: max(1, top)]
    rest = len(items) - len(shown)
    if rest > 0:
        shown = [*shown, t("explain.list.more", lang, n=rest)]
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + t("explain.list.and", lang) + shown[-1]


def head_to_head(
    contrib: Contributions,
    a: str,
    b: str,
    labels: Mapping[str, str] | None = None,
) -> HeadToHead:
    """Compare two vendors criterion by criterion: who leads where, and by how much.

    Parameters
    ----------
    contrib : WsmContributions or TopsisContributions
        The decomposition of the ranking (from :func:`contributions`).
    a, b : str
        Vendor ids; ``difference`` is positive where ``a`` is better.
    labels : mapping, optional
        Display label by vendor or criterion id (in the reader's language).

    Returns
    -------
    HeadToHead
        Table sorted by difference, the winner, and :meth:`HeadToHead.sentence`.

    Raises
    ------
    InputError
        ``explain.unknown_alternative`` for an unknown id, ``explain.same_alternative``
        when ``a == b``.
    """
    known = contrib.alternatives
    problems = [
        Problem(
            rule="explain.unknown_alternative",
            field=name,
            value=value,
            params={"alternative": value, "known": ", ".join(known)},
        )
        for name, value in (("a", a), ("b", b))
        if value not in known
    ]
    if problems:
        raise InputError(problems)
    if a == b:
        raise InputError([Problem(rule="explain.same_alternative", field="b", value=b)])
    parts = contrib.parts
    ia, ib = known.index(a), known.index(b)
    p = parts.to_numpy(dtype=float)
    x = contrib.values.to_numpy(dtype=float)
    diff = p[ia] - p[ib]
    scale = float(np.max(np.abs(p), initial=0.0))
    diff = np.where(np.abs(diff) > _TIE_TOL * max(scale, 1e-300), diff, 0.0)
    lab = dict(labels or {})
    table = pd.DataFrame(
        {
            "label": [lab.get(str(c), str(c)) for c in parts.columns],
            "weight": contrib.weights.to_numpy(dtype=float),
            "value_a": x[ia],
            "value_b": x[ib],
            "part_a": p[ia],
            "part_b": p[ib],
            "difference": diff,
        },
        index=parts.columns,
    )
    table["leader"] = np.where(table["difference"] > 0, a, np.where(table["difference"] < 0, b, ""))
    table = table.sort_values("difference", ascending=False, kind="mergesort")
    scores = contrib.scores.to_numpy(dtype=float)
    ranks = contrib.ranks.to_numpy(dtype=np.int64)
    score_a, score_b = float(scores[ia]), float(scores[ib])
    rank_a, rank_b = int(ranks[ia]), int(ranks[ib])
    winner = None if rank_a == rank_b else (a if rank_a < rank_b else b)
    d_plus = d_minus = None
    if isinstance(contrib, TopsisContributions):
        dp = contrib.d_plus.to_numpy(dtype=float)
        dm = contrib.d_minus.to_numpy(dtype=float)
        d_plus = (float(dp[ia]), float(dp[ib]))
        d_minus = (float(dm[ia]), float(dm[ib]))
    return HeadToHead(
        a=a,
        b=b,
        method=contrib.method,
        table=table,
        score_a=score_a,
        score_b=score_b,
        rank_a=rank_a,
        rank_b=rank_b,
        winner=winner,
        labels=lab,
        d_plus=d_plus,
        d_minus=d_minus,
    )


# -------------------------------------------------------------------- value for money


def value_for_money(
    scores: np.ndarray | Sequence[float],
    costs: np.ndarray | Sequence[float],
    alternatives: Sequence[str] | None = None,
    higher_is_better: bool = True,
) -> pd.DataFrame:
    """Mark the vendors on the efficient (Pareto) frontier of score against 5-year cost.

    A vendor is dominated when another has a score at least as good **and** a cost at
    most as high, one of the two strictly. Identical vendors do not dominate each other.

    Parameters
    ----------
    scores : array-like, shape (m,)
        The method's scores.
    costs : array-like, shape (m,)
        Five-year total cost of ownership (finite, ≥ 0).
    alternatives : sequence of str, optional
        Vendor ids (default ``A1..Am``).
    higher_is_better : bool
        Direction of ``scores`` (False for VIKOR).

    Returns
    -------
    DataFrame
        Index alternatives (input order); columns ``score``, ``cost``, ``efficient``
        (bool) and ``dominated_by`` (comma-separated ids of the dominating vendors).

    Raises
    ------
    InputError
        ``explain.length_mismatch``, ``explain.cost_invalid``, ``explain.score_invalid``.
    """
    s = np.asarray(scores, dtype=float).ravel()
    c = np.asarray(costs, dtype=float).ravel()
    m = s.size
    names = [str(a) for a in alternatives] if alternatives is not None else None
    if names is None:
        names = [f"A{i + 1}" for i in range(m)]
    problems: list[Problem] = []
    if c.size != m or len(names) != m:
        problems.append(
            Problem(
                rule="explain.length_mismatch",
                field="costs",
                params={"scores": m, "costs": c.size, "alternatives": len(names)},
            )
        )
        raise InputError(problems)
    for i, name in enumerate(names):
        if not np.isfinite(c[i]) or c[i] < 0:
            problems.append(Problem(rule="explain.cost_invalid", field=name, value=float(c[i])))
        if not np.isfinite(s[i]):
            problems.append(Problem(rule="explain.score_invalid", field=name, value=float(s[i])))
    if problems:
        raise InputError(problems)
    u = s if higher_is_better else -s
    # dominates[k, i]: vendor k dominates vendor i.
    at_least = (u[:, None] >= u[None, :]) & (c[:, None] <= c[None, :])
    strictly = (u[:, None] > u[None, :]) | (c[:, None] < c[None, :])
    dominates = at_least & strictly
    efficient = ~dominates.any(axis=0)
    dominated_by = [", ".join(names[k] for k in np.flatnonzero(dominates[:, i])) for i in range(m)]
    return pd.DataFrame(
        {"score": s, "cost": c, "efficient": efficient, "dominated_by": dominated_by},
        index=pd.Index(names, name="alternative"),
    )
