"""Evidence levels widen the performance table's low/high; claims-only cells are exposed.

Widths by the brief: a claim without an explicit range ±25 %, a demo ±10 %, a reference
±5 %, a contract 0. Expected bounds are worked out by hand in the comments.
"""

from __future__ import annotations

import numpy as np
import pytest

from erp_select.evaluate import evaluate
from erp_select.evaluate.evidence import fact_span, level_of, ordered, rests_on_claims
from erp_select.model import CriteriaTree, EvidenceWidths, Fact
from erp_select.sensitivity.smaa import run_smaa
from tests.conftest import make_project, make_vendor, text


def _tree(evidence: dict[str, float] | None = None) -> CriteriaTree:
    data: dict[str, object] = {
        "criteria": [
            {
                "id": "months",
                "label": text("Months", "Mois"),
                "direction": "cost",
                "value": {"kind": "fact", "fact": "impl.months"},
            },
            {
                "id": "config",
                "label": text("Configuration", "Paramétrage"),
                "value": {
                    "kind": "scale",
                    "fact": "custom.configuration",
                    "levels": {"basic": 40, "advanced": 100},
                },
            },
            {
                "id": "controls",
                "label": text("Controls", "Contrôles"),
                "value": {
                    "kind": "checklist",
                    "items": [
                        {"fact": "sec.mfa", "weight": 2},
                        {"fact": "sec.logs", "weight": 1},
                        {"fact": "sec.certs", "item": "iso27001", "weight": 1},
                    ],
                },
            },
            {"id": "tco", "label": text("TCO", "CTP"), "value": {"kind": "tco"}},
        ]
    }
    if evidence is not None:
        data["evidence"] = evidence
    return CriteriaTree.model_validate(data)


def _vendor(vid: str, evidence: str | None, months: float = 10.0) -> object:
    return make_vendor(
        vid,
        impl__months={"value": months, "evidence": evidence},
        custom__configuration={"value": "basic", "evidence": evidence},
        sec__mfa={"value": True, "evidence": "demo"},
        sec__logs={"value": True, "evidence": "claim"},
        sec__certs={"value": ["iso27001"], "evidence": "contract"},
        price__subscription_user_month={"value": 50, "evidence": evidence},
    )


def _cell(perf: object, vendor: str, criterion: str) -> tuple[float, float, float]:
    i = perf.vendors.index(vendor)  # type: ignore[attr-defined]
    j = perf.criteria.index(criterion)  # type: ignore[attr-defined]
    return (
        float(perf.low[i, j]),  # type: ignore[attr-defined]
        float(perf.values[i, j]),  # type: ignore[attr-defined]
        float(perf.high[i, j]),  # type: ignore[attr-defined]
    )


@pytest.mark.parametrize(
    ("evidence", "width"),
    [("claim", 0.25), ("demo", 0.10), ("reference", 0.05), ("contract", 0.0), (None, 0.25)],
)
def test_numeric_fact_widened_by_its_evidence(evidence: str | None, width: float) -> None:
    # 10 months ± width: claim 7.5 … 12.5, demo 9 … 11, reference 9.5 … 10.5, contract 10.
    perf = evaluate(make_project([_vendor("a", evidence)], criteria=_tree()))
    assert _cell(perf, "a", "months") == pytest.approx((10 - 10 * width, 10, 10 + 10 * width))
    # TCO: 10 users × 50 € × 12 × 5 = 30 000 ± width (the subscription is the only price).
    assert _cell(perf, "a", "tco") == pytest.approx(
        (30_000 * (1 - width), 30_000, 30_000 * (1 + width))
    )
    # A scale score of 40 ± width, clipped to 0–100: claim 30 … 50.
    assert _cell(perf, "a", "config") == pytest.approx((40 * (1 - width), 40, 40 * (1 + width)))


def test_checklist_widens_each_item_by_its_own_evidence() -> None:
    # All three controls present → 100. Low = 100 · (2·0.9 + 1·0.75 + 1·1) / 4 = 88.75;
    # high = min(100, …) = 100.
    perf = evaluate(make_project([_vendor("a", "contract")], criteria=_tree()))
    assert _cell(perf, "a", "controls") == pytest.approx((88.75, 100, 100))


def test_explicit_range_is_kept() -> None:
    vendor = make_vendor("a", impl__months={"value": 10, "low": 9, "high": 16, "evidence": "claim"})
    perf = evaluate(make_project([vendor], criteria=_tree()))
    assert _cell(perf, "a", "months") == pytest.approx((9, 10, 16))


def test_widths_are_read_from_the_criteria_file() -> None:
    # The file says a claim is ±50 %: 10 months → 5 … 15.
    tree = _tree({"claim": 0.5, "demo": 0.1, "reference": 0.05, "contract": 0, "unstated": 0})
    perf = evaluate(make_project([_vendor("a", "claim"), _vendor("b", None)], criteria=tree))
    assert _cell(perf, "a", "months") == pytest.approx((5, 10, 15))
    assert _cell(perf, "b", "months") == pytest.approx((10, 10, 10))


def test_claims_only_cells_are_listed() -> None:
    perf = evaluate(
        make_project([_vendor("a", "claim"), _vendor("b", "contract")], criteria=_tree())
    )
    claims = set(perf.claims_only())
    assert {("a", "months"), ("a", "config"), ("a", "tco")} <= claims
    # The checklist mixes a demo, a claim and a contract: not claims only.
    assert ("a", "controls") not in claims
    assert not any(vendor == "b" for vendor, _ in claims)
    assert perf.evidence_of("a", "controls") == ("claim", "demo", "contract")
    assert perf.evidence_of("b", "months") == ("contract",)
    sub = perf.subset(["b"])
    assert sub.claims_only() == [] and sub.evidence_of("b", "tco") == ("contract",)


def test_smaa_samples_inside_the_evidence_ranges() -> None:
    # Two vendors that differ only by evidence: "a" claims 10 months, "b" has 10 months
    # under contract. Only "a"'s cell may move, so "a" wins in some samples and loses in
    # others on the months criterion alone.
    perf = evaluate(make_project([_vendor("a", "claim"), _vendor("b", "contract")], _tree()))
    months = perf.criteria.index("months")
    assert perf.low[0, months] < perf.values[0, months] < perf.high[0, months]
    assert perf.low[1, months] == perf.high[1, months]
    only = [months]
    result = run_smaa(
        perf.values[:, only],
        [perf.objectives[months]],
        weights=np.array([1.0]),
        method="wsm",
        n=400,
        seed=1,
        alternatives=perf.vendors,
        low=perf.low[:, only],
        high=perf.high[:, only],
    )
    first = result.acceptability.to_numpy()[:, 0]
    # Symmetric triangular around 10: "a" beats "b" about half the time.
    assert 0.3 < first[0] < 0.7


def test_helpers() -> None:
    widths = EvidenceWidths()
    assert fact_span(Fact(value=-8, evidence="claim"), widths) == (-10, -8, -6)
    assert fact_span(Fact(value="text"), widths) is None
    assert fact_span(Fact(value=4), None) == (4, 4, 4)
    assert level_of(None) == "unstated" and level_of("demo") == "demo"
    assert ordered(["contract", None, "claim", "claim"]) == ("unstated", "claim", "contract")
    assert rests_on_claims(["claim", "unstated"]) and not rests_on_claims([])
    assert not rests_on_claims(["claim", "demo"])
