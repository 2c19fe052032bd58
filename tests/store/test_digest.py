"""A revision's digest is the SHA-256 of its canonical JSON, the project's fingerprint."""

from __future__ import annotations

import hashlib

from erp_select.model.fingerprint import canonical_json, fingerprint
from erp_select.report.demo import demo_project
from erp_select.store.projects import project_digest


def test_the_digest_is_the_fingerprint_of_the_saved_text() -> None:
    project = demo_project()
    content, digest = project_digest(project)
    assert content.encode("utf-8") == canonical_json(project)
    assert digest == fingerprint(project)
    assert digest == hashlib.sha256(content.encode("utf-8")).hexdigest()
