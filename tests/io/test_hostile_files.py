"""Hostile file classes: encodings, CSV structure, spreadsheet tricks, YAML/JSON tricks, scale.

Every refusal is an ``InputError`` with located problems in French and English (never a
traceback, never a partial load); what is read is read exactly.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from erp_select.errors import InputError
from erp_select.io import load_vendors, read_criteria_bytes, read_project_bytes, read_vendors_bytes
from erp_select.io.limits import MAX_BYTES
from erp_select.model import VendorProfile

ACME = "vendor_id;field;value\nacme;name;Acmé Gestion\nacme;licence_model;subscription\n"


def _refused(data: bytes, name: str) -> list[str]:
    """Both languages' lines of the refusal of ``data`` read as vendor file ``name``."""
    with pytest.raises(InputError) as exc:
        read_vendors_bytes(data, name)
    fr, en = exc.value.lines("fr"), exc.value.lines("en")
    assert fr and en and fr != en
    for line in fr + en:
        assert "Traceback" not in line and "Error(" not in line
        assert name in line  # every problem names the file
    return fr + en


def _rules(data: bytes, name: str) -> set[str]:
    with pytest.raises(InputError) as exc:
        read_vendors_bytes(data, name)
    return {p.rule for p in exc.value.problems}


# ----------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "encoded",
    [
        ACME.encode("utf-8"),
        b"\xef\xbb\xbf" + ACME.encode("utf-8"),
        ACME.encode("utf-16"),  # with its byte-order mark (what Excel's "Unicode text" writes)
        b"\xff\xfe" + ACME.encode("utf-16-le"),
        b"\xfe\xff" + ACME.encode("utf-16-be"),
        ACME.encode("utf-16-le"),  # no byte-order mark
        ACME.encode("utf-16-be"),
        ACME.encode("latin-1"),
        ACME.encode("cp1252"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16",
        "utf16le-bom",
        "utf16be-bom",
        "utf16le",
        "utf16be",
        "latin1",
        "cp1252",
    ],
)
def test_every_common_encoding_reads_the_same_accents(encoded: bytes) -> None:
    (vendor,) = read_vendors_bytes(encoded, "v.csv")
    assert vendor.name == "Acmé Gestion"


def test_mojibake_is_read_as_written_not_guessed() -> None:
    # UTF-8 read once as Latin-1 and saved again: the text is what the file says.
    garbled = ACME.encode("utf-8").decode("latin-1").encode("utf-8")
    (vendor,) = read_vendors_bytes(garbled, "v.csv")
    assert vendor.name == "AcmÃ© Gestion"


def test_a_zip_disguised_as_csv_is_named_as_such() -> None:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    lines = _refused(buffer.getvalue(), "vendors.csv")
    assert any("XLSX" in line or "zip" in line.lower() for line in lines)
    assert _rules(buffer.getvalue(), "vendors.csv") == {"hostile.archive_as_text"}


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\x00\x00stream\x00",
        bytes(range(256)) * 4,
    ],
    ids=["png", "pdf", "bytes"],
)
def test_a_binary_file_disguised_as_csv_is_refused_as_binary(data: bytes) -> None:
    _refused(data, "vendors.csv")
    assert _rules(data, "vendors.csv") == {"hostile.binary_file"}


# --------------------------------------------------------------------------- CSV structure


def test_quoted_cells_keep_separators_quotes_and_line_breaks() -> None:
    data = (
        'vendor_id,field,value\nacme,name,"Acme, ""the"" ERP"\n'
        'acme,licence_model,subscription\nacme,description.fr,"ligne 1\nligne 2"\n'
        "acme,description.en,one\n"
    )
    (vendor,) = read_vendors_bytes(data.encode(), "v.csv")
    assert vendor.name == 'Acme, "the" ERP'
    assert vendor.description is not None and vendor.description.fr == "ligne 1\nligne 2"


def test_an_unclosed_quote_is_located() -> None:
    data = b'vendor_id;field;value\nacme;name;"Acme\nacme;licence_model;subscription\n'
    lines = _refused(data, "v.csv")
    assert any("CSV" in line for line in lines)


def test_comma_and_semicolon_files_read_alike() -> None:
    comma = ACME.replace(";", ",").encode()
    assert read_vendors_bytes(comma, "v.csv") == read_vendors_bytes(ACME.encode(), "v.csv")


def test_a_ragged_row_is_located_and_nothing_is_loaded() -> None:
    data = ACME + "acme;unit.x;1;2;3;4;5;6;7;8;9;10;11;12;13;14\n"
    lines = _refused(data.encode(), "v.csv")
    assert any("v.csv, ligne 4" in line for line in lines)


def test_blank_lines_are_skipped_and_rows_keep_their_numbers() -> None:
    data = "\n\nvendor_id;field;value\n\nacme;name;Acme\n;;\nacme;licence_model;nope\n"
    with pytest.raises(InputError) as exc:
        read_vendors_bytes(data.encode(), "v.csv")
    assert [p.row for p in exc.value.problems] == [7]


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"vendor_id;field;value\n", "vendors.csv"),
        (b"vendor_id;field;value\n\n;;\n", "vendors.csv"),
        (b"vendors: []\n", "vendors.yaml"),
        (b"[]", "vendors.json"),
    ],
    ids=["header-only", "header-blank-rows", "yaml-empty-list", "json-empty-list"],
)
def test_a_file_without_any_vendor_says_so(data: bytes, name: str) -> None:
    lines = _refused(data, name)
    assert any("aucun éditeur" in line for line in lines)
    assert any("no vendor" in line for line in lines)


def test_a_header_only_criteria_file_says_so() -> None:
    header = b"id,parent,label_fr,label_en,weight,direction,value\n"
    with pytest.raises(InputError) as exc:
        read_criteria_bytes(header, "criteria.csv")
    assert "criteria.csv" in exc.value.render("fr")


# ----------------------------------------------------------------------- spreadsheet tricks


def _workbook(**sheets: list[list[object]]) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    return wb


ROWS: list[list[object]] = [
    ["vendor_id", "field", "value"],
    ["acme", "name", "Acme"],
    ["acme", "licence_model", "subscription"],
]


def _bytes(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_a_formula_without_a_saved_value_is_located() -> None:
    wb = _workbook(vendors=[*ROWS, ["acme", "price.x", "=1+1"]])
    lines = _refused(_bytes(wb), "v.xlsx")
    assert any("v.xlsx, ligne 4" in line and "=1+1" in line for line in lines)


def test_a_hidden_vendors_sheet_is_refused() -> None:
    wb = _workbook(vendors=ROWS, notes=[["visible"]])
    wb["vendors"].sheet_state = "hidden"
    wb.active = 1
    lines = _refused(_bytes(wb), "v.xlsx")
    assert any("masquée" in line for line in lines) and any("hidden" in line for line in lines)


def test_hidden_other_sheets_are_ignored() -> None:
    wb = _workbook(vendors=ROWS, secret=[["anything"]])
    wb["secret"].sheet_state = "veryHidden"
    (vendor,) = read_vendors_bytes(_bytes(wb), "v.xlsx")
    assert vendor.name == "Acme"


def test_a_stray_cell_far_away_is_located_not_a_hang() -> None:
    wb = _workbook(vendors=ROWS)
    wb["vendors"]["XFD1048576"] = "stray"
    lines = _refused(_bytes(wb), "v.xlsx")
    assert any("1048576" in line or "XFD" in line for line in lines)


def test_a_stray_empty_formatted_cell_far_away_is_harmless() -> None:
    from openpyxl.styles import Font

    wb = _workbook(vendors=ROWS)
    wb["vendors"]["Z60000"].font = Font(bold=True)  # formatted, empty
    (vendor,) = read_vendors_bytes(_bytes(wb), "v.xlsx")
    assert vendor.name == "Acme"


def _rezip(data: bytes, extra: dict[str, bytes], replace: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            content = (replace or {}).get(info.filename, src.read(info.filename))
            dst.writestr(info, content)
        for name, content in extra.items():
            dst.writestr(name, content)
    return out.getvalue()


def test_a_shared_string_bomb_is_refused_by_its_unpacked_size() -> None:
    data = _bytes(_workbook(vendors=ROWS))
    bomb = b"<sst>" + b"<si><t>" + b"a" * (60 * 1024 * 1024) + b"</t></si></sst>"
    packed = _rezip(data, {"xl/sharedStrings.xml": bomb})
    assert len(packed) < MAX_BYTES
    assert _rules(packed, "v.xlsx") == {"io.xlsx_too_large"}


def test_an_entity_expansion_in_the_workbook_is_refused() -> None:
    data = _bytes(_workbook(vendors=ROWS))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    evil = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>' + sheet
    _refused(_rezip(data, {}, {"xl/worksheets/sheet1.xml": evil}), "v.xlsx")


def test_a_workbook_with_external_links_is_refused() -> None:
    data = _bytes(_workbook(vendors=ROWS))
    link = (
        b'<?xml version="1.0" encoding="UTF-8"?><externalLink xmlns="http://schemas.'
        b'openxmlformats.org/spreadsheetml/2006/main"><externalBook r:id="rId1" xmlns:r="http'
        b'://schemas.openxmlformats.org/officeDocument/2006/relationships"/></externalLink>'
    )
    evil = _rezip(data, {"xl/externalLinks/externalLink1.xml": link})
    lines = _refused(evil, "v.xlsx")
    assert any("externe" in line for line in lines) and any("external" in line for line in lines)


# ------------------------------------------------------------------------ YAML/JSON tricks


def test_yaml_alias_bomb_is_refused() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 8):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 10) + "]")
    data = ("\n".join(lines) + "\nid: acme\n").encode()
    assert _rules(data, "v.yaml") == {"io.yaml_alias_bomb"}


@pytest.mark.parametrize(
    "doc",
    [
        "!!python/object/apply:os.system ['echo hi']",
        "id: !!python/name:os.system acme",
        "id: !custom acme",
    ],
)
def test_yaml_custom_tags_are_refused(doc: str) -> None:
    _refused(doc.encode(), "v.yaml")


def test_duplicate_keys_are_refused_in_yaml_and_json() -> None:
    assert "io.duplicate_key" in _rules(b"id: a\nid: b\n", "v.yaml")
    assert "io.duplicate_key" in _rules(b'{"id": "a", "id": "b"}', "v.json")


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_json_nan_and_infinity_are_refused_where_they_are(token: str) -> None:
    data = (
        f'{{"id": "acme", "name": "A", "licence_model": "subscription", "facts": {{"x": {token}}}}}'
    )
    lines = _refused(data.encode(), "v.json")
    assert any("facts.x" in line for line in lines)


@pytest.mark.parametrize("depth", [100, 100_000])
def test_deep_nesting_is_refused(depth: int) -> None:
    assert _rules(b"[" * depth + b"]" * depth, "v.json") == {"io.too_deep"}
    yaml_doc = b"x: " + b"[" * depth + b"]" * depth
    assert _rules(yaml_doc, "v.yaml") & {"io.too_deep", "io.yaml_syntax"}


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_a_5000_digit_number_is_a_located_message(fmt: str) -> None:
    big = "9" * 5000
    if fmt == "json":
        head = '{"id": "acme", "name": "A", "licence_model": "subscription", '
        data = head + f'"facts": {{"x": {big}}}}}'
    else:
        data = f"id: acme\nname: A\nlicence_model: subscription\nfacts:\n  x: {big}\n"
    lines = _refused(data.encode(), f"v.{fmt}")
    assert all(len(line) < 1000 for line in lines)


# --------------------------------------------------------------------------------- scale


def test_ten_thousand_vendors_load_or_are_refused_with_a_clear_message(tmp_path: Path) -> None:
    rows = ["vendor_id;field;value"]
    for i in range(10_000):
        rows += [f"v{i:05d};name;Vendor {i}", f"v{i:05d};licence_model;subscription"]
    path = tmp_path / "many.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    vendors = load_vendors(path)
    assert len(vendors) == 10_000 and isinstance(vendors[0], VendorProfile)


def test_ten_thousand_vendors_in_yaml_beyond_the_size_limit_say_the_limit() -> None:
    text = {"fr": "x" * (MAX_BYTES // 20_000), "en": "y" * (MAX_BYTES // 20_000)}
    doc = {
        "vendors": [
            {
                "id": f"v{i:05d}",
                "name": f"V{i}",
                "licence_model": "subscription",
                "description": text,
            }
            for i in range(10_000)
        ]
    }
    data = json.dumps(doc).encode()
    assert len(data) > MAX_BYTES
    lines = _refused(data, "many.json")
    assert any("Mo" in line or "MB" in line for line in lines)


def test_a_project_file_with_a_nul_in_a_criterion_label_is_located() -> None:
    from erp_select.io import dump_project
    from erp_select.report.demo import demo_project

    data = json.loads(dump_project(demo_project()))
    data["criteria"]["criteria"][0]["label"]["fr"] = "Adéquation\u0000"
    with pytest.raises(InputError) as exc:
        read_project_bytes(json.dumps(data).encode(), "p.json")
    assert "U+0000" in exc.value.render("fr") and "label.fr" in exc.value.render("fr")


def test_a_value_a_million_rows_down_is_refused_not_read() -> None:
    """Before: read after half a minute of empty rows, a row no one scrolling would see."""
    wb = _workbook(vendors=ROWS)
    for column, value in zip("ABC", ("acme", "unit.x", "1"), strict=True):
        wb["vendors"][f"{column}1048576"] = value
    lines = _refused(_bytes(wb), "v.xlsx")
    assert any("ligne 1048576" in line for line in lines)
