"""AppTest: one vendor's TCO year by year on the vendors page, the suite's figures."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from erp_select.evaluate import evaluate
from erp_select.i18n import fmt_money
from erp_select.model import Project


def test_the_vendor_table_shows_each_year_and_the_suite_s_total(
    demo: AppTest, goto: Callable[[AppTest, str], AppTest]
) -> None:
    demo.button(key="pf.load_example").click().run()
    project = demo.session_state["project"]
    assert isinstance(project, Project)
    goto(demo, "vendors")
    pick = demo.selectbox(key="vd.tco_vendor.fr")
    # Maillonet is deployed by two integrators in the example: each pair has its TCO.
    pair = "maillonet--rhone-numerique"
    assert pick.options.count("Maillonet — Rhône Numérique Conseil") == 1
    pick.set_value(pair).run()
    assert not demo.exception
    frames = [d.value for d in demo.dataframe]
    table = next(f for f in frames if "Poste" in f.columns)
    assert list(table.columns[1:6]) == [f"Année {k}" for k in range(1, 6)]
    lines = list(table["Poste"])
    # The on-premise vendor's new lines are there, with the base ones.
    for name in ("Licences", "Maintenance", "Reprise des données", "Interfaces", "Matériel"):
        assert name in lines
    assert "Temps interne" in lines  # the example values internal time at 450 € a day
    # Interfaces: 3 × 4 500 € = 13 500 €, all in the first year.
    interfaces = table[table["Poste"] == "Interfaces"].iloc[0]
    assert interfaces["Année 1"] == fmt_money(13_500, "fr") and interfaces["Année 2"] == "0\xa0€"
    # The integrator's day rate × Maillonet's effort: 780 € × 180 days = 140 400 €.
    implementation = table[table["Poste"] == "Mise en œuvre"].iloc[0]
    assert implementation["Année 1"] == fmt_money(140_400, "fr")
    total = table[table["Poste"] == "Total"].iloc[0]
    expected = evaluate(project.expanded()).tco[pair].total.likely
    assert total["Probable"] == fmt_money(expected, "fr")
