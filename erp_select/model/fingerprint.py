"""A SHA-256 fingerprint of a project's inputs, so a report can be checked against its project."""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
from collections import OrderedDict
from typing import Any

from pydantic import BaseModel

#: Vendors whose canonical text is kept (a weight change saves the same vendors again).
KEPT_VENDORS = 4096
_lock = threading.Lock()
_vendor_texts: OrderedDict[int, tuple[BaseModel, str]] = OrderedDict()
#: Stands for the vendors' text while the rest of a project is written (never in a project:
#: it holds a NUL character and a random part).
_HOLE = f"\x00vendors-{secrets.token_hex(16)}\x00"


def _dumps(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _vendor_text(vendor: BaseModel) -> str:
    """The canonical text of one vendor, kept while the same vendor object is saved again."""
    with _lock:
        found = _vendor_texts.get(id(vendor))
        if found is not None and found[0] is vendor:
            _vendor_texts.move_to_end(id(vendor))
            return found[1]
    text = _dumps(vendor.model_dump(mode="json"))
    with _lock:
        _vendor_texts[id(vendor)] = (vendor, text)  # held: its id cannot be reused meanwhile
        while len(_vendor_texts) > KEPT_VENDORS:
            _vendor_texts.popitem(last=False)
    return text


def canonical_json(model: BaseModel) -> bytes:
    """Serialise ``model`` the same way every time: sorted keys, no spaces, UTF-8.

    A model with a list of ``vendors`` (a project) has each vendor written once per
    vendor object: a weight change saves a project whose vendors are those of the last
    save, and they are most of its text. The text is the same as writing it whole.
    """
    vendors = getattr(model, "vendors", None)
    if not isinstance(vendors, list) or "vendors" not in type(model).model_fields:
        return _dumps(model.model_dump(mode="json")).encode("utf-8")
    data = model.model_dump(mode="json", exclude={"vendors"})
    data["vendors"] = _HOLE
    head, hole, tail = _dumps(data).partition(json.dumps(_HOLE, ensure_ascii=False))
    assert hole, "the vendors' place in the project's text"
    texts = ",".join(_vendor_text(v) for v in vendors)
    return f"{head}[{texts}]{tail}".encode()


def fingerprint(model: BaseModel) -> str:
    """Hex SHA-256 of :func:`canonical_json` — identical inputs give the identical fingerprint."""
    return hashlib.sha256(canonical_json(model)).hexdigest()
