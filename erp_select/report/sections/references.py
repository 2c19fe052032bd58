"""The report's reference calls: who was called about which vendor, and what they confirmed."""

from __future__ import annotations

from erp_select.i18n import t
from erp_select.model import Project
from erp_select.model.demo_script import ReferenceCall
from erp_select.words import Words


def who(call: ReferenceCall, words: Words) -> str:
    """``Claire Martin (Fonderie Martin), 20 avril 2026``: the person, the company, the date."""
    if call.date is None:
        return t(
            "demoscripts.refs.call_nodate",
            words.lang,
            reference=call.reference,
            company=call.company,
        )
    return t(
        "demoscripts.refs.call",
        words.lang,
        reference=call.reference,
        company=call.company,
        date=words.date(call.date),
    )


def confirmed(call: ReferenceCall, words: Words) -> str:
    """The facts the call confirmed, in words (or that it confirmed none)."""
    if not call.confirmed:
        return t("demoscripts.refs.confirmed_none", words.lang)
    facts = words.join(words.fact(c.fact) for c in call.confirmed)
    return t("demoscripts.refs.confirmed", words.lang, facts=facts)


def reference_lines(project: Project, lang: str) -> list[str]:
    """One sentence per call about a vendor of the project, in the order they were recorded."""
    words = Words(lang, project.criteria)
    names = {v.id: v.name for v in project.vendors}
    return [
        t(
            "demoscripts.refs.line",
            lang,
            vendor=names[call.vendor],
            call=who(call, words),
            confirmed=confirmed(call, words),
        )
        for call in project.reference_calls
        if call.vendor in names
    ]


__all__ = ["confirmed", "reference_lines", "who"]
