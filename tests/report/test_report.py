"""The rendered report: PDF pages and text, HTML safety, languages, offline rendering."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import socket
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pypdf import PdfReader

from erp_select.errors import InputError
from erp_select.model import BudgetRule, Project
from erp_select.report import FORMATS, render_from, render_report
from erp_select.report.charts import build_charts
from erp_select.report.compute import ReportInputs, compute
from erp_select.report.context import build_content
from erp_select.report.html import render_html
from erp_select.report.pdf import html_to_pdf, offline_fetcher
from tests.report.conftest import DATE, SAMPLES


def independent_fingerprint(project: Project) -> str:
    """SHA-256 of the canonical JSON, written out here rather than imported."""
    data = json.dumps(
        project.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def topsis_winner(inputs: ReportInputs) -> str:
    """TOPSIS by hand (Hwang & Yoon 1981): vector normalisation, ideal, relative closeness."""
    ranked = inputs.analysis.ranked
    x = np.asarray(ranked.values, dtype=float)
    w = np.asarray(ranked.weights, dtype=float) / np.sum(ranked.weights)
    r = x / np.linalg.norm(x, axis=0)
    v = r * w
    benefit = np.array([o == "max" for o in ranked.objectives])
    ideal = np.where(benefit, v.max(axis=0), v.min(axis=0))
    worst = np.where(benefit, v.min(axis=0), v.max(axis=0))
    d_plus = np.linalg.norm(v - ideal, axis=1)
    d_minus = np.linalg.norm(v - worst, axis=1)
    return ranked.vendors[int(np.argmax(d_minus / (d_plus + d_minus)))]


def leaf_weight(project: Project, leaf: str) -> float:
    """Global weight of a leaf from the raw local weights along its path, by hand."""
    data = project.model_dump()

    def walk(nodes: list[dict[str, Any]], factor: float) -> float | None:
        total = sum(n["weight"] for n in nodes)
        for n in nodes:
            share = factor * n["weight"] / total
            if n["id"] == leaf:
                return share
            found = walk(n.get("children") or [], share)
            if found is not None:
                return found
        return None

    result = walk(data["criteria"]["criteria"], 1.0)
    assert result is not None
    return result


@pytest.fixture(scope="module")
def pdf_fr(demo_inputs: ReportInputs, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "report.fr.pdf"
    path.write_bytes(render_from(demo_inputs, "pdf", "fr"))
    return path


@pytest.fixture(scope="module")
def pdf_all_fr(demo_inputs: ReportInputs, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The full report (``--appendix all``): every section, chart and vendor sheet."""
    path = tmp_path_factory.mktemp("pdf") / "report.all.fr.pdf"
    path.write_bytes(render_from(demo_inputs, "pdf", "fr", appendix="all"))
    return path


@pytest.fixture(scope="module")
def html_fr(demo_inputs: ReportInputs) -> str:
    return render_from(demo_inputs, "html", "fr").decode("utf-8")


@pytest.fixture(scope="module")
def html_en(demo_inputs: ReportInputs) -> str:
    return render_from(demo_inputs, "html", "en").decode("utf-8")


@pytest.fixture(scope="module")
def html_hostile(hostile_inputs: ReportInputs) -> str:
    return render_from(hostile_inputs, "html", "en").decode("utf-8")


# ------------------------------------------------------------------------------ PDF


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def test_pdf_pages_render_to_png(pdf_fr: Path, tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (Debian poppler-utils) is not installed; `make system-deps`")
    from PIL import Image

    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(pdf_fr), str(tmp_path / "page")], check=True
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    n = len(PdfReader(str(pdf_fr)).pages)
    assert len(pages) == n
    assert 10 <= n <= 80
    for png in pages:
        with Image.open(png) as im:
            width, height = im.size
            # A4 portrait: 210 × 297 mm.
            assert abs(height / width - 297 / 210) < 0.02
            # Not a blank page: some dark pixels (text) on every page.
            assert im.convert("L").getextrema()[0] < 100


def test_pdf_text_has_winner_weights_fingerprint(
    pdf_fr: Path, demo: Project, demo_inputs: ReportInputs
) -> None:
    text = pdf_text(pdf_fr)
    flat = re.sub(r"\s+", " ", text)
    winner = demo.vendor(topsis_winner(demo_inputs)).name
    assert winner == "Ferronde"
    # The recommendation, or in a toss-up the memo's "decide between" (never both).
    recommended = f"Nous recommandons de placer {winner} en tête" in flat
    toss_up = f"Décider entre {winner} et" in flat
    assert recommended != toss_up
    assert independent_fingerprint(demo) in text.replace("\n", "")
    # The global weight of sector coverage, from the raw local weights: 34.6 % × 50 %.
    share = leaf_weight(demo, "sector_coverage")
    shown = f"{100 * share:.1f}".replace(".", ",")
    assert f"{shown} %" in flat.replace("\u202f", " ").replace("\u00a0", " ")
    # One page numbering from the first page to the last ("1 / N" … "N / N").
    reader = PdfReader(str(pdf_fr))
    n = len(reader.pages)
    for i, page in enumerate(reader.pages, 1):
        assert f"{i} / {n}" in (page.extract_text() or ""), i
    assert "Annexe" not in flat


def test_pdf_has_title_bookmarks_and_the_sheets_on_a_page_of_their_own(
    pdf_fr: Path, demo_inputs: ReportInputs
) -> None:
    reader = PdfReader(str(pdf_fr))
    assert list(reader.page_labels) == [str(i) for i in range(1, len(reader.pages) + 1)]

    def flat(items: list[Any]) -> list[str]:
        return [t for i in items for t in (flat(i) if isinstance(i, list) else [i.title])]

    titles = flat(reader.outline)
    assert "Synthèse" in titles and "Fiches des éditeurs" in titles
    assert titles.index("Fiches des éditeurs") < titles.index("Notes de méthode")
    assert reader.metadata is not None
    assert reader.metadata.title == build_content(demo_inputs, "fr").title
    # The sheets start at the top of a page (under the running title).
    pages = [(p.extract_text() or "").splitlines() for p in reader.pages]
    first = next(lines for lines in pages if "Fiches des éditeurs" in lines)
    assert first.index("Fiches des éditeurs") <= 1


def test_pdf_is_the_same_with_or_without_worker_processes(
    pdf_all_fr: Path, demo_inputs: ReportInputs, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The full report's charts are drawn in worker processes, or here: the same PDF."""
    monkeypatch.setenv("ERP_SELECT_REPORT_WORKERS", "0")
    alone = PdfReader(io.BytesIO(render_from(demo_inputs, "pdf", "fr", appendix="all")))
    shared = PdfReader(str(pdf_all_fr))
    assert [p.extract_text() for p in alone.pages] == [p.extract_text() for p in shared.pages]


def test_smaa_run_by_a_worker_equals_smaa_run_here(
    demo: Project, demo_inputs: ReportInputs, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the report's workers running, SMAA-2 runs in one of them while this process
    runs the other analyses; the result is the same as in-process (same seed, same draws).
    ``demo_inputs`` was computed before any pool existed, so in this process."""
    from erp_select.report import workers

    monkeypatch.setenv(workers.WORKERS_ENV, "1")
    workers.prestart()
    submitted: list[Any] = []
    real_submit = workers.submit

    def spy(func: Any, item: Any) -> Any:
        future = real_submit(func, item)
        submitted.append(future)
        return future

    monkeypatch.setattr(workers, "submit", spy)
    shared = compute(demo, sensitivity_samples=SAMPLES, generated=DATE)
    assert len(submitted) == 1 and submitted[0] is not None
    assert submitted[0].done() and not submitted[0].cancelled()  # a worker ran it
    assert "smaa" not in shared.skipped
    assert shared.smaa.acceptability.equals(demo_inputs.smaa.acceptability)
    assert shared.smaa.confidence.equals(demo_inputs.smaa.confidence)
    assert shared.fingerprint == demo_inputs.fingerprint


def test_pdf_has_repeated_table_headers_and_fonts(pdf_all_fr: Path) -> None:
    reader = PdfReader(str(pdf_all_fr))
    fonts: set[str] = set()
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")))
    assert any("DejaVu-Sans" in f for f in fonts), fonts
    # A table spans two pages in the demo (the criteria or the screening table, depending on
    # what comes before it): its header appears on both.
    pages = [p.extract_text() or "" for p in reader.pages]
    headers = ("Motif d'exclusion", "Critère Mesure Poids", "Niveau de preuve")
    assert any(sum(1 for p in pages if h in re.sub(r"\s+", " ", p)) >= 2 for h in headers)


def test_pdf_renderer_fetches_only_memory_and_data_uris(
    demo_inputs: ReportInputs, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fetcher sees only the in-memory chart names (or data: URIs); no socket is opened."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the report renderer opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    content = build_content(demo_inputs, "fr")
    charts = build_charts(demo_inputs, "fr", raster=True)
    images = {c.pdf_src: c.jpeg for c in charts.values()}
    fetcher = offline_fetcher(images)
    pdf = html_to_pdf(render_html(content, charts, raster=True), url_fetcher=fetcher)
    assert pdf.startswith(b"%PDF")
    assert sorted(fetcher.calls) == sorted(images), "each chart fetched once, from memory"
    # The JPEG bytes are embedded as they are (WeasyPrint passes JPEG through).
    first = next(iter(images.values()))
    assert first[:3] == b"\xff\xd8\xff" and first in pdf


def test_offline_fetcher_refuses_unknown_memory_names() -> None:
    fetcher = offline_fetcher({"erp-select-chart:known": b"\xff\xd8\xff"})
    assert fetcher.fetch("erp-select-chart:known") is not None
    with pytest.raises(ValueError, match="fetches nothing"):
        fetcher.fetch("erp-select-chart:other")


def test_offline_fetcher_refuses_other_urls() -> None:
    fetcher = offline_fetcher()
    for url in ("https://example.org/a.png", "file:///etc/passwd", "http://127.0.0.1/"):
        with pytest.raises(ValueError, match="fetches nothing"):
            fetcher.fetch(url)
    assert fetcher.calls == [
        "https://example.org/a.png",
        "file:///etc/passwd",
        "http://127.0.0.1/",
    ]


def test_external_resource_in_html_is_not_fetched() -> None:
    page = '<html><body><img src="https://example.org/x.png"><p>hello</p></body></html>'
    fetcher = offline_fetcher()
    assert html_to_pdf(page, url_fetcher=fetcher).startswith(b"%PDF")
    assert fetcher.calls == ["https://example.org/x.png"]


# ----------------------------------------------------------------------------- HTML


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)


def parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


@pytest.mark.parametrize("which", ["html_fr", "html_en", "html_hostile"])
def test_html_has_no_script_and_no_external_url(which: str, request: pytest.FixtureRequest) -> None:
    page: str = request.getfixturevalue(which)
    assert "<script" not in page.lower()
    tags = parse(page)
    assert "script" not in tags.tags
    assert "link" not in tags.tags  # no external stylesheet either
    for name, value in tags.attrs:
        assert not name.startswith("on"), (name, value)
        if name in {"src", "href"}:
            assert value is not None and value.startswith(("data:", "#")), value[:60]
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:|//)""", page, re.I)
    assert "@import" not in page and "url(" not in page


def test_html_escapes_hostile_vendor_names(html_hostile: str) -> None:
    assert "<script>alert(1)</script>" not in html_hostile
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_hostile
    assert '"><img src=x onerror=alert(1)>' not in html_hostile
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html_hostile
    tags = parse(html_hostile)
    # Only our own images (the charts), all data: URIs.
    srcs = [v for k, v in tags.attrs if k == "src"]
    assert srcs and all(v is not None and v.startswith("data:image/") for v in srcs)


def test_html_is_self_contained_with_charts(html_fr: str) -> None:
    assert html_fr.startswith("<!DOCTYPE html>")
    assert '<html lang="fr">' in html_fr
    assert "<style>" in html_fr and '"DejaVu Sans"' in html_fr
    charts = re.findall(r'<img src="data:image/svg\+xml;base64,', html_fr)
    # Contributions, value for money, weight curves, stability, SMAA, agreement.
    assert len(charts) >= 6


def test_french_and_english_number_formats(html_fr: str, html_en: str) -> None:
    # Ferronde's 5-year TCO, from its pricing facts by hand: 115 €/user/month × 50 users
    # × 60 months + 6 000 €/year × 5 + 150 000 + 35 000 + 18 000 = 578 000 €.
    tco = 115 * 50 * 60 + 6000 * 5 + 150_000 + 35_000 + 18_000
    assert tco == 578_000
    assert re.search("578[\u202f\u00a0 ]000[\u00a0 ]€", html_fr)
    assert "€578,000" in html_en
    assert "Synthèse" in html_fr and "Executive summary" in html_en
    assert re.search(r"0,\d{3}", html_fr) and re.search(r"0\.\d{3}", html_en)


# ------------------------------------------------------------------------- API, edges


def test_unknown_format_is_a_located_error(demo: Project) -> None:
    with pytest.raises(InputError) as info:
        render_report(demo, "docx", "fr")
    problem = info.value.problems[0]
    assert problem.rule == "report.unsupported_format"
    assert problem.value == "docx"
    assert "format de rapport inconnu" in info.value.render("fr")
    assert set(FORMATS) == {"pdf", "html", "xlsx", "csv", "md", "memo"}


def test_report_when_no_vendor_passes(demo: Project) -> None:
    company = demo.company.model_copy(
        update={"budget": 1.0, "must_haves": [BudgetRule(id="budget")]}
    )
    project = demo.model_copy(update={"company": company})
    inputs = compute(project, sensitivity_samples=SAMPLES, generated=DATE)
    assert inputs.analysis.result is None
    page = render_from(inputs, "html", "en").decode("utf-8")
    assert "No vendor passes every must-have" in page
    md = render_from(inputs, "md", "en").decode("utf-8")
    lines = md.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| Rank | Vendor"))
    table = lines[start : next(i for i in range(start, len(lines)) if not lines[i].strip())]
    rows = [line for line in table if "---" not in line]
    assert len(rows) == 1 + len(project.alternatives())


def test_report_with_a_single_ranked_vendor(demo: Project) -> None:
    project = demo.model_copy(update={"vendors": [demo.vendor("ferronde")]})
    inputs = compute(project, sensitivity_samples=SAMPLES, generated=DATE)
    assert inputs.order == ["ferronde"]
    assert inputs.skipped["smaa"].key == "analysis.skipped.one_vendor"
    page = render_from(inputs, "html", "fr").decode("utf-8")
    assert "Seul Ferronde satisfait" in page


# ----------------------------------------------------------------- reference date pinned


def test_a_project_without_reference_date_takes_the_reports(demo: Project) -> None:
    """Review ratings are aged to ``as_of``; without it "today" would make the same file
    rank differently a year later. The report pins its own date and fingerprints that."""
    from erp_select.io.project import dump_project, read_project_bytes

    undated = demo.model_copy(update={"as_of": None})
    inputs = compute(undated, sensitivity_samples=SAMPLES, generated=DATE)
    assert inputs.project.as_of == DATE
    pinned = undated.model_copy(update={"as_of": DATE})
    assert inputs.fingerprint == independent_fingerprint(pinned)
    # The project file of the report, reopened a year later, gives the same result.
    reopened = read_project_bytes(dump_project(inputs.saved), "report.erp-select.json")
    later = compute(reopened, sensitivity_samples=SAMPLES, generated=DATE.replace(year=2027))
    assert later.fingerprint == inputs.fingerprint
    assert later.order == inputs.order
    assert later.analysis.result is not None and inputs.analysis.result is not None
    np.testing.assert_array_equal(
        np.asarray(later.analysis.result.scores), np.asarray(inputs.analysis.result.scores)
    )
    # Without the pin the same file would drift: the demo's review ratings age.
    drifted = compute(
        undated.model_copy(update={"as_of": DATE.replace(year=2030)}),
        sensitivity_samples=SAMPLES,
        generated=DATE,
    )
    # (in 2030 one more vendor falls under the reviews must-have: 4 ranked, then 3)
    assert drifted.order != inputs.order
    # A dated project keeps its own date whatever the report's.
    dated = demo.model_copy(update={"as_of": DATE.replace(year=2025)})
    assert compute(dated, sensitivity_samples=SAMPLES, generated=DATE).project.as_of == (
        DATE.replace(year=2025)
    )
    html = render_from(inputs, "html", "fr").decode("utf-8")
    assert "Date de référence (âge des avis clients)" in html
