"""Every entry of the lane tables in tests/conftest.py names a test file or test that exists."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import APP_TESTS, SLOW_TESTS, TESTS


def _test_names(source: str) -> set[str]:
    """The names of the functions defined in a test module, at top level or in a class."""
    tree = ast.parse(source)
    names: set[str] = set()
    for node in tree.body:
        bodies = node.body if isinstance(node, ast.ClassDef) else [node]
        for child in bodies:
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                names.add(child.name)
    return names


@pytest.mark.parametrize("entry", sorted(APP_TESTS | SLOW_TESTS))
def test_every_lane_entry_names_a_test(entry: str) -> None:
    file, _, case = entry.partition("::")
    name = case.partition("[")[0]
    path = TESTS / file
    assert path.is_file(), f"{entry}: no file tests/{file}"
    assert path.name.startswith("test_"), f"{entry}: tests/{file} is not a test module"
    if name:
        names = _test_names(path.read_text(encoding="utf-8"))
        assert name.startswith("test") and name in names, f"{entry}: no test {name} in {file}"
