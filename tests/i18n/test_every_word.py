"""Every word a user reads is written for that user: every app page and every report, FR and EN.

The app is walked page by page with Streamlit's AppTest, in French and in English, on the
example project a first visit opens and on a project after a workshop (two participants
answer a points round, the facilitator adopts the group weights). The reports (HTML, PDF
text through ``pdftotext``, XLSX cells, CSV and Markdown) are rendered once per language
from the example project, and so are the command line's outputs. Each string is scanned
by :mod:`tests.i18n.words`; a failure lists every finding as
``surface | page | element | snippet | reason``.

What AppTest cannot reach is listed in :mod:`tests.i18n.shown`'s docstring.
Set ``ERP_SELECT_SCAN_OUT`` to a directory to get the findings as JSON files too.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from erp_select.model import Project
from erp_select.report.safe import md_escape
from tests.i18n.shown import Shown, html_texts, page_texts, pdf_texts, xlsx_texts
from tests.i18n.words import Lang, scan

ROOT = Path(__file__).resolve().parents[2]
LANGS: tuple[Lang, ...] = ("fr", "en")
TIMEOUT = 90
# The people of the workshop below (names are shown as typed, in any language).
FACILITATOR, PEOPLE = "Claire", ("Alice", "Bob")
POINTS = (
    {
        "sector_fit": "40",
        "customisability": "10",
        "security": "20",
        "price": "22,5",
        "reviews": "7,5",
    },
    {"sector_fit": "10", "customisability": "30", "security": "10", "price": "37", "reviews": "13"},
)
Row = tuple[str, str, str, str, str]  # surface, page, element, snippet, reason


class WordFindings(AssertionError):
    """The scan found words a user should not read (any other error fails for real)."""


def _verbatim(project: Project, lang: Lang) -> list[str]:
    """What people typed, shown as typed: names always; in English also their notes/sources
    (the example is a French company's project: its people write French)."""
    typed = [project.name, project.company.name, FACILITATOR, *PEOPLE]
    typed += [j.participant for j in project.judgments]
    # Offers and integrator pairs are ranked as profiles of their own (names, the
    # integrator's sources and risks), and the ranking shows the offer's part of a name.
    typed += [a.variant for a in project.alternatives()]
    for vendor in [*project.vendors, *project.expanded().vendors]:
        typed += [vendor.name, vendor.product or "", *vendor.editions]
        if lang == "en":
            typed += [f.source or "" for f in vendor.facts.values()]
            for risk in vendor.risks:  # the risk register, typed in French (and as Markdown)
                texts = [risk.description, risk.mitigation or "", risk.owner or ""]
                typed += texts + [md_escape(x) for x in texts]
    for call in project.reference_calls:  # people and companies called, as typed
        typed += [call.reference, call.company]
        if lang == "en":
            typed += [*call.answers.values(), call.notes]
    script = project.demo_script
    if script is not None and script.lang != lang:  # the script as its author wrote it
        for scenario in script.scenarios:
            typed += [scenario.title, *scenario.steps, *scenario.data]
    return [t for t in typed if t]


def _other_language(project: Project, lang: Lang) -> list[str]:
    """The vendors' descriptions in the other language (typed by whoever wrote them)."""
    other = "en" if lang == "fr" else "fr"
    return [getattr(v.description, other) or "" for v in project.vendors if v.description]


def _codes(project: Project) -> list[str]:
    """Reference codes the user chose and the pages show as codes: the requirement ids
    (``mfg.leg.04``), which the questionnaire's id column carries to the vendor and back,
    and the demo scenarios' ids (``o2c.partial_delivery``), which the scoring grid carries."""
    codes = {r.id for r in project.requirements}
    if project.demo_script is not None:  # the scenarios' ids, which scorecards carry
        codes |= {s.id for s in project.demo_script.scenarios}
    return sorted(codes, key=len, reverse=True)


def _without(text: str, codes: list[str]) -> str:
    for code in codes:
        text = re.sub(rf"(?<![\w.]){re.escape(code)}(?![\w.])", " " * len(code), text)
    return text


def _findings(
    surface: str,
    page: str,
    shown: list[Shown],
    lang: Lang,
    typed: list[str],
    codes: list[str] | None = None,
) -> list[Row]:
    rows: list[Row] = []
    for item in shown:
        for finding in scan(_without(item.text, codes or []), lang, typed):
            rows.append((surface, page, item.where, finding.snippet, finding.reason))
    return rows


def _app(lang: Lang, db: Path, *, start: str) -> AppTest:
    os.environ["ERP_SELECT_DATABASE_URL"] = f"sqlite:///{db.as_posix()}"
    os.environ["ERP_SELECT_LANG"] = lang
    os.environ["ERP_SELECT_START"] = start
    # AppTest formats a widget's options outside the session, with the app's format_func,
    # which reads the language from Streamlit's bare-mode session state: one dict shared by
    # every AppTest of the process. Keep it in this test's language.
    import streamlit as st

    from erp_select.app import state

    st.session_state[state.LANG] = lang
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _goto(at: AppTest, name: str) -> AppTest:
    at.switch_page(f"erp_select/app/pages/{name}.py").run()
    assert not at.exception, (name, [e.value for e in at.exception])
    return at


def _walk(at: AppTest, surface: str, lang: Lang) -> list[Row]:
    """Every page of the app, in journey order; the sidebar counted once."""
    from erp_select.app import shell

    project = at.session_state["project"]
    typed = _verbatim(project, lang)
    codes = _codes(project)
    rows: list[Row] = []
    for spec in shell.pages():
        _goto(at, spec.name)
        # The vendor editor shows each bilingual text in both languages, a row per language.
        here = typed + (_other_language(project, lang) if spec.name == "vendors" else [])
        shown = list(page_texts(at._tree, lang))
        main = [s for s in shown if s.where.startswith("main")]
        rows += _findings(surface, spec.name, main, lang, here, codes)
        side = [s for s in shown if not s.where.startswith("main")]
        rows += _findings(surface, "sidebar", side, lang, typed, codes)
    return rows


def _workshop(lang: Lang, db: Path) -> list[Row]:
    """A points round answered by two people and adopted; their pages and every page after."""
    at = _app(lang, db, start="empty")
    at.button(key="pf.load_demo").click().run()  # a saved project (the example is not saved)
    _goto(at, "workshop")
    at.text_input(key="wf.name").set_value(FACILITATOR)
    at.button(key="wf.open").click().run()
    from erp_select.app import seats

    code = at.session_state[seats.JOIN_CODE]
    # The defaults open a points round on the top level. (Not set through AppTest: its
    # set_value formats options outside the session, in whichever language ran last.)
    at.button(key="wf.open_round").click().run()
    assert not at.exception, [e.value for e in at.exception]
    project = at.session_state["project"]
    typed = _verbatim(project, lang)
    rows: list[Row] = []
    people: list[AppTest] = []
    for name, points in zip(PEOPLE, POINTS, strict=True):
        person = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
        person.run()
        _goto(person, "join")
        person.text_input(key="wj.code").set_value(code)
        person.text_input(key="wj.name").set_value(name)
        person.button(key="wj.join").click().run()
        rows += _findings(
            f"workshop/{lang}",
            "join (participant, before answering)",
            list(page_texts(person._tree, lang)),
            lang,
            typed,
        )
        for cid, value in points.items():
            person.text_input(key=f"wj.points.1.{cid}.text").set_value(value)
        person.button(key="wj.submit.1").click().run()
        assert not person.exception, [e.value for e in person.exception]
        people.append(person)
    at.run()
    rows += _findings(
        f"workshop/{lang}", "workshop (live round)", list(page_texts(at._tree, lang)), lang, typed
    )
    _goto(at, "room")
    rows += _findings(
        f"workshop/{lang}", "room (live round)", list(page_texts(at._tree, lang)), lang, typed
    )
    _goto(at, "workshop")
    at.button(key="wf.adopt").click().run()
    assert not at.exception, [e.value for e in at.exception]
    people[0].run()
    rows += _findings(
        f"workshop/{lang}",
        "join (participant, after adoption)",
        list(page_texts(people[0]._tree, lang)),
        lang,
        typed,
    )
    return rows + _walk(at, f"workshop/{lang}", lang)


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The app's environment variables for this module, restored afterwards (and the
    language this module leaves in Streamlit's bare-mode session state, see :func:`_app`)."""
    import streamlit as st

    from erp_select.app import state

    names = (
        "ERP_SELECT_DATABASE_URL",
        "ERP_SELECT_LANG",
        "ERP_SELECT_START",
        "ERP_SELECT_NO_STORE",
    )
    saved = {n: os.environ.get(n) for n in names}
    os.environ.pop("ERP_SELECT_NO_STORE", None)
    bare = st.session_state.to_dict().get(state.LANG)
    yield tmp_path_factory.mktemp("words")
    if bare is None:
        st.session_state.pop(state.LANG, None)
    else:
        st.session_state[state.LANG] = bare
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def _dump(name: str, rows: list[Row]) -> None:
    out = os.environ.get("ERP_SELECT_SCAN_OUT")
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        (Path(out) / f"{name}.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1))


def _readable(rows: list[Row], limit: int = 300) -> str:
    unique = sorted(set(rows))
    lines = [" | ".join(r) for r in unique[:limit]]
    more = f"\n… and {len(unique) - limit} more" if len(unique) > limit else ""
    return f"{len(unique)} findings:\n" + "\n".join(lines) + more


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_of_the_example_project(environment: Path, lang: Lang) -> None:
    at = _app(lang, environment / f"example-{lang}.db", start="demo")
    rows = _walk(at, f"example/{lang}", lang)
    _dump(f"app-example-{lang}", rows)
    if rows:
        raise WordFindings(_readable(rows))


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_after_a_workshop(environment: Path, lang: Lang) -> None:
    rows = _workshop(lang, environment / f"workshop-{lang}.db")
    _dump(f"app-workshop-{lang}", rows)
    if rows:
        raise WordFindings(_readable(rows))


@pytest.fixture(scope="module")
def report_inputs() -> Any:
    """The example project's analyses, computed once for every report format."""
    from erp_select.io import load_project
    from erp_select.report.compute import compute

    project = load_project(ROOT / "examples" / "demo-project.json")
    return compute(project, sensitivity_samples=400)


def _report_texts(inputs: Any, fmt: str, lang: Lang) -> list[Shown]:
    from erp_select.report import render_from

    document = render_from(inputs, fmt, lang)
    if fmt == "html":
        return html_texts(document.decode("utf-8"))
    if fmt in ("pdf", "memo"):
        return pdf_texts(document)
    if fmt == "xlsx":
        return xlsx_texts(document)
    text = document.decode("utf-8-sig")
    if fmt == "csv":
        return _csv_texts(text, lang)
    return [Shown(f"line {n}", line) for n, line in enumerate(text.splitlines(), 1)]


def _csv_texts(text: str, lang: Lang) -> list[Shown]:
    """The cells of a CSV. A number cell is data for a spreadsheet: written without thousands
    grouping on purpose, it is checked for its decimal mark only."""
    import csv

    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
    shown: list[Shown] = []
    for n, row in enumerate(csv.reader(text.splitlines(), dialect), 1):
        for cell in row:
            if re.fullmatch(r"[−-]?\d+\W*", cell.strip()):
                continue
            number = re.fullmatch(r"[−-]?\d+([.,])\d+\W*", cell.strip())
            if number and number.group(1) == ("," if lang == "fr" else "."):
                continue
            shown.append(Shown(f"row {n}", cell))
    return shown


@pytest.mark.parametrize(
    ("lang", "fmt"),
    [(lang, fmt) for lang in LANGS for fmt in ("html", "pdf", "xlsx", "csv", "md", "memo")],
)
def test_every_report_format(report_inputs: Any, fmt: str, lang: Lang) -> None:
    texts = _report_texts(report_inputs, fmt, lang)
    assert texts
    typed = _verbatim(report_inputs.project, lang)
    if fmt == "pdf" and lang == "en":
        # The risk register's cells wrap in the PDF and its text comes out with the lines
        # of its columns interleaved: a typed sentence is no longer whole, its words are.
        # The board PDF's vendor pages run the facts' sources (typed in French, e.g. the
        # reason a demo round agreed on) into paragraphs that wrap the same way.
        for vendor in report_inputs.project.vendors:
            written = [f.source or "" for f in vendor.facts.values()]
            for risk in vendor.risks:
                written += [risk.description, risk.mitigation or "", risk.owner or ""]
            for text in written:
                typed += [w for w in re.split(r"[\s,.:;()«»]+", text) if len(w) > 1]
    rows = _findings(f"report/{fmt}/{lang}", fmt, texts, lang, typed)
    _dump(f"report-{fmt}-{lang}", rows)
    if rows:
        raise WordFindings(_readable(rows))


@pytest.mark.parametrize(
    "command",
    [["methods"], ["rank", "--project", "EXAMPLE"], ["validate", "EXAMPLE"]],
    ids=["methods", "rank", "validate"],
)
@pytest.mark.parametrize("lang", LANGS)
def test_every_cli_output(
    command: list[str], lang: Lang, report_inputs: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the command line prints on the example project (its ``--help`` is left out:
    argparse's own words are English)."""
    from erp_select.cli import run

    example = str(ROOT / "examples" / "demo-project.json")
    assert run(["--lang", lang, *[example if a == "EXAMPLE" else a for a in command]]) == 0
    out = capsys.readouterr().out
    texts = [Shown(f"line {n}", line) for n, line in enumerate(out.splitlines(), 1)]
    assert texts
    typed = _verbatim(report_inputs.project, lang)
    rows = _findings(f"cli/{command[0]}/{lang}", command[0], texts, lang, typed)
    _dump(f"cli-{command[0]}-{lang}", rows)
    if rows:
        raise WordFindings(_readable(rows))


@pytest.mark.parametrize(
    ("lang", "fmt"), [(lang, fmt) for lang in LANGS for fmt in ("html", "pdf", "xlsx")]
)
def test_every_demo_script_format(report_inputs: Any, fmt: str, lang: Lang) -> None:
    """The demo script for vendors and its scoring grid: the example's own script (written
    in French) and, in each language, the script generated for the example."""
    from erp_select.report.demo_export import demo_script_bytes

    project = report_inputs.project
    generated = project.model_copy(update={"demo_script": None})
    texts: list[Shown] = []
    for source in [project, generated] if lang == "fr" else [generated]:
        document = demo_script_bytes(source, fmt, lang)
        if fmt == "html":
            texts += html_texts(document.decode("utf-8"))
        elif fmt == "pdf":
            texts += pdf_texts(document)
        else:
            texts += xlsx_texts(document)
    assert texts
    # The grid's reference columns carry the scenario and criterion ids, as codes.
    codes = sorted(
        {*_codes(project), *(leaf.id for leaf in project.criteria.leaves())}, key=len, reverse=True
    )
    rows = _findings(f"demo-script/{fmt}/{lang}", fmt, texts, lang, _verbatim(project, lang), codes)
    _dump(f"demo-script-{fmt}-{lang}", rows)
    if rows:
        raise WordFindings(_readable(rows))
