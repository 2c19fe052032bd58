"""Warn about vendors whose names read the same (case, accents, width, spaces aside)."""

from __future__ import annotations

from collections.abc import Sequence

from erp_select.errors import Problem
from erp_select.model.vendor import VendorProfile
from erp_select.text import same_names


def same_name_warnings(
    vendors: Sequence[VendorProfile], source: str | None = None
) -> list[Problem]:
    """One warning per vendor whose name reads as an earlier vendor's name.

    Two different ids with names equal once compatibility-normalised, case-folded and
    cleared of invisible characters and extra spaces (``Gestalune``, ``gestalune ``,
    ``Ｇestalune``) are kept (two editions of one product may share a name) but the
    reader cannot tell them apart: a warning names both.

    Parameters
    ----------
    vendors
        The vendors, in file order.
    source
        The file (or page) to name in the warnings.

    Returns
    -------
    list[Problem]
        Warnings ``hostile.same_name`` (field ``name``, the later vendor's name as value).
    """
    out: list[Problem] = []
    for group in same_names((v.id, v.name) for v in vendors):
        first_id, first_name = group[0]
        for ident, name in group[1:]:
            out.append(
                Problem(
                    rule="hostile.same_name",
                    source=source,
                    field="name",
                    value=name,
                    params={"id": ident, "first_id": first_id, "first": first_name},
                )
            )
    return out
