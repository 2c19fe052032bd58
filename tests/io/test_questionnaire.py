"""The vendor questionnaire: XLSX export, filling it with openpyxl, import with located errors."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from erp_select.errors import InputError
from erp_select.io.questionnaire import (
    INSTRUCTIONS_SHEET,
    SHEET,
    export_questionnaire,
    import_questionnaire,
    read_requirements_bytes,
    sector_template,
)
from erp_select.model import Answer
from tests.conftest import make_answer, make_requirement, make_vendor

# Column letters of the sheet: id, process, requirement, priority, locked, answer,
# effort (days), comment.
ANSWER, EFFORT, COMMENT = "F", "G", "H"


def _reqs() -> list:
    return [
        make_requirement(
            "r1", "must", "statutory", en="FEC audit file", fr="Fichier FEC", locked=True
        ),
        make_requirement("r2", "should", "inventory", en="Batches", fr="Lots"),
        make_requirement("r3", "could", "reporting", en='=HYPERLINK("x")', fr='=HYPERLINK("x")'),
        make_requirement("r4", "wont", "finance"),
    ]


def _fill(data: bytes, cells: dict[str, Any]) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    ws = wb[SHEET]
    for ref, value in cells.items():
        ws[ref] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _problems(data: bytes, reqs: list | None = None) -> list:
    with pytest.raises(InputError) as info:
        import_questionnaire(data, "answers.xlsx", reqs or _reqs())
    return info.value.problems


# ------------------------------------------------------------------------------ export


@pytest.mark.parametrize(
    ("lang", "headers", "must", "yes"),
    [
        (
            "en",
            [
                "id",
                "process",
                "requirement",
                "priority",
                "locked",
                "answer",
                "effort (days)",
                "comment",
            ],
            "Must",
            "yes",
        ),
        (
            "fr",
            [
                "id",
                "processus",
                "exigence",
                "priorité",
                "verrouillée",
                "réponse",
                "charge (jours)",
                "commentaire",
            ],
            "Indispensable",
            "oui",
        ),
    ],
)
def test_export_layout(lang: str, headers: list[str], must: str, yes: str) -> None:
    wb = load_workbook(io.BytesIO(export_questionnaire(_reqs(), lang=lang)))
    assert wb.sheetnames == [SHEET, INSTRUCTIONS_SHEET]
    ws = wb[SHEET]
    assert [c.value for c in ws[1]] == headers
    assert [ws.cell(row=r, column=1).value for r in range(2, 6)] == ["r1", "r2", "r3", "r4"]
    assert ws["D2"].value == must and ws["E2"].value == yes
    assert ws["C2"].value == ("FEC audit file" if lang == "en" else "Fichier FEC")
    # Requirement cells are locked by the sheet protection, answer cells are open.
    assert ws.protection.sheet
    assert ws["C2"].protection.locked and not ws[f"{ANSWER}2"].protection.locked
    # Drop-down list of the six answers in the language, number ≥ 0 for the effort.
    validations = {dv.type: dv for dv in ws.data_validations.dataValidation}
    labels = validations["list"].formula1.strip('"').split(",")
    assert len(labels) == 6
    assert ("Not supported" if lang == "en" else "Non couvert") in labels
    assert f"{ANSWER}2:{ANSWER}5" in str(validations["list"].sqref)
    assert validations["decimal"].operator == "greaterThanOrEqual"
    assert validations["decimal"].formula1 == "0"
    assert f"{EFFORT}2:{EFFORT}5" in str(validations["decimal"].sqref)
    instructions = " ".join(
        str(c.value) for row in wb[INSTRUCTIONS_SHEET].iter_rows() for c in row if c.value
    )
    assert ("customisation" if lang == "en" else "développement spécifique") in instructions


def test_formula_like_texts_are_neutralised() -> None:
    ws = load_workbook(io.BytesIO(export_questionnaire(_reqs(), lang="en")))[SHEET]
    cell = ws["C4"]
    assert cell.data_type == "s" and cell.value.startswith("'=")


def test_vendor_answers_prefill_and_round_trip() -> None:
    answers = {
        "r1": make_answer("partner_addon", comment="@platform partner"),
        "r2": make_answer("customisation", days=12.5),
    }
    vendor = make_vendor("acme", answers=answers)
    data = export_questionnaire(_reqs(), vendor=vendor, lang="fr")
    wb = load_workbook(io.BytesIO(data))
    assert wb[SHEET][f"{ANSWER}2"].value == "Module partenaire"
    instructions = [c.value for row in wb[INSTRUCTIONS_SHEET].iter_rows() for c in row]
    assert "ACME" in instructions
    assert import_questionnaire(data, "back.xlsx", _reqs()) == answers


# ------------------------------------------------------------------------------ import


def test_filled_questionnaire_round_trip() -> None:
    # Labels in English, French, as keys and without accents: all accepted.
    data = _fill(
        export_questionnaire(_reqs(), lang="en"),
        {
            f"{ANSWER}2": "Standard",
            f"{ANSWER}3": "Développement spécifique",
            f"{EFFORT}3": 8,
            f"{COMMENT}3": "Batch split on receipt",
            f"{ANSWER}4": "feuille de route",
            f"{ANSWER}5": "NOT_SUPPORTED",
        },
    )
    got = import_questionnaire(data, "answers.xlsx", _reqs())
    assert got == {
        "r1": Answer(answer="standard"),
        "r2": Answer(answer="customisation", effort_days=8, comment="Batch split on receipt"),
        "r3": Answer(answer="roadmap"),
        "r4": Answer(answer="not_supported"),
    }
    assert all(a.evidence == "claim" for a in got.values())


def test_unanswered_rows_are_left_out_and_text_effort_is_read() -> None:
    data = _fill(
        export_questionnaire(_reqs(), lang="fr"),
        {f"{ANSWER}3": "developpement specifique", f"{EFFORT}3": "4,5"},
    )
    assert import_questionnaire(data, "answers.xlsx", _reqs()) == {
        "r2": Answer(answer="customisation", effort_days=4.5)
    }


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_bad_row_is_located_and_nothing_is_imported(lang: str) -> None:
    data = export_questionnaire(_reqs(), lang=lang)
    wb = load_workbook(io.BytesIO(data))
    ws = wb[SHEET]
    ws[f"{ANSWER}2"] = "Standard"  # a good row: still nothing is imported
    ws[f"{ANSWER}3"] = "Maybe"  # answer not in the list
    ws[f"{ANSWER}4"] = "customisation"  # effort missing
    ws[f"{ANSWER}5"] = "standard"
    ws[f"{EFFORT}5"] = -2  # negative effort
    ws.append(["r9", None, None, None, None, "standard"])  # unknown id (row 6)
    ws.append(["r1", None, None, None, None, "roadmap"])  # duplicate of row 2 (row 7)
    ws.append([None, None, None, None, None, "standard"])  # answer without id (row 8)
    ws.append(["r4", None, None, None, None, None, "deux"])  # effort not a number, no answer
    out = io.BytesIO()
    wb.save(out)
    problems = _problems(out.getvalue())
    found = {(p.rule.removeprefix("requirements."), p.row, p.value) for p in problems}
    assert found == {
        ("unknown_answer", 3, "Maybe"),
        ("effort_missing", 4, None),
        ("effort_negative", 5, -2.0),
        ("unknown_id", 6, "r9"),
        ("duplicate_row", 7, "r1"),
        ("missing_id", 8, None),
        ("duplicate_row", 9, "r4"),
    }
    by_rule = {p.rule: p for p in problems}
    answer_column = "answer" if lang == "en" else "réponse"
    assert by_rule["requirements.unknown_answer"].field == answer_column
    assert all(p.source == "answers.xlsx › questionnaire" for p in problems)
    rendered = {p.rule: p.render(lang) for p in problems if p.row != 9}
    if lang == "fr":
        assert "Paramétrage" in rendered["requirements.unknown_answer"]
        assert "ligne 7" in rendered["requirements.duplicate_row"]
        assert "ligne 2" in rendered["requirements.duplicate_row"]
        assert "négative" in rendered["requirements.effort_negative"]
        assert "« r9 »" in rendered["requirements.unknown_id"]
    else:
        assert "Configuration" in rendered["requirements.unknown_answer"]
        assert "row 7" in rendered["requirements.duplicate_row"]
        assert "cannot be negative" in rendered["requirements.effort_negative"]
        assert "in days" in rendered["requirements.effort_missing"]


def test_effort_without_answer_and_bad_effort_text() -> None:
    data = _fill(
        export_questionnaire(_reqs(), lang="en"),
        {f"{EFFORT}2": 3, f"{ANSWER}3": "customisation", f"{EFFORT}3": "a week"},
    )
    found = {(p.rule, p.row, p.value) for p in _problems(data)}
    assert found == {
        ("requirements.missing_answer", 2, None),
        ("requirements.effort_not_number", 3, "a week"),
    }


def test_overlong_comment_is_refused() -> None:
    data = _fill(
        export_questionnaire(_reqs(), lang="en"),
        {f"{ANSWER}2": "standard", f"{COMMENT}2": "x" * 2001},
    )
    (problem,) = _problems(data)
    assert problem.rule == "requirements.comment_too_long" and problem.params["limit"] == 2000


def test_sheet_without_answer_column_is_refused() -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    ws.append(["id", "comment"])
    ws.append(["r1", "fine"])
    out = io.BytesIO()
    wb.save(out)
    (problem,) = _problems(out.getvalue())
    assert problem.rule == "requirements.missing_answer_column"
    assert "réponse" in problem.render("fr")


def test_unknown_column_and_damaged_files() -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    ws.append(["id", "answer", "price"])
    out = io.BytesIO()
    wb.save(out)
    assert [p.rule for p in _problems(out.getvalue())] == ["io.unknown_column"]
    assert [p.rule for p in _problems(b"not a zip")] == ["io.xlsx_invalid"]
    with pytest.raises(InputError) as info:
        import_questionnaire(b"id;answer\n", "answers.csv", _reqs())
    assert info.value.problems[0].rule == "requirements.not_xlsx"


def test_bundled_template_round_trips_through_the_questionnaire() -> None:
    reqs = sector_template("construction").requirements
    data = export_questionnaire(reqs, lang="fr")
    ws = load_workbook(io.BytesIO(data))[SHEET]
    assert ws.max_row == len(reqs) + 1
    filled = _fill(data, {f"{ANSWER}{r}": "Paramétrage" for r in range(2, len(reqs) + 2)})
    got = import_questionnaire(filled, "chantier.xlsx", reqs)
    assert list(got) == [r.id for r in reqs]
    assert {a.answer for a in got.values()} == {"configuration"}


# ------------------------------------------------------------------ requirements files


def test_requirements_file_errors_are_located() -> None:
    text = (
        "format: erp-select.requirements\n"
        "sector: x\n"
        "label: {fr: X, en: X}\n"
        "requirements:\n"
        "  - {id: a1, process: finance, priority: essential, text: {fr: A, en: A}}\n"
    )
    with pytest.raises(InputError) as info:
        read_requirements_bytes(text.encode(), "reqs.yaml")
    (problem,) = info.value.problems
    assert (problem.rule, problem.row) == ("io.pydantic.literal_error", 5)
    assert problem.field == "requirements[a1].priority"
    with pytest.raises(InputError) as info:
        sector_template("astronomy")
    assert info.value.problems[0].rule == "requirements.no_template"
    assert "construction" in info.value.render("en")
