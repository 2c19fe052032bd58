"""Fixtures for the Streamlit AppTest tests: a fresh database per test and a demo project."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from erp_select.model import Project

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
# A cold import of scikit-criteria alone takes longer than AppTest's 3 s default.
TIMEOUT = 60


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh SQLite store for the app, and French as the default language."""
    url = f"sqlite:///{(tmp_path / 'app.db').as_posix()}"
    monkeypatch.setenv("ERP_SELECT_DATABASE_URL", url)
    monkeypatch.delenv("ERP_SELECT_LANG", raising=False)
    monkeypatch.delenv("ERP_SELECT_NO_STORE", raising=False)
    # These tests start from an empty session; test_app_shell checks the demo start.
    monkeypatch.setenv("ERP_SELECT_START", "empty")
    return url


def new_app() -> AppTest:
    """An AppTest of ``app.py`` with a timeout long enough for cold imports."""
    return AppTest.from_file(str(APP), default_timeout=TIMEOUT)


@pytest.fixture
def app(db_url: str) -> AppTest:
    """The app after its first run (no project yet)."""
    at = new_app()
    at.run()
    assert not at.exception
    return at


@pytest.fixture
def demo(app: AppTest) -> AppTest:
    """The app with the demo catalogue loaded from the project page."""
    app.button(key="pf.load_demo").click().run()
    assert not app.exception
    assert isinstance(app.session_state["project"], Project)
    return app


def _goto(at: AppTest, name: str) -> AppTest:
    at.switch_page(f"erp_select/app/pages/{name}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def goto() -> Callable[[AppTest, str], AppTest]:
    """Switch to one of the journey's pages (``"ranking"``…) and run it."""
    return _goto


@pytest.fixture
def example(db_url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """A first visit: the app opens on the (unsaved) example project."""
    monkeypatch.delenv("ERP_SELECT_START")
    at = new_app()
    at.run()
    assert not at.exception
    return at


@pytest.fixture
def new() -> Callable[[], AppTest]:
    """Build another AppTest of the app (e.g. to simulate a page reload)."""
    return new_app
