"""Past a page of kept options, the must-haves page still counts options, not vendors."""

from __future__ import annotations

from erp_select.app import paging
from erp_select.app.pages.must_haves import _names_in_words


def test_a_long_list_of_offers_is_counted_as_options() -> None:
    ids = [f"v{i}--cloud" for i in range(paging.PAGE_ROWS + 10)]
    names = {v: f"Éditeur {v[1:-7]} — Cloud" for v in ids}
    fr = _names_in_words(
        ids, names, "fr", "offers.must.kept", "longlist2.kept_many_options"
    ).replace("\u202f", " ")
    assert fr.startswith(f"{paging.PAGE_ROWS + 10} propositions retenues")
    assert "éditeurs retenus" not in fr and "Éditeur 0 — Cloud" in fr
    en = _names_in_words(ids, names, "en", "offers.must.kept", "longlist2.kept_many_options")
    assert en.startswith(f"{paging.PAGE_ROWS + 10} options kept") and "vendors kept" not in en
