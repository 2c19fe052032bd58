"""Vendor profiles through every format (erp_select.io.vendors): round trips, French CSV,
typed XLSX cells, formulas, hostile text, located messages, all-or-nothing loading."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from erp_select.errors import InputError
from erp_select.io import dump_vendors, load_vendors, read_vendors_bytes
from erp_select.io.offer_rows import OFFER_FIELDS
from erp_select.io.risk_rows import PARTS as RISK_PARTS
from erp_select.io.vendors import COLUMNS, PROFILE_FIELDS
from erp_select.model import Fact, VendorProfile
from erp_select.model.offers import Offer
from erp_select.model.requirements import Answer
from erp_select.model.risks import Risk
from erp_select.text import bad_character, is_invisible

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ("yaml", "json", "csv", "xlsx")
HOSTILE = "=cmd|' /C calc'!A0"

SLUG = st.from_regex(r"[a-z0-9][a-z0-9_.\-]{0,12}", fullmatch=True)
# Formula starts, separators, escapes, control characters, an OOXML escape, accents.
# Free text holds no control character but tab and line breaks, names none at all, and
# neither is made only of invisible characters (erp_select.model.text).
ANY = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"))
ONE_LINE = [*"aé=+-@'|\\;,\"\u202e\u200b €«»0_x.e", "_x000D_"]
CHARS = st.sampled_from([*ONE_LINE, "\n", "\r", "\t"])
TEXT = (
    st.lists(CHARS | ANY, min_size=0, max_size=15)
    .map("".join)
    .filter(lambda s: bad_character(s, "\t\n\r") is None and not is_invisible(s))
)
LINE = (
    st.lists(st.sampled_from(ONE_LINE) | ANY, min_size=0, max_size=15)
    .map("".join)
    .filter(lambda s: bad_character(s) is None and not is_invisible(s))
)
NAME = LINE.filter(lambda s: s.strip() != "")
FLOAT = st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def facts(draw: st.DrawFn) -> dict[str, Any]:
    value = draw(st.one_of(st.booleans(), FLOAT, TEXT, st.lists(LINE, max_size=3)))
    fact: dict[str, Any] = {"value": value}
    if isinstance(value, float) and draw(st.booleans()):
        fact["low"] = value - abs(draw(st.floats(0, 1e6)))
        fact["high"] = value + abs(draw(st.floats(0, 1e6)))
    for key, strategy in (
        ("count", st.integers(0, 10**18)),
        ("unit", LINE.map(lambda s: s[:40]).filter(lambda s: not is_invisible(s))),
        ("source", LINE),
        ("date", st.dates()),
        ("evidence", st.sampled_from(["claim", "demo", "reference", "contract"])),
    ):
        if draw(st.booleans()):
            fact[key] = draw(strategy)
    return fact


@st.composite
def vendors(draw: st.DrawFn) -> VendorProfile:
    fact_ids = st.one_of(SLUG, st.sampled_from(["name", "sectors", "facts.x", "answers.y"]))
    data: dict[str, Any] = {
        "id": draw(SLUG),
        "name": draw(NAME),
        "licence_model": draw(st.sampled_from(["subscription", "perpetual", "open_source"])),
        "demo": draw(st.booleans()),
        "vertical": draw(st.booleans()),
        "editions": draw(st.lists(LINE, max_size=2)),
        "deployment": draw(
            st.lists(st.sampled_from(["cloud", "on_premise", "hosted"]), max_size=2)
        ),
        "company_sizes": draw(st.lists(st.sampled_from(["micro", "small", "medium", "large"]))),
        "sectors": draw(st.lists(SLUG, max_size=2)),
        "facts": draw(st.dictionaries(fact_ids, facts(), max_size=4)),
    }
    if draw(st.booleans()):
        data["product"] = draw(LINE)
    if draw(st.booleans()):
        data["description"] = {"fr": draw(NAME), "en": draw(NAME)}
    if draw(st.booleans()):
        answer = draw(
            st.fixed_dictionaries(
                {
                    "answer": st.sampled_from(["standard", "customisation", "roadmap"]),
                    "effort_days": st.floats(0, 1000),
                    "comment": TEXT,
                    "evidence": st.sampled_from([None, "claim", "demo"]),
                }
            )
        )
        data["answers"] = {draw(SLUG): answer}
    return VendorProfile.model_validate(data)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["fr", "en"])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles=st.lists(vendors(), min_size=1, max_size=3, unique_by=lambda v: v.id))
def test_any_vendors_round_trip_exactly(profiles: list[VendorProfile], fmt: str, lang: str) -> None:
    data = dump_vendors(profiles, fmt, lang=lang)  # type: ignore[arg-type]
    back = read_vendors_bytes(data, f"vendors.{fmt}")
    assert back == profiles
    assert [v.model_dump_json() for v in back] == [v.model_dump_json() for v in profiles]


def test_bundled_demo_vendors_load_identically_in_every_format(tmp_path: Path) -> None:
    folder = ROOT / "vendors"
    if not any(folder.glob("*.yaml")):
        pytest.skip("the bundled vendors are not there yet")
    profiles = load_vendors(folder)
    assert len(profiles) == len(list(folder.glob("*.yaml")))
    expected = [v.model_dump_json() for v in profiles]
    for fmt in FORMATS:
        path = tmp_path / f"all.{fmt}"
        path.write_bytes(dump_vendors(profiles, fmt, lang="fr"))  # type: ignore[arg-type]
        assert [v.model_dump_json() for v in load_vendors(path)] == expected


def test_table_columns_cover_every_model_field() -> None:
    """A new model field must get a place in the tables, or this fails (no silent loss)."""
    skip = {"id", "facts", "answers", "description", "risks", "offers"}
    profile = set(VendorProfile.model_fields) - skip
    assert profile <= PROFILE_FIELDS
    # Offers are written as rows offers.<offer>.<part>, facts as offers.<offer>.<fact>.
    assert set(Offer.model_fields) - {"id", "facts", "description"} <= set(OFFER_FIELDS)
    # The risk register is written as rows risks.<n>.<part>, one part per field of a risk.
    assert set(Risk.model_fields) == set(RISK_PARTS)
    assert set(Fact.model_fields) <= set(COLUMNS)
    assert set(Answer.model_fields) - {"answer"} <= set(COLUMNS)


def _problems(data: bytes, name: str) -> list[Any]:
    with pytest.raises(InputError) as info:
        read_vendors_bytes(data, name)
    return info.value.problems


FRENCH_CSV = (
    "vendor_id;field;value;low;high;count;unit;source;date;evidence\n"
    "acme;name;Acmé Gestion;;;;;;;\n"
    "acme;licence_model;subscription;;;;;;;\n"
    "acme;deployment;cloud|hosted;;;;;;;\n"
    "acme;vertical;vrai;;;;;;;\n"
    "acme;price.implementation;85 000,50;70 000;120 000;;€;Devis éditeur;15/03/2026;claim\n"
    "acme;fit.sector_coverage;82,5;;;;%;Questionnaire;2026-03-01;demo\n"
    "acme;reviews.site;4,4;;;900;;Site d'avis;2026-02-01;\n"
    "acme;sec.mfa;oui;;;;;;;\n"
    "acme;sec.certifications;iso27001|hds;;;;;;;\n"
    "acme;hosting.region;NA;;;;;;;\n"
    "acme;note;None;;;;;;;\n"
)


def _check_french(profile: VendorProfile) -> None:
    assert profile.name == "Acmé Gestion"
    assert profile.deployment == ["cloud", "hosted"]
    assert profile.vertical is True
    impl = profile.facts["price.implementation"]
    assert (impl.value, impl.low, impl.high, impl.unit) == (85000.5, 70000.0, 120000.0, "€")
    assert impl.source == "Devis éditeur" and impl.date == dt.date(2026, 3, 15)
    assert profile.facts["fit.sector_coverage"].value == 82.5
    assert profile.facts["reviews.site"].count == 900
    assert profile.facts["sec.mfa"].value is True
    assert profile.facts["sec.certifications"].value == ["iso27001", "hds"]
    assert profile.facts["hosting.region"].value == "NA"  # text, never a missing value
    assert profile.facts["note"].value == "None"


def test_french_csv_windows_1252_without_bom() -> None:
    # Thousands separated by no-break spaces, as French Excel writes them.
    text = FRENCH_CSV.replace("85 000,50", "85\u00a0000,50")
    (profile,) = read_vendors_bytes(text.encode("cp1252"), "éditeurs.csv")
    _check_french(profile)


def test_french_csv_utf8_with_bom() -> None:
    (profile,) = read_vendors_bytes(b"\xef\xbb\xbf" + FRENCH_CSV.encode(), "vendors.csv")
    _check_french(profile)


def test_comma_separated_csv_uses_decimal_points() -> None:
    text = FRENCH_CSV.replace(";", ",").replace("85 000,50", "85000.50").replace("82,5", "82.5")
    text = text.replace("70 000", "70000").replace("120 000", "120000").replace("4,4", "4.4")
    (profile,) = read_vendors_bytes(text.encode(), "vendors.csv")
    _check_french(profile)


@pytest.mark.parametrize("text", ["NA", "N/A", "None", "null", "NULL", "nan?"])
def test_missing_value_words_stay_text(text: str) -> None:
    data = "vendor_id,field,value\nv,name,V\nv,licence_model,perpetual\nv,x," + text + "\n"
    (profile,) = read_vendors_bytes(data.encode(), "v.csv")
    assert profile.facts["x"].value == text


@pytest.mark.parametrize("cell", ["NaN", "inf", "-Infinity", "1e309"])
def test_non_finite_fact_values_are_rejected_with_location(cell: str) -> None:
    data = "vendor_id;field;value;low\nv;name;V;\nv;licence_model;perpetual;\nv;x;" + cell + ";\n"
    problems = _problems(data.encode(), "v.csv")
    assert [(p.rule, p.row, p.field, p.value) for p in problems] == [
        ("io.pydantic.finite_number", 4, "value", cell)
    ]
    en = problems[0].render("en")
    assert "v.csv" in en and "row 4" in en and "“value”" in en and f"« {cell} »" in en
    fr = problems[0].render("fr")
    assert "ligne 4" in fr and "« value »" in fr and "nombre fini" in fr


@pytest.mark.parametrize(("text", "fmt"), [("x: .nan", "yaml"), ('"x": NaN', "json")])
def test_non_finite_values_rejected_in_documents(text: str, fmt: str) -> None:
    doc = (
        f"id: v\nname: V\nlicence_model: perpetual\nfacts:\n  {text}\n"
        if fmt == "yaml"
        else '{"id": "v", "name": "V", "licence_model": "perpetual", "facts": {' + text + "}}"
    )
    problems = _problems(doc.encode(), f"v.{fmt}")
    assert [(p.rule, p.field) for p in problems] == [("io.pydantic.finite_number", "facts.x.value")]
    if fmt == "yaml":
        assert problems[0].row == 5


def test_short_facts_in_yaml() -> None:
    text = "id: v\nname: V\nlicence_model: perpetual\nfacts:\n  a: 82\n  b: [iso27001]\n"
    (profile,) = read_vendors_bytes(text.encode(), "v.yaml")
    assert profile.facts["a"] == Fact(value=82.0)
    assert profile.facts["b"].value == ["iso27001"]


def test_hostile_strings_are_neutralised_in_csv_and_restored() -> None:
    profile = VendorProfile.model_validate(
        {
            "id": "v",
            "name": "@evil",
            "licence_model": "perpetual",
            "editions": ["-minus", "+plus"],
            "facts": {
                "a": {"value": HOSTILE, "source": '=HYPERLINK("http://x")'},
                "b": {"value": ["=1+1", "@x"]},
                "c": {"value": -12.5},
            },
        }
    )
    data = dump_vendors([profile], "csv", lang="fr")
    cells = [c for line in data.decode("utf-8-sig").splitlines() for c in line.split(";")]
    for cell in cells:
        bare = cell.strip('"')
        assert not bare.startswith(("=", "+", "@", "\t", "\r")), cell
        assert not bare.startswith("-") or re.fullmatch(r"-[\d,]+", bare), cell
    assert read_vendors_bytes(data, "v.csv") == [profile]


def test_xlsx_cells_are_typed_and_hostile_text_stays_text() -> None:
    profile = VendorProfile.model_validate(
        {
            "id": "v",
            "name": "V",
            "licence_model": "perpetual",
            "vertical": True,
            "facts": {
                "n": {"value": 12.5, "low": 10, "high": 15, "count": 7, "date": "2026-03-01"},
                "b": {"value": False},
                "t": {"value": HOSTILE},
                "s": {"value": "42"},
            },
        }
    )
    data = dump_vendors([profile], "xlsx")
    ws = load_workbook(io.BytesIO(data))["vendors"]
    rows = {(r[0].value, r[1].value): r for r in ws.iter_rows(min_row=2)}
    n = rows[("v", "n")]
    assert isinstance(n[2].value, float) and n[2].value == 12.5 and n[2].data_type == "n"
    assert n[3].value == 10 and n[5].value == 7 and n[5].data_type == "n"
    assert isinstance(n[8].value, dt.datetime) and n[8].value.date() == dt.date(2026, 3, 1)
    assert n[8].is_date
    assert rows[("v", "b")][2].value is False and rows[("v", "b")][2].data_type == "b"
    assert rows[("v", "vertical")][2].value is True
    hostile = rows[("v", "t")][2]
    assert hostile.data_type == "s" and hostile.value == "'" + HOSTILE
    assert rows[("v", "s")][2].value == "'42"  # text that looks like a number is marked as text
    assert read_vendors_bytes(data, "v.xlsx") == [profile]


def _workbook(rows: list[list[Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "vendors"
    ws.append(["vendor_id", "field", "value", "date"])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _patch_sheet(data: bytes, old: str, new: str) -> bytes:
    """Rewrite the sheet XML, as a spreadsheet that saved a computed value would."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                assert old in text
                content = text.replace(old, new).encode()
            dst.writestr(info, content)
    return out.getvalue()


BASE_ROWS: list[list[Any]] = [["v", "name", "V", None], ["v", "licence_model", "perpetual", None]]


def test_xlsx_formula_without_saved_value_is_an_error() -> None:
    data = _workbook([*BASE_ROWS, ["v", "price", "=12*1000", None]])
    problems = _problems(data, "v.xlsx")
    assert [(p.rule, p.row, p.field, p.value) for p in problems] == [
        ("io.xlsx_formula_without_value", 4, "value", "=12*1000")
    ]
    assert "formule" in problems[0].render("fr")


def test_xlsx_formula_with_saved_value_is_read_as_that_value() -> None:
    data = _workbook([*BASE_ROWS, ["v", "price", "=12*1000", None]])
    data = _patch_sheet(data, "<f>12*1000</f><v />", "<f>12*1000</f><v>12000</v>")
    (profile,) = read_vendors_bytes(data, "v.xlsx")
    assert profile.facts["price"].value == 12000.0


def test_xlsx_error_cell_is_an_error() -> None:
    data = _workbook([*BASE_ROWS, ["v", "price", 1, None]])
    data = _patch_sheet(data, '<c r="C4" t="n"><v>1</v></c>', '<c r="C4" t="e"><v>#DIV/0!</v></c>')
    problems = _problems(data, "v.xlsx")
    assert [(p.rule, p.row, p.value) for p in problems] == [("io.xlsx_error_cell", 4, "#DIV/0!")]


def test_xlsx_typed_input_cells_are_read_by_type() -> None:
    when = dt.datetime(2026, 4, 12)
    data = _workbook(
        [
            *BASE_ROWS,
            ["v", "months", 7, when],
            ["v", "sec.mfa", True, None],
            ["v", "na", "NA", None],
        ]
    )
    (profile,) = read_vendors_bytes(data, "v.xlsx")
    assert profile.facts["months"].value == 7.0 and profile.facts["months"].date == when.date()
    assert profile.facts["sec.mfa"].value is True
    assert profile.facts["na"].value == "NA"


def test_not_an_xlsx_and_zip_bomb_are_refused() -> None:
    assert _problems(b"PK\x03\x04 not really", "v.xlsx")[0].rule == "io.xlsx_invalid"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    assert len(out.getvalue()) < 1024 * 1024
    assert _problems(out.getvalue(), "v.xlsx")[0].rule == "io.xlsx_too_large"


def test_every_problem_of_a_file_is_reported_and_nothing_loads() -> None:
    text = (
        "vendor_id,field,value,date\n"
        "good,name,Good,\n"
        "good,licence_model,perpetual,\n"
        "bad1,name,Bad,\n"
        "bad1,licence_model,leased,\n"
        "bad2,licence_model,perpetual,\n"
        "bad2,x,1,31/02/2026\n"
    )
    problems = _problems(text.encode(), "v.csv")
    found = {(p.rule, p.row, p.field) for p in problems}
    assert ("io.pydantic.literal_error", 5, "value") in found  # bad1's licence model
    assert ("io.pydantic.missing", 6, "name") in found  # bad2 has no name (its first row)
    assert ("io.bad_date", 7, "date") in found
    assert len(problems) == 3


def test_a_folder_with_one_bad_file_loads_nothing(tmp_path: Path) -> None:
    good = VendorProfile(id="good", name="Good", licence_model="perpetual")
    (tmp_path / "a.yaml").write_bytes(dump_vendors([good], "yaml"))
    (tmp_path / "b.csv").write_bytes(b"vendor_id,field,value\nother,name,Other\n")
    (tmp_path / "c.json").write_bytes(dump_vendors([good], "json"))
    (tmp_path / "README.md").write_text("not a vendor")
    with pytest.raises(InputError) as info:
        load_vendors(tmp_path)
    rules = sorted((p.source, p.rule) for p in info.value.problems)
    assert rules == [("b.csv", "io.pydantic.missing"), ("c.json", "io.duplicate_vendor")]
    (tmp_path / "b.csv").unlink()
    (tmp_path / "c.json").unlink()
    assert load_vendors(tmp_path) == [good]
    assert load_vendors([tmp_path / "a.yaml"]) == [good]


def test_a_list_with_one_bad_vendor_loads_nothing() -> None:
    text = (
        "vendors:\n"
        "  - {id: a, name: A, licence_model: perpetual}\n"
        "  - {id: b, name: B, licence_model: perpetual, facts: {x: {value: 1, low: 5}}}\n"
        "  - {id: C, name: C, licence_model: perpetual}\n"
    )
    problems = _problems(text.encode(), "list.yaml")
    found = {(p.rule, p.row, p.field) for p in problems}
    assert ("model.range_order", 3, "vendors[b].facts.x") in found
    assert ("io.pydantic.string_pattern_mismatch", 4, "vendors[C].id") in found


def test_unknown_and_missing_columns() -> None:
    problems = _problems(b"vendor_id;champ;value\n", "v.csv")
    assert {(p.rule, p.field) for p in problems} == {
        ("io.unknown_column", "champ"),
        ("io.missing_column", "field"),
    }


def test_profile_rows_take_only_a_value() -> None:
    text = "vendor_id,field,value,unit\nv,name,V,kg\nv,licence_model,perpetual,\n"
    problems = _problems(text.encode(), "v.csv")
    assert [(p.rule, p.row, p.field, p.value) for p in problems] == [
        ("io.column_not_used", 2, "unit", "kg")
    ]


def test_duplicate_rows_and_vendor_ids_are_reported() -> None:
    text = "vendor_id,field,value\nv,name,V\nv,licence_model,perpetual\nv,name,W\n"
    problems = _problems(text.encode(), "v.csv")
    assert [(p.rule, p.row, p.params.get("first")) for p in problems] == [
        ("io.duplicate_field", 4, 2)
    ]


def test_an_empty_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("nothing here")
    with pytest.raises(InputError) as info:
        load_vendors(tmp_path)
    assert [p.rule for p in info.value.problems] == ["io.no_vendor_files"]


def test_missing_file_is_reported_with_the_others(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: X\nname: X\nlicence_model: perpetual\n")
    with pytest.raises(InputError) as info:
        load_vendors([tmp_path / "absent.yaml", bad])
    found = [(p.source, p.rule) for p in info.value.problems]
    assert found == [
        ("absent.yaml", "io.file_not_found"),
        ("bad.yaml", "io.pydantic.string_pattern_mismatch"),
    ]
