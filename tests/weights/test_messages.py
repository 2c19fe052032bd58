"""Every weights error has a message in English and in French, and renders without a key."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from erp_select.errors import Problem
from erp_select.i18n import t
from erp_select.i18n.catalogue import catalogue

ROOT = Path(__file__).resolve().parents[2] / "erp_select"
SOURCES = [*sorted((ROOT / "weights").glob("*.py")), ROOT / "engine" / "objective.py"]


def rule_keys() -> set[str]:
    keys: set[str] = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"problem", "_problem"}
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                keys.add(f"weights.{node.args[0].value}")
    return keys


KEYS = sorted(rule_keys())


def test_the_scan_finds_the_rules() -> None:
    assert {"weights.not_reciprocal", "weights.disconnected", "weights.objective_negative"} <= set(
        KEYS
    )
    assert len(KEYS) > 40


@pytest.mark.parametrize("key", KEYS)
def test_message_exists_in_both_languages(key: str) -> None:
    en, fr = catalogue("en"), catalogue("fr")
    assert key in en, key
    assert key in fr, key
    assert en[key] != fr[key]
    # Problem.render looks the rule up under "errors.<rule>".
    for lang in ("en", "fr"):
        text = Problem(rule=key, field="x").render(lang)
        assert "errors." not in text and key not in text, (lang, text)


def test_french_uses_french_quotes() -> None:
    fr = catalogue("fr")
    quoted = [k for k in KEYS if "{a}" in fr[k] or "{criterion}" in fr[k]]
    assert quoted
    for k in quoted:
        assert "« {" in fr[k], k


def test_a_problem_message_fills_its_placeholders() -> None:
    p = Problem(
        rule="weights.not_reciprocal",
        field="fit / cost",
        value=4.0,
        params={"a": "fit", "b": "cost", "reverse": 0.5, "expected": 0.25},
    )
    text = t(p.rule, "fr", **p.params)
    assert "« fit »" in text and "« cost »" in text and "{" not in text
