"""The report's formats, their media types and the default number of SMAA-2 samples."""

from __future__ import annotations

from typing import Literal

from erp_select.errors import InputError, Problem

#: Default number of SMAA-2 weight samples of a report (as ``compute``'s default).
DEFAULT_SAMPLES = 10_000

Format = Literal["pdf", "html", "xlsx", "csv", "md", "memo"]
FORMATS: tuple[str, ...] = ("pdf", "html", "xlsx", "csv", "md", "memo")

#: Media type of each format (for downloads).
MEDIA_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "memo": "application/pdf",
}

#: File extension of each format (the board memo is a PDF).
EXTENSIONS: dict[str, str] = {fmt: fmt for fmt in FORMATS} | {"memo": "pdf"}


def check_format(fmt: str) -> str:
    """The format in lower case, or ``report.unsupported_format`` naming the known ones."""
    key = str(fmt).strip().lower()
    if key not in FORMATS:
        raise InputError(
            [
                Problem(
                    rule="report.unsupported_format",
                    field="format",
                    value=fmt,
                    params={"fmt": fmt, "known": ", ".join(FORMATS)},
                )
            ]
        )
    return key
