"""Safe YAML/JSON parsing (erp_select.io.documents): bombs, syntax errors, sizes, lines."""

from __future__ import annotations

import math
import time

import pytest

from erp_select.errors import InputError
from erp_select.io import read_criteria_bytes, read_vendors_bytes
from erp_select.io.documents import dump_yaml, parse_json, parse_yaml
from erp_select.io.limits import MAX_BYTES


def billion_laughs(levels: int = 9) -> str:
    """The classic exponential-entity attack, in YAML aliases: 9 levels × 9 copies."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels + 1):
        refs = ",".join(f"*a{i - 1}" for _ in range(9))
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_fast() -> None:
    start = time.perf_counter()
    with pytest.raises(InputError) as info:
        read_vendors_bytes(billion_laughs().encode(), "bomb.yaml")
    assert time.perf_counter() - start < 5
    assert [p.rule for p in info.value.problems] == ["io.yaml_alias_bomb"]
    assert "billion laughs" in info.value.render("en")


def test_a_few_aliases_are_fine() -> None:
    doc = parse_yaml("src: &s {source: questionnaire}\na: *s\nb: *s\n", "ok.yaml")
    assert doc.data["a"] == {"source": "questionnaire"}


def test_recursive_alias_is_refused() -> None:
    with pytest.raises(InputError) as info:
        parse_yaml("a: &a [1, *a]\n", "loop.yaml")
    assert info.value.problems[0].rule == "io.yaml_recursive_alias"


def test_python_tags_are_refused() -> None:
    with pytest.raises(InputError) as info:
        parse_yaml("a: !!python/object/apply:os.system ['echo hi']\n", "evil.yaml")
    problem = info.value.problems[0]
    assert problem.rule == "io.yaml_syntax" and problem.row == 1


def test_syntax_error_names_line_and_column() -> None:
    text = "id: acme\nname: Acme\nfacts:\n  a: [1, 2\n  b: 3\n"
    with pytest.raises(InputError) as info:
        read_vendors_bytes(text.encode(), "acme.yaml")
    problem = info.value.problems[0]
    assert problem.rule == "io.yaml_syntax"
    assert problem.row == 5  # the flow sequence opened on line 4 is broken on line 5
    assert problem.params["column"] == 4
    assert "acme.yaml" in problem.render("fr") and "ligne 5" in problem.render("fr")


def test_duplicate_keys_are_refused_with_their_line() -> None:
    with pytest.raises(InputError) as info:
        parse_yaml("id: a\nname: A\nname: B\n", "dup.yaml")
    problem = info.value.problems[0]
    assert (problem.rule, problem.row, problem.value) == ("io.duplicate_key", 3, "name")
    with pytest.raises(InputError) as info:
        parse_json('{"id": "a", "id": "b"}', "dup.json")
    assert info.value.problems[0].rule == "io.duplicate_key"


def test_exponent_without_dot_is_a_number_and_written_back_quoted_as_text() -> None:
    # PyYAML (YAML 1.1) would read 1e6 as the text "1e6"; people and YAML 1.2 mean a number.
    assert parse_yaml("a: 1e6\nb: -2.5E-3\n", "x.yaml").data == {"a": 1e6, "b": -2.5e-3}
    text = dump_yaml({"a": "1e6"}).decode()
    assert parse_yaml(text, "x.yaml").data == {"a": "1e6"}


def test_oversize_is_refused_before_parsing() -> None:
    data = b"#" * (MAX_BYTES + 1)
    with pytest.raises(InputError) as info:
        read_criteria_bytes(data, "big.yaml")
    assert info.value.problems[0].rule == "io.file_too_large"
    assert "32.0 MB" in info.value.render("en")


def test_deep_nesting_is_refused() -> None:
    for text, name in (("[" * 5000 + "]" * 5000, "deep.json"), ("a: " + "[" * 5000, "deep.yaml")):
        with pytest.raises(InputError) as info:
            read_vendors_bytes(text.encode(), name)
        assert info.value.problems[0].rule in {"io.too_deep", "io.yaml_syntax"}


def test_json_constants_parse_as_non_finite_for_the_model_to_reject() -> None:
    doc = parse_json('{"x": NaN, "y": -Infinity, "z": 1e309}', "x.json")
    assert all(not math.isfinite(v) for v in doc.data.values())


def test_json_syntax_error_is_located() -> None:
    with pytest.raises(InputError) as info:
        parse_json('{\n  "a": 1,\n  "b": }\n', "bad.json")
    problem = info.value.problems[0]
    assert (problem.rule, problem.row, problem.params["column"]) == ("io.json_syntax", 3, 8)
