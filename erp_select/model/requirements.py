"""Sector requirements (MoSCoW), vendors' answers to them, and the rule on unmet musts."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from erp_select.model.common import NonNegFloat, Slug, Strict, Text, invalid
from erp_select.model.text import FreeText

#: MoSCoW priority of a requirement.
Priority = Literal["must", "should", "could", "wont"]
PRIORITIES: tuple[Priority, ...] = ("must", "should", "could", "wont")

#: How a vendor meets a requirement, from best to worst.
AnswerKind = Literal[
    "standard", "configuration", "customisation", "partner_addon", "roadmap", "not_supported"
]
ANSWER_KINDS: tuple[AnswerKind, ...] = (
    "standard",
    "configuration",
    "customisation",
    "partner_addon",
    "roadmap",
    "not_supported",
)

#: How far an answer was checked (the same levels as a fact's evidence).
AnswerEvidence = Literal["claim", "demo", "reference", "contract"]

#: Requirement ids are slugs; ``mfg.o2c.01`` reads "manufacturing, order to cash, #1".
RequirementId = Slug


class Requirement(Strict):
    """One requirement of a sector template: what the company needs, and how badly.

    ``process`` groups requirements (``order_to_cash``, ``procure_to_pay``, ``inventory``,
    ``production``, ``projects``, ``finance``, ``statutory``, ``hr_payroll``,
    ``reporting``…). ``locked`` marks a legal obligation (e.g. the FEC audit file): its
    text and priority are not meant to be lowered by the user.
    """

    id: RequirementId
    process: Slug
    text: Text
    priority: Priority = "should"
    locked: bool = False


class RequirementSet(Strict):
    """A requirements template file (``criteria/requirements/<sector>.yaml``)."""

    format: Literal["erp-select.requirements"] = "erp-select.requirements"
    version: Literal[1] = 1
    sector: Slug
    label: Text
    requirements: list[Requirement] = Field(min_length=1, max_length=5000)

    @model_validator(mode="after")
    def _unique(self) -> RequirementSet:
        check_unique_ids(self.requirements)
        return self


def check_unique_ids(requirements: list[Requirement]) -> None:
    """Raise ``ValueError`` when two requirements share an id."""
    seen: set[str] = set()
    for r in requirements:
        if r.id in seen:
            raise invalid("requirement_twice", "requirement id {id} is used twice", id=r.id)
        seen.add(r.id)


class Answer(Strict):
    """A vendor's answer to one requirement.

    ``effort_days`` is required for a customisation (the vendor's estimate of the
    development work, in person-days); ``evidence`` says how far the answer was checked
    (a questionnaire answer is a vendor claim until a demo or a reference confirms it).
    """

    answer: AnswerKind
    effort_days: Annotated[NonNegFloat, Field(le=100_000)] | None = None
    comment: FreeText = Field(default="", max_length=2000)
    evidence: AnswerEvidence | None = "claim"

    @model_validator(mode="after")
    def _effort(self) -> Answer:
        if self.answer == "customisation" and self.effort_days is None:
            raise invalid("effort_missing", "a customisation answer needs its effort in days")
        return self


def _musts() -> list[Priority]:
    return ["must"]


def _unsupported() -> list[AnswerKind]:
    return ["not_supported"]


class RequirementsRule(Strict):
    """Must-have rule: every requirement of these priorities must be met.

    A requirement fails when the vendor's answer is one of ``fail_on`` (by default "not
    supported"); a requirement the vendor left unanswered fails too unless ``unanswered``
    is ``"pass"``. A vendor that returned no answer at all fails as "not stated" (or
    passes with ``unanswered: pass``).
    """

    kind: Literal["requirements"] = "requirements"
    id: Slug | None = None
    label: Text | None = None
    priorities: list[Priority] = Field(default_factory=_musts, min_length=1)
    fail_on: list[AnswerKind] = Field(default_factory=_unsupported, min_length=1)
    unanswered: Literal["fail", "pass"] = "fail"


__all__ = [
    "ANSWER_KINDS",
    "PRIORITIES",
    "Answer",
    "AnswerEvidence",
    "AnswerKind",
    "Priority",
    "Requirement",
    "RequirementId",
    "RequirementSet",
    "RequirementsRule",
    "check_unique_ids",
]
