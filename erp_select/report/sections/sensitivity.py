"""How robust the ranking is: stability intervals, SMAA-2, crossovers and method agreement."""

from __future__ import annotations

import math
from collections.abc import Mapping

from erp_select.i18n import fmt_number, fmt_percent, t
from erp_select.report.compute import ReportInputs, finite
from erp_select.report.content import SMAA_TABLE_RANKS, Agreement, AgreementRow, Sensitivity
from erp_select.report.sections.common import num
from erp_select.words import method


def sensitivity(inputs: ReportInputs, lang: str, names: Mapping[str, str]) -> Sensitivity:
    """Stability intervals, rank acceptabilities and the weights where the winner changes."""
    out: Sensitivity = {"stability": [], "smaa": [], "crossovers": [], "what": []}
    if inputs.stability is not None:
        for crit, row in inputs.stability.iterrows():
            out["stability"].append(
                {
                    "criterion": names.get(str(crit), str(crit)),
                    "current": fmt_percent(float(row["current_weight"]), lang, 1),
                    "winner": t(
                        "report.range",
                        lang,
                        low=fmt_percent(float(row["winner_low"]), lang, 1),
                        high=fmt_percent(float(row["winner_high"]), lang, 1),
                    ),
                    "topk": t(
                        "report.range",
                        lang,
                        low=fmt_percent(float(row["topk_low"]), lang, 1),
                        high=fmt_percent(float(row["topk_high"]), lang, 1),
                    ),
                }
            )
        if len(inputs.stability):
            out["k"] = int(inputs.stability["k"].iloc[0])
    if inputs.smaa is not None:
        table = inputs.smaa.acceptability
        # The table shows the first ranks (the heatmap and the XLSX workbook show them all).
        ranks = [int(r) for r in table.columns][:SMAA_TABLE_RANKS]
        out["smaa_ranks"] = ranks
        for vid in [v for v in inputs.order if v in table.index]:  # a long list: the leaders
            conf = float(inputs.smaa.confidence[vid])
            out["smaa"].append(
                {
                    "name": names.get(vid, vid),
                    "shares": [fmt_percent(num(table.at[vid, r]), lang) for r in ranks],
                    "confidence": fmt_percent(conf, lang) if finite(conf) else "—",
                }
            )
    if inputs.curves is not None:
        cross = inputs.curves.crossovers
        for cross_row in cross.itertuples(index=False):
            c = cross_row
            out["crossovers"].append(
                {
                    "criterion": names.get(str(c.criterion), str(c.criterion)),
                    "current": fmt_percent(num(c.current_weight), lang, 1),
                    "weight": fmt_percent(num(c.weight), lang, 1),
                    "before": names.get(str(c.winner_before), str(c.winner_before)),
                    "after": names.get(str(c.winner_after), str(c.winner_after)),
                }
            )
    return out


def agreement(inputs: ReportInputs, lang: str, names: Mapping[str, str]) -> Agreement | None:
    """Each vendor's rank under every method, the consensus, and how many put the winner first."""
    res = inputs.agreement
    if res is None:
        return None
    methods = [str(k) for k in res.ranks.columns]
    # Names in the report's language (the agreement is computed once for every language).
    method_names = {str(k): method(str(k), lang) for k in res.methods.index}
    rows: list[AgreementRow] = []
    for vid in [v for v in inputs.order if v in res.ranks.index]:  # a long list: the leaders
        rows.append(
            {
                "name": names.get(vid, vid),
                "ranks": [int(num(res.ranks.at[vid, k])) for k in methods],
                "consensus": int(num(res.consensus.at[vid, "consensus_rank"])),
            }
        )
    ref = inputs.analysis.method
    rho = res.spearman
    others = [k for k in methods if k != ref]
    mean_rho = num(rho.loc[ref, others].mean()) if ref in rho.index and others else math.nan
    firsts = [k for k in methods if res.ranks[k].idxmin() == inputs.order[0]]
    return {
        "methods": [k.upper() for k in methods],
        # A method whose name is its abbreviation (TOPSIS) needs no legend.
        "method_names": [
            f"{k.upper()} : {method_names.get(k, k)}"
            if lang == "fr"
            else f"{k.upper()}: {method_names.get(k, k)}"
            for k in methods
            if method_names.get(k, k) != k.upper()
        ],
        "rows": rows,
        "sentence": t(
            "report.agreement.sentence_one" if len(firsts) == 1 else "report.agreement.sentence",
            lang,
            n=len(firsts),
            total=len(methods),
            winner=names.get(inputs.order[0], inputs.order[0]),
            rho=fmt_number(mean_rho, lang, 2),
        ),
        "failures": [str(r) for r in res.failures["message"]] if len(res.failures) else [],
    }
