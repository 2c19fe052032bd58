"""A long list's value-for-money chart plots its best-scored vendors and its frontier only."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from erp_select.charts.value_for_money import value_for_money_chart


def _long(n: int) -> pd.DataFrame:
    """``n`` vendors: v0 cheapest and worst (efficient), v{n-1} best; the rest dominated."""
    scores = [i / n for i in range(n)]
    costs = [1000.0 + (0 if i == 0 else 1) for i in range(n)]
    efficient = [i in (0, n - 1) for i in range(n)]
    return pd.DataFrame(
        {"score": scores, "cost": costs, "efficient": efficient, "dominated_by": [""] * n},
        index=[f"v{i}" for i in range(n)],
    )


def _plotted(spec: Any) -> set[str]:
    text = json.dumps(spec.to_dict() if hasattr(spec, "to_dict") else spec)
    return {name for name in (f"v{i}" for i in range(3000)) if f'"{name}"' in text}


def test_a_long_list_plots_its_best_vendors_and_its_frontier_and_says_so() -> None:
    spec = value_for_money_chart(_long(3000), None, "fr", limit=50)
    plotted = _plotted(spec)
    best = {f"v{i}" for i in range(2950, 3000)}
    assert plotted == best | {"v0"}  # the 50 highest scores, and the cheap efficient one
    text = json.dumps(spec.to_dict() if hasattr(spec, "to_dict") else spec, ensure_ascii=False)
    assert "Les 50 éditeurs les mieux notés sur 3\u202f000" in text


def test_a_short_list_is_plotted_whole_without_the_sentence() -> None:
    spec = value_for_money_chart(_long(30), None, "en", limit=50)
    assert len(_plotted(spec)) == 30
    text = json.dumps(spec.to_dict() if hasattr(spec, "to_dict") else spec)
    assert "best-scored" not in text
