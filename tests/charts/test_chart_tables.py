"""Column formatting of the chart tables: the same text as formatting each cell on its own."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from erp_select.charts.agreement import agreement_frame
from erp_select.charts.contributions import column_text, contributions_frame
from erp_select.charts.value_for_money import value_for_money_chart
from erp_select.explain.contributions import contributions
from erp_select.i18n import fmt_number, fmt_percent

# Values on the rounding edge of 2 and 4 decimals (2.675 is stored just below 2.675, so
# Babel's Decimal(str(x)) and Python's round() disagree on it), signed zeros, tiny
# negatives that print as zero, and non-finite values.
EDGES = [
    2.675,
    2.665,
    0.125,
    0.00005,
    -0.00005,
    0.00015,
    -0.0,
    0.0,
    -1e-9,
    1e-9,
    1234567.891,
    -1234567.895,
    float("nan"),
    float("inf"),
    -float("inf"),
]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("digits", [0, 1, 2, 4])
def test_column_text_equals_cell_by_cell_on_edges(lang: str, digits: int) -> None:
    values = EDGES + EDGES[::-1]
    num = column_text(values, lambda x: fmt_number(x, lang, digits), digits)
    assert num == [fmt_number(x, lang, digits) for x in values]
    pct = column_text(values, lambda x: fmt_percent(x, lang, digits), digits, 2)
    assert pct == [fmt_percent(x, lang, digits) for x in values]


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(
        st.one_of(
            # Babel itself cannot quantize beyond 28 significant digits: stay below 1e15.
            st.floats(-1e15, 1e15) | st.sampled_from([math.nan, math.inf, -math.inf]),
            # Many values sharing a rounded text, so that the memo is exercised.
            st.integers(-2000, 2000).map(lambda i: i / 1000 + 0.0005),
        ),
        max_size=40,
    ),
    digits=st.integers(0, 4),
    lang=st.sampled_from(["fr", "en"]),
)
def test_column_text_equals_cell_by_cell(values: list[float], digits: int, lang: str) -> None:
    got = column_text(values, lambda x: fmt_number(x, lang, digits), digits)
    assert got == [fmt_number(x, lang, digits) for x in values]
    got_pct = column_text(values, lambda x: fmt_percent(x, lang, digits), digits, 2)
    assert got_pct == [fmt_percent(x, lang, digits) for x in values]


@pytest.mark.parametrize(("digits", "scale"), [(1, 2), (2, 0), (4, 0)])
def test_a_long_column_equals_cell_by_cell(digits: int, scale: int) -> None:
    # thousands of values, most of them far from a tie, some exactly on one (k + ½ at the
    # printed digit), negatives and zeros: the whole column as the contributions have it
    rng = np.random.default_rng(11)
    step = 10.0 ** -(digits + scale)
    ties = (rng.integers(-500, 500, 300) + 0.5) * step
    values = np.concatenate([rng.normal(0, 0.3, 3000), ties, [0.0, -0.0, 5e8, -7e12]])
    got = column_text(values, lambda x: fmt_percent(x, "fr", digits), digits, scale)
    if scale == 0:
        got = column_text(values, lambda x: fmt_number(x, "fr", digits), digits)
        assert got == [fmt_number(float(x), "fr", digits) for x in values]
    else:
        assert got == [fmt_percent(float(x), "fr", digits) for x in values]


def test_column_text_calls_the_formatter_once_per_printed_value() -> None:
    calls: list[float] = []

    def fmt(x: float) -> str:
        calls.append(x)
        return fmt_number(x, "fr", 1)

    values = [0.01, 0.02, 0.04, 1.0, 1.04, -0.01, 0.01]
    out = column_text(values, fmt, 1)
    # 0,0 (three positives), 1,0 (two), and the negative that prints as −0,0 apart.
    assert len(calls) == 3
    assert out == [fmt_number(x, "fr", 1) for x in values]


@pytest.mark.parametrize("method", ["wsm", "topsis"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_contributions_frame_matches_cell_by_cell_reference(method: str, lang: str) -> None:
    rng = np.random.default_rng(7)
    matrix = rng.uniform(1.0, 100.0, size=(9, 6))
    objectives = ["max", "min", "max", "max", "min", "max"]
    weights = rng.dirichlet(np.ones(6))
    c = contributions(matrix, objectives, weights, method)
    labels = {"A0": "Éditeur zéro", "C1": "Prix"}
    frame = contributions_frame(c, labels, lang)
    sides = 2 if method == "topsis" else 1
    assert len(frame) == sides * 9 * 6
    # Reference: rebuild every row from the contribution tables, one cell at a time.
    tables = (
        [(c.ideal_terms, c.ideal_shares), (c.anti_ideal_terms, c.anti_ideal_shares)]
        if method == "topsis"
        else [(c.parts, c.shares)]
    )
    row = 0
    for parts, shares in tables:
        for a in c.alternatives:
            for j, crit in enumerate(c.criteria):
                got = frame.iloc[row]
                assert got["alternative"] == a and got["criterion"] == crit
                assert got["vendor"] == labels.get(a, a)
                assert got["criterion_label"] == labels.get(crit, crit)
                assert got["order"] == j
                part = float(parts.at[a, crit])
                share = float(shares.at[a, crit])
                assert got["part"] == part or (math.isnan(part) and math.isnan(got["part"]))
                assert got["part_text"] == fmt_number(part, lang, 4)
                assert got["share_text"] == fmt_percent(share, lang, 1)
                assert got["value_text"] == fmt_number(float(c.values.at[a, crit]), lang, 2)
                assert got["weight_text"] == fmt_percent(float(c.weights[crit]), lang, 1)
                assert got["score_text"] == fmt_number(float(c.scores[a]), lang, 3)
                row += 1


def test_agreement_chart_names_methods_in_the_chart_language() -> None:
    from erp_select.sensitivity.agreement import method_agreement

    matrix = [[3.0, 1.0], [2.0, 2.0], [1.0, 3.0]]
    result = method_agreement(matrix, ["max", "max"], [0.6, 0.4], methods=["wsm", "topsis"])
    fr = agreement_frame(result, lang="fr")
    en = agreement_frame(result, lang="en")
    assert "Somme pondérée (WSM)" in set(fr["method_name"])
    assert "Weighted sum (WSM)" in set(en["method_name"])
    assert "Weighted sum (WSM)" not in set(fr["method_name"])


def test_value_for_money_chart_names_only_the_vendors_asked() -> None:
    """Points for every vendor; names only for ``named`` (a printed chart of 30 vendors)."""

    vfm = pd.DataFrame(
        {
            "score": [0.9, 0.7, 0.5, 0.4],
            "cost": [300.0, 200.0, 250.0, 400.0],
            "efficient": [True, True, False, False],
            "dominated_by": ["", "", "b", "a,b"],
        },
        index=["a", "b", "c", "d"],
    )
    spec = value_for_money_chart(vfm, {"a": "Alpha", "c": "Gamma"}, "fr", named={"a"}).to_dict()
    datasets = spec["datasets"]
    layers = spec["layer"]
    kinds = [
        layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
        for layer in layers
    ]
    text_layer = layers[kinds.index("text")]
    point_layer = layers[kinds.index("point")]
    assert [r["vendor"] for r in datasets[text_layer["data"]["name"]]] == ["Alpha"]
    assert len(datasets[point_layer["data"]["name"]]) == 4
    every = value_for_money_chart(vfm, None, "en").to_dict()
    text_all = every["layer"][kinds.index("text")]
    assert len(every["datasets"][text_all["data"]["name"]]) == 4


def test_value_for_money_puts_the_best_vikor_vendor_highest_and_says_why() -> None:
    """VIKOR's Q is better when lower: plotted as is, the winner would sit at the bottom."""
    from erp_select.engine import rank
    from erp_select.explain.contributions import value_for_money

    # b is better than a, and a than c, on every criterion (by hand): b ranks first.
    x = [[7.0, 6.0, 120.0], [9.0, 8.0, 100.0], [4.0, 3.0, 150.0]]
    result = rank(x, ["max", "max", "min"], [0.4, 0.35, 0.25], "vikor", ["a", "b", "c"])
    vfm = value_for_money(result.scores, [300.0, 200.0, 250.0], result.alternatives, False)
    spec = value_for_money_chart(vfm, None, "en", method="vikor").to_dict()
    point = next(
        layer
        for layer in spec["layer"]
        if (layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]) == "point"
    )
    rows = spec["datasets"][point["data"]["name"]]
    heights = {r["alternative"]: r[point["encoding"]["y"]["field"]] for r in rows}
    assert max(heights, key=heights.__getitem__) == "b"
    assert min(heights, key=heights.__getitem__) == "c"
    assert "1 − VIKOR" in point["encoding"]["y"]["title"]
    # the tooltip still gives VIKOR's own score (0 for the winner)
    assert next(r["score_text"] for r in rows if r["alternative"] == "b") == "0.000"


def test_agreement_tooltips_say_which_way_each_score_is_better() -> None:
    """The agreement chart plots ranks; its tooltip's scores go both ways (VIKOR: lower)."""
    from erp_select.sensitivity.agreement import method_agreement

    matrix = [[3.0, 1.0], [2.0, 2.0], [1.0, 3.0]]
    result = method_agreement(matrix, ["max", "max"], [0.6, 0.4], methods=["wsm", "vikor"])
    frame = agreement_frame(result, lang="fr")
    direction = dict(zip(frame["method"], frame["direction"], strict=False))
    assert direction == {
        "wsm": "plus élevé = meilleur",
        "vikor": "plus bas = meilleur",
        "consensus": "plus élevé = meilleur",  # Borda points
    }


def test_value_for_money_marks_a_vendor_ranked_at_another_cost() -> None:
    """The example's Velocitra quotes 91 000 € over 5 years; the ranking counts it at the
    penalised floor, 366 000 € (median of its peers) × 50 % × 1.1 = 201 300 €. Its point
    stays at the quote; its name and tooltip carry both figures and the mark."""
    from pathlib import Path

    from erp_select.analysis import parts
    from erp_select.io import load_project

    root = Path(__file__).resolve().parents[2]
    prep = parts.prepare(load_project(root / "examples" / "demo-project.json"))
    vfm = parts.value_for_money(prep)
    labels = parts.labels(prep.project, "fr")
    spec = value_for_money_chart(
        vfm, labels, "fr", costs_ranked=prep.analysis.marked_costs("fr")
    ).to_dict()
    rows = {r["alternative"]: r for rows in spec["datasets"].values() for r in rows}
    velocitra = rows["velocitra"]
    assert velocitra["cost"] == 91_000
    assert velocitra["vendor"] == "Velocitra †"
    space = "\u202f"
    assert velocitra["cost_text"].replace("\u00a0", " ") == f"91{space}000 € → 201{space}300 € †"
    assert all("†" not in r["vendor"] for k, r in rows.items() if k != "velocitra")
