"""Analysis settings: checked once, in French and English; the project pinned to a date."""

from __future__ import annotations

import datetime as dt

import pytest

from erp_select.analysis.settings import AnalysisSettings, pin
from erp_select.errors import InputError
from erp_select.report.demo import demo_project


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("samples", 0),
        ("samples", 2.5),
        ("samples", True),
        ("seed", -1),
        ("challengers", -1),
        ("tornado_delta", 0.0),
        ("tornado_delta", 1.0),
        ("tornado_delta", float("nan")),
        ("reference_date", "2026-05-06"),
        ("agreement_reversal", "yes"),
    ],
)
def test_bad_settings_are_refused_with_a_located_message(field: str, value: object) -> None:
    with pytest.raises(InputError) as caught:
        AnalysisSettings(**{field: value})  # type: ignore[arg-type]
    problem = caught.value.problems[0]
    assert problem.field == field
    assert problem.rule.startswith("analysis.settings.")
    for lang in ("fr", "en"):
        text = caught.value.render(lang)
        assert "analysis." not in text


def test_settings_are_frozen_and_comparable() -> None:
    a = AnalysisSettings(samples=500, seed=3)
    assert a == AnalysisSettings(samples=500, seed=3)
    with pytest.raises(AttributeError):
        a.samples = 10  # type: ignore[misc]


def test_a_project_without_reference_date_is_pinned_to_the_run_date() -> None:
    project = demo_project().model_copy(update={"as_of": None})
    day = dt.date(2026, 1, 2)
    pinned = pin(project, seed=project.seed, day=day)
    assert pinned.as_of == day
    dated = project.model_copy(update={"as_of": dt.date(2025, 1, 1)})
    assert pin(dated, seed=dated.seed, day=day) is dated
    assert pin(dated, seed=dated.seed + 1, day=day).seed == dated.seed + 1
