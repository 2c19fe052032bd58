"""The public facade: shapes, names and a few independent numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from erp_select import api
from erp_select.errors import InputError


def test_methods_lists_topsis_first_and_at_least_eight() -> None:
    keys = api.methods()
    assert keys[0] == "topsis"
    assert len(keys) >= 8
    assert {"wsm", "vikor"} <= set(keys)


def test_rank_returns_score_and_rank_indexed_by_alternative() -> None:
    # Weighted sum on min-max normalised values with cost inverted, computed by hand:
    # price [250, 200, 300] (min) → [0.5, 1, 0]; quality [16, 16, 32] → [0, 0, 1].
    # With weights 0.5 / 0.5: A = 0.25, B = 0.5, C = 0.5 → B and C tie for first.
    frame = api.rank(
        [[250, 16], [200, 16], [300, 32]],
        ["min", "max"],
        [0.5, 0.5],
        method="wsm",
        alternatives=["A", "B", "C"],
    )
    assert list(frame.columns) == ["score", "rank"]
    assert list(frame.index) == ["A", "B", "C"]
    assert frame["rank"].tolist() == [3, 1, 1]
    assert frame["score"].tolist() == pytest.approx([0.25, 0.5, 0.5])


def test_rank_rejects_bad_weights_with_a_message() -> None:
    with pytest.raises(InputError) as info:
        api.rank([[1, 2], [2, 1]], ["max", "max"], [0, 0])
    assert info.value.lines("fr")


def test_ahp_report_numbers() -> None:
    # A consistent 3×3 matrix (a = 2b, b = 3c): priorities 6/9, 3/9... i.e. [6, 3, 1] / 10,
    # λmax = n = 3, CI = CR = 0.
    priorities, report = api.ahp([[1, 2, 6], [1 / 2, 1, 3], [1 / 6, 1 / 3, 1]])
    assert priorities == pytest.approx([0.6, 0.3, 0.1])
    assert report.lambda_max == pytest.approx(3.0)
    assert report.ci == pytest.approx(0.0, abs=1e-12)
    assert report.cr == pytest.approx(0.0, abs=1e-12)


def test_rank_weights_roc_closed_form() -> None:
    n = 5
    expected = [sum(1 / i for i in range(k, n + 1)) / n for k in range(1, n + 1)]
    assert api.rank_weights([1, 2, 3, 4, 5]) == pytest.approx(expected)


def test_smaa_and_crossovers_shapes() -> None:
    matrix = [[1.0, 9.0], [9.0, 1.0], [5.0, 5.0]]
    acc = api.smaa(matrix, ["max", "max"], n=2000, seed=1, method="wsm")
    assert acc.shape == (3, 3)
    assert np.allclose(acc.sum(axis=1), 1.0)
    cross = api.weight_crossovers(matrix, ["max", "max"], [0.5, 0.5], method="wsm")
    assert {"criterion", "weight", "winner_before", "winner_after"} <= set(cross.columns)


def test_demo_catalogue_analyses_end_to_end() -> None:
    from erp_select.model import CompanyProfile, Project

    project = Project(
        company=CompanyProfile(sector="manufacturing", erp_users=50),
        criteria=api.default_criteria(),
        vendors=api.demo_vendors(),
    )
    analysis = api.analyse(project)
    assert analysis.winner in {v.id for v in project.vendors}
    assert len(analysis.order()) == len(project.alternatives())


# ------------------------------------------------------------ one way to state a problem
# The same problem, stated with the engine's canonical spellings ("max"/"min", weights summing
# to 1) and with the other spellings ``api.rank`` accepts ("benefit"/"cost", 1/-1, weights
# summing to 7): every function that takes a problem must give identical results.
STATED_X = [[3.0, 5.0, 2.0, 1.0], [3.0, 4.0, 3.0, 4.0], [4.0, 4.0, 3.0, 5.0], [2.0, 3.0, 4.0, 2.0]]
CANONICAL = (["min", "max", "min", "max"], [1 / 7, 2 / 7, 1 / 7, 3 / 7])
SPELLINGS = [
    (["cost", "benefit", "cost", "benefit"], [1.0, 2.0, 1.0, 3.0]),
    ([-1, 1, -1, 1], [1.0, 2.0, 1.0, 3.0]),
    (["MIN", "Max", "minimise", "maximize"], np.array([2.0, 4.0, 2.0, 6.0])),
]


def _every_problem_function():
    from erp_select.sensitivity.curves import weight_curves
    from erp_select.sensitivity.stability import stability_intervals
    from erp_select.sensitivity.tornado import tornado
    from erp_select.sensitivity.what_it_takes import what_it_takes

    def takes(o, w):
        found = what_it_takes(STATED_X, o, w, "vikor")
        return pd.concat([found.weight_changes, found.value_changes.reset_index()], axis=1)

    return {
        "rank": lambda o, w: api.rank(STATED_X, o, w, method="vikor"),
        "smaa": lambda o, w: api.smaa(STATED_X, o, w, method="vikor", n=500, seed=3),
        "smaa_uniform": lambda o, w: api.smaa(STATED_X, o, None, method="vikor", n=500, seed=3),
        "weight_crossovers": lambda o, w: api.weight_crossovers(STATED_X, o, w, method="vikor"),
        "weight_curves": lambda o, w: weight_curves(STATED_X, o, w, "vikor", grid=21).curves,
        "stability_intervals": lambda o, w: stability_intervals(STATED_X, o, w, "vikor"),
        "tornado": lambda o, w: tornado(STATED_X, o, w, "vikor"),
        "what_it_takes": takes,
    }


@pytest.mark.parametrize("spelling", range(len(SPELLINGS)))
@pytest.mark.parametrize("name", list(_every_problem_function()))
def test_every_api_function_accepts_the_spellings_rank_accepts(name: str, spelling: int) -> None:
    if name == "what_it_takes" and spelling:
        pytest.skip("slow: one other spelling is enough for what-it-takes")
    func = _every_problem_function()[name]
    objectives, weights = SPELLINGS[spelling]
    expected = func(*CANONICAL)
    got = func(objectives, weights)
    pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=0, atol=1e-12)


@pytest.mark.parametrize(
    ("objectives", "weights", "rule", "field"),
    [
        (["min", "up", "min", "max"], [1, 2, 1, 3], "engine.bad_objective", "C2"),
        (["min", "max", "min", "max"], [1, -2, 1, 3], "engine.weight_negative", "C2"),
        (["min", "max", "min", "max"], [0, 0, 0, 0], "engine.weights_all_zero", "weights"),
        (["min", "max", "min", "max"], [1, float("nan"), 1, 3], "engine.weight_not_finite", "C2"),
        (["min", "max", "min"], [1, 2, 1, 3], "engine.objectives_length", None),
    ],
)
def test_every_api_function_gives_the_same_located_message(objectives, weights, rule, field):
    rendered = set()
    for name in _every_problem_function():
        if name == "smaa_uniform" and "objective" not in rule:
            continue  # takes no weights
        with pytest.raises(InputError) as info:
            _every_problem_function()[name](objectives, weights)
        problems = info.value.problems
        assert [(p.rule, p.field) for p in problems] == [(rule, field)], name
        rendered.add(info.value.render("fr"))
    assert len(rendered) == 1


def test_analyse_project_is_the_reports_suite() -> None:
    import datetime as dt
    from pathlib import Path

    from erp_select.report.compute import compute

    project = api.load_project(Path(__file__).resolve().parents[1] / "examples/demo-project.json")
    day = dt.date(2026, 5, 6)
    suite = api.analyse_project(project, samples=300, seed=11, reference_date=day)
    assert suite.smaa is not None and suite.smaa.n == 300 and suite.seed == 11
    report = compute(project, sensitivity_samples=300, seed=11, generated=day)
    assert report.smaa is not None
    assert suite.smaa.confidence.equals(report.smaa.confidence)
    assert suite.summaries["fr"].text == report.summaries["fr"].text
    assert suite.value_for_money is not None and "efficient" in suite.value_for_money
    same = api.analyse_project(project, api.AnalysisSettings(samples=300, seed=11))
    assert same.smaa is not None and same.smaa.acceptability.equals(suite.smaa.acceptability)


def test_analyse_project_refuses_bad_settings_by_name() -> None:
    from erp_select.report.demo import demo_project

    with pytest.raises(InputError) as caught:
        api.analyse_project(demo_project(), samples=0)
    assert caught.value.problems[0].field == "samples"
