"""AppTest: the requirements page — templates, table edits, questionnaire, fit, Must rule, evidence.

The page is not in the navigation yet, so each test runs a small script that opens the demo
project (manufacturing, 50 users) and runs the page file, as the shell's router would.
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from erp_select.app import requirements_view as rv
from erp_select.errors import InputError
from erp_select.evaluate.requirements import requirement_fit
from erp_select.io.questionnaire import SHEET, export_questionnaire
from erp_select.model import Answer, Project, RequirementsRule

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "erp_select" / "app" / "pages" / "requirements.py"
TEMPLATE = ROOT / "criteria" / "requirements" / "manufacturing.yaml"
LOCALES = ROOT / "erp_select" / "i18n" / "locales"
TIMEOUT = 60

# Priority weights and answer credits of the requirement fit as docs/requirements.md § 2
# states them (must 3, should 2, could 1, wont 0; standard 1.0, customisation 0.6, not
# supported 0.0) — written out here so the closed form below does not reuse the code's.
P_WEIGHT = {"must": 3.0, "should": 2.0, "could": 1.0, "wont": 0.0}
CREDIT = {"standard": 1.0, "customisation": 0.6, "not_supported": 0.0}


def _script(page: str) -> None:
    """Open the demo project (once per session), then run the requirements page."""
    import runpy

    from erp_select.app import state, widgets
    from erp_select.app.start import CompanyForm, demo

    widgets.language_switch()
    if state.project() is None:
        form = CompanyForm(
            name="Démo", sector="manufacturing", erp_users=50, horizon_years=5, budget=None
        )
        state.set_project(demo(form, use_preset=False, source="demo"), message="demo")
    runpy.run_path(page, run_name="__main__")


@pytest.fixture
def page(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The page on the demo project, first run done, French (the default language)."""
    monkeypatch.setenv("ERP_SELECT_NO_STORE", "1")
    monkeypatch.delenv("ERP_SELECT_LANG", raising=False)
    at = AppTest.from_function(_script, default_timeout=TIMEOUT, kwargs={"page": str(PAGE)})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def loaded(page: AppTest) -> AppTest:
    """The page after loading the manufacturing template."""
    page.button(key="rq.load_template").click().run()
    assert not page.exception, [e.value for e in page.exception]
    return page


def _project(at: AppTest) -> Project:
    project = at.session_state["project"]
    assert isinstance(project, Project)
    return project


def _errors(at: AppTest) -> str:
    return " ".join(e.value for e in at.error)


def _table_with(at: AppTest, column: str) -> pd.DataFrame:
    for frame in at.dataframe:
        value = frame.value
        if isinstance(value, pd.DataFrame) and column in value.columns:
            return value
    raise AssertionError(f"no table with a column {column!r}")


def _filled(
    at: AppTest, vendor_id: str, fill: dict[int, tuple[Any, Any]], lang: str = "fr"
) -> bytes:
    """The vendor's questionnaire with the answer and effort of sheet rows ``fill`` set."""
    project = _project(at)
    data = export_questionnaire(project.requirements, project.vendor(vendor_id), lang)
    wb = load_workbook(io.BytesIO(data))
    ws = wb[SHEET]
    for row, (answer, effort) in fill.items():
        ws.cell(row=row, column=6, value=answer)
        ws.cell(row=row, column=7, value=effort)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _upload_answers(at: AppTest, vendor_id: str, data: bytes, name: str) -> None:
    at.selectbox(key="rq.vendor").set_value(vendor_id).run()
    at.file_uploader(key="rq.answers_file").upload(
        name, data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    at.run()
    at.button(key="rq.answers_apply").click().run()
    assert not at.exception, [e.value for e in at.exception]


def _edit(at: AppTest, **delta: object) -> None:
    """Record an edit of the requirements table as the data editor would, and rerun."""
    editor = at.data_editor[0]
    state: dict[str, object] = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}
    state.update(delta)
    at.session_state[str(editor.key)] = state
    at.run()
    assert not at.exception, [e.value for e in at.exception]


# ---------------------------------------------------------------------------- templates


def test_page_is_in_french_and_starts_without_requirements(page: AppTest) -> None:
    assert [t.value for t in page.title] == ["Exigences fonctionnelles"]
    assert any("pas encore d'exigences" in i.value for i in page.info)
    assert page.selectbox(key="rq.sector.fr").value == "manufacturing"
    assert page.button(key="rq.load_template").label == "Charger le modèle"


def test_loading_the_template_gives_its_requirements(loaded: AppTest) -> None:
    project = _project(loaded)
    # independent of the loader: read the bundled YAML file directly
    raw = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))["requirements"]
    assert len(project.requirements) >= 40
    assert [r.id for r in project.requirements] == [r["id"] for r in raw]
    table = loaded.data_editor[0].value
    assert len(table) == len(raw)
    assert table["text"].iloc[0] == raw[0]["text"]["fr"]
    assert any("exigences chargées" in s.value for s in loaded.success)


def test_a_requirements_file_replaces_the_list_and_a_bad_one_is_located(page: AppTest) -> None:
    before = _project(page)
    bad = (
        b"format: erp-select.requirements\nversion: 1\nsector: x\n"
        b"label: {fr: X, en: X}\nrequirements:\n"
        b"  - id: a.b.01\n    process: finance\n    priority: vital\n"
        b"    text: {fr: Un, en: One}\n"
    )
    page.file_uploader(key="rq.req_file").upload("exig.yaml", bad, "application/yaml")
    page.run()
    page.button(key="rq.req_apply").click().run()
    assert not page.exception
    errors = _errors(page)
    assert "exig.yaml" in errors and "ligne 8" in errors and "« vital »" in errors
    assert _project(page) is before
    good = bad.replace(b"vital", b"must")
    page.file_uploader(key="rq.req_file").upload("exig.yaml", good, "application/yaml")
    page.run()
    page.button(key="rq.req_apply").click().run()
    assert [r.id for r in _project(page).requirements] == ["a.b.01"]


# --------------------------------------------------------------------------- the table


def _first(project: Project, *, locked: bool) -> int:
    return next(i for i, r in enumerate(project.requirements) if r.locked is locked)


def test_a_good_table_edit_changes_the_priority(loaded: AppTest) -> None:
    before = _project(loaded)
    row = _first(before, locked=False)
    new = "could" if before.requirements[row].priority != "could" else "should"
    _edit(loaded, edited_rows={row: {"priority": new}})
    after = _project(loaded)
    assert after.requirements[row].priority == new
    assert after.requirements[row].text == before.requirements[row].text
    assert any("Exigences mises à jour" in s.value for s in loaded.success)


def test_a_locked_priority_cannot_be_lowered(loaded: AppTest) -> None:
    before = _project(loaded)
    row = _first(before, locked=True)
    _edit(loaded, edited_rows={row: {"priority": "could"}})
    errors = _errors(loaded)
    assert f"ligne {row + 1}" in errors
    assert "priorité" in errors and "« could »" in errors
    assert before.requirements[row].id in errors and "verrouillée" in errors
    assert _project(loaded) is before


def test_a_bad_id_and_a_duplicate_are_located(loaded: AppTest) -> None:
    before = _project(loaded)
    row = _first(before, locked=False)
    other = before.requirements[row + 1].id
    _edit(
        loaded,
        edited_rows={row: {"id": "Pas un id"}},
        added_rows=[{"id": other, "text": "x", "process": "finance"}],
    )
    errors = _errors(loaded)
    assert f"ligne {row + 1}" in errors and "« Pas un id »" in errors
    n = len(before.requirements) + 1
    assert f"ligne {n}" in errors and f"ligne {row + 2}" in errors  # duplicate names the first
    assert _project(loaded) is before


def test_deleting_a_locked_requirement_is_refused(loaded: AppTest) -> None:
    before = _project(loaded)
    row = _first(before, locked=True)
    _edit(loaded, deleted_rows=[row])
    assert before.requirements[row].id in _errors(loaded)
    assert _project(loaded) is before


# ----------------------------------------------------------------------- questionnaire


def test_a_filled_questionnaire_stores_answers_and_the_fit_shown_matches(loaded: AppTest) -> None:
    project = _project(loaded)
    assert project.vendor("ardoisine").answers == {}
    n = len(project.requirements)
    # sheet rows 2.. hold the requirements in order; answer every one, French labels
    fill: dict[int, tuple[Any, Any]] = {r: ("Standard", None) for r in range(2, n + 2)}
    fill[3] = ("Développement spécifique", 10)
    fill[4] = ("developpement specifique", "2,5")  # accents dropped, decimal comma
    fill[5] = ("Non couvert", None)
    _upload_answers(loaded, "ardoisine", _filled(loaded, "ardoisine", fill), "ardoisine.xlsx")
    after = _project(loaded)
    answers = after.vendor("ardoisine").answers
    assert len(answers) == n
    reqs = after.requirements
    assert answers[reqs[1].id] == Answer(answer="customisation", effort_days=10.0)
    assert answers[reqs[2].id].effort_days == 2.5
    assert answers[reqs[3].id].answer == "not_supported"
    assert any("réponses enregistrées pour Ardoisine" in s.value for s in loaded.success)

    # closed form of docs/requirements.md § 2 with the weights written out above
    kinds = ["standard"] * n
    kinds[1] = kinds[2] = "customisation"
    kinds[3] = "not_supported"
    total = sum(P_WEIGHT[r.priority] for r in reqs)
    expected = (
        100
        * sum(P_WEIGHT[r.priority] * CREDIT[k] for r, k in zip(reqs, kinds, strict=True))
        / total
    )

    fit = requirement_fit(reqs, after.vendor("ardoisine"), rv.requirements_spec(after))
    table = _table_with(loaded, "Adéquation")
    row = table[table["Éditeur"] == "Ardoisine"].iloc[0]
    assert fit.coverage is not None
    assert math.isclose(fit.coverage, expected, abs_tol=1e-9)
    # shown the French way: one decimal, decimal comma, "%" after a no-break space
    assert row["Adéquation"] == f"{expected:.1f}".replace(".", ",") + "\u00a0%"
    assert row["Réponses"] == f"{n} / {n}"
    # customisation days: 10 + 2.5 unless one of those rows is a Won't requirement
    days = sum(d for i, d in ((1, 10.0), (2, 2.5)) if reqs[i].priority != "wont")
    assert row["Développement spécifique (jours)"] == f"{days:.1f}".replace(".", ",")
    musts = row["Exigences indispensables non couvertes"]
    assert (reqs[3].id in musts) is (reqs[3].priority == "must")


def test_a_bad_questionnaire_is_located_and_changes_nothing(loaded: AppTest) -> None:
    before = _project(loaded)
    fill: dict[int, tuple[Any, Any]] = {
        2: ("Standard", None),
        5: ("Peut-être", None),
        6: ("Développement spécifique", -3),
    }
    data = _filled(loaded, "ardoisine", fill)
    _upload_answers(loaded, "ardoisine", data, "ardoisine.xlsx")
    errors = _errors(loaded)
    assert "ardoisine.xlsx › questionnaire" in errors
    assert "ligne 5" in errors and "réponse" in errors and "« Peut-être »" in errors
    assert "ligne 6" in errors and "charge (jours)" in errors
    assert "aucune réponse n'a été enregistrée" in errors
    assert _project(loaded) is before


def test_the_questionnaire_download_is_prefilled_in_the_ui_language(loaded: AppTest) -> None:
    project = _project(loaded)
    vendor = project.vendor("opencadre")
    loaded.selectbox(key="rq.vendor").set_value("opencadre").run()
    button = loaded.get("download_button")[0]
    assert "OpenCadre" in button.proto.label
    # what the button serves: the same call, whose French sheet carries the stored answers
    wb = load_workbook(io.BytesIO(export_questionnaire(project.requirements, vendor, "fr")))
    ws = wb[SHEET]
    assert ws.cell(row=1, column=6).value == "réponse"
    given = {
        ws.cell(row=r, column=1).value: ws.cell(row=r, column=6).value
        for r in range(2, ws.max_row + 1)
    }
    assert given["mfg.o2c.01"] == "Standard"


# ------------------------------------------------------------------------- the Must rule


def _unsupported_musts(project: Project) -> set[str]:
    """Vendors answering "not_supported" to a Must requirement, read from the raw data."""
    musts = {r.id for r in project.requirements if r.priority == "must"}
    return {
        v.id
        for v in project.vendors
        if any(k in musts and a.answer == "not_supported" for k, a in v.answers.items())
    }


def test_the_must_toggle_excludes_the_vendor_that_does_not_support_a_must(loaded: AppTest) -> None:
    assert _unsupported_musts(_project(loaded)) == {"opencadre"}
    toggle = loaded.toggle(key="rq.must_rule")
    assert toggle.label == "Écarter les éditeurs qui ne couvrent pas une exigence indispensable"
    toggle.set_value(True).run()
    assert not loaded.exception
    rules = _project(loaded).company.must_haves
    assert len(rules) == 1 and isinstance(rules[0], RequirementsRule)
    assert rules[0].priorities == ["must"] and rules[0].unanswered == "pass"
    warnings = " ".join(w.value for w in loaded.warning)
    assert "OpenCadre est écarté" in warnings
    others = [v.name for v in _project(loaded).vendors if v.id != "opencadre"]
    assert not any(f"{name} est écarté" in warnings for name in others)

    loaded.toggle(key="rq.must_rule").set_value(False).run()
    assert _project(loaded).company.must_haves == []
    assert not any("est écarté" in w.value for w in loaded.warning)


def test_unanswered_musts_can_exclude_too(loaded: AppTest) -> None:
    loaded.toggle(key="rq.must_rule").set_value(True).run()
    loaded.checkbox(key="rq.must_unanswered").check().run()
    rules = _project(loaded).company.must_haves
    assert len(rules) == 1 and isinstance(rules[0], RequirementsRule)
    assert rules[0].unanswered == "fail"
    # Each ranked option of a silent vendor is excluded by name (« Kestrelys — Cloud »):
    # its offers and integrator pairs share the vendor's (missing) answers.
    silent = [v.name for v in _project(loaded).expanded().vendors if not v.answers]
    warnings = " ".join(w.value for w in loaded.warning)
    assert silent and all(f"{name} est écarté" in warnings for name in silent)


# ---------------------------------------------------------------------------- evidence


def test_the_evidence_table_lists_the_claim_only_values(loaded: AppTest) -> None:
    project = _project(loaded)
    table = _table_with(loaded, "Critère")
    # independent count: a vendor's cells on criteria read from facts it declared as claims
    # are listed; every demo vendor has at least one claimed fact, so each appears
    # (every ranked option: the demo's offers and vendor × integrator pairs by their name)
    claimed = {
        v.name
        for v in project.expanded().vendors
        if any(f.evidence in (None, "claim") for f in v.facts.values())
    }
    assert set(table["Éditeur"]) == claimed
    assert any("reposent uniquement sur des déclarations" in c.value for c in loaded.caption)


# ------------------------------------------------------------------------------ labels


def test_english_labels(loaded: AppTest) -> None:
    loaded.session_state["lang"] = "en"
    loaded.run()
    assert not loaded.exception
    assert [t.value for t in loaded.title] == ["Requirements"]
    assert loaded.toggle(key="rq.must_rule").label == (
        "Exclude vendors that do not support a Must requirement"
    )
    table = _table_with(loaded, "Fit")
    assert "Must requirements not supported" in table.columns
    assert "Must coverage" in table.columns


def test_french_and_english_catalogues_match() -> None:
    def flat(node: Any, prefix: str = "") -> dict[str, str]:
        out: dict[str, str] = {}
        for key, value in node.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            out.update(flat(value, name) if isinstance(value, dict) else {name: str(value)})
        return out

    fr, en = (
        flat(yaml.safe_load((LOCALES / lang / "app_requirements.yaml").read_text("utf-8")))
        for lang in ("fr", "en")
    )
    assert sorted(fr) == sorted(en)
    for key, text in fr.items():
        assert set(pd.Series([text]).str.findall(r"\{(\w+)\}")[0]) == set(
            pd.Series([en[key]]).str.findall(r"\{(\w+)\}")[0]
        ), key
        assert "“" not in text and '"' not in text, key
    used = set()
    for path in (PAGE, ROOT / "erp_select" / "app" / "requirements_view.py"):
        import re

        used |= set(re.findall(r"""_say\(\s*["']([a-z0-9_.]+)["']""", path.read_text("utf-8")))
    assert used and all(f"app_requirements.{k}" in fr for k in used)


# --------------------------------------------------------------------- helpers, no Streamlit


def test_priority_coverage_is_the_closed_form_per_priority() -> None:
    from erp_select.catalogue import demo_vendors
    from erp_select.io.questionnaire import sector_template
    from erp_select.model import RequirementsValue

    reqs = sector_template("manufacturing").requirements
    vendor = next(v for v in demo_vendors() if v.id == "opencadre")
    spec = RequirementsValue()
    cover = rv.priority_coverage(requirement_fit(reqs, vendor, spec), spec)
    credit = {
        "standard": 1.0,
        "configuration": 0.9,
        "customisation": 0.6,
        "partner_addon": 0.7,
        "roadmap": 0.3,
        "not_supported": 0.0,
    }
    for p in ("must", "should", "could"):
        mine = [r for r in reqs if r.priority == p]
        got = [credit[vendor.answers[r.id].answer] if r.id in vendor.answers else 0.0 for r in mine]
        assert cover[p] == pytest.approx(100 * sum(got) / len(got))
    # the headline coverage is the priority-weighted mean of the per-priority ones
    n = {p: sum(r.priority == p for r in reqs) for p in P_WEIGHT}
    mean = sum(P_WEIGHT[p] * n[p] * (cover[p] or 0.0) for p in P_WEIGHT) / sum(
        P_WEIGHT[p] * n[p] for p in P_WEIGHT
    )
    fit = requirement_fit(reqs, vendor, spec)
    assert fit.coverage == pytest.approx(mean)


def test_merge_keeps_checked_evidence_of_unchanged_answers_and_foreign_ids() -> None:
    old = {
        "a": Answer(answer="standard", evidence="demo"),
        "b": Answer(answer="configuration", evidence="reference"),
        "c": Answer(answer="standard"),
        "zz": Answer(answer="roadmap"),
    }
    new = {"a": Answer(answer="standard"), "b": Answer(answer="not_supported")}
    merged = rv.merge_answers(old, new, ["a", "b", "c"])
    assert merged["a"].evidence == "demo"  # unchanged answer keeps its check
    assert merged["b"] == Answer(answer="not_supported", evidence="claim")
    assert "c" not in merged  # left empty in the questionnaire: removed
    assert merged["zz"] == old["zz"]  # not a project requirement: kept


def test_with_must_rule_adds_once_and_removes() -> None:
    rule = RequirementsRule(priorities=["must", "should"])
    on = rv.with_must_rule([rule], True, False)
    assert len(on) == 1 and on[0]["unanswered"] == "pass" and on[0]["priorities"] == ["must"]
    assert rv.with_must_rule([rule], False, False) == []
    assert rv.must_rule([]) is None


def test_edited_requirements_reports_every_problem_at_once() -> None:
    from erp_select.io.questionnaire import sector_template

    reqs = sector_template("wholesale").requirements
    base = rv.requirements_frame(reqs, "en")
    locked = next(i for i, r in enumerate(reqs) if r.locked)
    free = next(i for i, r in enumerate(reqs) if not r.locked)
    delta = {
        "edited_rows": {locked: {"text": "changed"}, free: {"process": "", "text": ""}},
        "added_rows": [],
        "deleted_rows": [],
    }
    frame = rv.apply_delta(base, delta)
    headers = {k: k.upper() for k in rv.EDIT_COLUMNS}
    with pytest.raises(InputError) as caught:
        rv.edited_requirements(reqs, frame, "en", "table", headers)
    where = {(p.row, p.field) for p in caught.value.problems}
    assert (locked + 1, "TEXT") in where
    assert (free + 1, "PROCESS") in where and (free + 1, "TEXT") in where
    # an edit of the English text keeps the French one
    ok = rv.apply_delta(base, {"edited_rows": {free: {"text": "New text"}}})
    out = rv.edited_requirements(reqs, ok, "en", "table", headers)
    assert out[free].text.en == "New text" and out[free].text.fr == reqs[free].text.fr
