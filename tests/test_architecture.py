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


def _offenders(layer: str, forbidden: tuple[str, ...]) -> list[tuple[str, str]]:
    return [
        (m, top)
        for m, imps in _modules()
        if m == layer or m.startswith(layer + ".")
        for top in forbidden
        if _uses(imps, top)
    ]


def test_the_store_only_persists() -> None:
    # The workshop's rules (answers, group weights, rankings) live in erp_select.workshop,
    # above the store: the store never ranks, weighs or reads an answer.
    forbidden = (
        "erp_select.engine",
        "erp_select.pipeline",
        "erp_select.analysis",
        "erp_select.sensitivity",
        "erp_select.explain",
        "erp_select.weights",
        "erp_select.workshop",
        "erp_select.report",
        "erp_select.app",
    )
    assert _offenders("erp_select.store", forbidden) == []


def test_weights_never_rank() -> None:
    forbidden = (
        "erp_select.engine",
        "erp_select.pipeline",
        "erp_select.analysis",
        "erp_select.sensitivity",
        "erp_select.store",
        "erp_select.workshop",
    )
    assert _offenders("erp_select.weights", forbidden) == []


def test_the_workshop_package_is_core() -> None:
    forbidden = ("erp_select.app", "erp_select.report", "streamlit")
    assert _offenders("erp_select.workshop", forbidden) == []


def _private_store_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            if parts[:2] != ["erp_select", "store"]:
                continue
            if any(p.startswith("_") for p in parts[2:]) and parts[2:3] != ["_common"]:
                found.append(node.module)
            found += [f"{node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
        elif isinstance(node, ast.Import):
            found += [
                a.name
                for a in node.names
                if a.name.startswith("erp_select.store.")
                and any(p.startswith("_") for p in a.name.split(".")[2:])
            ]
    return found


def test_no_module_imports_a_private_name_of_the_store() -> None:
    # The store's modules share helpers through public names (guard, answers…); its
    # private _common module is for the store's own modules only.
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).as_posix()
        names = _private_store_imports(path)
        if not rel.startswith("erp_select/store/"):
            names += [n for n in _imports(path) if n.startswith("erp_select.store._")]
        offenders += [(rel, n) for n in names]
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
