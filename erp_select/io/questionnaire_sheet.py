"""The vendor questionnaire's sheets, columns and labels, shared by its export and import."""

from __future__ import annotations

import unicodedata

from erp_select.bundled import folder
from erp_select.i18n import LANGS, t
from erp_select.model import (
    ANSWER_KINDS,
    AnswerKind,
)

#: The sheet with one row per requirement.
SHEET = "questionnaire"
#: The sheet explaining how to answer.
INSTRUCTIONS_SHEET = "instructions"
#: Column keys, in sheet order; the header shows their label in the chosen language.
KEYS = ("id", "process", "requirement", "priority", "locked", "answer", "effort_days", "comment")
#: Columns the vendor fills in.
ANSWER_COLUMNS = ("answer", "effort_days", "comment")
#: Largest effort accepted, in days (the model's bound).
MAX_EFFORT_DAYS = 100_000
#: Longest comment accepted.
MAX_COMMENT = 2000
#: Folder of the bundled sector templates (``<sector>.yaml``).
TEMPLATES_DIR = folder("criteria") / "requirements"

WIDTHS = {"id": 14, "process": 20, "requirement": 70, "priority": 14, "locked": 11}
WIDTHS.update({"answer": 26, "effort_days": 14, "comment": 50})

# ------------------------------------------------------------------------------- labels


def fold(text: str) -> str:
    """Case-, accent-, apostrophe- and space-insensitive form of a label."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().replace("_", " ").replace("-", " ").split())


def answer_label(kind: AnswerKind, lang: str | None) -> str:
    """The label of an answer kind in ``lang`` (as shown in the drop-down list)."""
    return t(f"requirements.answer.{kind}", lang)


def answer_lookup() -> dict[str, AnswerKind]:
    out: dict[str, AnswerKind] = {}
    for kind in ANSWER_KINDS:
        out[fold(kind)] = kind
        for lang in LANGS:
            out[fold(answer_label(kind, lang))] = kind
    out[fold("customization")] = "customisation"
    out[fold("add-on")] = "partner_addon"
    return out


def column_headers(lang: str) -> dict[str, str]:
    return {key: t(f"requirements.column.{key}", lang) for key in KEYS}


def column_names() -> dict[str, str]:
    """Header text (lower case, any language) → column key."""
    out: dict[str, str] = {}
    for lang in LANGS:
        for key, label in column_headers(lang).items():
            out[label.strip().lower()] = key
    for key in KEYS:
        out[key] = key
    return out
