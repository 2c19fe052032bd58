"""The vendor editor's table in words, read back to the same keys (issue 14)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from erp_select.app.fact_editor import FactWords, to_keys, to_words
from erp_select.io import dump_vendors
from erp_select.io.tables import read_csv
from erp_select.io.vendors import COLUMNS, REQUIRED
from erp_select.report.demo import demo_project
from erp_select.words import Words

EDIT = list(COLUMNS[1:])


def _frame(lang: str) -> tuple[pd.DataFrame, FactWords]:
    project = demo_project()
    vendor = next(v for v in project.vendors if v.id == "velocitra")
    table = read_csv(dump_vendors([vendor], "csv", lang=lang), "v.csv", COLUMNS, REQUIRED)
    frame = pd.DataFrame(
        [[str(r.cells.get(c, "") or "") for c in EDIT] for r in table.rows], columns=EDIT
    )
    return frame, FactWords(lang, Words(lang, project.criteria), vendor.facts)


def _row(frame: pd.DataFrame, field: str) -> dict[str, str]:
    return dict(frame[frame["field"] == field].iloc[0])


def test_french_words_instead_of_keys() -> None:
    frame, words = _frame("fr")
    shown = to_words(frame, words)
    assert _row(shown, "Modèle de licence")["value"] == "abonnement"
    assert _row(shown, "Modes de déploiement")["value"].startswith("cloud")
    assert _row(shown, "API REST documentée")["value"] == "oui"
    assert _row(shown, "API REST documentée")["evidence"] == "déclaration de l'éditeur"
    assert _row(shown, "Éditeur fictif (démonstration)")["value"] == "oui"
    sectors = _row(
        shown,
        "Secteurs servis"
        if "Secteurs servis" in set(shown["field"])
        else next(f for f in shown["field"] if "ecteur" in f and "|" in _row(shown, f)["value"]),
    )
    assert "Industrie manufacturière" in sectors["value"].split("|")
    assert "small" not in " ".join(shown["value"])  # company sizes in words
    assert _row(shown, "Coût de mise en œuvre")["value"] == "25\u202f000"  # grouped
    assert _row(shown, "API REST documentée")["date"] == "16/03/2026"  # the French way
    english = shown["field"] == "Description (anglais)"  # the vendor's own English text
    text = " ".join(shown[~english].astype(str).to_numpy().ravel())
    for raw in (
        "licence_model",
        "subscription",
        "custom.rest_api",
        "claim",
        "professional_services",
        "micro|small",
        "true",
        "false",
        "deployment",
    ):
        assert not re.search(rf"(?<![\w.|]){re.escape(raw)}(?![\w|])", text), raw


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_words_read_back_to_the_same_keys(lang: str) -> None:
    frame, words = _frame(lang)
    back = to_keys(to_words(frame, words), words)
    booleans = frame["value"].isin(["true", "false"])
    # yes/no come back as words the vendor reader reads (oui/non, yes/no): compare the rest
    pd.testing.assert_frame_equal(back[~booleans], frame[~booleans])
    assert set(back.loc[booleans, "value"]) <= {"oui", "non", "yes", "no"}


def test_a_typed_key_is_kept() -> None:
    _, words = _frame("fr")
    assert words.field_key("sec.mfa") == "sec.mfa"
    assert words.field_key("  modèle DE licence ") == "licence_model"
    assert words.value_key("licence_model", "Licence perpétuelle") == "perpetual"
    assert words.unit_key("€ par an") == "€/year"
    assert words.evidence_key("vu en démonstration") == "demo"


@pytest.mark.parametrize(
    ("lang", "label", "low", "high"),
    [
        ("fr", "Profondeur de paramétrage", "basique", "avancé"),
        ("en", "Configuration depth", "basic", "advanced"),
    ],
)
def test_a_level_range_shows_its_levels_in_words(
    lang: str, label: str, low: str, high: str
) -> None:
    # The demo round left Velocitra's configuration depth at « standard », its evaluators
    # scoring from 2 (basic) to 5 (advanced): the bounds are levels, shown as words.
    frame, words = _frame(lang)
    row = _row(to_words(frame, words), label)
    assert (row["value"], row["low"], row["high"]) == ("standard", low, high)
    assert _row(frame, "custom.configuration")["low"] == "basic"  # the key in the file
    assert words.value_key("custom.configuration", low) == "basic"
