"""A must-have on a fact: the facts are listed in the reader's alphabetical order."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from erp_select.app.pages.must_haves import PROFILE_FIELDS

Goto = Callable[[AppTest, str], AppTest]


def _plain(text: str) -> str:
    """Accents off and case folded, the way a dictionary orders words."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_rule_facts_are_in_alphabetical_order(demo: AppTest, goto: Goto, lang: str) -> None:
    demo.sidebar.radio[0].set_value(lang).run()
    goto(demo, "must_haves")
    demo.radio(key="mh.kind").set_value("fact").run()
    shown = list(demo.selectbox(key="mh.fact").options)
    facts = shown[len(PROFILE_FIELDS) :]
    assert len(facts) > 20
    assert facts == sorted(facts, key=_plain)
