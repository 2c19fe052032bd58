"""The project file: one JSON document that reproduces an analysis, with schema versions.

The file says ``format: erp-select.project`` and ``schema_version``. This version writes
and reads schema 1. A file from a newer erp-select (a higher version) is refused with a
clear message; when the schema changes, files of older versions will be migrated here,
one step per version (``_MIGRATIONS``), before validation.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path as FilePath
from typing import Any

from pydantic import ValidationError

from erp_select.errors import InputError, Problem
from erp_select.io.documents import Document, dump_json, parse_document, plain
from erp_select.io.facts import rule_problems
from erp_select.io.problems import validation_problems
from erp_select.io.sources import check_size, decode_text, read_file
from erp_select.io.variants import check_integrators, check_vendor_document
from erp_select.model import SCHEMA_VERSION, CriteriaTree, Project
from erp_select.model.facts import Vocabulary, vocabulary, vocabulary_for

PROJECT_FORMAT = "erp-select.project"

#: ``version → function`` turning a document of that schema version into the next one.
_MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def load_project(path: str | FilePath) -> Project:
    """Load a project file (JSON; YAML is accepted too when the name ends in ``.yaml``).

    Raises
    ------
    InputError
        When the file is not a project, comes from a newer version, or does not validate;
        every problem is located.
    """
    p = FilePath(path)
    return read_project_bytes(read_file(p), p.name)


def read_project_bytes(data: bytes, filename: str) -> Project:
    """Read a project from uploaded bytes (see ``load_project``)."""
    check_size(len(data), filename)
    fmt = "yaml" if filename.lower().endswith((".yaml", ".yml")) else "json"
    doc = parse_document(decode_text(data), fmt, filename)
    return _from_document(doc)


def _check_header(doc: Document) -> dict[str, Any]:
    if not isinstance(doc.data, dict):
        raise InputError([Problem(rule="io.project_format", source=doc.source, row=1)])
    data: dict[str, Any] = doc.data
    fmt = data.get("format")
    if fmt != PROJECT_FORMAT:
        where = doc.locate(("format",))
        raise InputError(
            [
                Problem(
                    rule="io.project_format",
                    source=doc.source,
                    row=where.row,
                    field="format",
                    value=fmt,
                )
            ]
        )
    version = data.get("schema_version")
    where = doc.locate(("schema_version",))
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InputError(
            [
                Problem(
                    rule="io.project_schema_invalid",
                    source=doc.source,
                    row=where.row,
                    field="schema_version",
                    value=version,
                )
            ]
        )
    if version > SCHEMA_VERSION:
        raise InputError(
            [
                Problem(
                    rule="io.project_newer",
                    source=doc.source,
                    row=where.row,
                    field="schema_version",
                    value=version,
                    params={"version": version, "supported": SCHEMA_VERSION},
                )
            ]
        )
    while version < SCHEMA_VERSION:
        data = _MIGRATIONS[version](data)
        version = int(data["schema_version"])
    return data


def _vocabulary(data: dict[str, Any]) -> Vocabulary:
    """The fact vocabulary plus the facts the project's own criteria read (when they load)."""
    try:
        tree = CriteriaTree.model_validate(data.get("criteria"))
    except ValidationError:
        return vocabulary()
    return vocabulary_for(tree)


def _from_document(doc: Document) -> Project:
    data = _check_header(doc)
    refused: list[Problem] = []
    if isinstance(data.get("vendors"), list):
        vocab = _vocabulary(data)
        vendors = []
        for i, v in enumerate(data["vendors"]):
            checked, errors, _ = check_vendor_document(v, vocab, doc, ("vendors", i))
            vendors.append(checked)
            refused += errors
        data = {**data, "vendors": vendors}
        data, errors, _ = check_integrators(data, _vocabulary(data), doc)
        refused += errors
    try:
        project = Project.model_validate(data)
    except ValidationError as exc:
        problems = validation_problems(exc, data, source=doc.source, locate=doc.locate)
        raise InputError(refused + problems) from exc
    refused += rule_problems(project, source=doc.source, locate=doc.locate)
    if refused:
        raise InputError(refused)
    return project


def dump_project(project: Project) -> bytes:
    """Write a project as indented UTF-8 JSON; ``read_project_bytes`` gives it back equal."""
    return dump_json(plain(project))
