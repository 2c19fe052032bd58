"""The report's formats, their media types, the PDF's vendor-sheet scopes and default samples."""

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


#: What the PDF prints: the board document, whose vendor sheets are those of the shortlist
#: and the near misses (the default), or the full report with every vendor's sheet. The
#: HTML report and the XLSX workbook always hold everything.
AppendixScope = Literal["shortlist", "all"]
APPENDIX_SCOPES: tuple[str, ...] = ("shortlist", "all")
DEFAULT_APPENDIX: AppendixScope = "shortlist"


def _known(value: str, known: tuple[str, ...], rule: str, field: str, name: str) -> str:
    """``value`` in lower case when it is one of ``known``; else ``rule`` naming them."""
    key = str(value).strip().lower()
    if key not in known:
        params = {name: value, "known": ", ".join(known)}
        raise InputError([Problem(rule=rule, field=field, value=value, params=params)])
    return key


def check_appendix(scope: str) -> AppendixScope:
    """The sheet scope in lower case, or ``sheets.unsupported_appendix`` naming the known ones."""
    key = _known(scope, APPENDIX_SCOPES, "sheets.unsupported_appendix", "appendix", "scope")
    return "all" if key == "all" else "shortlist"


def draws_charts(fmt: str, appendix: str = DEFAULT_APPENDIX) -> bool:
    """Whether the report in ``fmt`` with the PDF scope ``appendix`` draws Vega-Lite charts.

    The HTML report and the full PDF (``appendix="all"``) do, in the chart workers; the
    board PDF (the default), the memo and the tables draw none.
    """
    key = str(fmt).strip().lower()
    return key == "html" or (key == "pdf" and str(appendix).strip().lower() == "all")


def check_format(fmt: str) -> str:
    """The format in lower case, or ``report.unsupported_format`` naming the known ones."""
    return _known(fmt, FORMATS, "report.unsupported_format", "format", "fmt")
