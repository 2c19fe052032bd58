"""Offers and integrators in YAML/JSON documents: their facts read by the fact vocabulary."""

from __future__ import annotations

from typing import Any

from erp_select.errors import Problem
from erp_select.io.documents import Document
from erp_select.io.facts import check_document_facts
from erp_select.io.problems import Path
from erp_select.model.facts import Vocabulary

Checked = tuple[Any, list[Problem], list[Problem]]


def short_facts(item: Any) -> Any:
    """Expand short facts (``fact: 82``) into full ones (``fact: {value: 82}``)."""
    if not isinstance(item, dict) or not isinstance(item.get("facts"), dict):
        return item
    facts = {k: v if isinstance(v, dict) else {"value": v} for k, v in item["facts"].items()}
    return {**item, "facts": facts}


def check_vendor_document(item: Any, vocab: Vocabulary, doc: Document, prefix: Path) -> Checked:
    """Read a vendor's facts and each of its offers' facts (short facts expanded).

    Returns the vendor's data with every fact read (refused ones left out), the refusals
    and the warnings, located in ``doc`` (``vendors[0].offers[1].facts.…``).
    """
    checked, errors, warnings = check_document_facts(short_facts(item), vocab, doc, prefix)
    if not isinstance(checked, dict) or not isinstance(checked.get("offers"), list):
        return checked, errors, warnings
    offers = []
    for j, offer in enumerate(checked["offers"]):
        read, refused, warned = check_document_facts(
            short_facts(offer), vocab, doc, (*prefix, "offers", j)
        )
        offers.append(read)
        errors += refused
        warnings += warned
    return {**checked, "offers": offers}, errors, warnings


def check_integrators(data: dict[str, Any], vocab: Vocabulary, doc: Document) -> Checked:
    """Read the facts of a project's integrators (``integrators[i].facts``)."""
    listed = data.get("integrators")
    if not isinstance(listed, list):
        return data, [], []
    errors: list[Problem] = []
    warnings: list[Problem] = []
    out = []
    for i, item in enumerate(listed):
        read, refused, warned = check_document_facts(
            short_facts(item), vocab, doc, ("integrators", i)
        )
        out.append(read)
        errors += refused
        warnings += warned
    return {**data, "integrators": out}, errors, warnings
