"""The house rules of DESIGN.md, enforced from the import graph of ``erp_select``."""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "erp_select"
#: At most this many modules may be longer than LONG_MODULE lines.
MAX_LONG_MODULES = 8
LONG_MODULE = 400


@functools.cache
def _parse(source: str) -> ast.Module:
    """The syntax tree of a module's source, parsed once per source for all the tests."""
    return ast.parse(source)


def _tree(path: Path) -> ast.Module:
    return _parse(path.read_text(encoding="utf-8"))


def _imports(path: Path) -> set[str]:
    tree = _tree(path)
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


def test_the_scoring_package_is_pure() -> None:
    # Demo scorecards' rules (scale, consensus, facts) are pure functions over the model:
    # the example project is built from them without a database.
    forbidden = (
        "erp_select.store",
        "erp_select.workshop",
        "erp_select.report",
        "erp_select.app",
        "erp_select.engine",
        "streamlit",
        "sqlalchemy",
    )
    assert _offenders("erp_select.scoring", forbidden) == []


def _private_store_imports(path: Path) -> list[str]:
    tree = _tree(path)
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


# --- The module graph: every import, including those inside functions -------------------


def _module_files() -> dict[str, Path]:
    """Every module of erp_select by dotted name (a package by its ``__init__.py``)."""
    out: dict[str, Path] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """Every node below ``node``, at any depth, except under ``if TYPE_CHECKING:``."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _type_checking(child):
            for other in child.orelse:
                yield other
                yield from _runtime_nodes(other)
            continue
        yield child
        yield from _runtime_nodes(child)


def _imported(
    name: str, path: Path, node: ast.Import | ast.ImportFrom, files: dict[str, Path]
) -> list[str]:
    """The dotted names an import statement of module ``name`` loads.

    ``from package import name`` loads the submodule ``package.name`` when there is one,
    else the package itself.
    """
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    module = node.module or ""
    if node.level:
        here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        base = here[: len(here) - (node.level - 1)]
        module = ".".join([*base, *([module] if module else [])])
    return [
        f"{module}.{alias.name}" if f"{module}.{alias.name}" in files else module
        for alias in node.names
    ]


def import_edges() -> list[tuple[str, str, int]]:
    """(importer, imported module, line) for every import between erp_select modules."""
    files = _module_files()
    edges: set[tuple[str, str, int]] = set()
    for name, path in files.items():
        for node in _runtime_nodes(_tree(path)):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for loaded in _imported(name, path, node, files):
                target = loaded
                while target and target not in files:
                    target = target.rpartition(".")[0]
                if target.startswith("erp_select") and target != name:
                    edges.add((name, target, node.lineno))
    return sorted(edges)


def import_cycles(edges: list[tuple[str, str, int]]) -> list[list[str]]:
    """The groups of modules that import one another, directly or not (Tarjan's SCCs)."""
    graph: dict[str, set[str]] = {}
    for source, target, _ in edges:
        graph.setdefault(source, set()).add(target)
        graph.setdefault(target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group: list[str] = []
            while not group or group[-1] != node:
                group.append(stack.pop())
                on_stack.discard(group[-1])
            if len(group) > 1:
                cycles.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(cycles)


def test_the_import_graph_reads_imports_inside_functions() -> None:
    # app/state.py imports app/persist inside a function: the reader must see it.
    edges = {(a, b) for a, b, _ in import_edges()}
    assert ("erp_select.app.state", "erp_select.app.persist") in edges
    assert ("erp_select.app.shell", "erp_select.app.persist") in edges  # from package import
    assert ("erp_select.i18n", "erp_select.i18n.catalogue") in edges
    assert import_cycles([("a", "b", 1), ("b", "c", 2), ("c", "a", 3), ("c", "d", 4)]) == [
        ["a", "b", "c"]
    ]


# --- Layers: the table of docs/architecture.md ------------------------------------------


def layers() -> list[tuple[int, list[str]]]:
    """(layer, entries) from the "Layers" table of docs/architecture.md.

    An entry is a module (``erp_select.text``) or a package with everything below it
    (``erp_select.io.``, written with a trailing dot).
    """
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = doc.split("## Layers", 1)[1].split("\n## ", 1)[0]
    rows = []
    for number, cells in re.findall(r"^\| (\d+) \| (.+?) \|", section, flags=re.MULTILINE):
        entries = []
        for path in re.findall(r"`(erp_select/[\w/.]*)`", cells):
            dotted = path.removesuffix(".py").replace("/", ".")
            entries.append(dotted.removesuffix(".__init__") if path.endswith(".py") else dotted)
        rows.append((int(number), entries))
    return rows


def layer_of(module: str, table: list[tuple[int, list[str]]]) -> int | None:
    """The layer of ``module``: its own entry, else the deepest package entry above it."""
    best: tuple[int, int] | None = None
    for number, entries in table:
        for entry in entries:
            package = entry.endswith(".")
            covers = module.startswith(entry) or module + "." == entry if package else False
            if (covers or module == entry) and (best is None or len(entry) > best[1]):
                best = (number, len(entry))
    return None if best is None else best[0]


def test_the_layer_table_is_read() -> None:
    table = layers()
    assert [number for number, _ in table] == list(range(1, len(table) + 1))
    assert layer_of("erp_select", table) == 1
    assert layer_of("erp_select.unlisted", table) is None
    assert layer_of("erp_select.i18n.catalogue", table) == 2
    assert layer_of("erp_select.app.main", table) == len(table)


def layer_problems() -> list[str]:
    table = layers()
    problems = [
        f"{m}: in no layer of docs/architecture.md"
        for m in _module_files()
        if layer_of(m, table) is None
    ]
    for source, target, line in import_edges():
        low, high = layer_of(source, table), layer_of(target, table)
        if low is not None and high is not None and high > low:
            problems.append(f"{source} (layer {low}) imports {target} (layer {high}), line {line}")
    return problems


def cycle_problems() -> list[str]:
    edges = import_edges()
    lines = []
    for group in import_cycles(edges):
        lines.append("cycle: " + ", ".join(group))
        members = set(group)
        lines += [f"  {a} → {b} (line {n})" for a, b, n in edges if a in members and b in members]
    return lines


def test_no_import_cycle_and_every_import_goes_down_the_layers() -> None:
    problems = cycle_problems() + layer_problems()
    assert problems == [], "\n".join(problems)


def test_at_most_eight_long_modules() -> None:
    sizes = {
        name: len(path.read_text(encoding="utf-8").splitlines())
        for name, path in _module_files().items()
    }
    long = sorted(((n, m) for m, n in sizes.items() if n > LONG_MODULE), reverse=True)
    listing = "\n".join(f"  {m}: {n} lines" for n, m in long)
    assert len(long) <= MAX_LONG_MODULES, (
        f"{len(long)} modules over {LONG_MODULE} lines (at most {MAX_LONG_MODULES}):\n{listing}"
    )
