"""Tests of the orientation of scores for charts: higher is better, and the axis says how."""

from __future__ import annotations

import numpy as np
import pytest

from erp_select.explain.orientation import direction_text, oriented_scores


def test_higher_is_better_scores_are_plotted_as_they_are() -> None:
    out = oriented_scores("topsis", [0.2, 0.7, 0.5], "en")
    assert np.allclose(out.values, [0.2, 0.7, 0.5]) and out.baseline == 0.0
    assert not out.flipped and out.title == "TOPSIS score (higher is better)"


@pytest.mark.parametrize("method", ["vikor", "spotis"])
def test_bounded_lower_is_better_scores_become_one_minus_score(method: str) -> None:
    out = oriented_scores(method, [0.0, 0.25, 1.0], "fr")
    assert np.allclose(out.values, [1.0, 0.75, 0.0]) and out.flipped
    assert out.title.startswith("1 − score") and "plus élevé = meilleur" in out.title


def test_electre_positions_become_vendors_ranked_below() -> None:
    # mean positions 1, 2.5 and 2.5 among three vendors: 2, 0.5 and 0.5 vendors below
    out = oriented_scores("electre2", [1.0, 2.5, 2.5], "en")
    assert np.allclose(out.values, [2.0, 0.5, 0.5])
    assert "ranked below" in out.title


def test_negative_scores_move_the_baseline_so_longer_stays_better() -> None:
    out = oriented_scores("moora", [-0.1, 0.05, -0.3], "en")
    assert out.baseline == pytest.approx(-0.3)
    lengths = out.values - out.baseline
    assert int(np.argmax(lengths)) == 1 and lengths[2] == pytest.approx(0.0)


def test_direction_of_the_native_score() -> None:
    assert direction_text("vikor", "fr") == "plus bas = meilleur"
    assert direction_text("wsm", "en") == "higher is better"
