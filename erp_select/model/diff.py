"""What changed between two versions of a project: weights, vendors, facts, rules, method."""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from erp_select.model import CriteriaTree, Project, VendorProfile

ChangeKind = Literal["added", "removed", "changed"]
_TOL = 1e-12


@dataclass(frozen=True)
class WeightChange:
    """A criterion whose weight moved: raw weight, share among siblings, global share.

    ``None`` on one side means the criterion did not exist in that version; global shares
    are ``None`` for non-leaf criteria.
    """

    criterion_id: str
    old_weight: float | None
    new_weight: float | None
    old_local: float | None
    new_local: float | None
    old_global: float | None
    new_global: float | None


@dataclass(frozen=True)
class FactChange:
    """A vendor fact added, removed or changed; ``old``/``new`` are the facts as JSON."""

    vendor_id: str
    fact_id: str
    kind: ChangeKind
    old: dict[str, Any] | None
    new: dict[str, Any] | None

    @property
    def old_value(self) -> Any:
        """The old fact's value (``None`` when the fact was added)."""
        return None if self.old is None else self.old.get("value")

    @property
    def new_value(self) -> Any:
        """The new fact's value (``None`` when the fact was removed)."""
        return None if self.new is None else self.new.get("value")


@dataclass(frozen=True)
class FieldChange:
    """Any other field that changed, by dotted path (``company.budget``, ``vendors.x.name``)."""

    path: str
    old: Any
    new: Any


@dataclass(frozen=True)
class ProjectDiff:
    """Everything that differs between an old and a new project, grouped for display."""

    weights: tuple[WeightChange, ...] = ()
    criteria_added: tuple[str, ...] = ()
    criteria_removed: tuple[str, ...] = ()
    vendors_added: tuple[str, ...] = ()
    vendors_removed: tuple[str, ...] = ()
    facts: tuple[FactChange, ...] = ()
    rules_added: tuple[dict[str, Any], ...] = ()
    rules_removed: tuple[dict[str, Any], ...] = ()
    method: tuple[str, str] | None = None
    seed: tuple[int, int] | None = None
    fields: tuple[FieldChange, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        """True when the two versions are the same project."""
        return not any(
            (
                self.weights,
                self.criteria_added,
                self.criteria_removed,
                self.vendors_added,
                self.vendors_removed,
                self.facts,
                self.rules_added,
                self.rules_removed,
                self.method,
                self.seed,
                self.fields,
            )
        )


def _canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _local_shares(tree: CriteriaTree) -> dict[str, float]:
    out: dict[str, float] = {}
    out.update(tree.local_weights(None))
    for node in tree.walk():
        if node.children:
            out.update(tree.local_weights(node.id))
    return out


def _differs(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is not b
    return not math.isclose(a, b, rel_tol=0.0, abs_tol=_TOL)


def _weight_changes(old: CriteriaTree, new: CriteriaTree) -> list[WeightChange]:
    raw_old = {c.id: c.weight for c in old.walk()}
    raw_new = {c.id: c.weight for c in new.walk()}
    loc_old, loc_new = _local_shares(old), _local_shares(new)
    glob_old, glob_new = old.global_weights(), new.global_weights()
    changes: list[WeightChange] = []
    for cid in [*raw_new, *(c for c in raw_old if c not in raw_new)]:
        change = WeightChange(
            criterion_id=cid,
            old_weight=raw_old.get(cid),
            new_weight=raw_new.get(cid),
            old_local=loc_old.get(cid),
            new_local=loc_new.get(cid),
            old_global=glob_old.get(cid),
            new_global=glob_new.get(cid),
        )
        if (
            _differs(change.old_weight, change.new_weight)
            or _differs(change.old_local, change.new_local)
            or _differs(change.old_global, change.new_global)
        ):
            changes.append(change)
    return changes


def _criterion_fields(old: CriteriaTree, new: CriteriaTree) -> list[FieldChange]:
    """Definition changes of criteria present in both trees (labels, value functions…)."""
    out: list[FieldChange] = []
    new_nodes = {c.id: c for c in new.walk()}
    for c in old.walk():
        other = new_nodes.get(c.id)
        if other is None:
            continue
        a = c.model_dump(mode="json", exclude={"children", "weight"})
        b = other.model_dump(mode="json", exclude={"children", "weight"})
        a["children"] = [ch.id for ch in c.children]
        b["children"] = [ch.id for ch in other.children]
        for key in sorted(set(a) | set(b)):
            if _canon(a.get(key)) != _canon(b.get(key)):
                out.append(FieldChange(f"criteria.{c.id}.{key}", a.get(key), b.get(key)))
    for key in ("id", "label"):
        va = old.model_dump(mode="json")[key]
        vb = new.model_dump(mode="json")[key]
        if _canon(va) != _canon(vb):
            out.append(FieldChange(f"criteria.{key}", va, vb))
    return out


def _vendor_changes(
    old: VendorProfile, new: VendorProfile
) -> tuple[list[FactChange], list[FieldChange]]:
    facts: list[FactChange] = []
    fields: list[FieldChange] = []
    a_facts = {k: f.model_dump(mode="json") for k, f in old.facts.items()}
    b_facts = {k: f.model_dump(mode="json") for k, f in new.facts.items()}
    for fid in sorted(set(a_facts) | set(b_facts)):
        a, b = a_facts.get(fid), b_facts.get(fid)
        if a is None:
            facts.append(FactChange(new.id, fid, "added", None, b))
        elif b is None:
            facts.append(FactChange(new.id, fid, "removed", a, None))
        elif _canon(a) != _canon(b):
            facts.append(FactChange(new.id, fid, "changed", a, b))
    a_prof = old.model_dump(mode="json", exclude={"facts"})
    b_prof = new.model_dump(mode="json", exclude={"facts"})
    for key in sorted(set(a_prof) | set(b_prof)):
        if _canon(a_prof.get(key)) != _canon(b_prof.get(key)):
            fields.append(FieldChange(f"vendors.{new.id}.{key}", a_prof.get(key), b_prof.get(key)))
    return facts, fields


def _multiset_minus(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> list[dict[str, Any]]:
    remaining = Counter(_canon(x) for x in b)
    out: list[dict[str, Any]] = []
    for item in a:
        key = _canon(item)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            out.append(item)
    return out


def diff_projects(old: Project, new: Project) -> ProjectDiff:
    """Compare two versions of a project.

    Parameters
    ----------
    old, new
        The earlier and the later version.

    Returns
    -------
    ProjectDiff
        Weight changes (raw, share among siblings and global share, old → new), criteria
        and vendors added or removed, every fact added/removed/changed with old → new,
        must-have rules added or removed, method and seed changes, and any other field
        by dotted path (company profile, vendor profile fields, criterion definitions,
        judgments…).
    """
    fields: list[FieldChange] = []
    old_ids = old.criteria.ids()
    new_ids = new.criteria.ids()
    weights = _weight_changes(old.criteria, new.criteria)
    fields.extend(_criterion_fields(old.criteria, new.criteria))

    old_vendors = {v.id: v for v in old.vendors}
    new_vendors = {v.id: v for v in new.vendors}
    facts: list[FactChange] = []
    for vid, vendor in new_vendors.items():
        if vid in old_vendors:
            f, g = _vendor_changes(old_vendors[vid], vendor)
            facts.extend(f)
            fields.extend(g)

    old_company = old.company.model_dump(mode="json")
    new_company = new.company.model_dump(mode="json")
    old_rules = old_company.pop("must_haves")
    new_rules = new_company.pop("must_haves")
    for key in sorted(set(old_company) | set(new_company)):
        if _canon(old_company.get(key)) != _canon(new_company.get(key)):
            fields.append(FieldChange(f"company.{key}", old_company.get(key), new_company.get(key)))

    handled = {"company", "criteria", "vendors", "method", "seed"}
    old_top = old.model_dump(mode="json", exclude=handled)
    new_top = new.model_dump(mode="json", exclude=handled)
    for key in sorted(set(old_top) | set(new_top)):
        if _canon(old_top.get(key)) != _canon(new_top.get(key)):
            fields.append(FieldChange(key, old_top.get(key), new_top.get(key)))

    return ProjectDiff(
        weights=tuple(weights),
        criteria_added=tuple(c for c in new_ids if c not in set(old_ids)),
        criteria_removed=tuple(c for c in old_ids if c not in set(new_ids)),
        vendors_added=tuple(v for v in new_vendors if v not in old_vendors),
        vendors_removed=tuple(v for v in old_vendors if v not in new_vendors),
        facts=tuple(facts),
        rules_added=tuple(_multiset_minus(new_rules, old_rules)),
        rules_removed=tuple(_multiset_minus(old_rules, new_rules)),
        method=(old.method, new.method) if old.method != new.method else None,
        seed=(old.seed, new.seed) if old.seed != new.seed else None,
        fields=tuple(fields),
    )
