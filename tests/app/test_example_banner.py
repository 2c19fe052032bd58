"""The example project says it is one on every page, and one click starts the visitor's own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from erp_select.app import shell
from erp_select.model import Project

ROOT = Path(__file__).resolve().parents[2]
JOURNEY = [p.name for p in shell.pages() if p.name not in ("room", "join")]


def _banner(at: AppTest) -> list[str]:
    return [i.value for i in at.info if "exemple" in i.value or "example" in i.value]


def test_every_page_of_the_example_says_it_is_an_example(
    example: AppTest, goto: Callable[[AppTest, str], AppTest]
) -> None:
    for lang, word in (("fr", "exemple"), ("en", "example")):
        example.sidebar.radio[0].set_value(lang).run()
        for name in JOURNEY:
            goto(example, name)
            assert any(word in line for line in _banner(example)), (lang, name)
            assert example.button(key="ex.own").label, name


def test_one_click_starts_my_own_project_with_an_empty_profile(
    example: AppTest, goto: Callable[[AppTest, str], AppTest]
) -> None:
    goto(example, "ranking")
    example.button(key="ex.own").click().run()
    assert not example.exception
    assert "project" not in example.session_state or example.session_state["project"] is None
    assert example.text_input(key="pf.name").value == ""
    assert not _banner(example)
    assert example.button(key="pf.build_files")  # the start choices are shown
    # kept by this browser: a later visit does not open the example again
    assert example.session_state["_cookies_written"]["erp_select_start"] == "own"


def test_my_own_files_start_with_an_empty_company_profile(example: AppTest) -> None:
    """Built from the visitor's files while the example is open: not Métallerie Duval SAS."""
    vendor = (ROOT / "vendors" / "ardoisine.yaml").read_bytes()
    uploader = example.file_uploader(key="pf.vendor_files")
    uploader.upload("ardoisine.yaml", vendor, "application/yaml")
    example.run()
    example.button(key="pf.build_files").click().run()
    assert not example.exception, [e.value for e in example.exception]
    project = example.session_state["project"]
    assert isinstance(project, Project)
    assert [v.id for v in project.vendors] == ["ardoisine"]
    assert project.company.name == ""
    assert "Duval" not in project.name
    assert project.company.budget is None
    assert not _banner(example)


def test_a_project_of_my_own_shows_no_example_banner(demo: AppTest) -> None:
    assert not _banner(demo)
