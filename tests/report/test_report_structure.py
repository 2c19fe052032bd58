"""The report package's order: small modules, and no import cycle, even through late imports."""

from __future__ import annotations

import ast
from pathlib import Path

import erp_select.report

REPORT = Path(erp_select.report.__file__).parent
PACKAGE = "erp_select.report"


def _name(path: Path) -> str:
    rel = path.relative_to(REPORT).with_suffix("")
    parts = [p for p in rel.parts if p != "__init__"]
    return ".".join([PACKAGE, *parts])


def _modules() -> dict[str, Path]:
    return {_name(p): p for p in sorted(REPORT.rglob("*.py"))}


def _imports(path: Path, known: set[str]) -> set[str]:
    """Every report module ``path`` imports, at the top or inside a function.

    ``from erp_select.report import adjusted`` is an import of the submodule ``adjusted``;
    ``from erp_select.report import FORMATS`` one of the package itself.
    """
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            subs = [f"{node.module}.{a.name}" for a in node.names]
            found.update(s for s in subs if s in known)
            if any(s not in known for s in subs):
                found.add(node.module)
    return {m for m in found if m in known}


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        path.pop()
        return []

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return []


def test_no_import_cycle_inside_the_report() -> None:
    modules = _modules()
    known = set(modules)
    graph = {name: _imports(path, known) - {name} for name, path in modules.items()}
    assert _cycle(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) == []


def test_report_modules_are_small() -> None:
    sizes = {
        p.relative_to(REPORT).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
        for p in REPORT.rglob("*.py")
    }
    assert {name: n for name, n in sizes.items() if n >= 400} == {}
