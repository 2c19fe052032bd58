"""Write a project's demo script: the vendors' document (HTML, PDF) or the scoring grid (XLSX)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from erp_select.demos import demo_script
from erp_select.evaluate.performance import evaluate
from erp_select.model import Project
from erp_select.model.demo_script import DemoScript
from erp_select.report.demo_script import demo_document, demo_script_html, demo_script_pdf
from erp_select.report.demo_sheet import demo_sheet_xlsx
from erp_select.screen import screen

__all__ = [
    "DEMO_FORMATS",
    "DemoFormat",
    "demo_script_bytes",
    "script_of",
    "shortlist",
    "write_demo_script",
]

DemoFormat = Literal["pdf", "html", "xlsx"]
DEMO_FORMATS: tuple[DemoFormat, ...] = ("pdf", "html", "xlsx")


def script_of(project: Project, lang: str | None = "fr") -> DemoScript:
    """The project's own script when it has one, else the one generated in ``lang``."""
    return project.demo_script or demo_script(project, lang or "fr")


def shortlist(project: Project) -> list[str]:
    """The vendors invited to demonstrate: those the must-haves keep (all when none is kept)."""
    kept = screen(project.vendors, project.company, evaluate(project)).kept
    return kept or [v.id for v in project.vendors]


def demo_script_bytes(
    project: Project,
    fmt: DemoFormat,
    lang: str | None = "fr",
    vendors: list[str] | None = None,
) -> bytes:
    """The demo script of ``project`` as ``pdf``, ``html`` (for vendors) or ``xlsx`` (grid).

    A project that carries its own script is printed as it stands, in its language;
    otherwise the script is generated in ``lang``. The grid has a row per vendor of
    ``vendors`` (default: :func:`shortlist`), scenario and scored criterion.
    """
    script = script_of(project, lang)
    if fmt == "xlsx":
        return demo_sheet_xlsx(project, script, vendors or shortlist(project))
    document = demo_document(project, script)
    if fmt == "html":
        return demo_script_html(document).encode("utf-8")
    return demo_script_pdf(document)


def write_demo_script(
    project: Project, fmt: DemoFormat, out: Path, lang: str | None = "fr"
) -> None:
    """Write :func:`demo_script_bytes` to ``out`` (its folder must exist)."""
    out.write_bytes(demo_script_bytes(project, fmt, lang))
