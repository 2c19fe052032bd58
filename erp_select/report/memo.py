"""The two-page board memo, typed: built from the analysis suite, never recomputed."""

from __future__ import annotations

import math
from collections.abc import Mapping

from erp_select.analysis.parts import labels
from erp_select.errors import InputError
from erp_select.explain.contributions import head_to_head
from erp_select.explain.decision import DecisionStatus, decision_status
from erp_select.explain.verdict import weight_move
from erp_select.i18n import fmt_money, fmt_number, fmt_percent, has_key, normalise_lang, t
from erp_select.report.compute import ReportInputs
from erp_select.report.content import SHORTLIST_SIZE
from erp_select.report.memo_notes import cost_lines, risks, steps, value_text
from erp_select.report.memo_types import Memo, MemoBar, MemoCost
from erp_select.words import Words, fmt_date

__all__ = ["Memo", "MemoBar", "MemoCost", "build_memo", "in_play"]

#: Reasons given for a clear winner; points given on each side of a toss-up.
REASONS = 3
SIDE_POINTS = 2


def in_play(inputs: ReportInputs, decision: DecisionStatus | None) -> list[str]:
    """The vendors the memo discusses: the shortlist, and the rival if it is not on it."""
    ids = list(inputs.order[:SHORTLIST_SIZE])
    if decision is not None and decision.rival is not None and decision.rival not in ids:
        ids.append(decision.rival)
    return ids


Point = tuple[str, str, str]


def _points(inputs: ReportInputs, a: str, b: str, toss_up: bool) -> list[Point]:
    """Why ``a`` comes before ``b`` (or, for a toss-up, where each is better).

    Each point is ``(criterion, better vendor, the other)``, the criteria whose part of the
    score differs most between the two first (the suite's decomposition).
    """
    if inputs.contributions is None:
        return []
    try:
        h2h = head_to_head(inputs.contributions, a, b)
    except InputError:
        return []
    diff = h2h.table["difference"]
    ahead = [str(c) for c in diff[diff > 0].sort_values(ascending=False).index]
    behind = [str(c) for c in diff[diff < 0].sort_values().index]
    if not toss_up:
        return [(c, a, b) for c in ahead[:REASONS]]
    return [(c, a, b) for c in ahead[:SIDE_POINTS]] + [(c, b, a) for c in behind[:SIDE_POINTS]]


def _point_text(point: Point, inputs: ReportInputs, names: Mapping[str, str], lang: str) -> str:
    """A point in words, with the criterion's share of the decision (its global weight)."""
    crit, leader, other = point
    weight = inputs.contributions.weights[crit] if inputs.contributions is not None else math.nan
    return t(
        "memo.point",
        lang,
        criterion=names.get(crit, crit),
        weight=fmt_percent(float(weight), lang, 0),
        leader=names[leader],
        other=names[other],
    )


def _bars(
    inputs: ReportInputs, ids: list[str], names: Mapping[str, str], lang: str
) -> list[MemoBar]:
    """First-place shares of the vendors in play (the suite's SMAA-2), largest first."""
    if inputs.smaa is None:
        return []
    first = inputs.smaa.first_share
    shares = sorted(((float(first[v]), v) for v in ids if v in first.index), reverse=True)
    return [MemoBar(names[v], s, fmt_percent(s, lang, 0), round(100 * s, 2)) for s, v in shares]


def _changes(inputs: ReportInputs, names: Mapping[str, str], lang: str) -> list[str]:
    """What would change the answer: the nearest weight move, then the rival's needed value."""
    summary = inputs.summary(lang)
    if summary is None:
        return []
    facts = summary.facts
    out: list[str] = []
    gap = facts.get("nearest_gap")
    if facts.get("nearest_criterion") is not None:
        move = weight_move(facts["nearest_current"], facts["nearest_weight"], lang)
        after = facts.get("nearest_after")
        key = "memo.change.weight" if after is not None else "memo.change.weight_unnamed"
        out.append(
            t(
                key,
                lang,
                criterion=names.get(facts["nearest_criterion"], facts["nearest_criterion"]),
                current=move.current_text,
                weight=move.weight_text,
                after=names.get(str(after), str(after)) if after is not None else "",
            )
        )
    elif gap is not None and math.isinf(gap):
        out.append(t("memo.change.no_weight", lang, winner=names.get(summary.winner, "")))
    challenger = facts.get("challenger")
    if challenger is not None and "challenger_required" in facts:
        crit = str(facts["challenger_criterion"])
        unit = inputs.project.criteria.node(crit).unit
        params = {
            "challenger": names.get(str(challenger), str(challenger)),
            "criterion": names.get(crit, crit),
            "required": value_text(facts["challenger_required"], unit, lang),
            "current": value_text(facts["challenger_current"], unit, lang),
        }
        real = facts.get("challenger_real")
        if isinstance(real, int | float):
            params["real"] = value_text(float(real), unit, lang)
            out.append(t("memo.change.value_counted", lang, **params))
        else:
            out.append(t("memo.change.value", lang, **params))
    return out


def _recommendation(
    inputs: ReportInputs, names: Mapping[str, str], lang: str, decision: DecisionStatus | None
) -> tuple[str, str, list[Point]]:
    """The recommendation, the words before its points, and the points."""
    order = inputs.order
    if not order:
        return t("memo.reco.none", lang), "", []
    winner = order[0]
    if len(order) == 1:
        return t("memo.reco.one", lang, winner=names[winner]), "", []
    rival = decision.rival if decision is not None and decision.rival else order[1]
    if decision is not None and decision.toss_up:
        points = _points(inputs, winner, rival, True)
        intro = t("memo.points.toss_up", lang, winner=names[winner], rival=names[rival])
        return t("memo.reco.toss_up", lang, winner=names[winner], rival=names[rival]), intro, points
    points = _points(inputs, winner, order[1], False)
    intro = (
        t("memo.points.reasons", lang, winner=names[winner], other=names[order[1]])
        if points
        else ""
    )
    return t("memo.reco.winner", lang, winner=names[winner]), intro, points


def _question(inputs: ReportInputs, lang: str) -> str:
    company = inputs.project.company
    screening = inputs.analysis.screening
    budget = (
        t("memo.question.budget", lang, budget=fmt_money(company.budget, lang))
        if company.budget is not None
        else t("memo.question.no_budget", lang)
    )
    assessed, vendors = len(inputs.project.vendors), len(inputs.saved.vendors)
    return t(
        "memo.question.text" if assessed == vendors else "offers.report.question",
        lang,
        company=company.name or inputs.project.name or t("memo.question.company", lang),
        assessed=assessed,
        vendors=vendors,
        kept=len(screening.kept),
        years=fmt_number(company.horizon_years, lang, 0),
        budget=budget,
    )


def _method(inputs: ReportInputs, lang: str) -> str:
    key = inputs.analysis.method
    gloss = t(f"memo.gloss.{key}", lang) if has_key(f"memo.gloss.{key}") else ""
    template = "memo.method" if gloss else "memo.method_bare"
    return t(template, lang, method=Words(lang).method(key), gloss=gloss)


def build_memo(inputs: ReportInputs, lang: str | None) -> Memo:
    """Write the board memo of an analysed project in ``lang``.

    Parameters
    ----------
    inputs : ReportInputs
        The analysis suite (:func:`erp_select.report.compute.compute`).
    lang : str, optional
        ``"fr"`` or ``"en"``.

    Returns
    -------
    Memo
        Every number comes from the suite: first places from its SMAA-2, costs from its
        TCO estimates, reasons from its decomposition, changes from its summary.
    """
    code = normalise_lang(lang)
    project = inputs.project
    names = labels(project, code)
    summary = inputs.summary(code)
    decision = decision_status(summary, names, code) if summary is not None else None
    reco, intro, points = _recommendation(inputs, names, code, decision)
    ids = in_play(inputs, decision)
    costs, budget_mark = cost_lines(inputs, ids, code)
    horizon = fmt_number(project.company.horizon_years, code, 0)
    samples = fmt_number(inputs.samples, code, 0)
    return Memo(
        lang=code,
        title=t("memo.title", code),
        project=project.name or t("report.title", code),
        date=fmt_date(inputs.day, code),
        question=_question(inputs, code),
        winner=names[inputs.order[0]] if inputs.order else None,
        rival=names[decision.rival] if decision is not None and decision.rival else None,
        toss_up=decision is not None and decision.toss_up,
        recommendation=reco,
        points_intro=intro,
        points=[_point_text(p, inputs, names, code) for p in points],
        status=decision.sentence if decision is not None else "",
        chart_title=t("memo.chart", code, n=samples),
        bars=_bars(inputs, ids, names, code),
        changes=_changes(inputs, names, code),
        costs=costs,
        budget=project.company.budget,
        budget_mark=budget_mark,
        cost_title=t("memo.h.costs", code, years=horizon),
        cost_note=t("memo.costs_note", code, years=horizon),
        risks=risks(inputs, ids, names, code),
        steps=steps(inputs, ids, names, code, [p[0] for p in points]),
        method=_method(inputs, code),
        decision=decision,
    )
