"""The questions to ask a vendor's references, chosen by the project's sector and size."""

from __future__ import annotations

from erp_select.demos.catalogue import question_catalogue
from erp_select.i18n import normalise_lang
from erp_select.model import Project


def reference_questions(project: Project, lang: str = "fr") -> list[tuple[str, str]]:
    """(id, text) of the questions for ``project``: general, then its sector's and size's."""
    code = normalise_lang(lang)
    sector, size = project.company.sector, project.company.size
    return [
        (q.id, q.text.get(code))
        for q in question_catalogue().questions
        if (not q.sectors or sector in q.sectors) and (not q.sizes or size in q.sizes)
    ]


def question_text(question_id: str, lang: str) -> str | None:
    """The text of one catalogue question, ``None`` when the id is not in the catalogue."""
    code = normalise_lang(lang)
    for q in question_catalogue().questions:
        if q.id == question_id:
            return q.text.get(code)
    return None


__all__ = ["question_text", "reference_questions"]
