"""Counted sentences take the singular where the language does (it read "1 alertes")."""

from __future__ import annotations

import pytest

from erp_select.i18n import t


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [
        ("fr", 0, "0 éditeur retenu : A."),
        ("fr", 1, "1 éditeur retenu : A."),
        ("fr", 2, "2 éditeurs retenus : A."),
        ("en", 0, "0 vendors kept: A."),
        ("en", 1, "1 vendor kept: A."),
        ("en", 2, "2 vendors kept: A."),
    ],
)
def test_a_count_takes_the_languages_singular(lang: str, n: int, expected: str) -> None:
    assert t("app.must.kept", lang, n=n, vendors="A") == expected


def test_a_key_without_a_singular_is_unchanged() -> None:
    assert t("cli.valid", "fr", path="p", kind="k", count=1) == "p : k valide (1)."
    assert t("app.must.kept", "fr", n=True, vendors="A") == "True éditeurs retenus : A."
