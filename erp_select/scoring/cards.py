"""An evaluator's scorecard: scores on the anchored scale, « not shown », confidence, comments."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, model_validator

from erp_select.model.common import Slug, Strict
from erp_select.model.text import FreeText

MAX_COMMENT = 2000


class DemoScore(Strict):
    """One evaluator's score of ``vendor`` on ``criterion`` (optionally within a scenario).

    ``score`` is a level of the anchored scale 1–5 (:mod:`erp_select.scoring.scale`);
    ``not_shown`` says the point was not shown, and then there is no score: it never counts
    as 0. Answers stored before ``not_shown``, ``confidence`` and ``scenario`` existed
    still read (they hold a score).
    """

    model_config = ConfigDict(str_strip_whitespace=False)

    vendor: Slug
    criterion: Slug
    score: Annotated[int, Field(ge=1, le=5, strict=True)] | None = None
    not_shown: bool = False
    confidence: Literal["low", "medium", "high"] | None = None
    scenario: Slug | None = None
    comment: FreeText = Field(default="", max_length=MAX_COMMENT)

    @model_validator(mode="after")
    def _score_or_not_shown(self) -> DemoScore:
        if self.not_shown and self.score is not None:
            raise ValueError("a point not shown takes no score")
        if not self.not_shown and self.score is None:
            raise ValueError("a score or not shown is needed")
        return self


class DemoAnswer(Strict):
    """An evaluator's scorecard: scores on the anchored scale (or « not shown ») with
    comments and confidence, for some or all (vendor, criterion[, scenario]) of the round."""

    kind: Literal["demo"] = "demo"
    scores: list[DemoScore] = Field(min_length=1)

    @model_validator(mode="after")
    def _once(self) -> DemoAnswer:
        seen: set[tuple[str, str, str | None]] = set()
        for s in self.scores:
            key = (s.vendor, s.criterion, s.scenario)
            if key in seen:
                raise ValueError(f"{s.vendor} / {s.criterion} is scored twice")
            seen.add(key)
        return self
