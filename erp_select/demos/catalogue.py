"""The bundled catalogue of demo scenarios and reference-call questions (bilingual YAML)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import Field

from erp_select.model import Text
from erp_select.model.common import Slug, Strict
from erp_select.model.demo_script import Minutes
from erp_select.model.vendor import CompanySize, FactId

HERE = Path(__file__).resolve().parent


class Lines(Strict):
    """A list of lines in French and in English."""

    fr: list[Annotated[str, Field(min_length=1)]]
    en: list[Annotated[str, Field(min_length=1)]]

    def get(self, lang: str) -> list[str]:
        """The lines in ``lang`` (``fr`` or ``en``)."""
        return list(self.fr if lang == "fr" else self.en)


class CatalogueScenario(Strict):
    """A scenario of the catalogue, in both languages, with what selects it."""

    id: Slug
    process: Slug
    minutes: Minutes
    sectors: list[Slug] = Field(default_factory=list)
    requirements: list[Annotated[str, Field(pattern=r"^[a-z0-9*][a-z0-9_.*\-]{0,63}$")]] = Field(
        default_factory=list
    )
    facts: list[FactId] = Field(default_factory=list)
    criteria: list[Slug] = Field(default_factory=list)
    title: Text
    steps: Lines
    data: Lines


class ScenarioCatalogue(Strict):
    """The file ``demos/scenarios.yaml``."""

    format: Literal["erp-select.demo-scenarios"]
    version: Literal[1]
    scenarios: list[CatalogueScenario] = Field(min_length=1)


class Question(Strict):
    """A question to ask a vendor's reference; ``sectors``/``sizes`` empty = every one."""

    id: Slug
    text: Text
    sectors: list[Slug] = Field(default_factory=list)
    sizes: list[CompanySize] = Field(default_factory=list)


class QuestionCatalogue(Strict):
    """The file ``demos/questions.yaml``."""

    format: Literal["erp-select.reference-questions"]
    version: Literal[1]
    questions: list[Question] = Field(min_length=1)


def _read(name: str) -> object:
    with (HERE / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@functools.cache
def scenario_catalogue() -> ScenarioCatalogue:
    """The bundled scenarios, in the order of a demonstration day."""
    return ScenarioCatalogue.model_validate(_read("scenarios.yaml"))


@functools.cache
def question_catalogue() -> QuestionCatalogue:
    """The bundled questions for reference calls."""
    return QuestionCatalogue.model_validate(_read("questions.yaml"))


__all__ = [
    "CatalogueScenario",
    "Question",
    "QuestionCatalogue",
    "ScenarioCatalogue",
    "question_catalogue",
    "scenario_catalogue",
]
