"""The cost terms in sentences: indexation, user growth, internal cost, contingency, NPV."""

from __future__ import annotations

from erp_select.evaluate.tco import users_in_year
from erp_select.i18n import fmt_money, fmt_number, fmt_percent, t
from erp_select.model import CompanyProfile, CostTerms


def rate_text(share: float, lang: str) -> str:
    """A yearly rate as a percentage, with a decimal only when it has one (``2,5 %``)."""
    points = round(share * 100, 6)
    digits = 0 if points.is_integer() else (1 if round(points, 1) == points else 2)
    return fmt_percent(share, lang, digits)


def terms_text(terms: CostTerms, lang: str, company: CompanyProfile | None = None) -> list[str]:
    """``terms`` in sentences (one saying prices are flat when every term is off).

    With the ``company``, the growth sentence lists the users of each year of its horizon.
    """
    out: list[str] = []
    if terms.indexation > 0:
        out.append(t("tco.terms.indexation", lang, rate=rate_text(terms.indexation, lang)))
    if terms.user_growth > 0:
        rate = rate_text(terms.user_growth, lang)
        if company is None:
            out.append(t("tco.terms.growth_rate", lang, rate=rate))
        else:
            users = [
                fmt_number(users_in_year(company.erp_users, terms.user_growth, k), lang, 0)
                for k in range(1, company.horizon_years + 1)
            ]
            out.append(t("tco.terms.growth", lang, rate=rate, users=" → ".join(users)))
    if terms.internal_day_cost > 0:
        out.append(t("tco.terms.internal", lang, amount=fmt_money(terms.internal_day_cost, lang)))
    if terms.contingency > 0:
        out.append(t("tco.terms.contingency", lang, rate=rate_text(terms.contingency, lang)))
    if terms.discount_rate is not None:
        out.append(t("tco.terms.discount", lang, rate=rate_text(terms.discount_rate, lang)))
    return out or [t("tco.terms.flat", lang)]


__all__ = ["rate_text", "terms_text"]
