"""Helpers shared by the store's services: canonical JSON, hashing, located errors."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from typing import Any, NoReturn

from erp_select.errors import InputError, Problem
from erp_select.text import bad_character, is_invisible

SOURCE: str | None = None
MAX_NAME = 200
MAX_MESSAGE = 1000


def canonical_json(data: Any) -> str:
    """Return ``data`` as canonical JSON: sorted keys, no spaces, UTF-8, no NaN."""
    return json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def sha256_hex(text: str) -> str:
    """Return the hex SHA-256 of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fail(
    rule: str,
    *,
    field: str | None = None,
    value: Any = None,
    source: str | None = SOURCE,
    **params: Any,
) -> NoReturn:
    """Raise an :class:`InputError` with one problem of rule ``store.<rule>``."""
    raise InputError(
        [Problem(rule=f"store.{rule}", source=source, field=field, value=value, params=params)]
    )


def check_name(value: str, field: str, *, max_length: int = MAX_NAME) -> str:
    """Return ``value`` unchanged when it is a usable name; raise otherwise.

    A name must be a string with some visible character and at most ``max_length``
    characters, without control characters (NUL, escape sequences, line breaks). It is
    stored exactly as given (no stripping, no escaping: escaping is the job of whatever
    displays it).
    """
    if not isinstance(value, str) or not value.strip() or is_invisible(value):
        fail("name_required", field=field, value=value)
    if len(value) > max_length:
        fail("too_long", field=field, value=value, max=max_length)
    if bad_character(value) is not None:
        fail("bad_character", field=field, value=value)
    return value


def name_key(value: str) -> str:
    """Return the form of a person's name used to tell whether two names are one person.

    Case, accents, punctuation and spacing are ignored: « Élodie  Martin », « elodie
    martin » and « ELODIE-MARTIN » give the same key. Used to refuse a second seat
    under a near-identical name; the name itself is stored exactly as typed.
    """
    decomposed = unicodedata.normalize("NFKD", value)
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = "".join(ch if ch.isalnum() else " " for ch in letters.casefold())
    return " ".join(words.split())
