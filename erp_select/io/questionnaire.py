"""Requirements files and the vendor questionnaire (XLSX out, validated answers back in).

The questionnaire workbook has two sheets. ``questionnaire`` holds one row per
requirement with the columns id, process, requirement, priority, locked (filled by
erp-select, protected) and answer, effort (days), comment (filled by the vendor; the answer
cell offers a drop-down list). ``instructions`` explains how to fill it in. Headers and
labels are in French or English; the import accepts either language, the answer kinds'
keys (``partner_addon``…) and labels written without accents.
"""

from __future__ import annotations

from pathlib import Path as FilePath

from pydantic import ValidationError

from erp_select.errors import InputError, Problem
from erp_select.io.documents import parse_document
from erp_select.io.problems import validation_problems
from erp_select.io.questionnaire_export import export_questionnaire
from erp_select.io.questionnaire_import import import_questionnaire
from erp_select.io.questionnaire_sheet import (
    ANSWER_COLUMNS,
    INSTRUCTIONS_SHEET,
    KEYS,
    SHEET,
    TEMPLATES_DIR,
    answer_label,
)
from erp_select.io.sources import check_size, decode_text, format_of, read_file
from erp_select.model import (
    RequirementSet,
)

__all__ = [
    "ANSWER_COLUMNS",
    "INSTRUCTIONS_SHEET",
    "KEYS",
    "SHEET",
    "TEMPLATES_DIR",
    "answer_label",
    "export_questionnaire",
    "import_questionnaire",
    "load_requirements",
    "read_requirements_bytes",
    "sector_template",
    "template_sectors",
]


# ----------------------------------------------------------------------- requirements files


def read_requirements_bytes(data: bytes, filename: str) -> RequirementSet:
    """Read a requirements template (YAML or JSON) from bytes.

    Raises
    ------
    InputError
        With every problem located (line, field, value).
    """
    fmt = format_of(filename)
    check_size(len(data), filename)
    if fmt not in ("yaml", "json"):
        raise InputError([Problem(rule="io.unknown_format", source=filename, value=fmt)])
    doc = parse_document(decode_text(data), fmt, filename)
    try:
        return RequirementSet.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(
            validation_problems(exc, doc.data, source=filename, locate=doc.locate)
        ) from exc


def load_requirements(path: str | FilePath) -> RequirementSet:
    """Load a requirements template file (``criteria/requirements/<sector>.yaml``).

    Raises
    ------
    InputError
        When the file is missing, too large or invalid.
    """
    p = FilePath(path)
    return read_requirements_bytes(read_file(p), p.name)


def template_sectors() -> list[str]:
    """Return the sectors that have a bundled requirements template, sorted."""
    return sorted(p.stem for p in TEMPLATES_DIR.glob("*.yaml"))


def sector_template(sector: str) -> RequirementSet:
    """Return the bundled requirements template of ``sector``.

    Raises
    ------
    InputError
        Rule ``requirements.no_template`` when the sector has no template.
    """
    if sector not in template_sectors():
        raise InputError(
            [
                Problem(
                    rule="requirements.no_template",
                    value=sector,
                    params={"sectors": ", ".join(template_sectors())},
                )
            ]
        )
    return load_requirements(TEMPLATES_DIR / f"{sector}.yaml")
