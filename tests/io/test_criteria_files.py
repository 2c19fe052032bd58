"""Criteria trees through every format (erp_select.io.criteria): round trips and bad tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from erp_select.errors import InputError
from erp_select.io import dump_criteria, load_criteria, read_criteria_bytes
from erp_select.model import CriteriaTree
from erp_select.text import bad_character, is_invisible

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ("yaml", "json", "csv", "xlsx")
HEADER = "id,parent,label_fr,label_en,description_fr,description_en,weight,direction,unit,value\n"

SLUG = st.from_regex(r"[a-z0-9][a-z0-9_.\-]{0,12}", fullmatch=True)
# Formula starts, separators, escapes, control characters, an OOXML escape, accents.
CHARS = st.sampled_from([*"aé=+-@'|\\;,\"\n\r\t\u202e\u200b €«»0_x", "_x000D_"])
# Labels hold no control character but tab and line breaks and are not made only of
# invisible characters (erp_select.model.text).
TEXT = (
    st.lists(
        CHARS | st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")),
        min_size=1,
        max_size=15,
    )
    .map("".join)
    .filter(lambda s: s.strip() != "")
    .filter(lambda s: bad_character(s, "\t\n\r") is None and not is_invisible(s))
)
FLOAT = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False) | st.floats(
    allow_nan=False, allow_infinity=False
)
SCORE = st.floats(min_value=0, max_value=100)


def _label() -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries({"fr": TEXT, "en": TEXT})


@st.composite
def value_function(draw: st.DrawFn) -> tuple[dict[str, Any], str | None]:
    """A value function and a direction that suits it."""
    kinds = ["fact", "linear", "piecewise", "scale", "boolean", "checklist", "tco", "reviews"]
    kind = draw(st.sampled_from([*kinds, "requirements"]))
    fact = draw(TEXT)
    if kind == "fact":
        return {"kind": kind, "fact": fact}, draw(st.sampled_from(["benefit", "cost"]))
    if kind == "linear":
        worst, best = draw(st.lists(FLOAT, min_size=2, max_size=2, unique=True))
        return {"kind": kind, "fact": fact, "worst": worst, "best": best}, None
    if kind == "piecewise":
        xs = sorted(draw(st.lists(FLOAT, min_size=2, max_size=4, unique=True)))
        return {"kind": kind, "fact": fact, "points": [[x, draw(SCORE)] for x in xs]}, None
    if kind == "scale":
        # Keys are stripped by the model, so draw them stripped to keep them distinct.
        keys = TEXT.map(str.strip).filter(bool)
        levels = draw(st.dictionaries(keys, SCORE, min_size=2, max_size=3))
        return {"kind": kind, "fact": fact, "levels": levels}, "benefit"
    if kind == "boolean":
        return {"kind": kind, "fact": fact, "true_score": draw(SCORE)}, None
    if kind == "checklist":
        items: list[dict[str, Any]] = [
            {"fact": draw(TEXT), "item": draw(st.none() | TEXT), "weight": draw(st.floats(0.5, 10))}
            for _ in range(draw(st.integers(1, 3)))
        ]
        if draw(st.booleans()):
            items[0]["label"] = draw(_label())
        return {"kind": kind, "items": items}, None
    if kind == "tco":
        return {"kind": kind, "low_price_ratio": draw(st.floats(0.01, 0.99))}, None
    if kind == "reviews":
        return {"kind": kind, "prior_count": draw(st.floats(0, 1000))}, None
    return {
        "kind": kind,
        "processes": draw(st.lists(SLUG, max_size=2)),
        "worst": draw(st.floats(0, 40)),
        "fallback_fact": draw(st.none() | TEXT),
        "day_rate_low": 500.0,
    }, None


@st.composite
def trees(draw: st.DrawFn) -> CriteriaTree:
    """A random valid tree (up to three levels) with unique ids."""
    counter = iter(range(1000))
    ids = (f"{draw(SLUG)}{i}" for i in counter)  # unique by their numeric suffix

    def node(depth: int) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": next(ids),
            "label": draw(_label()),
            "weight": draw(st.floats(0.001, 1e6) | st.sampled_from([0.1, 1.0, 12.5])),
        }
        if draw(st.booleans()):
            data["description"] = draw(_label())
        if draw(st.booleans()):
            data["unit"] = draw(
                TEXT.map(lambda s: s[:40]).filter(
                    lambda s: bad_character(s) is None and not is_invisible(s)
                )
            )
        if depth < 2 and draw(st.integers(0, 2)) == 0:
            data["children"] = [node(depth + 1) for _ in range(draw(st.integers(1, 3)))]
        else:
            value, direction = draw(value_function())
            data["value"] = value
            if direction:
                data["direction"] = direction
        return data

    tree = {
        "id": next(ids),
        "label": draw(_label()),
        "criteria": [node(0) for _ in range(draw(st.integers(1, 3)))],
    }
    return CriteriaTree.model_validate(tree)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["fr", "en"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=trees())
def test_any_tree_round_trips_exactly(tree: CriteriaTree, fmt: str, lang: str) -> None:
    back = read_criteria_bytes(dump_criteria(tree, fmt, lang=lang), f"tree.{fmt}")  # type: ignore[arg-type]
    assert back == tree
    assert back.model_dump_json() == tree.model_dump_json()  # also -0.0 vs 0.0, float bits


def test_bundled_default_tree_loads_identically_in_every_format(tmp_path: Path) -> None:
    source = ROOT / "criteria" / "default.yaml"
    if not source.exists():
        pytest.skip("the bundled criteria are not there yet")
    tree = load_criteria(source)
    for fmt in FORMATS:
        path = tmp_path / f"default.{fmt}"
        path.write_bytes(dump_criteria(tree, fmt, lang="fr"))  # type: ignore[arg-type]
        assert load_criteria(path).model_dump_json() == tree.model_dump_json()


def _csv(rows: str) -> bytes:
    return (HEADER + rows).encode()


def _problems(data: bytes, name: str = "tree.csv") -> list[Any]:
    with pytest.raises(InputError) as info:
        read_criteria_bytes(data, name)
    return info.value.problems


LEAF = '"{""kind"":""fact"",""fact"":""x""}"'


def test_cycle_is_reported_with_its_path_and_row() -> None:
    rows = (
        f"root,,Racine,Root,,,1,,,\n"
        f"a,c,A,A,,,1,,,\n"
        f"b,a,B,B,,,1,,,\n"
        f"c,b,C,C,,,1,,,\n"
        f"leaf,root,F,F,,,1,cost,,{LEAF}\n"
    )
    problems = _problems(_csv(rows))
    assert [p.rule for p in problems] == ["io.cycle"]
    cycle = problems[0]
    assert (cycle.row, cycle.field, cycle.value) == (3, "parent", "c")  # row of "a" (header = 1)
    # a's parent is c, c's parent is b, b's parent is a.
    assert cycle.params["cycle"] == "a → c → b → a"
    assert "a → c → b → a" in cycle.render("fr")


def test_self_parent_is_a_cycle() -> None:
    problems = _problems(_csv(f"a,a,A,A,,,1,cost,,{LEAF}\n"))
    assert [(p.rule, p.row) for p in problems] == [("io.cycle", 2)]


def test_unknown_parent_and_duplicate_id_are_all_reported() -> None:
    rows = f"a,,A,A,,,1,cost,,{LEAF}\nb,nowhere,B,B,,,1,cost,,{LEAF}\na,,A2,A2,,,1,cost,,{LEAF}\n"
    problems = _problems(_csv(rows))
    found = {(p.rule, p.row, p.field, p.value) for p in problems}
    assert ("io.unknown_parent", 3, "parent", "nowhere") in found
    assert ("io.duplicate_id", 4, "id", "a") in found
    rendered = "\n".join(p.render("en") for p in problems)
    assert "tree.csv, row 3" in rendered and "« nowhere »" in rendered


def test_model_errors_point_at_row_and_column() -> None:
    rows = (
        "fam,,Famille,Family,,,1,,,\n"
        'x,fam,X,X,,,-2,,,"{""kind"":""linear"",""fact"":""f"",""worst"":0,""best"":NaN}"\n'
        'y,fam,Y,,,,1,sideways,,"{""kind"":""fact"",""fact"":""f""}"\n'
    )
    problems = _problems(_csv(rows))
    found = {(p.rule, p.row, p.field) for p in problems}
    assert ("io.pydantic.greater_than_equal", 3, "weight") in found
    assert ("io.pydantic.finite_number", 3, "value.best") in found
    assert ("io.pydantic.missing", 4, "label_en") in found
    assert ("io.pydantic.literal_error", 4, "direction") in found
    weight = next(p for p in problems if p.field == "weight")
    assert weight.value == "-2"
    en, fr = weight.render("en"), weight.render("fr")
    assert "tree.csv" in en and "row 3" in en and "“weight”" in en and "« -2 »" in en
    assert "must be at least 0" in en
    assert "ligne 3" in fr and "« weight »" in fr and "doit valoir au moins 0" in fr


@pytest.mark.parametrize("weight", ["NaN", "inf", "1e309", "-Infinity"])
def test_non_finite_weights_are_rejected_with_location(weight: str) -> None:
    problems = _problems(_csv(f"a,,A,A,,,{weight},cost,,{LEAF}\n"))
    assert [(p.rule, p.row, p.field, p.value) for p in problems] == [
        ("io.pydantic.finite_number", 2, "weight", weight)
    ]


def test_bad_json_value_is_reported_once() -> None:
    problems = _problems(_csv('a,,A,A,,,1,cost,,"{kind: fact"\n'))
    assert [(p.rule, p.row, p.field) for p in problems] == [("io.value_json", 2, "value")]


def test_french_csv_cp1252_semicolons_decimal_commas() -> None:
    text = (
        "id;parent;label_fr;label_en;description_fr;description_en;weight;direction;unit;value\n"
        "criteria;#tree;Critères;Criteria;;;;;;\n"
        "prix;;Coût;Price;;;12,5;;;\n"
        "delai;prix;Délai de mise en œuvre;Lead time;;;1\u00a0234,5;cost;mois;"
        '"{""kind"":""fact"",""fact"":""impl.months""}"\n'
    )
    tree = read_criteria_bytes(text.encode("cp1252"), "critères.csv")
    top = tree.criteria[0]
    assert (top.id, top.label.fr, top.weight) == ("prix", "Coût", 12.5)
    leaf = top.children[0]
    assert (leaf.label.fr, leaf.weight, leaf.unit, leaf.direction) == (
        "Délai de mise en œuvre",
        1234.5,
        "mois",
        "cost",
    )
    assert tree.label.fr == "Critères"
    # The same file in UTF-8 with a BOM gives the same tree.
    again = read_criteria_bytes(b"\xef\xbb\xbf" + text.encode(), "c.csv")
    assert again == tree


def test_tree_row_is_optional() -> None:
    tree = read_criteria_bytes(_csv(f"a,,A,A,,,1,cost,,{LEAF}\n"), "t.csv")
    assert tree.id == "criteria" and tree.label.en == "Criteria"


def test_yaml_errors_give_the_line_and_path() -> None:
    text = (
        "criteria:\n"
        "  - id: price\n"
        "    label: {fr: Prix, en: Price}\n"
        "    value:\n"
        "      kind: linear\n"
        "      fact: price.total\n"
        "      worst: 10\n"
        "      best: .nan\n"
        "    colour: red\n"
    )
    problems = _problems(text.encode(), "tree.yaml")
    found = {(p.rule, p.row, p.field) for p in problems}
    assert ("io.pydantic.finite_number", 8, "criteria[price].value.best") in found
    assert ("io.pydantic.extra_forbidden", 9, "criteria[price].colour") in found


def test_duplicate_ids_in_yaml_are_located() -> None:
    text = (
        "criteria:\n"
        "  - {id: a, label: {fr: A, en: A}, direction: cost, value: {kind: fact, fact: x}}\n"
        "  - {id: a, label: {fr: B, en: B}, direction: cost, value: {kind: fact, fact: y}}\n"
    )
    problems = _problems(text.encode(), "tree.yaml")
    assert [(p.rule, p.row, p.value) for p in problems] == [("io.duplicate_id", 3, "a")]


def test_unknown_extension_is_refused() -> None:
    problems = _problems(b"x", "tree.docx")
    assert problems[0].rule == "io.unknown_format"


def test_load_criteria_reports_under_the_given_name(tmp_path: Path) -> None:
    path = tmp_path / "upload-1234.tmp"
    path.write_bytes(b"criteria: []\n")
    with pytest.raises(InputError) as info:
        load_criteria(path, name="mes critères.yaml")
    (problem,) = info.value.problems
    assert problem.source == "mes critères.yaml" and problem.rule == "io.pydantic.too_short"
    assert problem.render("fr").startswith("mes critères.yaml, ligne 1")
