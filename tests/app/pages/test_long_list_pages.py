"""AppTest: a long list on the vendors and must-haves pages — one page of rows at a time,
with words saying how many are shown and how to see the rest."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest
from pydantic import TypeAdapter
from streamlit.testing.v1 import AppTest

from erp_select.model import Fact, Project
from erp_select.model.rules import Rule

Goto = Callable[[AppTest, str], AppTest]
#: Rows a page shows in these tests (the app's is larger; the paging is the same).
ROWS = 4
#: Vendors of the long list built from the demo's.
VENDORS = 30


def _long_list(at: AppTest, monkeypatch: pytest.MonkeyPatch) -> Project:
    """The demo's vendors cycled to ``VENDORS``, must-have: on-premise deployment."""
    from erp_select.app import paging

    monkeypatch.setattr(paging, "PAGE_ROWS", ROWS)
    project = at.session_state["project"]
    assert isinstance(project, Project)
    base = project.vendors
    vendors = []
    for i in range(VENDORS):
        v = base[i % len(base)]
        # a fact no criterion reads: one warning per vendor, so the warnings make pages too
        facts = {**v.facts, "x.unheard_of": Fact(value=True)}
        # each vendor ranked alone (the demo's offers and integrators would make alternatives)
        update = {
            "id": f"v{i:03d}",
            "name": f"{v.name} n{i:03d}",
            "facts": facts,
            "offers": [],
            "integrators": [],
        }
        vendors.append(v.model_copy(update=update))
    rule = TypeAdapter(Rule).validate_python(
        {"kind": "fact", "fact": "deployment", "op": "contains", "value": "on_premise"}
    )
    company = project.company.model_copy(update={"must_haves": [rule]})
    long = project.model_copy(update={"vendors": vendors, "company": company})
    at.session_state["project"] = long
    return long


def _frame(at: AppTest, i: int) -> pd.DataFrame:
    frame = at.dataframe[i].value
    assert isinstance(frame, pd.DataFrame)
    return frame


def test_the_vendors_page_shows_one_page_of_vendors_and_of_warnings(
    demo: AppTest, goto: Goto, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _long_list(demo, monkeypatch)
    goto(demo, "vendors")
    names = [v.name for v in project.vendors]
    assert list(_frame(demo, 0)["Éditeur"]) == names[:ROWS]
    picker = demo.selectbox(key=f"ve.page.{VENDORS}")
    assert picker.label == "Page de la liste des éditeurs"
    assert picker.format_func(7) == f"Éditeurs 29 à 30 sur {VENDORS}"
    said = (
        f"{ROWS} lignes affichées sur {VENDORS} : choisissez une autre page dans"
        " « Page de la liste des éditeurs » pour voir la suite."
    )
    assert said in [c.value for c in demo.caption]
    picker.set_value(2).run()
    assert not demo.exception
    assert list(_frame(demo, 0)["Éditeur"]) == names[2 * ROWS : 3 * ROWS]
    # the warnings: the same paging, the count stated above
    warnings = demo.selectbox(key=next(k for k in _keys(demo) if k.startswith("ve.warnings.")))
    total = int(str(warnings.key).rsplit(".", 1)[1])
    assert total >= VENDORS and warnings.label == "Page des alertes"
    assert warnings.format_func(1) == f"Alertes {ROWS + 1} à {2 * ROWS} sur {total}"
    assert len(_frame(demo, 1)) == ROWS


def _keys(at: AppTest) -> list[str]:
    return [str(s.key) for s in at.selectbox]


def test_the_must_haves_page_names_a_page_of_vendors_and_pages_the_excluded(
    demo: AppTest, goto: Goto, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _long_list(demo, monkeypatch)
    goto(demo, "must_haves")
    # independent of the screening code: read the deployment lists directly
    kept = [v.name for v in project.vendors if "on_premise" in v.deployment]
    out = [v.name for v in project.vendors if "on_premise" not in v.deployment]
    assert len(kept) > ROWS and len(out) > ROWS
    success = " ".join(s.value for s in demo.success)
    assert success.startswith(f"{len(kept)} éditeurs retenus ; voici les {ROWS} premiers")
    assert all(name in success for name in kept[:ROWS])
    assert not any(name in success for name in kept[ROWS:])
    assert "La page Classement les présente tous, page par page." in success
    assert list(_frame(demo, 0)["Éditeur"]) == out[:ROWS]
    picker = demo.selectbox(key=f"mh.excluded.{len(out)}")
    assert picker.label == "Page des éditeurs écartés"
    picker.set_value(1).run()
    assert not demo.exception
    assert list(_frame(demo, 0)["Éditeur"]) == out[ROWS : 2 * ROWS]


def test_in_english_the_pages_say_the_same(
    demo: AppTest, goto: Goto, monkeypatch: pytest.MonkeyPatch
) -> None:
    _long_list(demo, monkeypatch)
    demo.session_state["lang"] = "en"
    goto(demo, "vendors")
    said = (
        f"{ROWS} rows shown of {VENDORS}: pick another page in “Page of the vendor list”"
        " to see the rest."
    )
    assert said in [c.value for c in demo.caption]
    goto(demo, "must_haves")
    assert any("here are the first 4 in the list's order" in s.value for s in demo.success)
