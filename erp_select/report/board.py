"""The board PDF (default scope): the memo, a short body in plain words, one page per vendor.

The full analysis stays in the HTML report, the XLSX workbook and the ``--appendix all``
PDF; the board document keeps what a board reads, from the same :class:`ReportContent`
(no figure is computed here), and draws no Vega chart (its bars are HTML), so printing it
costs only the layout of a dozen pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from erp_select.explain.contract import CONTRACT_FACTS, VIABILITY_FACTS
from erp_select.i18n import t
from erp_select.report.content import (
    CostRow,
    CriterionRow,
    FactFamily,
    FactLine,
    RankingRow,
    ReportContent,
)
from erp_select.report.html import TEMPLATES, environment
from erp_select.report.pdf import html_to_pdf
from erp_select.report.sections.contract import RegisterRow

__all__ = ["Board", "board_html", "board_pdf", "board_view"]

#: The board body shows this many of the heaviest criteria (the full tree is in the HTML).
HEAVIEST_CRITERIA = 10
#: Stylesheets of the board document, in order.
STYLESHEETS = ("report.css", "memo.css", "board.css")


@dataclass(frozen=True)
class Board:
    """What the board body shows, chosen among the content's rows (nothing recomputed).

    ``ranking``, ``costs`` and ``risks`` are those of the vendors that have a sheet (the
    shortlist and the near misses), ``notes`` the footnotes of their marked values (``†``),
    ``marked`` those footnotes by vendor id (under each sheet's cost);
    ``criteria`` the heaviest leaf criteria; ``facts`` each
    sheet's facts as one line of text per family (family name, then its facts).
    """

    ranking: list[RankingRow]
    notes: list[str]
    marked: dict[str, list[str]]
    criteria: list[CriterionRow]
    costs: list[CostRow]
    risks: list[RegisterRow]
    facts: dict[str, list[tuple[str, str]]]
    assessed: int
    ranking_more: str


def _line(facts: list[FactLine], lang: str) -> str:
    """Facts in one line of text, their proof said once a run: ``a : 1 ; b : 2 (evidence, n)``.

    Consecutive facts of the same evidence and source form a run whose proof closes it
    (a sheet's contract terms often come from one document: said once, not thirteen times).
    """
    none = t("words.none", lang)
    runs: list[tuple[tuple[str, int], list[str]]] = []
    for f in facts:
        value = (
            t("pdf.value_extra", lang, value=f["value"], extra=f["extra"])
            if f["extra"]
            else f["value"]
        )
        text = t("board.fact", lang, label=f["label"], value=value)
        proof = (f["evidence"], f["ref"])
        if runs and runs[-1][0] == proof:
            runs[-1][1].append(text)
        else:
            runs.append((proof, [text]))
    sep = t("board.run_sep", lang)
    return " · ".join(
        t(
            "board.run" if evidence != none else "board.run_no_evidence",
            lang,
            facts=sep.join(texts),
            evidence=evidence,
            n=n,
        )
        for (evidence, n), texts in runs
    )


def _family_lines(families: list[FactFamily], lang: str) -> list[tuple[str, str]]:
    """A sheet's facts as lines of text, each a name and its facts.

    First the vendor's contract terms and its viability (the facts of the body's former
    contract and viability tables, in their order), then each criteria family's other
    facts. One paragraph a line, not a table row a fact: WeasyPrint lays a 50-fact table
    out in about half a second, these paragraphs in a tenth of it (see docs/report.md).
    """
    every = {f["id"]: f for family in families for f in family["facts"]}
    terms = [
        (t(f"contract.report.{key}", lang), [every[i] for i in ids if i in every])
        for key, ids in (("contract", CONTRACT_FACTS), ("viability", VIABILITY_FACTS))
    ]
    moved = {*CONTRACT_FACTS, *VIABILITY_FACTS}
    rest = [
        (family["name"], [f for f in family["facts"] if f["id"] not in moved])
        for family in families
    ]
    return [(name, _line(facts, lang)) for name, facts in [*terms, *rest] if facts]


def board_view(content: ReportContent) -> Board:
    """Choose the board body's rows from ``content`` (whose sheets are already in scope)."""
    ids = {v["id"] for v in content.vendors}
    names = {v["name"] for v in content.vendors}
    leaves = [row for row in content.criteria if row["leaf"]]
    heaviest = sorted(leaves, key=lambda row: -row["global_value"])[:HEAVIEST_CRITERIA]
    risks = content.contract["risks"] if content.contract else []
    ranking = [row for row in content.ranking if row["id"] in ids]
    options = content.summary["assessed"]
    return Board(
        ranking=ranking,
        notes=[note for row in ranking for note in row["notes"]],
        marked={row["id"]: row["notes"] for row in ranking},
        criteria=heaviest,
        costs=[row for row in content.costs if row["id"] in ids],
        risks=[row for row in risks if row["vendor"] in names],
        facts={v["id"]: _family_lines(v["families"], content.lang) for v in content.vendors},
        assessed=content.summary["assessed"],
        ranking_more=t(
            "pdf.ranking_more"
            if options == content.summary["vendors"]
            else "offers.report.ranking_more",
            content.lang,
            total=options,
        ),
    )


def board_html(content: ReportContent) -> str:
    """The board document as one HTML page for print (no chart image: nothing to fetch)."""
    css = "\n".join((TEMPLATES / name).read_text(encoding="utf-8") for name in STYLESHEETS)
    lang = content.lang

    def tr(key: str, **params: Any) -> str:
        return t(key, lang, **params)

    template = environment().get_template("board.html.j2")
    # Our own stylesheets, trusted (no text from the inputs): not escaped inside <style>.
    return template.render(c=content, b=board_view(content), css=Markup(css), tr=tr)  # noqa: S704


def board_pdf(content: ReportContent) -> bytes:
    """The board document as an A4 PDF, its pages numbered from the first to the last."""
    return html_to_pdf(board_html(content))
