"""A SHA-256 fingerprint of a project's inputs, so a report can be checked against its project."""

from __future__ import annotations

import hashlib
import json

from pydantic import BaseModel


def canonical_json(model: BaseModel) -> bytes:
    """Serialise ``model`` the same way every time: sorted keys, no spaces, UTF-8."""
    data = model.model_dump(mode="json")
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def fingerprint(model: BaseModel) -> str:
    """Hex SHA-256 of :func:`canonical_json` — identical inputs give the identical fingerprint."""
    return hashlib.sha256(canonical_json(model)).hexdigest()
