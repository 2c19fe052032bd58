"""The criteria tree with its weights, and how the weights were obtained."""

from __future__ import annotations

from collections.abc import Mapping

from erp_select.i18n import fmt_number, fmt_percent, t
from erp_select.model import Criterion
from erp_select.report.adjusted import rule_text
from erp_select.report.compute import ReportInputs
from erp_select.report.content import CriterionRow, Person, Spread, Weighting, WeightLevel
from erp_select.report.sections.common import label
from erp_select.words import Words, humanise


def criteria_rows(inputs: ReportInputs, lang: str) -> list[CriterionRow]:
    """Every criterion, depth first: label, local and global weight, measure and direction."""
    tree = inputs.project.criteria
    words = Words(lang, tree)
    global_w = tree.global_weights()
    rows: list[CriterionRow] = []

    def visit(group: list[Criterion], depth: int, factor: float) -> None:
        total = sum(c.weight for c in group)
        for c in group:
            local = c.weight / total
            share = factor * local
            direction = ""
            if c.is_leaf:
                direction = t(f"report.direction.{c.direction}", lang)
            rows.append(
                {
                    "id": c.id,
                    "label": c.label.get(lang),
                    "depth": depth,
                    "leaf": c.is_leaf,
                    "local": fmt_percent(local, lang, 1),
                    "global": fmt_percent(global_w[c.id] if c.is_leaf else share, lang, 1),
                    "global_value": global_w[c.id] if c.is_leaf else share,
                    "bar": round(100 * (global_w[c.id] if c.is_leaf else share), 2),
                    "direction": direction,
                    "unit": words.unit(c.unit) if c.unit else "",
                    "kind": label(f"report.kind.{c.value.kind}", humanise(c.value.kind), lang)
                    if c.value
                    else "",
                    "missing": rule_text(c, lang) if c.is_leaf else "",
                }
            )
            if c.children:
                visit(c.children, depth + 1, share)

    visit(list(tree.criteria), 0, 1.0)
    return rows


def weighting(inputs: ReportInputs, lang: str, names: Mapping[str, str]) -> Weighting:
    """Each level judged in a workshop (participants, consistency, spread), and the others."""
    levels: list[WeightLevel] = []
    judged: set[str | None] = set()
    for lv in inputs.weight_levels or []:
        judged.add(lv.node)
        node = names.get(lv.node, lv.node) if lv.node else t("report.weights.top", lang)
        people: list[Person] = []
        for person, ind in lv.individual.items():
            report = ind.report
            cr = getattr(report, "cr", None)
            people.append(
                {
                    "name": person,
                    "method": t(f"report.weights.method.{ind.method}", lang),
                    "cr": fmt_number(cr, lang, 3) if cr is not None and ind.method == "ahp" else "",
                    "consistent": (
                        t("report.yes" if report.consistent else "report.no", lang)
                        if ind.method == "ahp"
                        else ""
                    ),
                    "weights": {c: fmt_percent(w, lang, 1) for c, w in ind.weights.items()},
                }
            )
        group_cr = ""
        if lv.ahp is not None:
            group_cr = t(
                "report.weights.group_cr",
                lang,
                cr=fmt_number(lv.ahp.cr, lang, 3),
                threshold=fmt_number(lv.ahp.threshold, lang, 2),
                table=lv.ahp.ri_source,
            )
        spread_table = lv.dispersion.table
        spread: list[Spread] = []
        for cid in lv.ids:
            spread.append(
                {
                    "criterion": names.get(cid, cid),
                    "group": fmt_percent(lv.weights[cid], lang, 1),
                    "min": fmt_percent(float(spread_table.at[cid, "min"]), lang, 1)
                    if "min" in spread_table.columns
                    else "",
                    "max": fmt_percent(float(spread_table.at[cid, "max"]), lang, 1)
                    if "max" in spread_table.columns
                    else "",
                    "ids": cid,
                }
            )
        levels.append(
            {
                "node": node,
                "how": t(f"report.weights.how.{lv.how}", lang),
                "participants": len(lv.individual),
                "people": people,
                "group_cr": group_cr,
                "criteria": [names.get(c, c) for c in lv.ids],
                "ids": list(lv.ids),
                "spread": spread,
            }
        )
    others = [
        names.get(c.id, c.id)
        for c in inputs.project.criteria.walk()
        if c.children and c.id not in judged
    ]
    if None not in judged:
        others.insert(0, t("report.weights.top", lang))
    participants = sorted({j.participant for j in inputs.project.judgments})
    return {
        "levels": levels,
        "direct_levels": others,
        "participants": participants,
        "consistent": inputs.weights_consistent,
        "has_judgments": bool(inputs.project.judgments),
    }
