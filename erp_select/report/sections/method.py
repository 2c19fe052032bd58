"""The method notes and the title page: method, SMAA-2 settings, dates, version, fingerprint."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from erp_select.engine import method_info
from erp_select.i18n import fmt_number, has_key, t
from erp_select.report.compute import ReportInputs
from erp_select.report.content import Meta, Method
from erp_select.words import fmt_date, normalisation


def method(inputs: ReportInputs, lang: str) -> Method:
    """The ranking method (name, description, normalisation), SMAA-2, samples, seed, date."""
    info = method_info(inputs.analysis.method)
    smaa = inputs.smaa
    smaa_text = ""
    if smaa is not None:
        key = (
            "report.method.smaa_uniform"
            if smaa.weight_model == "uniform"
            else "report.method.smaa_dirichlet"
        )
        smaa_text = t(
            key,
            lang,
            n=fmt_number(smaa.n, lang, 0),
            seed=smaa.seed,
            c=fmt_number(smaa.concentration or 0.0, lang, 0),
            cells=smaa.uncertain_cells,
        )
    name = info.title(lang)
    gloss = f"sheets.method_gloss.{info.key}"
    return {
        "name": name,
        "plain": f"{name} ({t(gloss, lang)})" if has_key(gloss) else name,
        "key": info.key,
        "description": info.description.get(lang, info.description.get("en", "")),
        "normalisation": normalisation(info.key, lang),
        "smaa": smaa_text,
        "samples": fmt_number(inputs.samples, lang, 0),
        "seed": inputs.seed,
        "as_of": fmt_date(inputs.project.as_of, lang),
    }


def date_long(value: dt.date, lang: str) -> str:
    """A date in full (``6 mai 2026``)."""
    return format_date(value, format="long", locale="fr_FR" if lang == "fr" else "en_GB")


def meta(inputs: ReportInputs, lang: str, method_name: str) -> Meta:
    """The title page: date, version, fingerprint, method, company and horizon."""
    company = inputs.project.company
    return {
        "date": date_long(inputs.day, lang),
        "date_iso": inputs.day.isoformat(),
        "version": inputs.version,
        "fingerprint": inputs.fingerprint,
        "method": method_name,
        "company": company.name,
        "horizon": t("report.years", lang, n=company.horizon_years),
    }
