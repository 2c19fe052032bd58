"""The house rules of DESIGN.md, enforced from the import graph of ``erp_select``."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "erp_select"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _modules() -> list[tuple[str, set[str]]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("").as_posix().replace("/", ".")
        out.append((rel, _imports(path)))
    return out


def _uses(imports: set[str], top: str) -> bool:
    return any(name == top or name.startswith(top + ".") for name in imports)


def test_core_never_imports_streamlit() -> None:
    offenders = [
        m
        for m, imps in _modules()
        if not m.startswith("erp_select.app") and _uses(imps, "streamlit")
    ]
    assert offenders == []


def test_only_engine_imports_scikit_criteria() -> None:
    offenders = [
        m
        for m, imps in _modules()
        if not m.startswith("erp_select.engine") and _uses(imps, "skcriteria")
    ]
    assert offenders == []


def test_only_store_talks_sql() -> None:
    sql = ("sqlalchemy", "alembic", "sqlite3", "psycopg")
    offenders = [
        m
        for m, imps in _modules()
        if not m.startswith("erp_select.store") and any(_uses(imps, s) for s in sql)
    ]
    assert offenders == []


def test_only_report_renders_documents() -> None:
    renderers = ("weasyprint", "jinja2", "openpyxl.chart", "vl_convert")
    offenders = [
        m
        for m, imps in _modules()
        if not m.startswith("erp_select.report") and any(_uses(imps, r) for r in renderers)
    ]
    assert offenders == []


def test_app_pages_do_not_reach_into_sql_or_engine_library() -> None:
    offenders = [
        m
        for m, imps in _modules()
        if m.startswith("erp_select.app")
        and (_uses(imps, "skcriteria") or _uses(imps, "sqlalchemy"))
    ]
    assert offenders == []


def test_test_files_have_unique_names() -> None:
    # Test folders are not packages, so pytest imports test files by their bare name:
    # two files with one name in different folders break the collection.
    names = [p.name for p in (PACKAGE.parent / "tests").rglob("test_*.py")]
    assert sorted({n for n in names if names.count(n) > 1}) == []


def test_only_charts_build_charts() -> None:
    """Charts are built in ``charts/`` (one theme); ``app/`` may only display them."""
    offenders = [
        m
        for m, imps in _modules()
        if not m.startswith(("erp_select.charts", "erp_select.app")) and _uses(imps, "altair")
    ]
    assert offenders == []
