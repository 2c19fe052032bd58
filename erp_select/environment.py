"""The one place that reads erp-select's environment variables (``ERP_SELECT_*``)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

#: Every variable erp-select reads starts with this prefix.
PREFIX = "ERP_SELECT_"
_LANG = re.compile(r"(fr|en)(?:[_.@-].*)?", re.IGNORECASE)


def variable(field: str) -> str:
    """The environment variable of a settings field (``lang`` → ``ERP_SELECT_LANG``)."""
    return PREFIX + field.upper()


def values(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The ``ERP_SELECT_*`` variables of ``env`` (``os.environ`` by default), by name."""
    source = os.environ if env is None else env
    return {name: value for name, value in source.items() if name.startswith(PREFIX)}


def parse_lang(text: str) -> str | None:
    """``"fr"`` or ``"en"`` for a language value (``fr``, ``EN``, ``fr_FR.UTF-8``), else None."""
    found = _LANG.fullmatch(text.strip())
    return found.group(1).lower() if found else None


def default_lang() -> str | None:
    """The language of ``ERP_SELECT_LANG`` when it names one, else None.

    The message catalogues fall back on it; a value naming no supported language is
    refused where the program starts (:func:`erp_select.settings.load_settings`).
    """
    return parse_lang(os.environ.get(variable("lang"), ""))
