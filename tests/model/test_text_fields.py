"""Names and labels refuse control characters and invisible-only content, with located messages
(erp_select.model.text), through every file format and the model itself."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from erp_select.errors import InputError
from erp_select.io import read_criteria_bytes, read_vendors_bytes
from erp_select.io.tables import write_xlsx
from erp_select.io.vendors import COLUMNS
from erp_select.model import Fact, VendorProfile
from erp_select.model.judgments import DirectJudgment

BASE = {"id": "acme", "licence_model": "subscription"}


def _one(exc: pytest.ExceptionInfo[InputError]) -> tuple[str, str]:
    (problem,) = exc.value.problems
    return problem.render("fr"), problem.render("en")


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\n", "\t"])
def test_a_control_character_in_a_vendor_name_is_refused_in_a_csv(char: str) -> None:
    data = f"vendor_id;field;value\nacme;name;Ac{char}me\nacme;licence_model;subscription\n"
    if char in "\n":
        data = data.replace(f"Ac{char}me", f'"Ac{char}me"')
    with pytest.raises(InputError) as exc:
        read_vendors_bytes(data.encode(), "vendors.csv")
    fr, en = _one(exc)
    code = f"U+{ord(char):04X}"
    assert fr.startswith("vendors.csv, ligne 2, champ « value »")
    assert f"« Ac⟨{code}⟩me »" in fr and f"caractère de contrôle {code}" in fr
    assert en.startswith("vendors.csv, row 2, field “value”")
    assert f"control character {code}" in en
    assert char not in fr and char not in en  # shown safely, never raw


def test_a_nul_in_a_yaml_vendor_name_is_located_on_its_line() -> None:
    data = b'id: acme\nlicence_model: subscription\nname: "Ac\\0me"\n'
    with pytest.raises(InputError) as exc:
        read_vendors_bytes(data, "acme.yaml")
    fr, _ = _one(exc)
    assert fr.startswith("acme.yaml, ligne 3, champ « name »") and "U+0000" in fr
    assert "\x00" not in fr


@pytest.mark.parametrize("name", ["\u200b", "\u200b\u200d\u2060", " \u3164 ", "\u202e\u2069"])
def test_an_invisible_only_name_is_refused(name: str) -> None:
    data = json.dumps({**BASE, "name": name}).encode()
    with pytest.raises(InputError) as exc:
        read_vendors_bytes(data, "acme.json")
    fr, en = _one(exc)
    assert "champ « name »" in fr and "invisibles" in fr
    assert "invisible characters" in en


def test_an_xlsx_control_character_escape_is_refused_too() -> None:
    # A workbook holds a control character as _x0001_: read back, it is refused like any other.
    rows = [["acme", "name", "Ac\x01me"], ["acme", "licence_model", "subscription"]]
    data = write_xlsx("vendors", COLUMNS[:3], rows)
    with pytest.raises(InputError) as exc:
        read_vendors_bytes(data, "v.xlsx")
    fr, _ = _one(exc)
    assert fr.startswith("v.xlsx, ligne 2") and "U+0001" in fr


def test_product_source_unit_and_list_items_are_names_too() -> None:
    for data in (
        {**BASE, "name": "Acme", "product": "ERP\x00"},
        {**BASE, "name": "Acme", "editions": ["Pro\x1b[31m"]},
        {**BASE, "name": "Acme", "facts": {"x": {"value": 1, "source": "site\x00"}}},
        {**BASE, "name": "Acme", "facts": {"x": {"value": 1, "unit": "\u200b"}}},
        {**BASE, "name": "Acme", "facts": {"x": {"value": ["ISO\x0027001"]}}},
    ):
        with pytest.raises(ValidationError) as exc:
            VendorProfile.model_validate(data)
        assert any(str(e["type"]).startswith("hostile.") for e in exc.value.errors())


def test_free_text_keeps_its_line_breaks_but_no_other_control() -> None:
    fact = Fact(value="line one\nline two\tend")
    assert fact.value == "line one\nline two\tend"
    with pytest.raises(ValidationError):
        Fact(value="bell\x07")
    vendor = VendorProfile.model_validate(
        {**BASE, "name": "Acme", "description": {"fr": "a\nb", "en": "a\r\nb"}}
    )
    assert vendor.description is not None and vendor.description.fr == "a\nb"


def test_a_criterion_label_with_a_control_character_is_located() -> None:
    data = (
        "format: erp-select.criteria\n"
        "label: {fr: Critères, en: Criteria}\n"
        "criteria:\n"
        "  - id: price\n"
        '    label: {fr: "Prix\\x1b", en: Price}\n'
        "    direction: cost\n"
        "    value: {kind: fact, fact: price.total}\n"
    ).encode()
    with pytest.raises(InputError) as exc:
        read_criteria_bytes(data, "criteria.yaml")
    fr = "\n".join(exc.value.lines("fr"))
    assert "criteria.yaml, ligne 5" in fr and "criteria[price].label.fr" in fr
    assert "U+001B" in fr


def test_a_participant_name_with_a_nul_is_refused() -> None:
    with pytest.raises(ValidationError) as exc:
        DirectJudgment(participant="Ana\x00", points={"a": 1})
    assert exc.value.errors()[0]["type"] == "hostile.control_character"
    with pytest.raises(ValidationError):
        DirectJudgment(participant="\u200b\u200b", points={"a": 1})


def test_a_leading_apostrophe_and_formula_signs_are_kept_verbatim() -> None:
    for name in ("'Quoted", "=SUM(A1)", "@home", "-minus", "+plus", "**bold** ![x](y)"):
        assert VendorProfile.model_validate({**BASE, "name": name}).name == name
