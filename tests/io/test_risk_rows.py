"""The risk register in vendor files: YAML/JSON lists, CSV/XLSX rows ``risks.<n>.<part>``."""

from __future__ import annotations

import pytest

from erp_select.errors import InputError
from erp_select.io import dump_vendors, read_vendors_bytes
from erp_select.model import VendorProfile
from erp_select.model.risks import Risk

HEAD = "vendor_id;field;value;low;high;count;unit;source;date;evidence\n"
PROFILE = "v;name;V;;;;;;;\nv;licence_model;subscription;;;;;;;\n"


def _vendor(*risks: Risk) -> VendorProfile:
    return VendorProfile(id="v", name="V", licence_model="subscription", risks=list(risks))


def _csv(*rows: str) -> bytes:
    return (HEAD + PROFILE + "".join(r + "\n" for r in rows)).encode("utf-8")


def _lines(data: bytes, name: str, lang: str = "fr") -> list[str]:
    with pytest.raises(InputError) as caught:
        read_vendors_bytes(data, name)
    return caught.value.lines(lang)


@pytest.mark.parametrize("fmt", ["yaml", "json", "csv", "xlsx"])
def test_register_round_trips_in_every_format(fmt: str) -> None:
    vendor = _vendor(
        Risk(description="=1+1 formule", likelihood=4, impact=5, mitigation="-x", owner="DAF"),
        Risk(description="Retard ; avec | barre", likelihood=1, impact=2),
    )
    data = dump_vendors([vendor], fmt, lang="fr")  # type: ignore[arg-type]
    assert read_vendors_bytes(data, f"v.{fmt}") == [vendor]


def test_csv_rows_build_the_register_in_number_order() -> None:
    data = _csv(
        "v;risks.2.description;Second;;;;;;;",
        "v;risks.2.likelihood;1;;;;;;;",
        "v;risks.2.impact;1;;;;;;;",
        "v;risks.1.description;Premier;;;;;;;",
        "v;risks.1.likelihood;3;;;;;;;",
        "v;risks.1.impact;4;;;;;;;",
        "v;risks.1.owner;DAF;;;;;;;",
    )
    (vendor,) = read_vendors_bytes(data, "v.csv")
    assert [(r.description, r.score, r.owner) for r in vendor.risks] == [
        ("Premier", 12, "DAF"),
        ("Second", 1, None),
    ]


def test_likelihood_6_is_refused_at_its_row() -> None:
    data = _csv(
        "v;risks.1.description;Retard;;;;;;;",
        "v;risks.1.likelihood;6;;;;;;;",
        "v;risks.1.impact;2;;;;;;;",
    )
    (line,) = _lines(data, "v.csv")
    assert "v.csv" in line and "ligne 5" in line and "« value »" in line
    assert "« 6 »" in line and "au plus 5" in line


def test_text_likelihood_is_refused_not_converted() -> None:
    data = _csv(
        "v;risks.1.description;Retard;;;;;;;",
        "v;risks.1.likelihood;3;;;;;;;",
        "v;risks.1.impact;élevé;;;;;;;",
    )
    (line,) = _lines(data, "v.csv")
    assert "ligne 6" in line and "« élevé »" in line and "nombre entier" in line


def test_yaml_text_likelihood_is_refused_with_its_place() -> None:
    data = (
        b"id: v\nname: V\nlicence_model: subscription\n"
        b"risks:\n  - description: Retard\n    likelihood: '6'\n    impact: 2\n"
    )
    (line,) = _lines(data, "v.yaml")
    assert "v.yaml" in line and "likelihood" in line and "nombre entier" in line
    (en,) = _lines(data, "v.yaml", "en")
    assert "whole number" in en


def test_a_missing_part_names_the_risk() -> None:
    data = _csv("v;risks.1.description;Retard;;;;;;;", "v;risks.1.likelihood;2;;;;;;;")
    (line,) = _lines(data, "v.csv")
    assert "ligne 4" in line and "risks.1.impact" in line and "obligatoire" in line


def test_a_badly_named_risk_row_is_refused_at_its_row() -> None:
    data = _csv("v;risks.un.likelihood;2;;;;;;;", "v;risks.1.probability;2;;;;;;;")
    lines = _lines(data, "v.csv")
    assert len(lines) == 2
    assert "ligne 4" in lines[0] and "risks.<numéro>.<partie>" in lines[0]
    assert "ligne 5" in lines[1] and "« risks.1.probability »" in lines[1]


def test_text_in_a_contract_number_is_refused_at_its_row() -> None:
    data = _csv("v;contract.data_return_days;trente;;;;;;;")
    (line,) = _lines(data, "v.csv")
    assert "ligne 4" in line and "« trente »" in line
