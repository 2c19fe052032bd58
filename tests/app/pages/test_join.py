"""The participant's join path stays light: no ranking, chart or report module is loaded.

A participant's join runs in a fresh interpreter (a cold server process): the join page,
the code and name, the « Join » click, the open round drawn. The modules that rank vendors
(scikit-criteria), run the analysis suite, build charts or render reports must not be
imported on that path: only the facilitator's and the analysis pages need them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from erp_select.report.demo import demo_project
from erp_select.store import init_db
from erp_select.store import workshops as store_workshops
from erp_select.store.projects import create_project
from erp_select.workshop.rounds import open_round

ROOT = Path(__file__).resolve().parents[3]

#: Modules a participant's join must not load (their import alone costs seconds, cold).
HEAVY = (
    "skcriteria",
    "erp_select.engine._skc",
    "erp_select.analysis",
    "erp_select.sensitivity",
    "erp_select.explain",
    "erp_select.report.compute",
    "altair",
    "vl_convert",
    "weasyprint",
)

_JOIN = """
import json, sys
from streamlit.testing.v1 import AppTest

at = AppTest.from_file(sys.argv[1], default_timeout=120)
at.switch_page("erp_select/app/pages/join.py").run()
at.text_input(key="wj.code").set_value(sys.argv[2])
at.text_input(key="wj.name").set_value("Alice")
at.button(key="wj.join").click().run()
print(json.dumps({
    "exceptions": [str(e.value) for e in at.exception],
    "markdown": [m.value for m in at.markdown],
    "modules": sorted(sys.modules),
}))
"""


def test_a_participant_joins_without_loading_ranking_chart_or_report_modules(
    db_url: str,
) -> None:
    store = init_db(db_url)
    saved = create_project(store, demo_project(), author="test")
    access = store_workshops.open_workshop(
        store, saved.project_id, facilitator="Claire", title="Atelier", hide_names=False
    )
    open_round(store, access.facilitator_token, "points")

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", _JOIN, str(ROOT / "app.py"), access.join_code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["exceptions"] == []
    # the join reached the open round (« Tour 1 : poids par points »)
    assert any(m.startswith("### Tour 1") for m in found["markdown"]), found["markdown"]
    loaded = [m for m in found["modules"] if any(m == h or m.startswith(f"{h}.") for h in HEAVY)]
    assert loaded == []
