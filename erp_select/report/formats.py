"""The report's formats, their media types, the PDF's vendor-sheet scopes and default samples."""

from __future__ import annotations

from typing import Literal

from erp_select.errors import InputError, Problem

#: Default number of SMAA-2 weight samples of a report (as ``compute``'s default).
DEFAULT_SAMPLES = 10_000

Format = Literal["pdf", "html", "xlsx", "csv", "md"]
FORMATS: tuple[str, ...] = ("pdf", "html", "xlsx", "csv", "md")

#: Media type of each format (for downloads).
MEDIA_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}


#: Which vendor sheets the PDF prints: the shortlist and the near misses (the default), or
#: every vendor. The HTML report and the XLSX workbook always hold every vendor.
AppendixScope = Literal["shortlist", "all"]
APPENDIX_SCOPES: tuple[str, ...] = ("shortlist", "all")
DEFAULT_APPENDIX: AppendixScope = "shortlist"


def check_appendix(scope: str) -> AppendixScope:
    """The sheet scope in lower case, or ``sheets.unsupported_appendix`` naming the known ones."""
    key = str(scope).strip().lower()
    if key == "shortlist":
        return "shortlist"
    if key == "all":
        return "all"
    raise InputError(
        [
            Problem(
                rule="sheets.unsupported_appendix",
                field="appendix",
                value=scope,
                params={"scope": scope, "known": ", ".join(APPENDIX_SCOPES)},
            )
        ]
    )


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
