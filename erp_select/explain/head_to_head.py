"""Head-to-head: why one vendor comes before another, criterion by criterion."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from erp_select.errors import InputError, Problem
from erp_select.explain.decomposition import Contributions, TopsisContributions
from erp_select.i18n import fmt_number, t

_TIE_TOL = 1e-12
"""Differences at most this large (relative) count as equal in the head-to-head."""


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
