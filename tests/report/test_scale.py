"""A project at the scale issue 13 names: 300 criteria reach every report format as figures,
never as a traceback or a library error."""

from __future__ import annotations

import io

import numpy as np
from openpyxl import load_workbook

from erp_select.analysis import AnalysisSettings, run_analysis
from erp_select.model import CriteriaTree, Project
from erp_select.report import render_from
from erp_select.report.demo import demo_project

N_CRITERIA = 300


def _big_project(vendors: int = 5) -> Project:
    base = demo_project()
    tree = CriteriaTree.model_validate(
        {
            "format": "erp-select.criteria",
            "version": 1,
            "id": "big",
            "label": {"fr": "Trois cents critères", "en": "Three hundred criteria"},
            "criteria": [
                {
                    "id": f"c{i:03d}",
                    "label": {"fr": f"Critère {i}", "en": f"Criterion {i}"},
                    "weight": 1 + i % 7,
                    "direction": "benefit",
                    "value": {"kind": "fact", "fact": f"x.c{i:03d}"},
                }
                for i in range(N_CRITERIA)
            ],
        }
    )
    rng = np.random.default_rng(7)
    data = base.model_dump(mode="json")
    data["criteria"] = tree.model_dump(mode="json")
    data["judgments"] = []
    data["company"]["must_haves"] = []
    data["vendors"] = [
        {
            **{k: x for k, x in v.items() if k not in ("offers", "integrators")},  # one each
            "facts": {
                f"x.c{i:03d}": {"value": float(rng.integers(1, 100))} for i in range(N_CRITERIA)
            },
            "answers": {},
        }
        for v in data["vendors"][:vendors]
    ]
    data["requirements"] = []
    return Project.model_validate(data)


def test_a_300_criterion_project_reaches_every_table_format() -> None:
    project = _big_project()
    # what-it-takes is left out here only for time (an optimisation over 300 weights takes
    # about half a minute on two cores); every other analysis runs.
    suite = run_analysis(project, AnalysisSettings(samples=200, seed=3, challengers=0))
    assert suite.analysis.ranked.values.shape == (5, N_CRITERIA)
    assert set(suite.skipped) <= {"what"}, suite.skipped
    assert suite.smaa is not None and suite.stability is not None
    for lang in ("fr", "en"):
        for fmt in ("md", "csv", "html"):
            text = render_from(suite, fmt, lang).decode("utf-8")
            assert "Traceback" not in text and text.strip()
    book = load_workbook(io.BytesIO(render_from(suite, "xlsx", "fr")))
    values = list(book["Valeurs"].iter_rows(values_only=True))
    assert len(values[0]) >= N_CRITERIA  # one column per criterion
