"""The decision status in one sentence: the memo, the report and the app say it from here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from erp_select.explain.summary import Summary
from erp_select.explain.verdict import Verdict, share_printer
from erp_select.i18n import t

__all__ = ["DecisionStatus", "decision_status"]


@dataclass(frozen=True)
class DecisionStatus:
    """Where the decision stands: verdict, the two vendors in play, and one plain sentence.

    Attributes
    ----------
    verdict : {"robust", "fragile", "toss_up"}
        The robustness verdict of the summary it was written from.
    winner : str
        Id of the vendor ranked first.
    rival : str or None
        Id of the closest challenger (most first places after the winner; else the vendor
        that the nearest change would put first), ``None`` when none is known.
    first_share, rival_share : float or None
        Their shares of first places in the simulations (``None`` when not simulated).
    sentence : str
        The status in plain words, without method names or formulas.
    """

    verdict: Verdict
    winner: str
    rival: str | None
    first_share: float | None
    rival_share: float | None
    sentence: str

    @property
    def toss_up(self) -> bool:
        """True when the analysis cannot separate the winner from its rival."""
        return self.verdict == "toss_up"


def decision_status(
    summary: Summary, labels: Mapping[str, str], lang: str | None
) -> DecisionStatus:
    """The decision status of a ranking, from its robustness summary.

    Parameters
    ----------
    summary : Summary
        The robustness summary (:meth:`erp_select.analysis.AnalysisSuite.summary`); its
        verdict and facts are used as they are, nothing is recomputed.
    labels : mapping of str to str
        Display names by id.
    lang : str, optional
        ``"fr"`` or ``"en"``.

    Returns
    -------
    DecisionStatus
        The shares are printed with the summary's own precision, so the two agree.
    """
    facts = summary.facts
    winner = str(summary.winner)
    rival = next(
        (
            str(facts[k])
            for k in ("runner_up", "nearest_after", "challenger")
            if facts.get(k) is not None and str(facts[k]) != winner
        ),
        None,
    )
    first = facts.get("first_share")
    other = facts.get("runner_up_share") if facts.get("runner_up") == rival else None
    if first is not None and rival is not None and other is None:
        other = 0.0  # simulated, and the rival never came first
    share = share_printer(first, other, lang)
    form = ("share" if first is not None else "bare") + ("" if rival is not None else "_alone")
    if form == "share" and not other:
        form = "share_alone"  # the rival never comes first: its 0 % says nothing
    sentence = t(
        f"memo.status.{summary.verdict}.{form}",
        lang,
        winner=labels.get(winner, winner),
        rival=labels.get(rival, rival) if rival is not None else "",
        share=share(first) if first is not None else "",
        rival_share=share(other) if other is not None else "",
    )
    return DecisionStatus(
        verdict=summary.verdict,
        winner=winner,
        rival=rival,
        first_share=first,
        rival_share=other,
        sentence=sentence,
    )
