"""Reference calls: record one (its confirmed facts move to evidence "reference"), or remove it."""

from __future__ import annotations

from collections.abc import Mapping

from erp_select.evaluate.evidence import LEVELS, level_of
from erp_select.model import Project
from erp_select.model.demo_script import Confirmation, ReferenceCall
from erp_select.model.vendor import VendorProfile

#: A confirmation raises a fact to this level, never lowers it.
REFERENCE = "reference"


def _below_reference(evidence: str | None) -> bool:
    return LEVELS.index(level_of(evidence)) < LEVELS.index(REFERENCE)


def confirmable_facts(project: Project, vendor_id: str) -> list[str]:
    """Facts of a vendor whose evidence is weaker than a reference (what a call can confirm)."""
    vendor = project.vendor(vendor_id)
    return [fid for fid, fact in vendor.facts.items() if _below_reference(fact.evidence)]


def _with_evidence(vendor: VendorProfile, changes: Mapping[str, str | None]) -> VendorProfile:
    facts = dict(vendor.facts)
    for fid, evidence in changes.items():
        facts[fid] = facts[fid].model_copy(update={"evidence": evidence})
    return vendor.model_copy(update={"facts": facts})


def _replace_vendor(project: Project, vendor: VendorProfile) -> list[VendorProfile]:
    return [vendor if v.id == vendor.id else v for v in project.vendors]


def record_call(project: Project, call: ReferenceCall, confirmed: list[str]) -> Project:
    """``project`` with ``call`` recorded (replacing a call of the same id) and its facts raised.

    Each fact of ``confirmed`` (ids of the call's vendor's facts) is raised to evidence
    "reference" when it stood lower (unstated, claim, demo); the level it had is kept in
    the call so that removing the call puts it back. A fact already at "reference" or
    "contract" stays as it is. Raises ``KeyError`` for an unknown vendor or fact.
    """
    if any(c.id == call.id for c in project.reference_calls):
        project = remove_call(project, call.id)
    vendor = project.vendor(call.vendor)
    # A fact an earlier call already raised keeps the level it had before any call.
    before = {
        c.fact: c.previous for other in calls_of(project, call.vendor) for c in other.confirmed
    }
    confirmations: list[Confirmation] = []
    changes: dict[str, str | None] = {}
    for fid in dict.fromkeys(confirmed):
        fact = vendor.facts[fid]
        previous = before.get(fid, fact.evidence)
        confirmations.append(Confirmation(fact=fid, previous=previous))
        if _below_reference(fact.evidence):
            changes[fid] = REFERENCE
    stored = call.model_copy(update={"confirmed": confirmations})
    return Project.model_validate(
        {
            **dict(project),
            "vendors": _replace_vendor(project, _with_evidence(vendor, changes)),
            "reference_calls": [*project.reference_calls, stored],
        }
    )


def remove_call(project: Project, call_id: str) -> Project:
    """``project`` without the call ``call_id``; its facts get back their earlier evidence.

    A fact another remaining call of the same vendor also confirms stays at "reference".
    Raises ``KeyError`` when there is no such call.
    """
    call = next((c for c in project.reference_calls if c.id == call_id), None)
    if call is None:
        raise KeyError(call_id)
    rest = [c for c in project.reference_calls if c.id != call_id]
    vendor = next((v for v in project.vendors if v.id == call.vendor), None)
    if vendor is None:  # the vendor left the project after the call: nothing to put back
        return Project.model_validate({**dict(project), "reference_calls": rest})
    still = {c.fact for other in rest if other.vendor == call.vendor for c in other.confirmed}
    changes = {
        c.fact: c.previous
        for c in call.confirmed
        if c.fact not in still and c.fact in vendor.facts and _below_reference(c.previous)
    }
    return Project.model_validate(
        {
            **dict(project),
            "vendors": _replace_vendor(project, _with_evidence(vendor, changes)),
            "reference_calls": rest,
        }
    )


def calls_of(project: Project, vendor_id: str) -> list[ReferenceCall]:
    """The reference calls made about one vendor, in the order they were recorded."""
    return [c for c in project.reference_calls if c.vendor == vendor_id]


__all__ = ["calls_of", "confirmable_facts", "record_call", "remove_call"]
