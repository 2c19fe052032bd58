"""The requirement library: each sector template loads, complete in fr and en, with legal items."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from erp_select import catalogue, words
from erp_select.cli import run
from erp_select.i18n import has_key, t
from erp_select.io.questionnaire import (
    TEMPLATES_DIR,
    load_requirements,
    sector_template,
    template_sectors,
)
from tests.test_catalogue import REQUIRED_SECTORS

ROOT = Path(__file__).resolve().parents[1]

#: The eight sectors the library covers (the catalogue tests' hand-written list), and the
#: four that issue 18 added.
SECTORS = tuple(sorted(REQUIRED_SECTORS))
NEW = ("retail", "food", "healthcare", "logistics")

#: French legal items every new template must carry as locked requirements: a marker of the
#: French text and one of the English text (hand-listed from the reform's calendar and the
#: French codes, not from the files).
COMMON_LEGAL = [
    ("FEC", "FEC"),
    ("1er septembre 2026", "1 September 2026"),
    ("1er septembre 2027", "1 September 2027"),
    ("reporting", "reporting"),
    ("SIREN", "SIREN"),
    ("TVA (CA3", "VAT returns"),
    ("intangibles", "cannot be changed"),
    ("RGPD", "GDPR"),
    ("Chorus Pro", "Chorus Pro"),
]
SECTOR_LEGAL = {
    "retail": [
        ("NF 525", "NF 525"),
        ("30 jours", "30 days"),
        ("AGEC", "AGEC"),
        ("EMEBI", "EMEBI"),
    ],
    "food": [
        ("178/2002", "178/2002"),
        ("1169/2011", "1169/2011"),
        ("agrément sanitaire", "sanitary approval"),
        ("853/2004", "853/2004"),
        ("RappelConso", "RappelConso"),
        ("EMEBI", "EMEBI"),
        ("EGalim", "EGalim"),
    ],
    "healthcare": [
        ("HDS", "HDS"),
        ("L1111-8", "L1111-8"),
        ("EPRD", "EPRD"),
        ("ERRD", "ERRD"),
        ("Taxe sur les salaires", "Payroll tax"),
    ],
    "logistics": [
        ("CMR", "CMR"),
        ("L3222-1", "L3222-1"),
        ("L1431-3", "L1431-3"),
        ("(DES)", "European services declaration"),
        ("chronotachygraphes", "Tachograph"),
    ],
}
#: What a consultant expects of the trade itself (not legal, so not necessarily locked).
SECTOR_TRADE = {
    "retail": ["caisse", "click & collect", "fidélité", "démarque", "variantes"],
    "food": ["traçabilité des lots", "allergènes", "DLC", "DDM", "HACCP", "poids variable"],
    "healthcare": ["GIR", "APA", "aide sociale", "résidents", "dispositifs médicaux"],
    "logistics": ["tournées", "affrètement", "multi-clients", "preuve de livraison", "véhicules"],
}


def _raw(sector: str) -> dict[str, object]:
    data = yaml.safe_load((TEMPLATES_DIR / f"{sector}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("sector", SECTORS)
def test_each_template_loads_and_is_complete(sector: str) -> None:
    raw = _raw(sector)
    rows = raw["requirements"]
    assert isinstance(rows, list)
    # Counted in the file itself, independently of the loader.
    ids = [row["id"] for row in rows]
    assert len(ids) >= 40, (sector, len(ids))
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    template = load_requirements(TEMPLATES_DIR / f"{sector}.yaml")
    assert template == sector_template(sector)
    assert template.sector == sector
    assert [r.id for r in template.requirements] == ids
    prefix = ids[0].split(".")[0]
    for r in template.requirements:
        assert r.id.startswith(prefix + "."), r.id
        assert r.text.fr.strip() and r.text.en.strip(), r.id
        assert r.text.fr != r.text.en, r.id
        assert r.text.fr.endswith(".") and r.text.en.endswith("."), r.id
    assert {"must", "should", "could"} <= {r.priority for r in template.requirements}


def test_the_library_lists_the_eight_sectors() -> None:
    assert set(template_sectors()) == set(SECTORS)
    prefixes = [sector_template(s).requirements[0].id.split(".")[0] for s in SECTORS]
    assert len(set(prefixes)) == len(prefixes)


@pytest.mark.parametrize("sector", NEW)
def test_new_templates_carry_the_french_legal_items(sector: str) -> None:
    reqs = sector_template(sector).requirements
    for fr, en in [*COMMON_LEGAL, *SECTOR_LEGAL[sector]]:
        # A law may be named in a trade requirement too; at least one locked requirement
        # states it, in both languages.
        locked = [r for r in reqs if fr in r.text.fr and r.locked]
        assert locked, (sector, fr)
        assert any(en in r.text.en for r in locked), (sector, en)
    # The e-invoicing calendar: receiving and issuing are musts that cannot be lowered.
    for marker in ("1er septembre 2026", "1er septembre 2027"):
        assert any(r.priority == "must" for r in reqs if marker in r.text.fr), marker
    for term in SECTOR_TRADE[sector]:
        assert any(term.lower() in r.text.fr.lower() for r in reqs), (sector, term)


@pytest.mark.parametrize("sector", SECTORS)
def test_every_process_and_sector_has_words_in_both_languages(sector: str) -> None:
    template = sector_template(sector)
    for process in {r.process for r in template.requirements}:
        assert has_key(f"requirements.process.{process}"), process
        fr, en = (t(f"requirements.process.{process}", lang) for lang in ("fr", "en"))
        assert fr != process and en != process
    assert sector in {s.id for s in catalogue.sectors()}
    assert sector in catalogue.presets()
    fr, en = words.sector(sector, "fr"), words.sector(sector, "en")
    assert fr != en and "_" not in fr + en and sector not in (fr, en)


@pytest.mark.parametrize("sector", NEW)
def test_cli_exports_the_new_questionnaires_with_labels(sector: str, tmp_path: Path) -> None:
    out = tmp_path / f"{sector}.xlsx"
    assert (
        run(["--lang", "fr", "questionnaire", "export", "--sector", sector, "--out", str(out)]) == 0
    )
    sheet = load_workbook(out).worksheets[0]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    expected = _raw(sector)["requirements"]
    assert isinstance(expected, list)
    assert [row[0] for row in rows] == [r["id"] for r in expected]
    # The process column shows the French label, never the slug.
    slugs = {r["process"] for r in expected}
    assert not slugs & {row[1] for row in rows}


def test_cli_ranks_for_a_new_sector(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["rank", "--criteria", str(ROOT / "criteria" / "default.yaml")]
    args += ["--vendors", str(ROOT / "vendors"), "--format", "json"]
    for sector in NEW:
        assert run([*args, "--sector", sector]) == 0, sector
        ranking = json.loads(capsys.readouterr().out)["ranking"]
        # Every offer is ranked on its own: the catalogue's 14 vendors, of which Halvardis,
        # Chantelys and Kestrelys have two offers each, make 11 + 3 × 2 = 17 rows, and
        # every vendor of the catalogue is among them.
        assert len(catalogue.demo_vendors()) == 14
        assert len(ranking) == 17
        ids = {row["vendor_id"].split("--")[0] for row in ranking}
        assert ids == {v.id for v in catalogue.demo_vendors()}


def test_the_app_offers_the_new_templates_by_name_and_loads_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.app.test_requirements_page import PAGE, _script

    monkeypatch.setenv("ERP_SELECT_NO_STORE", "1")
    monkeypatch.delenv("ERP_SELECT_LANG", raising=False)
    at = AppTest.from_function(_script, default_timeout=90, kwargs={"page": str(PAGE)})
    at.run()
    picker = at.selectbox(key="rq.sector.fr")
    # The French names of the presets file, never the slugs.
    for name in ("Commerce de détail", "Agroalimentaire", "Santé et médico-social"):
        assert name in picker.options
    assert "Transport et logistique" in picker.options
    assert not set(SECTORS) & set(picker.options)
    picker.set_value("food").run()
    at.button(key="rq.load_template").click().run()
    assert not at.exception, [e.value for e in at.exception]
    project = at.session_state["project"]
    assert [r.id for r in project.requirements] == [r["id"] for r in _raw("food")["requirements"]]
    assert any("Agroalimentaire" in s.value for s in at.success)
