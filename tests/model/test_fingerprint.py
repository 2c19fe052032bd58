"""The fingerprint is SHA-256 of the canonical JSON, stable under key order and reloads."""

from __future__ import annotations

import hashlib
import json

from erp_select.model import Project
from erp_select.model.fingerprint import canonical_json, fingerprint
from tests.conftest import make_project, make_vendor


def test_fingerprint_is_sha256_of_sorted_compact_json() -> None:
    project = make_project([make_vendor("a", price__subscription_user_month=10)])
    expected = hashlib.sha256(
        json.dumps(
            project.model_dump(mode="json"),
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        ).encode()
    ).hexdigest()
    assert fingerprint(project) == expected
    assert len(expected) == 64


def test_fingerprint_survives_a_json_round_trip_and_sees_changes() -> None:
    project = make_project([make_vendor("a", price__subscription_user_month=10)])
    reloaded = Project.model_validate_json(canonical_json(project))
    assert fingerprint(reloaded) == fingerprint(project)
    changed = make_project([make_vendor("a", price__subscription_user_month=11)])
    assert fingerprint(changed) != fingerprint(project)


def _written_whole(project: Project) -> bytes:
    return json.dumps(
        project.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode()


def test_kept_vendor_texts_give_the_whole_text_after_any_change() -> None:
    """Vendors written once per vendor object: the text is the one written whole, after a
    weight change (the same vendors), a fact change (another vendor), with a demo script
    and reference calls, and with a name that needs escaping."""
    from erp_select.report.demo import demo_project

    project = demo_project()
    tree = project.criteria.with_weights({project.criteria.criteria[0].id: 80.0})
    first = project.vendors[0]
    renamed = first.model_copy(update={"name": 'Éditeur « 2 » "quoted" \\ end'})
    versions = [
        project,
        project.model_copy(update={"criteria": tree}),
        project.model_copy(update={"vendors": [renamed, *project.vendors[1:]]}),
        project.model_copy(update={"demo_script": None, "reference_calls": []}),
        Project.model_validate_json(canonical_json(project)),  # new vendor objects
    ]
    for version in versions:
        assert canonical_json(version) == _written_whole(version)
        assert canonical_json(version) == _written_whole(version)  # kept texts
    assert canonical_json(versions[2]) != canonical_json(project)
