"""The demo script as a printable document for vendors (HTML, PDF), in the script's language."""

from __future__ import annotations

from dataclasses import dataclass

from erp_select.i18n import t
from erp_select.model import Project
from erp_select.model.demo_script import DemoScript
from erp_select.report.html import render_page
from erp_select.report.pdf import html_to_pdf
from erp_select.scoring.scale import LEVELS, anchor_described, not_shown_meaning
from erp_select.words import Words

__all__ = [
    "SCALE",
    "DemoDocument",
    "ScenarioView",
    "demo_document",
    "demo_script_html",
    "demo_script_pdf",
    "duration",
]

#: The anchored scale's levels, from worst to best; "not shown" stands apart.
SCALE: tuple[str, ...] = tuple(str(level) for level in LEVELS)


@dataclass(frozen=True)
class ScenarioView:
    """One scenario as printed: every text already in the document's language."""

    number: int
    id: str
    title: str
    process: str
    minutes: str
    steps: tuple[str, ...]
    data: tuple[str, ...]
    criteria: tuple[str, ...]
    requirements: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class DemoDocument:
    """The document handed to vendors before their demonstration."""

    lang: str
    title: str
    company: str
    summary: str
    scenarios: tuple[ScenarioView, ...]
    scale: tuple[tuple[str, str], ...]


def duration(minutes: int, lang: str) -> str:
    """``45 min`` under an hour, ``4 h 25`` from an hour on."""
    if minutes < 60:
        return t("demoscripts.minutes", lang, n=minutes)
    return t("demoscripts.hours", lang, h=minutes // 60, m=minutes % 60)


def scale_words(lang: str) -> tuple[tuple[str, str], ...]:
    """(level, meaning) of the anchored scale, then "not shown"."""
    levels = [(level, anchor_described(int(level), lang)) for level in SCALE]
    levels.append((t("demoscripts.sheet.not_shown", lang), not_shown_meaning(lang)))
    return tuple(levels)


def demo_document(project: Project, script: DemoScript) -> DemoDocument:
    """The printable view of ``script`` for ``project``, in the script's language."""
    lang = script.lang
    words = Words(lang, project.criteria)
    texts = {r.id: r for r in project.requirements}
    scenarios = []
    for number, s in enumerate(script.scenarios, start=1):
        shown = tuple(
            (
                rid,
                texts[rid].text.get(lang),
                t(f"requirements.priority.{texts[rid].priority}", lang),
            )
            for rid in s.requirements
            if rid in texts
        )
        scenarios.append(
            ScenarioView(
                number=number,
                id=s.id,
                title=s.title,
                process=t(f"requirements.process.{s.process}", lang),
                minutes=duration(s.minutes, lang),
                steps=tuple(s.steps),
                data=tuple(s.data),
                criteria=tuple(words.criterion(c) for c in s.criteria),
                requirements=shown,
            )
        )
    company = project.company.name or project.name
    return DemoDocument(
        lang=lang,
        title=t("demoscripts.doc.title", lang),
        company=t("demoscripts.doc.for_company", lang, company=company) if company else "",
        summary=t(
            "demoscripts.doc.summary",
            lang,
            n=len(script.scenarios),
            minutes=duration(script.minutes, lang),
        ),
        scenarios=tuple(scenarios),
        scale=scale_words(lang),
    )


def demo_script_html(document: DemoDocument) -> str:
    """The document as one self-contained HTML page (the report's stylesheet)."""
    return render_page("demo_script.html.j2", document.lang, ("report.css",), d=document)


def demo_script_pdf(document: DemoDocument) -> bytes:
    """The document as an A4 PDF, fetching nothing."""
    return html_to_pdf(demo_script_html(document))
