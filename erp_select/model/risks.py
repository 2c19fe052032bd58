"""Risk register entries: a vendor's risks, each with likelihood × impact and a mitigation."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, StrictInt

from erp_select.model.common import Strict
from erp_select.model.text import check_free_text

#: The lowest and highest likelihood or impact (1 = rare or minor, 5 = almost certain or severe).
SCALE_MIN, SCALE_MAX = 1, 5
Level = Annotated[StrictInt, Field(ge=SCALE_MIN, le=SCALE_MAX)]
RiskText = Annotated[str, Field(min_length=1, max_length=500), AfterValidator(check_free_text)]


class Risk(Strict):
    """One risk of choosing a vendor: what may happen, how likely, how bad, and who acts.

    ``likelihood`` and ``impact`` are whole numbers from 1 to 5 (a text such as ``"3"`` is
    refused, not converted); the risk's score is their product, from 1 to 25.
    """

    description: RiskText
    likelihood: Level
    impact: Level
    mitigation: RiskText | None = None
    owner: (
        Annotated[str, Field(min_length=1, max_length=200), AfterValidator(check_free_text)] | None
    ) = None

    @property
    def score(self) -> int:
        """Likelihood × impact, from 1 to 25."""
        return self.likelihood * self.impact


def register_score(risks: list[Risk]) -> int:
    """The register's weight for a chart: the highest score of its risks (0 without any)."""
    return max((r.score for r in risks), default=0)
