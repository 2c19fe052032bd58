"""Display tables: the core's results with labels and numbers in the visitor's language."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]

from erp_select.app.state import lang as visitor_lang
from erp_select.app.state import tr
from erp_select.evaluate.adjustments import Cell, cell_text, levels_text, no_data_warning, notes
from erp_select.i18n import fmt_money, fmt_number, fmt_percent, t
from erp_select.model import Project
from erp_select.pipeline import Analysis
from erp_select.words import Words

#: A kept vendor's cost texts: ``cost_text``, ``range_text``, ``levels_text``.
CostTexts = tuple[str, str, str]


def cost_texts(result: Analysis, lang: str) -> dict[str, CostTexts]:
    """By kept vendor, the cost columns of :func:`ranking_frame` (the same for any weights)."""
    out: dict[str, CostTexts] = {}
    for vid in result.ranked.vendors:
        total = result.performance.tco[vid].total
        cell = result.tco_cell(vid)
        out[vid] = (
            cell_text(cell, lang) if cell else fmt_money(total.likely, lang),
            f"{fmt_money(total.low, lang)} – {fmt_money(total.high, lang)}"
            if cell is None
            else f"{fmt_money(cell.low, lang)} – {fmt_money(cell.high, lang)}",
            levels_text(cell, lang) if cell else "",
        )
    return out


def ranking_frame(
    result: Analysis, current: Project, lang: str, costs: dict[str, CostTexts] | None = None
) -> pd.DataFrame:
    """The kept vendors in rank order with score, cost over the horizon and leader flag.

    Returns
    -------
    DataFrame
        Columns ``rank``, ``vendor``, ``score``, ``score_text``, ``cost_text`` (the TCO's
        raw figure → the ranked one, marked, when they differ), ``range_text``,
        ``levels_text`` (why the range), ``leader`` (and ``id``), one row per ranked
        vendor, best first. ``costs`` is :func:`cost_texts` of the same facts, when the
        caller kept it.
    """
    rank = result.result
    if rank is None:
        return pd.DataFrame(columns=["rank", "id", "vendor", "score", "score_text", "cost_text"])
    texts = cost_texts(result, lang) if costs is None else costs
    names = result.names()
    position = {vid: i for i, vid in enumerate(rank.alternatives)}
    rows = []
    for vid in result.order():
        i = position[vid]
        score = float(rank.scores[i])
        cost, spread, levels = texts[vid]
        rows.append(
            {
                "rank": int(rank.ranks[i]),
                "id": vid,
                "vendor": names.get(vid, vid),
                "score": score,
                "score_text": fmt_number(score, lang, 3),
                "cost_text": cost,
                "range_text": spread,
                "levels_text": levels,
                "leader": int(rank.ranks[i]) == 1,
            }
        )
    frame = pd.DataFrame(rows)
    if any(result.variant_of(vid) for vid in result.order()):
        return grouped_by_vendor(frame, result)
    return frame


def grouped_by_vendor(frame: pd.DataFrame, result: Analysis) -> pd.DataFrame:
    """The ranking with each vendor's offers together, vendors in the order of their best.

    Adds ``group`` (the vendor's name, on every row so that a page of a long list still
    says it) and ``offer`` (the offer and integrator, empty for a vendor ranked alone).
    """
    order = [vid for _, ids in result.grouped() for vid in ids]
    out = frame.set_index("id").loc[order].reset_index()
    groups, offers = [], []
    for vid, name in zip(out["id"], out["vendor"], strict=True):
        variant = result.variant_of(str(vid))
        groups.append(variant[0] if variant else str(name))
        offers.append(variant[1] if variant else "")
    return out.assign(group=groups, offer=offers)


def ranking_table(frame: pd.DataFrame, current: Project) -> pd.DataFrame:
    """The ranking as the visitor reads it: translated headers, formatted numbers."""
    years = current.company.horizon_years
    grouped = "offer" in frame.columns
    vendor_column = {tr("ranking.col.vendor"): frame["group" if grouped else "vendor"]}
    if grouped:
        vendor_column[t("offers.col.offer", visitor_lang())] = frame["offer"]
    return pd.DataFrame(
        {
            tr("ranking.col.rank"): frame["rank"],
            **vendor_column,
            tr("ranking.col.score"): frame["score_text"],
            tr("ranking.col.cost", years=years): frame["cost_text"],
            tr("ranking.col.cost_range"): frame["range_text"],
            t("cells.col.evidence", visitor_lang()): frame["levels_text"],
        }
    )


def worded(cell: Cell, lang: str) -> Cell:
    """``cell`` with its unit in the visitor's words (``months`` → ``mois``) for display."""
    return replace(cell, unit=Words(lang).unit(cell.unit)) if cell.unit else cell


def value_rows(result: Analysis, current: Project, lang: str) -> dict[str, dict[str, str]]:
    """By kept vendor, its row of the values table (the same for any weights or method).

    A cell whose ranked value differs from its facts reads ``raw → used †``.
    """
    names = result.names()
    labels = {c.id: c.label.get(lang) for c in current.criteria.leaves()}
    seen: dict[str, int] = {}
    for crit, label in labels.items():  # two leaves may share a label: columns must differ
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            labels[crit] = f"{label} ({crit})"
    perf = result.performance
    rows = {}
    for vid in result.ranked.vendors:
        row = {tr("ranking.col.vendor"): names.get(vid, vid)}
        for crit in perf.criteria:
            row[labels.get(crit, crit)] = cell_text(worded(perf.cell(vid, crit), lang), lang)
        rows[vid] = row
    return rows


def values_arrow(result: Analysis, current: Project, lang: str) -> tuple[pa.Table, dict[str, int]]:
    """The values table of the kept vendors in their input order, as an Arrow table, and
    each vendor's row in it (the same for any weights or method: a page takes its rows in
    the ranking's order)."""
    rows = value_rows(result, current, lang)
    table = pa.Table.from_pandas(pd.DataFrame(list(rows.values())), preserve_index=False)
    return table, {vid: i for i, vid in enumerate(rows)}


def rules_caption(current: Project, lang: str) -> str:
    """Each leaf's missing-value rule, saying which follow the default."""
    parts = []
    for leaf in current.criteria.leaves():
        rule = t(f"cells.rule.{leaf.missing_rule}", lang)
        if leaf.missing is None:
            rule = t("cells.by_default", lang, rule=rule)
        parts.append(f"{leaf.label.get(lang)} — {rule}")
    return t("cells.rules", lang, rules=t("cells.sep", lang).join(parts))


def cell_notes(
    result: Analysis,
    current: Project,
    lang: str,
    vendor_ids: list[str] | None = None,
    by_vendor: dict[str, list[str]] | None = None,
) -> list[str]:
    """Footnotes of the marked cells (default: the ranked vendors, best first).

    ``by_vendor`` is :func:`vendor_notes` of the same facts, when the caller kept it.
    """
    order = result.order() if vendor_ids is None else vendor_ids
    found = vendor_notes(result, current, lang, order) if by_vendor is None else by_vendor
    return [line for vid in order for line in found[vid]]


def vendor_notes(
    result: Analysis, current: Project, lang: str, vendor_ids: list[str] | None = None
) -> dict[str, list[str]]:
    """By vendor (default: the kept ones), the footnotes of its marked cells (the same for
    any weights)."""
    names = result.names()
    labels = {c.id: c.label.get(lang) for c in current.criteria.leaves()}
    chosen = list(result.ranked.vendors) if vendor_ids is None else vendor_ids
    return {vid: notes(result.marked([vid]), names, labels, lang) for vid in chosen}


def warnings(result: Analysis, current: Project, lang: str) -> list[str]:
    """One warning per criterion that no kept vendor has a value for."""
    labels = {c.id: c.label.get(lang) for c in current.criteria.leaves()}
    return [no_data_warning(labels.get(c, c), lang) for c in result.no_data()]


def weights_frame(current: Project, lang: str) -> pd.DataFrame:
    """Global weight of every leaf criterion with its family, in tree order.

    Returns
    -------
    DataFrame
        Columns ``id``, ``family``, ``criterion``, ``weight`` (share) and ``weight_text``.
    """
    tree = current.criteria
    weights = tree.global_weights()
    rows = []
    for family in tree.criteria:
        leaves = [family] if family.is_leaf else [c for c in family.walk() if c.is_leaf]
        for leaf in leaves:
            share = weights[leaf.id]
            rows.append(
                {
                    "id": leaf.id,
                    "family": family.label.get(lang),
                    "criterion": leaf.label.get(lang),
                    "weight": share,
                    "weight_text": fmt_percent(share, lang, 1),
                }
            )
    return pd.DataFrame(rows)


def number(value: float, lang: str, digits: int = 2) -> str:
    """A number in the language's format (re-exported for the pages)."""
    return fmt_number(value, lang, digits)
