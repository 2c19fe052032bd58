"""Saved projects: revisions saved, listed, compared and restored, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import json

import pytest
from sqlalchemy import text

from erp_select.errors import InputError
from erp_select.model import Fact, Project
from erp_select.store import (
    Store,
    compare_revisions,
    create_project,
    list_projects,
    list_revisions,
    load_project,
    load_revision,
    restore_revision,
    save_revision,
)
from tests.store.conftest import sample_project


def _with_fact(project: Project, vendor_id: str, fact_id: str, value: object) -> Project:
    vendors = []
    for v in project.vendors:
        if v.id == vendor_id:
            facts = dict(v.facts)
            facts[fact_id] = Fact.model_validate({"value": value})
            v = v.model_copy(update={"facts": facts})
        vendors.append(v)
    return project.model_copy(update={"vendors": vendors})


def test_save_list_load_round_trip(store: Store) -> None:
    project = sample_project().model_copy(update={"name": "Boulangerie Dupont"})
    first = create_project(store, project, author="Claire", message="initial")
    assert first.number == 1
    assert first.author == "Claire"
    assert first.created_at.tzinfo is not None
    # The stored digest is SHA-256 of the canonical JSON, recomputed here independently.
    canonical = json.dumps(
        project.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert first.sha256 == hashlib.sha256(canonical.encode()).hexdigest()
    assert load_project(store, first.project_id) == project

    second = save_revision(
        store, first.project_id, project.model_copy(update={"method": "vikor"}), author="Marc"
    )
    assert second.number == 2
    revisions = list_revisions(store, first.project_id)
    assert [(r.number, r.author, r.message) for r in revisions] == [
        (1, "Claire", "initial"),
        (2, "Marc", ""),
    ]
    assert load_project(store, first.project_id).method == "vikor"
    assert load_project(store, first.project_id, 1) == project
    [info] = list_projects(store)
    assert (info.id, info.head, info.created_by) == (first.project_id, 2, "Claire")


def test_diff_names_changed_weights_and_facts(store: Store) -> None:
    old = sample_project()
    rev = create_project(store, old, author="a")
    # quality:price goes from 60:40 to 30:70; alpha's coverage 70 → 85; beta leaves,
    # gamma arrives; one must-have rule is added; the method changes.
    new = old.model_copy(
        update={
            "criteria": old.criteria.with_weights({"quality": 30, "price": 70}),
            "method": "wsm",
        }
    )
    new = _with_fact(new, "alpha", "fit.coverage", 85)
    gamma = old.vendors[1].model_copy(update={"id": "gamma", "name": "Gamma"})
    new = new.model_copy(update={"vendors": [new.vendors[0], gamma]})
    rule = {"kind": "fact", "fact": "deployment", "op": "contains", "value": "cloud"}
    company = new.company.model_validate({**new.company.model_dump(), "must_haves": [rule]})
    new = new.model_copy(update={"company": company})
    new = Project.model_validate(new.model_dump())
    save_revision(store, rev.project_id, new, author="b")

    diff = compare_revisions(store, rev.project_id, 1, 2)
    by_id = {w.criterion_id: w for w in diff.weights}
    assert by_id["quality"].old_weight == 60 and by_id["quality"].new_weight == 30
    assert by_id["quality"].old_local == pytest.approx(0.6)
    assert by_id["quality"].new_local == pytest.approx(0.3)
    assert by_id["price"].new_local == pytest.approx(0.7)
    # small_tree: coverage is 2/3 of quality, so its global weight is 0.6·2/3 → 0.3·2/3.
    assert by_id["coverage"].old_global == pytest.approx(0.4)
    assert by_id["coverage"].new_global == pytest.approx(0.2)
    assert by_id["tco"].old_global == pytest.approx(0.4)
    assert by_id["tco"].new_global == pytest.approx(0.7)
    [fact] = [f for f in diff.facts if f.vendor_id == "alpha"]
    assert (fact.fact_id, fact.kind, fact.old_value, fact.new_value) == (
        "fit.coverage",
        "changed",
        70,
        85,
    )
    assert diff.vendors_added == ("gamma",)
    assert diff.vendors_removed == ("beta",)
    assert [r["fact"] for r in diff.rules_added] == ["deployment"]
    assert diff.rules_removed == ()
    assert diff.method == ("topsis", "wsm")
    assert not diff.is_empty
    # The reverse comparison mirrors it.
    back = compare_revisions(store, rev.project_id, 2, 1)
    assert back.vendors_added == ("beta",) and back.method == ("wsm", "topsis")
    assert compare_revisions(store, rev.project_id, 1, 1).is_empty


def test_restore_is_a_new_revision_copying_the_old_one(store: Store) -> None:
    base = sample_project()
    rev = create_project(store, base, author="a")
    save_revision(store, rev.project_id, base.model_copy(update={"seed": 7}), author="b")
    restored = restore_revision(store, rev.project_id, 1, author="c")
    assert (restored.number, restored.restored_from, restored.sha256) == (3, 1, rev.sha256)
    assert load_project(store, rev.project_id) == base
    assert [r.number for r in list_revisions(store, rev.project_id)] == [1, 2, 3]
    assert load_project(store, rev.project_id, 2).seed == 7


def test_stale_save_is_refused_and_writes_nothing(store: Store) -> None:
    rev = create_project(store, sample_project(), author="a")
    save_revision(store, rev.project_id, sample_project(name="B"), author="b", expected_head=1)
    with pytest.raises(InputError) as err:
        save_revision(store, rev.project_id, sample_project(name="C"), author="c", expected_head=1)
    assert err.value.problems[0].rule == "store.stale_revision"
    assert err.value.problems[0].params == {"head": 2}
    assert [r.number for r in list_revisions(store, rev.project_id)] == [1, 2]


def test_unknown_project_and_revision(store: Store) -> None:
    with pytest.raises(InputError) as err:
        load_project(store, 999)
    assert err.value.problems[0].rule == "store.project_not_found"
    with pytest.raises(InputError) as err:
        save_revision(store, 999, sample_project(), author="x")
    assert err.value.problems[0].rule == "store.project_not_found"
    rev = create_project(store, sample_project(), author="a")
    with pytest.raises(InputError) as err:
        compare_revisions(store, rev.project_id, 1, 5)
    assert err.value.problems[0].rule == "store.revision_not_found"
    with pytest.raises(InputError) as err:
        restore_revision(store, rev.project_id, 0, author="x")
    assert err.value.problems[0].rule == "store.revision_not_found"


def test_tampered_revision_is_detected(store: Store) -> None:
    rev = create_project(store, sample_project(), author="a")
    with store.write() as session:
        session.execute(text("UPDATE revisions SET content = replace(content, 'topsis', 'vikor')"))
    with pytest.raises(InputError) as err:
        load_revision(store, rev.project_id)
    assert err.value.problems[0].rule == "store.corrupt_revision"


@pytest.mark.parametrize(
    "author", ["", "   ", "x" * 201, "nul\x00byte"], ids=["empty", "blank", "long", "nul"]
)
def test_bad_author_is_refused(store: Store, author: str) -> None:
    with pytest.raises(InputError) as err:
        create_project(store, sample_project(), author=author)
    assert err.value.problems[0].field == "author"
    assert list_projects(store) == []


def test_hostile_text_is_stored_verbatim(store: Store) -> None:
    name = "'); DROP TABLE revisions; -- <script>alert(1)</script> « é »"
    project = sample_project().model_copy(update={"name": name})
    rev = create_project(store, project, author=name, message=name)
    assert load_project(store, rev.project_id).name == name
    [info] = list_revisions(store, rev.project_id)
    assert info.author == name and info.message == name
    assert list_projects(store)[0].name == name


def test_projects_are_found_by_their_random_key_only(store: Store) -> None:
    from erp_select.store import find_project, new_project_key

    key1, key2 = new_project_key(), new_project_key()
    first = create_project(store, sample_project(), author="a", key=key1)
    second = create_project(store, sample_project(), author="a", key=key2)
    assert key1 != key2
    # 128 random bits (secrets.token_urlsafe(16)) in 22 base64url characters.
    assert len(key1) == 22 and len(key2) == 22
    assert find_project(store, key1) == first.project_id
    assert find_project(store, key2) == second.project_id
    # Sequential ids, near misses and junk never open a project.
    for bad in [
        str(first.project_id),
        "1",
        key1[:-1] + ("A" if key1[-1] != "A" else "B"),
        key1.upper() if key1.upper() != key1 else key1.lower(),
        "",
        " " * 22,
        key1 + "' OR 1=1 --",
        "x" * 500,
    ]:
        with pytest.raises(InputError) as err:
            find_project(store, bad)
        assert err.value.problems[0].rule == "store.project_key_not_found", bad


def test_project_keys_are_stored_hashed(store: Store) -> None:
    """The row holds SHA-256-based HMAC of the key (empty HMAC key), never the key itself."""
    import hashlib
    import hmac

    from sqlalchemy import text

    from erp_select.store import new_project_key

    key = new_project_key()
    rev = create_project(store, sample_project(), author="a", key=key)
    with store.read() as session:
        row = session.execute(
            text("SELECT * FROM projects WHERE id = :id"), {"id": rev.project_id}
        ).one()
    stored = [str(v) for v in row]
    assert not any(key in v for v in stored)
    # Computed here independently of the store's code: HMAC-SHA256, empty key, labelled.
    expected = hmac.new(b"", b"erp-select/project\x00" + key.encode(), hashlib.sha256)
    assert expected.hexdigest() in stored


def test_a_new_share_key_replaces_the_old_one(store: Store) -> None:
    from erp_select.store import find_project, new_project_key, new_share_key

    old = new_project_key()
    rev = create_project(store, sample_project(), author="a", key=old)
    new = new_share_key(store, rev.project_id)
    assert new != old and find_project(store, new) == rev.project_id
    with pytest.raises(InputError) as err:
        find_project(store, old)
    assert err.value.problems[0].rule == "store.project_key_not_found"
    with pytest.raises(InputError) as err:
        new_share_key(store, 999)
    assert err.value.problems[0].rule == "store.project_not_found"
