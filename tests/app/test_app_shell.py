"""The app's frame: page list, sidebar, configuration that hides tracebacks, no shared state."""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from erp_select.app import shell
from tests.app.conftest import new_app

ROOT = Path(__file__).resolve().parents[2]


def test_the_journey_lists_existing_pages_only() -> None:
    names = [p.name for p in shell.pages()]
    assert names[:7] == [
        "project",
        "vendors",
        "requirements",
        "criteria",
        "must_haves",
        "ranking",
        "sensitivity",
    ]
    for spec in shell.pages():
        assert (ROOT / spec.path).is_file(), spec.path
    assert ("report" in names) == shell.report_available()


def test_streamlit_hides_tracebacks_and_sends_no_statistics() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
    assert config["browser"]["gatherUsageStats"] is False


def test_app_code_keeps_no_per_visitor_state_in_module_globals() -> None:
    # cache_resource only wraps the database connection pool (persist._open_gate).
    for path in sorted((ROOT / "erp_select" / "app").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if "cache_resource" in text:
            assert path.name == "persist.py", path
        assert not re.search(r"^\s*global\s", text, flags=re.MULTILINE), path


def test_every_page_renders_in_both_languages(
    demo: AppTest, goto: Callable[[AppTest, str], AppTest]
) -> None:
    for lang in ("fr", "en"):
        demo.sidebar.radio[0].set_value(lang).run()
        for spec in shell.pages():
            goto(demo, spec.name)
            assert not demo.exception
            assert demo.title, spec.name
            assert not demo.error, (spec.name, [e.value for e in demo.error])


def test_pages_without_a_project_point_to_the_project_page(
    app: AppTest, goto: Callable[[AppTest, str], AppTest]
) -> None:
    for spec in shell.pages()[1:]:
        if spec.name in shell.NO_PROJECT_NEEDED:
            continue
        goto(app, spec.name)
        assert any("Aucun projet" in i.value for i in app.info), spec.name


def test_two_visitors_do_not_share_a_project(demo: AppTest, new: Callable[[], AppTest]) -> None:
    other = new()
    other.run()
    assert "project" not in other.session_state


def test_first_visit_opens_the_example_project_without_saving_it(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first visit opens the example project shipped as ``examples/demo-project.json``
    (same fingerprint): workshop judgments, must-haves and budget, so every page shows
    something."""
    from pathlib import Path

    from erp_select.io import load_project
    from erp_select.model import Project
    from erp_select.model.fingerprint import fingerprint

    shipped = load_project(Path(__file__).parents[2] / "examples" / "demo-project.json")
    monkeypatch.delenv("ERP_SELECT_START")
    at = new_app()
    at.run()
    assert not at.exception
    project = at.session_state["project"]
    assert isinstance(project, Project)
    assert fingerprint(project) == fingerprint(shipped)
    assert project.name == "Choix de l'ERP 2026 — Métallerie Duval"
    assert len(project.judgments) == 4 and len(project.company.must_haves) == 4
    assert "project" not in at.query_params  # nothing saved until the visitor changes something


def test_refused_joins_reach_the_server_log(
    app: AppTest, goto: Callable[[AppTest, str], AppTest], caplog: pytest.LogCaptureFixture
) -> None:
    # Issue 15: the details are for the operator, in the server's log, not on screen.
    goto(app, "join")
    app.text_input(key="wj.code").set_value("AAAAA-AAAAA")
    app.text_input(key="wj.name").set_value("Eve")
    app.button(key="wj.join").click().run()
    assert not app.exception
    ours = logging.getLogger("erp_select")
    assert ours.getEffectiveLevel() <= logging.INFO
    assert any(isinstance(h, logging.StreamHandler) for h in ours.handlers)  # to stderr
    refused = [r.getMessage() for r in caplog.records if r.name == "erp_select.store.workshops"]
    assert refused and refused[0].startswith("join refused (store.bad_code)")
    assert "AAAAA" not in refused[0]
