"""The report lists the reference calls and what they confirmed; confirmed values leave the
list of values resting on claims only."""

from __future__ import annotations

from pathlib import Path

from erp_select.demos.references import remove_call
from erp_select.io import load_project
from erp_select.report import render_report

ROOT = Path(__file__).resolve().parents[2]


def _sections(html: str) -> tuple[str, str]:
    refs = html[html.index('id="references"') : html.index('id="evidence"')]
    claims = html[html.index('id="evidence"') : html.index('id="costs"')]
    return refs, claims


def test_the_example_report_lists_its_calls_and_the_confirmed_value_leaves_the_claims() -> None:
    project = load_project(ROOT / "examples" / "demo-project.json")
    html = render_report(project, "html", "en", sensitivity_samples=300).decode("utf-8")
    refs, claims = _sections(html)
    assert refs.count("<li>") == 3
    assert "Velocitra — Marc Lefèvre (Tôlerie Lefèvre), 24 Apr 2026." in refs
    label = project.criteria.node("french_support_team").label.en
    line = claims[claims.index("Velocitra") :].split("</li>")[0]
    assert label not in line  # its only fact, viability.french_support, was confirmed
    # Without the call, the same value rests on Velocitra's claim again.
    undone = remove_call(project, "call-2")
    assert undone.vendor("velocitra").facts["viability.french_support"].evidence == "claim"
    html = render_report(undone, "html", "en", sensitivity_samples=300).decode("utf-8")
    refs, claims = _sections(html)
    assert refs.count("<li>") == 2
    line = claims[claims.index("Velocitra") :].split("</li>")[0]
    assert label in line


def test_a_project_without_calls_has_no_section() -> None:
    project = load_project(ROOT / "examples" / "demo-project.json")
    bare = project.model_copy(update={"reference_calls": []})
    html = render_report(bare, "html", "fr", sensitivity_samples=300).decode("utf-8")
    assert 'id="references"' not in html
