"""A level fact with a range of levels scores its low and high levels through the scale, so
SMAA-2 samples between them as it does between a number's low and high (hand-worked)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from erp_select.evaluate import evaluate
from erp_select.model import CriteriaTree
from erp_select.sensitivity.smaa import run_smaa
from tests.conftest import make_project, make_vendor, text

#: basique = 0, standard = 50, avancé = 100 (the brief's 0 / 0,5 / 1 on the 0–100 scale).
SCALE = {"basic": 0, "standard": 50, "advanced": 100}


def _tree() -> CriteriaTree:
    return CriteriaTree.model_validate(
        {
            "criteria": [
                {
                    "id": "config",
                    "label": text("Configuration", "Paramétrage"),
                    "value": {"kind": "scale", "fact": "custom.configuration", "levels": SCALE},
                },
            ]
        }
    )


def _vendor(vid: str, **fact: Any) -> Any:
    return make_vendor(vid, custom__configuration=fact)


def _cell(vendor: Any, tree: CriteriaTree | None = None) -> tuple[float, float, float]:
    perf = evaluate(make_project([vendor], criteria=tree or _tree()))
    return (float(perf.low[0, 0]), float(perf.values[0, 0]), float(perf.high[0, 0]))


def test_standard_from_basic_to_advanced_scores_0_50_100() -> None:
    fact = {"value": "standard", "low": "basic", "high": "advanced", "evidence": "demo"}
    # likely 50 (standard), low 0 (basique), high 100 (avancé); the range replaces the
    # demo evidence width (50 ± 10 % would be 45 … 55).
    assert _cell(_vendor("a", **fact)) == (0.0, 50.0, 100.0)


def test_a_one_sided_range_and_any_case() -> None:
    fact = {"value": "Standard", "low": "STANDARD", "high": "advanced", "evidence": "contract"}
    assert _cell(_vendor("a", **fact)) == (50.0, 50.0, 100.0)


def test_without_a_range_the_evidence_width_still_applies() -> None:
    # A claim widens a score by ±25 %: 50 → 37,5 … 62,5 (unchanged by level ranges).
    assert _cell(_vendor("a", value="standard", evidence="claim")) == (37.5, 50.0, 62.5)
    assert _cell(_vendor("b", value="standard", evidence="contract")) == (50.0, 50.0, 50.0)


def test_a_scale_that_does_not_score_a_bound_leaves_the_range_to_the_evidence() -> None:
    tree = CriteriaTree.model_validate(
        {
            "criteria": [
                {
                    "id": "config",
                    "label": text("Configuration", "Paramétrage"),
                    "value": {
                        "kind": "scale",
                        "fact": "custom.configuration",
                        "levels": {"standard": 50, "advanced": 100},
                    },
                },
            ]
        }
    )
    fact = {"value": "standard", "low": "basic", "high": "advanced", "evidence": "contract"}
    assert _cell(_vendor("a", **fact), tree) == (50.0, 50.0, 50.0)


def _first(vendors: list[Any]) -> np.ndarray:
    perf = evaluate(make_project(vendors, criteria=_tree()))
    result = run_smaa(
        perf.values,
        list(perf.objectives),
        weights=np.array([1.0]),
        method="wsm",
        n=40_000,
        seed=5,
        alternatives=perf.vendors,
        low=perf.low,
        high=perf.high,
    )
    first: np.ndarray = result.acceptability.to_numpy()[:, 0]
    return first


def test_a_level_range_alone_gives_a_vendor_a_chance_to_rank_first() -> None:
    """A is « standard » (50) under contract, certain. B is « basique » (0), also under
    contract: without a range B never ranks first. With the demo's range « basique (de
    basique à avancé) », B's value is Triangular(0, 0, 100) and beats 50 with probability
    (100 − 50)² / ((100 − 0)(100 − 0)) = 1/4."""
    a = _vendor("a", value="standard", evidence="contract")
    sure = _vendor("b", value="basic", evidence="contract")
    assert _first([a, sure])[1] == 0.0
    ranged = _vendor("b", value="basic", low="basic", high="advanced", evidence="contract")
    error = 4 * np.sqrt(0.25 * 0.75 / 40_000)
    assert _first([a, ranged])[1] == pytest.approx(0.25, abs=error)
