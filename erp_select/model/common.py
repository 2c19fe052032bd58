"""Shared building blocks of the domain model: strict base, slugs, bilingual text."""

from __future__ import annotations

import math
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from erp_select.model.text import FreeText

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_.\-]{0,63}$"


class Strict(BaseModel):
    """Base of every model read from outside: unknown fields refused, frozen, finite floats."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        allow_inf_nan=False,
        str_strip_whitespace=True,
        validate_default=True,
    )


def invalid(key: str, message: str, **context: Any) -> PydanticCustomError:
    """A broken model rule, translatable: the catalogue key is ``model.<key>``.

    ``message`` is the English template (``{name}`` placeholders filled from ``context``);
    the file loaders show the catalogue's sentence in the user's language instead.
    """
    return PydanticCustomError(f"model.{key}", message, context)


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise invalid("not_finite", "must be a finite number")
    return value


Slug = Annotated[str, Field(pattern=SLUG_PATTERN, description="Stable lower-case id")]
FiniteFloat = Annotated[float, Field(allow_inf_nan=False), AfterValidator(_finite)]
NonNegFloat = Annotated[float, Field(ge=0, allow_inf_nan=False), AfterValidator(_finite)]
Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]


class Text(Strict):
    """A label or description in French and English."""

    fr: FreeText = Field(min_length=1, max_length=2000)
    en: FreeText = Field(min_length=1, max_length=2000)

    def get(self, lang: str | None) -> str:
        """Return the text in ``lang`` (``fr`` or ``en``), English otherwise."""
        return self.fr if (lang or "").lower().startswith("fr") else self.en
