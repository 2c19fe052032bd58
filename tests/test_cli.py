"""The erp-select command line: exit codes, messages on stderr, output formats."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from erp_select.cli import run

ROOT = Path(__file__).resolve().parents[1]
CRITERIA = str(ROOT / "criteria" / "default.yaml")
VENDORS = str(ROOT / "vendors")


def test_methods_lists_every_method(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["methods"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("topsis")
    assert len(out.splitlines()) >= 8


def test_validate_bundled_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate", CRITERIA, VENDORS, str(ROOT / "examples" / "demo-project.json")]) == 0
    out = capsys.readouterr().out
    assert "criteria" in out and "vendors" in out and "project" in out


def test_validate_bad_vendor_file_exits_2_with_located_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "format: erp-select.vendor\nid: acme\nname: Acme\nlicence_model: subscription\n"
        "facts:\n  price.implementation:\n    value: .nan\n",
        encoding="utf-8",
    )
    assert run(["--lang", "fr", "validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml" in err
    assert "price.implementation" in err
    assert "Traceback" not in err


def test_validate_unknown_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text("a;b\n1;2\n", encoding="utf-8")
    assert run(["validate", str(odd)]) == 2
    assert "vendor_id" in capsys.readouterr().err


def test_rank_table_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--lang", "fr", "rank", "--criteria", CRITERIA, "--vendors", VENDORS]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Classement par TOPSIS")
    assert "€" in out and "\u202f" in out  # French thousands separator


def test_rank_json_and_csv_agree(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["rank", "--criteria", CRITERIA, "--vendors", VENDORS, "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["method"] == "topsis"
    ranking = payload["ranking"]
    assert [r["rank"] for r in ranking] == sorted(r["rank"] for r in ranking)
    assert run(["rank", "--criteria", CRITERIA, "--vendors", VENDORS, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["vendor_id"] for r in rows] == [r["vendor_id"] for r in ranking]
    assert float(rows[0]["score"]) == pytest.approx(ranking[0]["score"])


def test_rank_with_must_haves_lists_exclusions(capsys: pytest.CaptureFixture[str]) -> None:
    project = str(ROOT / "examples" / "demo-project.json")
    assert run(["rank", "--project", project, "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["excluded"]
    assert all(reasons for reasons in payload["excluded"].values())


def test_csv_output_neutralises_formula_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vendor = tmp_path / "evil.yaml"
    vendor.write_text(
        "format: erp-select.vendor\nid: evil\nname: \"=cmd|' /C calc'!A0\"\n"
        "licence_model: subscription\nfacts:\n  price.subscription_user_month: 50\n",
        encoding="utf-8",
    )
    assert run(["rank", "--criteria", CRITERIA, "--vendors", str(vendor), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[1][2] == "'=cmd|' /C calc'!A0"


def test_unknown_method_and_missing_file_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["rank", "--criteria", CRITERIA, "--vendors", VENDORS, "--method", "nope"]) == 2
    assert "nope" in capsys.readouterr().err
    assert run(["rank", "--criteria", "missing.yaml", "--vendors", VENDORS]) == 2
    assert "missing.yaml" in capsys.readouterr().err


def test_bad_company_options_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["rank", "--criteria", CRITERIA, "--vendors", VENDORS, "--users", "0"]) == 2
    err = capsys.readouterr().err
    assert err and "Traceback" not in err


def test_console_script_runs_without_traceback() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "erp_select.cli", "validate", "nowhere.yaml"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def _project_with_requirements(tmp_path: Path) -> Path:
    from erp_select.io import dump_project, load_project
    from erp_select.io.questionnaire import sector_template

    project = load_project(ROOT / "examples" / "demo-project.json")
    template = sector_template("manufacturing").requirements
    path = tmp_path / "project.json"
    path.write_bytes(dump_project(project.model_copy(update={"requirements": template})))
    return path


def _filled(blank: Path, cells: dict[str, object]) -> Path:
    from openpyxl import load_workbook

    wb = load_workbook(blank)
    ws = wb.worksheets[0]
    for ref, value in cells.items():
        ws[ref] = value
    out = blank.with_name("filled.xlsx")
    wb.save(out)
    return out


def test_questionnaire_export_fill_import_round_trip(tmp_path: Path) -> None:
    from erp_select.io import load_project
    from erp_select.io.questionnaire import answer_label

    project = _project_with_requirements(tmp_path)
    blank = tmp_path / "q.xlsx"
    assert run(["questionnaire", "export", "--project", str(project), "--out", str(blank)]) == 0
    from openpyxl import load_workbook

    ws = load_workbook(blank).worksheets[0]
    first, second = ws["A2"].value, ws["A3"].value
    filled = _filled(
        blank,
        {
            "F2": answer_label("standard", "en"),
            "F3": answer_label("customisation", "fr"),
            "G3": 5,
        },
    )
    out = tmp_path / "updated.json"
    args = ["questionnaire", "import", "--project", str(project), "--vendor", "ferronde"]
    assert run([*args, "--file", str(filled), "--out", str(out)]) == 0
    answers = load_project(out).vendor("ferronde").answers
    assert answers[first].answer == "standard"
    assert answers[second].answer == "customisation"
    assert answers[second].effort_days == 5


def test_cli_and_app_store_the_same_answers_from_one_questionnaire(tmp_path: Path) -> None:
    """One merge for the CLI and the app: a blanked row removes the old answer, and an
    answer that did not change keeps the evidence it had (a demo-checked answer stays so)."""
    from openpyxl import load_workbook

    from erp_select.app import requirements_view
    from erp_select.io import dump_project, load_project
    from erp_select.io.questionnaire import import_questionnaire
    from erp_select.model import Answer

    path = _project_with_requirements(tmp_path)
    project = load_project(path)
    ids = [r.id for r in project.requirements]
    old = {
        ids[0]: Answer(answer="standard", evidence="demo"),
        ids[1]: Answer(answer="configuration"),
        "retired-requirement": Answer(answer="standard"),
    }
    vendor = project.vendor("ferronde").model_copy(update={"answers": old})
    project = project.model_copy(
        update={"vendors": [vendor if v.id == "ferronde" else v for v in project.vendors]}
    )
    path.write_bytes(dump_project(project))
    blank = tmp_path / "q.xlsx"
    export = ["questionnaire", "export", "--project", str(path), "--vendor", "ferronde"]
    assert run([*export, "--out", str(blank)]) == 0
    ws = load_workbook(blank).worksheets[0]
    assert ws["A2"].value == ids[0] and ws["A3"].value == ids[1]
    filled = _filled(blank, {"F3": None, "G3": None, "H3": None})  # the vendor blanked row 3
    out = tmp_path / "updated.json"
    args = ["questionnaire", "import", "--project", str(path), "--vendor", "ferronde"]
    assert run([*args, "--file", str(filled), "--out", str(out)]) == 0
    from_cli = load_project(out).vendor("ferronde").answers
    assert from_cli[ids[0]].evidence == "demo"  # unchanged: still demo-checked
    assert ids[1] not in from_cli  # blanked: removed
    assert from_cli["retired-requirement"].answer == "standard"  # not in the questionnaire
    imported = import_questionnaire(filled.read_bytes(), filled.name, project.requirements)
    from_app = requirements_view.merge_answers(vendor.answers, imported, ids)
    assert from_cli == from_app


def test_questionnaire_bad_row_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project_with_requirements(tmp_path)
    blank = tmp_path / "q.xlsx"
    assert run(["questionnaire", "export", "--sector", "manufacturing", "--out", str(blank)]) == 0
    filled = _filled(blank, {"F2": "maybe"})
    out = tmp_path / "updated.json"
    args = ["--lang", "fr", "questionnaire", "import", "--project", str(project)]
    code = run([*args, "--vendor", "ferronde", "--file", str(filled), "--out", str(out)])
    assert code == 2
    err = capsys.readouterr().err
    assert "filled.xlsx" in err and "maybe" in err and "ligne 2" in err
    assert not out.exists()


def test_questionnaire_unknown_vendor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _project_with_requirements(tmp_path)
    args = ["questionnaire", "export", "--project", str(project), "--vendor", "nobody"]
    assert run([*args, "--out", str(tmp_path / "q.xlsx")]) == 2
    assert "ferronde" in capsys.readouterr().err


# ----------------------------------------------------------------------------- report

DEMO_PROJECT = Path(__file__).resolve().parents[1] / "examples" / "demo-project.json"


def _report_args(fmt: str, out: Path, *extra: str) -> list[str]:
    return ["report", "--project", str(DEMO_PROJECT), "--format", fmt, *extra, "--out", str(out)]


def test_report_lang_after_the_command_as_documented(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`erp-select report --project F --format md --lang en --out P` (the issue's form)."""
    out_en = tmp_path / "report.en.md"
    code = run(_report_args("md", out_en, "--lang", "en"))
    assert code == 0, capsys.readouterr().err
    assert "Recommended shortlist" in out_en.read_text(encoding="utf-8")
    out_fr = tmp_path / "report.fr.md"
    assert run(["--lang", "fr", *_report_args("md", out_fr)]) == 0
    assert "Liste restreinte recommandée" in out_fr.read_text(encoding="utf-8")


def test_report_pdf_from_the_command_line(tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "report.pdf"
    code = run(_report_args("pdf", out, "--lang", "fr"))
    assert code == 0
    reader = PdfReader(str(out))
    assert len(reader.pages) >= 10
    # The board memo opens the report (at most two pages), then the summary.
    assert "NOTE AU COMITÉ" in (reader.pages[0].extract_text() or "").upper()
    assert "Synthèse" in " ".join(p.extract_text() or "" for p in reader.pages[:4])


def test_report_bad_worker_setting_exits_2_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ERP_SELECT_REPORT_WORKERS", "many")
    out = tmp_path / "report.pdf"
    code = run(_report_args("pdf", out, "--lang", "en"))
    err = capsys.readouterr().err
    assert code == 2
    assert "ERP_SELECT_REPORT_WORKERS" in err and "many" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_validate_warns_about_vendors_whose_names_read_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Different ids, names equal but for case, width, spaces, Unicode form: valid, warned."""
    rows = ["vendor_id;field;value"]
    names = {"g1": "Gestalune", "g2": "gestalune ", "g3": "\uff27estalune", "g4": "Autre"}
    for ident, name in names.items():
        rows += [f"{ident};name;{name}", f"{ident};licence_model;subscription"]
    path = tmp_path / "v.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert run(["--lang", "fr", "validate", str(path)]) == 0
    captured = capsys.readouterr()
    assert "4" in captured.out
    # A warning, on whichever stream the command prints its warnings.
    lines = (captured.out + captured.err).splitlines()
    warnings = [line for line in lines if "porte le même nom" in line]
    assert len(warnings) == 2
    assert "« g2 »" in warnings[0] and "« g1 » (Gestalune)" in warnings[0]
    assert "« g3 »" in warnings[1] and "v.csv" in warnings[1]


def test_validate_refuses_a_nul_in_a_vendor_name_showing_it_safely(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "v.csv"
    path.write_bytes(
        b"vendor_id;field;value\nacme;name;Ac\x00me\nacme;licence_model;subscription\n"
    )
    assert run(["--lang", "en", "validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "v.csv, row 2" in err and "U+0000" in err
    assert "\x00" not in err and "Traceback" not in err


def test_rank_isolates_a_bidi_override_in_a_vendor_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from erp_select.io import dump_vendors, load_vendors

    vendors = load_vendors(VENDORS)
    evil = "Acme \u202eenil"
    vendors[0] = vendors[0].model_copy(update={"name": evil})
    path = tmp_path / "vendors.yaml"
    path.write_bytes(dump_vendors(vendors, "yaml"))
    for fmt in ("table", "csv"):
        assert run(["rank", "--criteria", CRITERIA, "--vendors", str(path), "--format", fmt]) == 0
        out = capsys.readouterr().out
        assert f"\u2068{evil}\u202c\u2069" in out  # closed and isolated: the line keeps its order


def test_rank_names_a_rule_that_excludes_every_vendor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    data = json.loads((ROOT / "examples" / "demo-project.json").read_text(encoding="utf-8"))
    # No demo vendor implements for less than 1 €: this rule keeps nobody.
    rule = {"kind": "fact", "fact": "price.implementation", "op": "<=", "value": 1}
    data["company"]["must_haves"] = [rule]
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert run(["--lang", "fr", "rank", "--project", str(path)]) == 0
    out = capsys.readouterr().out
    # 14 vendors, 20 ranked alternatives: three offer two editions or deployments, three are
    # paired with their integrators (one with two, two with one and two).
    # The count says options, not vendors (there are 14 vendors).
    assert "avertissement" in out and "exclut toutes les propositions (20 sur 20" in out
    assert run(["rank", "--project", str(path), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    # (English: options, 20 of 20 — see the French count above)
    assert (
        len(payload["warnings"]) == 1
        and "excludes every option (20 of 20" in payload["warnings"][0]
    )


def test_validate_prints_unknown_fact_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "v.csv"
    path.write_text(
        "vendor_id;field;value\nv;name;V\nv;licence_model;perpetual\nv;sec.mfaa;oui\n",
        encoding="utf-8",
    )
    assert run(["--lang", "fr", "validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "avertissement" in out and "« sec.mfa »" in out and "ligne 4" in out


def test_validate_refuses_french_number_mistakes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "v.csv"
    rows = "v;price.implementation;trente mille\nv;price.training;310.000\n"
    path.write_text(
        "vendor_id;field;value\nv;name;V\nv;licence_model;perpetual\n" + rows, encoding="utf-8"
    )
    assert run(["--lang", "fr", "validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "ligne 4" in err and "trente mille" in err
    assert "ligne 5" in err and "310\u202f000" in err


def test_rank_checks_vendor_facts_against_the_types_its_criteria_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    criteria = tmp_path / "c.yaml"
    criteria.write_text(
        "format: erp-select.criteria\ncriteria:\n"
        "  - {id: a, label: {fr: A, en: A}, weight: 1,"
        " value: {kind: scale, fact: my.level, levels: {low: 0, high: 100}}}\n",
        encoding="utf-8",
    )
    vendors = tmp_path / "v.csv"
    vendors.write_text(
        "vendor_id;field;value\nv;name;V\nv;licence_model;perpetual\nv;my.level;medium\n",
        encoding="utf-8",
    )
    assert run(["rank", "--criteria", str(criteria), "--vendors", str(vendors)]) == 2
    err = capsys.readouterr().err
    assert "v.facts.my.level.value" in err and "low, high" in err


def test_report_takes_the_suites_samples_and_seed(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "report.xlsx"
    assert run(["--lang", "fr", *_report_args("xlsx", out, "--samples", "300", "--seed", "5")]) == 0
    about = {row[0]: row[1] for row in load_workbook(out).worksheets[0].iter_rows(values_only=True)}
    assert about["Tirages SMAA"] == 300
    assert about["Graine aléatoire"] == 5


def test_report_refuses_bad_samples(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.xlsx"
    assert run(["--lang", "fr", *_report_args("xlsx", out, "--samples", "0")]) == 2
    assert "samples" in capsys.readouterr().err
    assert not out.exists()


def test_validate_speaks_french_typography(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The kind of file in words, and French spacing before a colon (it read "vendors valide"
    and "champ « value »: valeur")."""
    path = tmp_path / "v.csv"
    ok = "vendor_id;field;value\nv;name;V\nv;licence_model;perpetual\n"
    path.write_text(ok, encoding="utf-8")
    assert run(["--lang", "fr", "validate", str(path)]) == 0
    assert "v.csv : fichier d'éditeurs valide (1)." in capsys.readouterr().out
    path.write_text(ok + "v;price.training;trente mille\n", encoding="utf-8")
    assert run(["--lang", "fr", "validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "ligne 4, champ « value » : valeur « trente mille » :" in err
    assert run(["--lang", "en", "validate", str(path)]) == 2
    assert "row 4, field “value”: value" in capsys.readouterr().err


def test_methods_are_named_in_the_users_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--lang", "fr", "methods"]) == 0
    out = capsys.readouterr().out
    assert "Somme pondérée (WSM)" in out and "Weighted sum" not in out
    assert run(["--lang", "en", "methods"]) == 0
    assert "Weighted sum (WSM)" in capsys.readouterr().out


def test_rank_in_french_names_exclusions_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    project = str(ROOT / "examples" / "demo-project.json")
    assert run(["--lang", "fr", "rank", "--project", project]) == 0
    out = capsys.readouterr().out
    # Hand-checked on the demo project: Chantelys serves construction only.
    assert "  - Chantelys — Édition Essentiel : " in out
    assert "Bâtiment et travaux publics (BTP)" in out
    assert "construction" not in out and "Weighted" not in out
    assert not re.search(r"\d\.\d", out)


def test_help_lists_the_app_and_this_module_points_to_the_launcher(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        run(["--help"])
    assert re.search(r"^\s+app\s+start the web app", capsys.readouterr().out, re.M)
    assert run(["--lang", "fr", "app"]) == 2
    assert "« erp-select app »" in capsys.readouterr().err
