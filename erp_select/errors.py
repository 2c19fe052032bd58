"""Errors for people: located input problems that render in French or English."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from erp_select.i18n import fmt_number, has_key, t
from erp_select.text import shown


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, and where it is.

    ``rule`` is a catalogue key (``<domain>.<key>``, or ``errors.<rule>`` for the shared
    ones); ``params`` fill its placeholders.
    ``source`` is a file name (or a form/page name), ``row`` a 1-based row or line number
    as the user sees it, ``field`` a column or field path, ``value`` the offending value.
    """

    rule: str
    source: str | None = None
    row: int | None = None
    field: str | None = None
    value: Any = None
    params: dict[str, Any] = dataclasses.field(default_factory=dict)

    def render(self, lang: str | None = None) -> str:
        """Return the full sentence: where, what value, which rule."""
        where: list[str] = []
        if self.source:
            where.append(t("errors.where.source", lang, source=shown(self.source)))
        if self.row is not None:
            where.append(t("errors.where.row", lang, row=self.row))
        if self.field:
            where.append(t("errors.where.field", lang, field=shown(self.field)))
        key = self.rule if has_key(self.rule) else f"errors.{self.rule}"
        params = {k: _number(v, lang) for k, v in self.params.items()}
        message = t(key, lang, **params)
        head = ", ".join(where)
        value = ""
        if self.value is not None:
            # Control, format and bidi characters are written U+XXXX: a NUL or an override
            # in a value must not act on the terminal or the page that shows the message.
            number = _number(self.value, lang)
            if number is not self.value:
                text = str(number)
            else:
                text = repr(number) if not isinstance(number, str) else f"« {number} »"
            if len(text) > 80:
                text = text[:77] + "…"
            value = " " + t("errors.where.value", lang, value=shown(text))
        sep = t("errors.sep", lang)  # French sets a space before the colon
        return f"{head}{sep}{value} {message}" if head else f"{message}{value}"


def _number(value: Any, lang: str | None) -> Any:
    """A finite float in the reader's convention (``0,5`` in French); anything else as is."""
    if not isinstance(value, float) or not math.isfinite(value):
        return value
    digits = next((d for d in range(7) if round(value, d) == value), 6)
    return fmt_number(value, lang, digits)


class InputError(Exception):
    """Raised at the boundary when an input is rejected; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__(self.render("en"))

    def __reduce__(self) -> tuple[type[InputError], tuple[list[Problem]]]:
        """Pickle by the problems (so an error raised in a worker process reaches the caller)."""
        return (type(self), (self.problems,))

    def render(self, lang: str | None = None) -> str:
        """Return every problem as one message, one line each."""
        return "\n".join(p.render(lang) for p in self.problems)

    def lines(self, lang: str | None = None) -> list[str]:
        """Return every problem as its own line."""
        return [p.render(lang) for p in self.problems]
