"""Uploaded and downloaded files: criteria, vendors and project files through ``erp_select.io``."""

from __future__ import annotations

from typing import Any, Protocol

from erp_select.app.start import CompanyForm, build
from erp_select.catalogue import default_criteria
from erp_select.errors import InputError
from erp_select.io import (
    dump_project,
    read_criteria_bytes,
    read_project_bytes,
    read_vendors_bytes,
)
from erp_select.model import CriteriaTree, Project, VendorProfile
from erp_select.words import file_stem

#: File types offered by the upload widgets for criteria and vendors.
TABLE_TYPES: tuple[str, ...] = ("yaml", "yml", "json", "csv", "xlsx")


class Upload(Protocol):
    """What the app needs from an uploaded file (Streamlit's ``UploadedFile``)."""

    name: str

    def getvalue(self) -> bytes:
        """The file's bytes."""
        ...


def read_criteria(upload: Upload) -> CriteriaTree:
    """Read an uploaded criteria file; ``InputError`` with located lines when it is wrong."""
    return read_criteria_bytes(upload.getvalue(), upload.name)


def read_vendors(uploads: list[Any]) -> list[VendorProfile]:
    """Read every uploaded vendor file; all problems of all files are reported together.

    Raises
    ------
    InputError
        With the located lines of every file that is wrong (nothing is loaded then).
    """
    vendors: list[VendorProfile] = []
    problems = []
    for upload in uploads:
        try:
            vendors.extend(read_vendors_bytes(upload.getvalue(), upload.name))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return vendors


def project_from_uploads(
    company: CompanyForm, criteria: Upload | None, vendors: list[Any], source: str
) -> Project:
    """Build a new project from the company form, a criteria file (or the default) and vendors.

    Raises
    ------
    InputError
        When a file is wrong or the pieces do not make a valid project.
    """
    tree = read_criteria(criteria) if criteria is not None else default_criteria()
    problems = []
    try:
        profiles = read_vendors(vendors)
    except InputError as exc:
        problems.extend(exc.problems)
        profiles = []
    if problems:
        raise InputError(problems)
    return build(company, tree, profiles, source=source)


def read_project_upload(upload: Upload) -> Project:
    """Read an uploaded project file (JSON or YAML) into a validated project."""
    return read_project_bytes(upload.getvalue(), upload.name)


def project_bytes(project: Project) -> bytes:
    """The project file (JSON) that reopens this project exactly."""
    return dump_project(project)


def project_file_name(project: Project) -> str:
    """A file name for the project download, from its name: accents transliterated
    (``metallerie-duval``), safe characters only."""
    return f"{file_stem(project.name or project.company.name)}.erp-select.json"
