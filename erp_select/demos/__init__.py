"""Demo scripts and reference calls: what vendors must show, and what their customers confirm."""

from erp_select.demos.questions import question_text, reference_questions
from erp_select.demos.script import add_from_catalogue, catalogue_choices, demo_script
from erp_select.model.demo_script import Confirmation, DemoScript, ReferenceCall, Scenario

__all__ = [
    "Confirmation",
    "DemoScript",
    "ReferenceCall",
    "Scenario",
    "add_from_catalogue",
    "catalogue_choices",
    "demo_script",
    "question_text",
    "reference_questions",
]
