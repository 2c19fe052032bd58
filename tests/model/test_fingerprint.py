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
