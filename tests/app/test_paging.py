"""Pages of the ranking table: the rows each page shows and the picker's words."""

from __future__ import annotations

import pandas as pd

from erp_select.app import paging


def test_each_page_shows_its_rows_and_the_last_one_the_rest() -> None:
    frame = pd.DataFrame({"rank": range(1, 124)})  # 123 vendors: pages of 50, 50 and 23
    assert paging.page_count(123, 50) == 3
    assert list(paging.page_of(frame, 0, 50)["rank"]) == list(range(1, 51))
    assert list(paging.page_of(frame, 1, 50)["rank"]) == list(range(51, 101))
    assert list(paging.page_of(frame, 2, 50)["rank"]) == list(range(101, 124))
    # a page number left over from a longer list shows the last page, not nothing
    assert list(paging.page_of(frame, 9, 50)["rank"]) == list(range(101, 124))
    assert paging.page_count(0, 50) == 1 and paging.page_count(50, 50) == 1


def test_a_page_of_ten_thousand_is_named_in_each_language() -> None:
    assert paging.page_label(1, 10_000, "fr", 50) == "Éditeurs 51 à 100 sur 10\u202f000"
    assert paging.page_label(199, 10_000, "en", 50) == "Vendors 9,951 to 10,000 of 10,000"
