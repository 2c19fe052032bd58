"""The shortlist report: render a project as PDF, HTML, XLSX, CSV or Markdown, offline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from erp_select.i18n import normalise_lang
from erp_select.report.formats import (
    APPENDIX_SCOPES,
    DEFAULT_APPENDIX,
    DEFAULT_SAMPLES,
    EXTENSIONS,
    FORMATS,
    MEDIA_TYPES,
    Format,
    check_appendix,
    check_format,
    draws_charts,
)

if TYPE_CHECKING:  # the analyses are imported when a report is made, not with the package:
    # the chart drawing processes import erp_select.report.drawing and need nothing else.
    from erp_select.model import Project
    from erp_select.report.compute import ReportInputs


def render_from(
    inputs: ReportInputs,
    fmt: str,
    lang: str | None = "fr",
    *,
    appendix: str = DEFAULT_APPENDIX,
) -> bytes:
    """Render already computed analyses in one format and language.

    Useful to write several formats or languages from one computation.

    Parameters
    ----------
    inputs : ReportInputs
        From :func:`erp_select.report.compute.compute`.
    fmt : str
        ``pdf``, ``html``, ``xlsx``, ``csv``, ``md`` or ``memo`` (the two-page board memo,
        PDF).
    lang : str, optional
        ``fr`` or ``en``.
    appendix : str
        The PDF's scope: ``shortlist`` (default: the board document, i.e. the memo, a
        short body and one page per shortlisted or near-miss vendor) or ``all`` (the full
        report with every vendor's sheet, as the HTML page). The HTML page and the XLSX
        workbook hold everything.

    Returns
    -------
    bytes
        The document.

    Raises
    ------
    InputError
        ``report.unsupported_format`` for another format, ``sheets.unsupported_appendix``
        for another scope.
    """
    key = check_format(fmt)
    scope = check_appendix(appendix)
    code = normalise_lang(lang)
    import dataclasses

    from erp_select.report.context import build_content, sheets_in_scope
    from erp_select.report.isolate import isolate_texts

    # Names and labels holding bidi overrides cannot reorder the text printed around them.
    inputs = dataclasses.replace(inputs, project=isolate_texts(inputs.project))
    if key == "memo":
        from erp_select.report.memo import build_memo
        from erp_select.report.memo_render import memo_pdf

        return memo_pdf(build_memo(inputs, code))

    if key == "pdf" and scope == "shortlist":
        from erp_select.report.board import board_pdf

        return board_pdf(sheets_in_scope(build_content(inputs, code, board=True), scope))
    content = build_content(inputs, code)
    if key in ("html", "pdf"):
        from erp_select.report.charts import build_charts
        from erp_select.report.html import render_html, render_pdf

        if key == "html":
            page = sheets_in_scope(content, "all")
            return render_html(page, build_charts(inputs, code, raster=False)).encode("utf-8")
        return render_pdf(sheets_in_scope(content, scope), build_charts(inputs, code, raster=True))
    from erp_select.report import tables

    if key == "xlsx":
        return tables.render_xlsx(inputs, content)
    if key == "csv":
        return tables.render_csv(content)
    return tables.render_markdown(content)


def render_report(
    project: Project,
    fmt: str,
    lang: str | None = "fr",
    *,
    sensitivity_samples: int = DEFAULT_SAMPLES,
    seed: int | None = None,
    generated: dt.date | None = None,
    appendix: str = DEFAULT_APPENDIX,
) -> bytes:
    """Render the shortlist report of ``project``.

    Parameters
    ----------
    project : Project
        The validated project.
    fmt : str
        ``pdf`` (A4, WeasyPrint), ``html`` (one self-contained page), ``xlsx`` (typed
        tables), ``csv`` (the ranking), ``md`` (a Markdown summary) or ``memo`` (the
        two-page board memo, PDF; also the first pages of ``pdf``).
    lang : str, optional
        ``fr`` (default) or ``en``.
    sensitivity_samples : int
        Number of SMAA-2 weight samples (default 10 000).
    seed : int, optional
        Seed of the random analyses (default: the project's seed), printed in the report.
    generated : datetime.date, optional
        Date printed on the report (default: today).
    appendix : str
        The PDF: ``shortlist`` (default: the board document) or ``all`` (the full report).

    Returns
    -------
    bytes
        The document. Nothing is fetched from the network while rendering.

    Raises
    ------
    InputError
        ``report.unsupported_format``, ``sheets.unsupported_appendix``; an analysis that
        rejects the data is left out of the report with its reason instead of failing it.
    """
    scope = check_appendix(appendix)
    fmt_key = check_format(fmt)
    from erp_select.report.workers import prestart, worker_count

    # Every format hands SMAA-2 to a worker: a wrong ERP_SELECT_REPORT_WORKERS is refused by
    # name before any work, even when the board PDF needs no chart worker.
    worker_count()
    if draws_charts(fmt_key, scope):
        prestart()  # the workers start their engines while the analyses run
    from erp_select.report.compute import compute

    inputs = compute(
        project, sensitivity_samples=sensitivity_samples, seed=seed, generated=generated
    )
    return render_from(inputs, fmt, lang, appendix=appendix)


def write_report(
    project: Project,
    fmt: str,
    out: Path,
    lang: str | None = "fr",
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int | None = None,
    appendix: str = DEFAULT_APPENDIX,
) -> None:
    """Render the report of ``project`` and write it to ``out``.

    Parameters
    ----------
    project : Project
        The validated project.
    fmt : str
        ``pdf``, ``html``, ``xlsx``, ``csv`` or ``md``.
    out : Path
        The file to write (its folder must exist).
    lang : str, optional
        ``fr`` or ``en``.
    samples : int
        Number of SMAA-2 weight samples (default 10 000).
    seed : int, optional
        Seed of the random analyses (default: the project's seed).
    appendix : str
        The PDF: ``shortlist`` (default: the board document) or ``all`` (the full report).
    """
    data = render_report(
        project, fmt, lang, sensitivity_samples=samples, seed=seed, appendix=appendix
    )
    Path(out).write_bytes(data)


__all__ = [
    "APPENDIX_SCOPES",
    "DEFAULT_APPENDIX",
    "DEFAULT_SAMPLES",
    "EXTENSIONS",
    "FORMATS",
    "MEDIA_TYPES",
    "Format",
    "render_from",
    "render_report",
    "write_report",
]
