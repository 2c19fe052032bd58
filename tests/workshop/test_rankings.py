"""Participants' rankings: each person's weights rank the vendors, next to the group's."""

from __future__ import annotations

import numpy as np
import pytest

from erp_select.errors import InputError
from erp_select.workshop.rankings import participant_rankings

MATRIX = np.array(
    [
        [9.0, 1.0, 5.0],  # v1: best on c1
        [1.0, 9.0, 5.0],  # v2: best on c2
        [5.0, 5.0, 9.0],  # v3: best on c3
    ]
)


def test_participant_rankings() -> None:
    group = np.array([1 / 3, 1 / 3, 1 / 3])
    frame = participant_rankings(
        MATRIX,
        ["benefit"] * 3,
        {"ana": [1.0, 0.0, 0.0], "bob": [0.0, 1.0, 0.0], "twin": group},
        group,
        alternatives=["v1", "v2", "v3"],
    )
    assert list(frame.columns) == ["group", "ana", "bob", "twin"]
    assert frame.loc["v1", "ana"] == 1  # only c1 counts for ana
    assert frame.loc["v2", "bob"] == 1
    assert frame["twin"].tolist() == frame["group"].tolist()
    assert frame["group"].is_monotonic_increasing


def test_participant_named_group_is_refused() -> None:
    with pytest.raises(InputError) as exc:
        participant_rankings(MATRIX, ["benefit"] * 3, {"group": [1, 1, 1]}, [1, 1, 1])
    assert exc.value.problems[0].rule == "weights.reserved_participant"
