"""What a decomposition by criterion holds: WSM score parts, TOPSIS distance terms."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


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
