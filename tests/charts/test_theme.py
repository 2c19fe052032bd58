"""The one chart theme: every chart carries the language's number locale, names every
series, and reads in the user's convention once drawn (vl-convert, as the report draws)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from erp_select.analysis import parts
from erp_select.analysis.settings import AnalysisSettings
from erp_select.charts import theme
from erp_select.charts.agreement import agreement_heatmap, agreement_ranks_chart
from erp_select.charts.contributions import contributions_chart
from erp_select.charts.curves import curves_chart
from erp_select.charts.head_to_head import head_to_head_chart
from erp_select.charts.smaa import smaa_heatmap
from erp_select.charts.stability import stability_chart
from erp_select.charts.tornado import tornado_chart
from erp_select.charts.value_for_money import value_for_money_chart
from erp_select.explain.contributions import head_to_head
from erp_select.i18n.catalogue import catalogue
from erp_select.io import load_project

ROOT = Path(__file__).resolve().parents[2]


@cache
def _demo() -> parts.Prepared:
    project = load_project(ROOT / "examples" / "demo-project.json")
    return parts.prepare(project, AnalysisSettings(samples=200, seed=1))


def _every_chart(lang: str) -> dict[str, Any]:
    prep = _demo()
    curves = parts.curves(prep)
    agreement = parts.agreement(prep, lang)
    contrib = parts.contributions(prep)
    assert contrib is not None
    a, b = (str(v) for v in contrib.ranks.sort_values(kind="mergesort").index[:2])
    return {
        "curves": curves_chart(curves, str(curves.curves["criterion"].iloc[0]), lang),
        "stability": stability_chart(parts.stability(prep), lang),
        "tornado": tornado_chart(parts.tornado_table(prep), lang),
        "smaa": smaa_heatmap(parts.smaa(prep), lang),
        "agreement": agreement_ranks_chart(agreement, None, lang),
        "heatmap": agreement_heatmap(agreement, "spearman", lang),
        "contributions": contributions_chart(contrib, None, lang),
        "head_to_head": head_to_head_chart(head_to_head(contrib, a, b, {}), lang),
        "value_for_money": value_for_money_chart(parts.value_for_money(prep), None, lang),
    }


def _find(node: Any, match: Any) -> dict[str, Any]:
    """The first mapping of a spec, depth first, that ``match`` accepts."""
    if isinstance(node, dict):
        if match(node):
            return node
        node = list(node.values())
    if isinstance(node, list):
        for child in node:
            try:
                return _find(child, match)
            except LookupError:
                pass
    raise LookupError("no such node")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_chart_carries_the_language_number_locale(lang: str) -> None:
    expected = {"fr": ",", "en": "."}[lang]
    for name, chart in _every_chart(lang).items():
        config = chart.to_dict()["config"]
        assert config["locale"]["number"]["decimal"] == expected, name
        assert config["axis"]["labelLimit"] == theme.LABEL_LIMIT, name


def test_french_locale_is_the_french_convention() -> None:
    """Decimal comma, narrow no-break space between thousands, € after the number."""
    fr = theme.format_locale("fr")
    assert fr["decimal"] == ","
    assert fr["thousands"] == "\u202f"
    assert fr["currency"] == ["", "\u00a0€"]
    assert theme.format_locale("en")["currency"] == ["€", ""]


def test_tooltips_name_what_they_show() -> None:
    """No tooltip line titled by a raw field name ("vendor", "label", "kind"…)."""
    for name, chart in _every_chart("fr").items():
        text = json.dumps(chart.to_dict())
        for tooltip in re.findall(r'"tooltip": (\[[^\]]*\]|\{[^}]*\})', text):
            for entry in json.loads(tooltip) if tooltip.startswith("[") else [json.loads(tooltip)]:
                assert "title" in entry, (name, entry)


def test_the_contribution_legend_names_every_criterion() -> None:
    """The demo's 29 criteria all appear in the legend, drawn below the bars."""
    prep = _demo()
    contrib = parts.contributions(prep)
    assert contrib is not None
    labels = parts.labels(prep.project, "fr")
    spec = contributions_chart(contrib, labels, "fr").to_dict()
    colour = _find(spec, lambda node: node.get("field") == "criterion_label" and "scale" in node)
    assert colour["legend"]["symbolLimit"] == 0 and colour["legend"]["orient"] == "bottom"
    expected = sorted(labels[c] for c in contrib.criteria)
    assert sorted(colour["scale"]["domain"]) == expected
    assert sorted(colour["sort"]) == expected
    # 13 criteria, then 10 of the contract and 6 of the vendor's viability
    assert len(contrib.criteria) == 13 + 10 + 6


def test_no_formula_in_a_chart_caption() -> None:
    """Captions are for people: formulas belong in the method notes."""
    formula = re.compile(r"w_k|\(1 − t\)|[⁺⁻]²|Dirichlet\(|v − v")
    for lang in ("fr", "en"):
        for key, text in catalogue(lang).items():  # type: ignore[arg-type]
            if key.startswith(("sensitivity.chart.", "explain.chart.", "charts.")):
                assert not formula.search(text), (lang, key, text)


@pytest.mark.parametrize(("lang", "good", "bad"), [("fr", ",", "."), ("en", ".", ",")])
def test_a_drawn_chart_reads_in_the_user_convention(lang: str, good: str, bad: str) -> None:
    """Drawn offline by vl-convert with the report's options, the tornado's axis reads
    ``−0,02`` in French, ``−0.02`` in English: the locale reaches the drawing, not only the spec."""
    import vl_convert

    from erp_select.report.chart_specs import print_spec, vl_options

    chart = tornado_chart(parts.tornado_table(_demo()), lang)
    svg = vl_convert.vegalite_to_svg(print_spec(chart), **vl_options(lang))
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    numbers = [s for s in labels if re.fullmatch(r"[−\-]?\d+([.,]\d+)?", s)]
    assert any(good in s for s in numbers), numbers
    assert not any(bad in s for s in numbers), numbers
