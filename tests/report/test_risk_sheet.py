"""The workbook's risk sheet: each alternative's register, numbers as number cells."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from erp_select.model import Project
from erp_select.report import render_from
from erp_select.report.compute import compute


def test_the_workbook_lists_the_risks_of_vendors_and_their_integrators(demo: Project) -> None:
    inputs = compute(demo, sensitivity_samples=50)
    wb = load_workbook(io.BytesIO(render_from(inputs, "xlsx", "fr")))
    rows = list(wb["Risques"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Identifiant de l'éditeur", "Éditeur", "Risque")
    by_vendor: dict[str, list[tuple[object, ...]]] = {}
    for row in rows[1:]:
        by_vendor.setdefault(str(row[0]), []).append(row)
    # From vendors/praxelia.yaml then vendors/integrators/partners.yaml (atelier-erp):
    # the integrator's risk, 3 × 5 = 15, comes after the vendor's own.
    pair = by_vendor["praxelia--atelier-erp"]
    last = pair[-1]
    assert last[2].startswith("Santé financière fragile")
    assert (last[3], last[4], last[5]) == (3, 5, 15)
    assert len(pair) == len(by_vendor["praxelia--rhone-numerique"])
